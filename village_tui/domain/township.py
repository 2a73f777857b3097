"""The township desk's rules over escalated items: due day, days waiting, statuses (R10).

The waiting belongs to the level that holds the item (RULEBOOK, R10): the township's
reply due day is its own deadline, counted from the day the village escalated the item;
its clock stops when it answers (reply, close or return) or forwards the item to the
county, which then holds it. When the county returns (退回) a forwarded item, the item is
the township's to handle again: its clock runs again from the day of the return, against
a new due day (the category's days after the return), until the township answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from village_tui.domain.models import Escalation, TownshipItem

DEFAULT_REPLY_DAYS = 15
LEVELS = ("村", "乡镇", "县")
WAITING = "待答复"
REPLIED = "已答复"
CLOSED = "已办结"
RETURNED = "已退回"
FORWARDED = "已转县"
STATUSES = (WAITING, REPLIED, CLOSED, RETURNED, FORWARDED)
# The desk's action → (its status, how the village's escalation reads it)
ACTIONS = {"答复": REPLIED, "办结": CLOSED, "退回": RETURNED, "上报县": FORWARDED}


def county_returned_on(item: TownshipItem) -> date | None:
    """The day the county returned (退回) the item to the township, or None when it did not."""
    if item.county_status == RETURNED and item.county_reply_day is not None:
        return item.county_reply_day
    return None


def returned_waiting(item: TownshipItem) -> bool:
    """Whether the county returned the item and the desk has not answered it since (its last own answer
    is still the forwarding): the township holds it again and may answer it without reopening it."""
    return county_returned_on(item) is not None and item.status == FORWARDED


def clock_start(item: TownshipItem) -> date:
    """The day the township's clock (last) started: the county's 退回, else the village's escalation."""
    return county_returned_on(item) or item.escalated_on


def reply_due(item: TownshipItem, due_days: dict[str, int]) -> date:
    """The township's reply due day: the day its clock started (the escalation, or the county's 退回)
    plus the category's days (15 by default), or the day a 延期 moved it to."""
    if item.extended_to is not None:
        return item.extended_to
    return clock_start(item) + timedelta(days=due_days.get(item.category, DEFAULT_REPLY_DAYS))


def parse_due_days(pairs: list[str]) -> dict[str, int]:
    """``["行路=30", "饮水=10"]`` → ``{"行路": 30, "饮水": 10}``.

    Raises:
        ValueError: A pair is not ``类别=天数`` with 1 to 365 days.
    """
    found = {}
    for pair in pairs:
        category, _, days = pair.partition("=")
        if not category.strip() or not days.strip().isdigit() or not 1 <= int(days) <= 365:
            raise ValueError(f"答复期限应写成 类别=天数（1到365天），如 行路=30：{pair}")
        found[category.strip()] = int(days)
    return found


VILLAGE_DONE = {"已办结": "村里已办结", "退回": "村里已退回", "已作废": "村里已作废"}
FROM_VILLAGE = "村里登记"  # the source of an answer the village recorded by hand (phone, paper)
FROM_DESK = "乡镇办理台"


@dataclass(frozen=True)
class DeskState:
    """Where an item stands for the township, from the desk's own answer and what the village reported.

    A reply the village recorded by hand (by phone, on paper, before the desk existed) counts as the
    township's answer, with its day; the village's own escalation to the county and its closing the
    item stop the township's clock as the desk's own answer does.

    Attributes:
        status: 待答复, 已答复, 已办结, 已退回, 已转县, or 村里已办结 / 村里已退回 / 村里已作废.
        reply: The township's answer ("" while waiting, or when the county took the item unanswered).
        forwarded: The day the county took the item, or None.
        stopped: The day the township's clock stopped, or None while it runs.
        answered: The day of the township's answer, or None.
        source: Where the answer is recorded: 乡镇办理台 (the desk) or 村里登记 (the village's record).
        returned: The day the county returned the item to the township (its clock ran again from it), or None.
    """

    status: str
    reply: str
    forwarded: date | None
    stopped: date | None
    answered: date | None = None
    source: str = ""
    returned: date | None = None


def village_recorded_reply(item: TownshipItem) -> Escalation | None:
    """The township's answer the village recorded on its escalation (by phone or paper), or None."""
    step = next((s for s in reversed(item.escalations) if s.level == "乡镇"), None)
    return step if step is not None and step.reply else None


def desk_state(item: TownshipItem) -> DeskState:
    """The item's state at the township (see :class:`DeskState`)."""
    county = next((step for step in item.escalations if step.level == "县"), None)
    forwarded = item.forwarded or (county.day if county else None)
    back = county_returned_on(item)
    if back is not None:
        return _state_after_return(item, forwarded, back)
    if item.status != WAITING:
        stopped = min(d for d in (item.forwarded, item.reply_day) if d is not None)
        return DeskState(item.status, item.reply, forwarded, stopped, item.reply_day, FROM_DESK)
    step = village_recorded_reply(item)
    answered = (step.reply_day or step.day) if step is not None else None
    reply = step.reply if step is not None else ""
    source = FROM_VILLAGE if step is not None else ""
    if forwarded is not None:
        stopped = min(d for d in (forwarded, answered) if d is not None)
        return DeskState(FORWARDED, reply, forwarded, stopped, answered, source)
    if step is not None and answered is not None:
        return DeskState(REPLIED, reply, None, answered, answered, source)
    if item.village_status in VILLAGE_DONE:
        days = [change.day for change in item.history if change.day >= item.escalated_on]
        return DeskState(VILLAGE_DONE[item.village_status], "", None, max(days, default=item.escalated_on))
    return DeskState(WAITING, "", None, None)


