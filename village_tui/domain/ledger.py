"""The residents' concern ledger (民情台账): status changes, escalation and due dates.

Pure functions over :class:`~village_tui.domain.models.LedgerItem`. Every
function that changes an item returns a changed copy and leaves its argument
alone; the service saves the copy. Whether an item is overdue is
:mod:`village_tui.domain.ledger_deadline`'s; the meeting agenda is
:mod:`village_tui.domain.ledger_agenda`'s.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from village_tui.domain.dates import format_cn
from village_tui.domain.errors import DomainError, ValidationError
from village_tui.domain.models import LEVELS, SATISFACTION, Escalation, LedgerItem, StatusChange

DEFAULT_DUE_DAYS = 15
CATEGORY_DUE_DEFAULTS = {"矛盾纠纷": 7, "住房": 30}
SENSITIVE_TEXT = "（敏感事项，内容不显示）"
NO_GROUP = "未关联农户"
OPEN_STATUSES = ("受理", "办理中")
REOPEN = "重新打开"
# Closing straight from 受理 is allowed: many concerns are settled on the spot.
TRANSITIONS = {
    "受理": ("办理中", "已办结", "退回"),
    "办理中": ("已办结", "退回"),
    "已办结": ("办理中",),
    "退回": ("办理中",),
}
OFFICE_SUFFIX = {"乡镇": "民情处理站", "县": "民情处理中心"}


def due_days_for(category: str, overrides: dict[str, int] | None = None) -> int:
    """Days allowed to resolve an item of ``category`` (village setting first, then the defaults)."""
    if overrides and category in overrides:
        return overrides[category]
    return CATEGORY_DUE_DEFAULTS.get(category, DEFAULT_DUE_DAYS)


def default_due(day: date, category: str, overrides: dict[str, int] | None = None) -> date:
    """The default due date of an item opened on ``day``."""
    return day + timedelta(days=due_days_for(category, overrides))


def office_for(level: str, township: str = "", county: str = "") -> str:
    """The receiving office of a level: ``武陵乡民情处理站`` or ``县民情处理中心``."""
    place = township if level == "乡镇" else county
    return f"{place or level}{OFFICE_SUFFIX[level]}"


def next_level(item: LedgerItem) -> str | None:
    """The level an item would be escalated to, or None at the county already."""
    index = LEVELS.index(item.level) if item.level in LEVELS else 0
    return LEVELS[index + 1] if index + 1 < len(LEVELS) else None


def status_on(item: LedgerItem, day: date) -> str | None:
    """The status an item had at the end of ``day`` (None before it was opened)."""
    if day < item.day:
        return None
    if not item.history:
        if item.closed_day is not None and day < item.closed_day:
            return "办理中"
        return item.status
    status = "受理"
    for change in item.history:
        if change.day <= day:
            status = change.status
    return status


def open_on(item: LedgerItem, day: date) -> bool:
    """Whether the item was open at the end of ``day``."""
    return not item.cancelled and status_on(item, day) in OPEN_STATUSES


def set_status(item: LedgerItem, status: str, day: date, note: str = "") -> LedgerItem:
    """Move an item to ``status``; closing goes through :func:`close_item`.

    Raises:
        DomainError: The change is not allowed from the current status.
    """
    if item.cancelled:
        raise DomainError("该事项已作废，不能再改状态")
    if status == "已办结":
        raise DomainError("办结请填写办理结果和群众满意度")
    if status not in TRANSITIONS.get(item.status, ()):
        raise DomainError(f"不能从「{item.status}」改为「{status}」")
    if status == "退回" and not note.strip():
        raise ValidationError("note", "退回请写明原因")
    changed = dataclasses.replace(item, status=status, history=[*item.history, StatusChange(day, status, note)])
    if status != "已办结":
        changed.closed_day = None
    return changed


def close_item(item: LedgerItem, day: date, result: str, feedback: str, satisfaction: str) -> LedgerItem:
    """Close an item (R15: the result and the resident's satisfaction are required).

    Raises:
        ValidationError: No result, or satisfaction not one of 满意/基本满意/不满意.
        DomainError: The item cannot be closed from its status.
    """
    if item.cancelled or "已办结" not in TRANSITIONS.get(item.status, ()):
        raise DomainError(f"「{item.status}」的事项不能办结")
    if not result.strip():
        raise ValidationError("result", "办结前请填写办理结果")
    if satisfaction not in SATISFACTION:
        raise ValidationError("satisfaction", "办结前请填写群众满意度：满意、基本满意或不满意")
    if day < item.day:
        raise ValidationError("closed_day", "办结日期不能早于登记日期")
    return dataclasses.replace(item, status="已办结", result=result, feedback=feedback, satisfaction=satisfaction,
                               closed_day=day, history=[*item.history, StatusChange(day, "已办结")])


def reopen(item: LedgerItem, day: date, reason: str) -> LedgerItem:
    """Reopen a closed or returned item (重新打开 → 办理中); the reason is kept in the history."""
    if item.status not in ("已办结", "退回"):
        raise DomainError("只有已办结或退回的事项才能重新打开")
    if not reason.strip():
        raise ValidationError("note", "重新打开请写明原因")
    changed = set_status(item, "办理中", day, f"{REOPEN}：{reason}")
    changed.satisfaction = ""
    return changed


def escalate(item: LedgerItem, level: str, day: date, office: str) -> LedgerItem:
    """Escalate an open item one level up: 村 → 乡镇 → 县, never down or skipping.

    Raises:
        DomainError: The item is not open, or ``level`` is not the next level up.
        ValidationError: No receiving office, or a day before the item or the last escalation.
    """
    if not item.is_open:
        raise DomainError("只有未办结的事项才能上报")
    expected = next_level(item)
    if expected is None:
        raise DomainError("该事项已报送县民情处理中心，不能再上报")
    if level != expected:
        raise DomainError(f"只能逐级上报：当前在{item.level}级，下一步应报送{expected}")
    if not office.strip():
        raise ValidationError("office", "请填写接收单位")
    last_day = item.escalations[-1].day if item.escalations else item.day
    if day < last_day:
        raise ValidationError("day", f"上报日期不能早于{format_cn(last_day)}")
    changed = dataclasses.replace(item, level=level, escalations=[*item.escalations, Escalation(level, day, office)])
    if changed.status == "受理":
        changed = set_status(changed, "办理中", day, f"上报{level}")
    return changed


def record_reply(item: LedgerItem, reply: str, day: date, signer: str = "") -> LedgerItem:
    """Record the reply of the office the item was last escalated to.

    Raises:
        DomainError: The item was never escalated.
        ValidationError: Empty reply, or a reply day before the escalation.
    """
    if not item.escalations:
        raise DomainError("该事项没有上报，无需登记答复")
    if not reply.strip():
        raise ValidationError("reply", "请填写答复内容")
    last = item.escalations[-1]
    if day < last.day:
        raise ValidationError("reply_day", "答复日期不能早于上报日期")
    escalations = [*item.escalations[:-1], dataclasses.replace(last, reply=reply, reply_day=day, signer=signer)]
    return dataclasses.replace(item, escalations=escalations)


def upper_reply(item: LedgerItem, level: str, reply: str, day: date, signer: str) -> LedgerItem:
    """Record the reply of the office at ``level`` on that level's escalation step (not only the last one).

    Raises:
        DomainError: The item was never escalated to ``level``.
        ValidationError: Empty reply, or a reply day before the escalation.
    """
    steps = [i for i, step in enumerate(item.escalations) if step.level == level]
    if not steps:
        raise DomainError(f"该事项没有上报{level}")
    if not reply.strip():
        raise ValidationError("reply", "请填写答复内容")
    index = steps[-1]
    step = item.escalations[index]
    if day < step.day:
        raise ValidationError("reply_day", "答复日期不能早于上报日期")
    escalations = list(item.escalations)
    escalations[index] = dataclasses.replace(step, reply=reply, reply_day=day, signer=signer)
    return dataclasses.replace(item, escalations=escalations)


def back_to_township(item: LedgerItem, day: date) -> LedgerItem:
    """The county returned (退回) the item to the township on ``day``: it waits at the township again.

    A new 乡镇 step from ``day`` (to the office of the first one) records it, so the waiting from the
    return is the township's (R10), and the township's next answer lands on that step. An item
    closed in the village, or already back at the township since its escalation to the county, is
    left as it is (importing a package again changes nothing).
    """
    last = item.escalations[-1] if item.escalations else None
    if not item.is_open or last is None or last.level != "县" or day < last.day:
        return item
    office = next((step.office for step in item.escalations if step.level == "乡镇"), "")
    return dataclasses.replace(item, level="乡镇", escalations=[*item.escalations, Escalation("乡镇", day, office)])


def awaiting_reply(item: LedgerItem) -> bool:
    """An open item escalated whose last escalation has no reply yet."""
    return item.is_open and bool(item.escalations) and not item.escalations[-1].reply


def list_text(item: LedgerItem) -> str:
    """The content as lists and exports show it: hidden for sensitive (petition) matters."""
    return SENSITIVE_TEXT if item.sensitive else item.content


def bar_chart(counts: dict[str, int], width: int = 20, bar: str = "#") -> list[tuple[str, str, int]]:
    """Rows of a horizontal bar chart: ``(label, bar, count)``, bars scaled to ``width`` cells."""
    top = max(counts.values(), default=0)
    rows = []
    for label, count in counts.items():
        cells = 0 if top == 0 else max(1, round(count * width / top)) if count else 0
        rows.append((label, bar * cells, count))
    return rows
