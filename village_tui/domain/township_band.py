"""The colour band of a township item's deadline: green, amber (under a quarter of its time left) or red.

As open grievance systems colour a ticket: green while there is time, amber when less than
25 % of the time from the escalation (or the county's 退回) to the reply due day is left, red once the due day has
passed while it still waits. An item the township no longer holds (answered, by the desk or as the
village recorded it, forwarded to the county, returned, closed) is in a band of its own, 已处理:
it is neither waiting nor overdue at the township (an answer given late still counts against the
township in the reviews, see :func:`~village_tui.domain.township.is_overdue`).
"""

from __future__ import annotations

from datetime import date

from village_tui.domain import township as T
from village_tui.domain.models import TownshipItem

GREEN, AMBER, RED, DONE = "green", "amber", "red", "done"
AMBER_SHARE = 0.25
BAND_WORDS = {GREEN: "期限内", AMBER: "将到期", RED: "已超期", DONE: "已处理"}


def deadline_band(item: TownshipItem, due_days: dict[str, int], today: date) -> str:
    """The item's band: ``"green"``, ``"amber"``, ``"red"``, or ``"done"`` once the township's clock stopped.

    Args:
        item: The item at the desk.
        due_days: The reply due days per category (the desk's settings).
        today: Today.
    """
    if T.clock_stopped_on(item) is not None:
        return DONE
    if T.is_overdue(item, due_days, today):
        return RED
    due = T.reply_due(item, due_days)
    whole = max(1, (due - T.clock_start(item)).days)
    left = (due - today).days
    return AMBER if left < whole * AMBER_SHARE else GREEN