def _state_after_return(item: TownshipItem, forwarded: date | None, back: date) -> DeskState:
    """The state of an item the county returned on ``back``: waiting at the township again until the desk
    answers it (or the village records the township's answer, or closes the item) on or after that day."""
    if item.status != FORWARDED and item.reply_day is not None and item.reply_day >= back:
        return DeskState(item.status, item.reply, forwarded, item.reply_day, item.reply_day, FROM_DESK, back)
    step = village_recorded_reply(item)
    if step is not None and step.day >= back:
        answered = step.reply_day or step.day
        return DeskState(REPLIED, step.reply, forwarded, answered, answered, FROM_VILLAGE, back)
    if item.village_status in VILLAGE_DONE:
        days = [change.day for change in item.history if change.day >= back]
        return DeskState(VILLAGE_DONE[item.village_status], "", forwarded, max(days, default=back), returned=back)
    return DeskState(WAITING, "", forwarded, None, returned=back)


def clock_stopped_on(item: TownshipItem) -> date | None:
    """The day the township's clock stopped (its answer, the county taking the item, the village's
    own record of a reply or of closing it), or None while it runs."""
    return desk_state(item).stopped


def waiting_days(item: TownshipItem, today: date) -> int:
    """Days the item has waited at the township: from its escalation (or the county's 退回) until the clock
    stopped (or today)."""
    end = clock_stopped_on(item) or today
    return max(0, (end - clock_start(item)).days)


def is_overdue(item: TownshipItem, due_days: dict[str, int], today: date) -> bool:
    """Whether the township let its reply due day pass: still waiting after it, or answered after it."""
    end = clock_stopped_on(item) or today
    return end > reply_due(item, due_days)


def reply_text(action: str, text: str, note: str = "", level: str = "乡镇") -> str:
    """What the village's escalation records as the township's (or the county's) reply."""
    if action == "退回":
        return f"退回村里办理：{text}" if level == "乡镇" else f"县退回乡镇办理：{text}"
    if action == "上报县":
        return f"已上报县：{text}" + (f"（{note}）" if note and note != text else "")
    if action == "办结":
        return f"{level}已办结：{text}"
    return text


@dataclass(frozen=True)
class LevelWait:
    """How long one level above the village held an item, against that level's own reply due day (R10).

    Attributes:
        level: 乡镇 or 县.
        office: The office the item went to.
        since: The day the level took the item.
        until: The day its clock stopped (its reply, or the item going on to the county), None while it runs.
        days: Days it held the item, up to ``until`` or the day judged.
        due: Its reply due day (the category's days, 15 by default).
        overdue: Whether it held the item past its due day.
    """

    level: str
    office: str
    since: date
    until: date | None
    days: int
    due: date
    overdue: bool

    def line(self) -> str:
        """``在乡镇已等待 38 天，超过答复期限 2026-11-04`` (the waiting that is the level's, never the village's)."""
        state = "已等待" if self.until is None else "等待了"
        late = f"，超过答复期限 {self.due.isoformat()}" if self.overdue else f"，答复期限 {self.due.isoformat()}"
        return f"在{self.level}{state} {self.days} 天{late}"


def level_waits(escalations: list[Escalation], category: str, day: date,
                due_days: dict[str, int] | None = None) -> list[LevelWait]:
    """Each upper level's waiting on an item, as of ``day``: the waiting belongs to the level that holds it.

    A level's clock runs from the day it took the item until its reply or the day the item went on
    to the county (the county's clock then runs), and stands still after that.

    Args:
        escalations: The item's escalation steps (the village's record of them).
        category: The item's category (its reply days).
        day: The day judged (today, or a period's end).
        due_days: Reply days per category (``DEFAULT_REPLY_DAYS`` for one not named).
    """
    steps = sorted((s for s in escalations if s.level in LEVELS[1:] and s.day <= day), key=lambda s: s.day)
    waits = []
    for index, step in enumerate(steps):
        ends = [step.reply_day or step.day] if step.reply and (step.reply_day or step.day) <= day else []
        if index + 1 < len(steps):
            ends.append(steps[index + 1].day)
        until = min(ends) if ends else None
        end = until or day
        due = step.day + timedelta(days=(due_days or {}).get(category, DEFAULT_REPLY_DAYS))
        waits.append(LevelWait(step.level, step.office, step.day, until, max(0, (end - step.day).days), due,
                               end > due))
    return waits


COUNTY_ACTIONS = {"答复": REPLIED, "办结": CLOSED, "退回": RETURNED}  # the county passes nothing further up


def county_wait(item: TownshipItem, day: date, due_days: int = DEFAULT_REPLY_DAYS) -> LevelWait | None:
    """At the township: the county's waiting on an item forwarded to it (None when it was not).

    The county's clock runs from the day the township forwarded the item until the county's reply
    came back (its day), against the county's due day (``due_days`` after the forwarding).
    """
    if item.forwarded is None:
        return None
    until = item.county_reply_day if item.county_reply else None
    end = min(until or day, day)
    due = item.forwarded + timedelta(days=due_days)
    return LevelWait("县", "", item.forwarded, until, max(0, (end - item.forwarded).days), due, end > due)
