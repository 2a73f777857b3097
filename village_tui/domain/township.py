"""The township desk's rules over escalated items: due day, days waiting, statuses (R10).

The waiting belongs to the level that holds the item (RULEBOOK, R10): the township's
reply due day is its own deadline, counted from the day the village escalated the item;
its clock stops when it answers (reply, close or return) or forwards the item to the
county, which then holds it.
"""

from __future__ import annotations

from datetime import date, timedelta

from village_tui.domain.models import TownshipItem

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


def reply_due(item: TownshipItem, due_days: dict[str, int]) -> date:
    """The township's reply due day: the escalation day plus the category's days (15 by default)."""
    return item.escalated_on + timedelta(days=due_days.get(item.category, DEFAULT_REPLY_DAYS))


def clock_stopped_on(item: TownshipItem) -> date | None:
    """The day the township's clock stopped: its answer, or the day the county took the item."""
    if item.forwarded is not None:
        return item.forwarded
    if item.status in (REPLIED, CLOSED, RETURNED):
        return item.reply_day
    return None


def waiting_days(item: TownshipItem, today: date) -> int:
    """Days the item has waited at the township: from its escalation until the clock stopped (or today)."""
    end = clock_stopped_on(item) or today
    return max(0, (end - item.escalated_on).days)


def is_overdue(item: TownshipItem, due_days: dict[str, int], today: date) -> bool:
    """Whether the township let its reply due day pass: still waiting after it, or answered after it."""
    end = clock_stopped_on(item) or today
    return end > reply_due(item, due_days)


def reply_text(action: str, text: str, note: str = "") -> str:
    """What the village's escalation records as the township's reply."""
    if action == "退回":
        return f"退回村里办理：{text}"
    if action == "上报县":
        return f"已上报县：{text}" + (f"（{note}）" if note and note != text else "")
    if action == "办结":
        return f"乡镇已办结：{text}"
    return text
