"""Where a ledger item's deadline stands for the village on a day: the one reading of 超期 (R10).

Every surface that calls a ledger item overdue asks here: the ledger's 提醒 and its overdue list,
首页's 超期事项 tab, the meeting agenda, the review's items waiting above, and R10 itself. They
cannot disagree, because none of them compares a due day with a date on its own.

The waiting belongs to the level that holds the item (RULEBOOK, R10):

- An item the village holds (not escalated by the day) is overdue after its due day, by the days
  since (``已超期N天``); a quarter or less of its time left is amber.
- An item escalated by its due day and still waiting at 乡镇/县 is not the village's overdue item:
  the days are the level's (``在乡镇等待N天``), with that level's own overdue days once its reply
  due day passed (``乡镇已超期M天``), never counted against a village cadre.
- An item escalated after its due day was late at the village: it keeps the village's overdue days
  up to the escalation, frozen there (``超期N天才报送，在乡镇等待M天``). As R10 reports it once, in
  the month it was escalated, it is among the village's overdue items in that month only; after it,
  its waiting is the level's, as for an item escalated in time.
- An item escalated in time whose reply came back (``乡镇已于11月3日答复``): R10 judges the
  escalation met in the reply's month and reports it no more, so it is not the village's overdue
  item either (R10 has no due day for the village's handling after a reply).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from village_tui.domain import dates
from village_tui.domain.ledger import open_on
from village_tui.domain.models import Escalation, LedgerItem
from village_tui.domain.township import LevelWait, level_waits

OK, AMBER, RED = "ok", "amber", "red"  # the village holds the item: the colour of its due day
ABOVE = "above"  # escalated by its due day, waiting at 乡镇/县
ANSWERED = "answered"  # escalated by its due day, the level's reply recorded
SENT_LATE = "sent_late"  # escalated after its due day, in the month judged: the village's overdue item
NOT_OPEN = "not_open"  # closed, returned or cancelled on the day (or not yet registered): nothing to remind


@dataclass(frozen=True)
class Deadline:
    """An item's deadline for the village on ``day`` (see the module's docstring).

    Attributes:
        state: ``ok``, ``amber``, ``red`` (the village holds it), ``above``, ``answered``, ``sent_late``
            or ``not_open``.
        day: The day judged.
        due: The item's own due day, or None.
        late_days: The village's overdue days: running (``red``), or up to an escalation made after the
            due day (``sent_late``, and kept in ``above`` and ``answered`` after that month).
        wait: The level above that holds (or last held) the item, or None when it was not escalated.
    """

    state: str
    day: date
    due: date | None = None
    late_days: int = 0
    wait: LevelWait | None = None

    @property
    def overdue(self) -> bool:
        """Whether it counts among the village's overdue items (R10's 超期, the village's own)."""
        return self.state in (RED, SENT_LATE)

    @property
    def colour(self) -> str:
        """``red`` for the village's overdue items, ``amber`` near the due day, else ``ok``."""
        return RED if self.overdue else AMBER if self.state == AMBER else OK

    @property
    def waiting_above(self) -> bool:
        """Whether a level above holds the item on the day (its reply not yet recorded)."""
        return self.wait is not None and self.wait.until is None

    @property
    def above_late_days(self) -> int:
        """Days the level holding the item is past its own reply due day (0 when it is not)."""
        if not self.waiting_above or self.wait is None or not self.wait.overdue:
            return 0
        return (self.day - self.wait.due).days

    def reminder(self) -> str:
        """The 提醒 as lists show it: ``还剩5天``, ``已超期12天``, ``在乡镇等待20天``, ``超期9天才报送，在县等待3天``."""
        if self.state == NOT_OPEN:
            return ""
        if self.state in (OK, AMBER, RED):
            return dates.due_cn(self.due, self.day) if self.due is not None else ""
        above = self._above_text()
        return f"超期{self.late_days}天才报送，{above}" if self.late_days else above

    def _above_text(self) -> str:
        wait = self.wait
        if wait is None:
            return ""
        if not self.waiting_above and wait.until is not None:
            return f"{wait.level}已于{dates.short_cn(wait.until, self.day.year)}答复"
        late = self.above_late_days
        return f"在{wait.level}等待{wait.days}天" + (f"，{wait.level}已超期{late}天" if late else "")


def sent_by(item: LedgerItem, day: date) -> list[Escalation]:
    """The item's escalations made by ``day``, in order."""
    return [step for step in item.escalations if step.day <= day]


def late_escalation_days(item: LedgerItem, day: date) -> int | None:
    """Days past its due day the item was first escalated (as of ``day``), or None when in time or not sent."""
    sent = sent_by(item, day)
    if not sent or item.due is None or sent[0].day <= item.due:
        return None
    return (sent[0].day - item.due).days


def village_deadline(item: LedgerItem, day: date) -> Deadline:
    """Where ``item``'s deadline stands for the village at the end of ``day`` (the one reading of 超期).

    Args:
        item: The ledger item.
        day: The day judged (today, or a month's check day).

    Returns:
        Its :class:`Deadline`; an item not open on the day is ``not_open``, with nothing to remind.
    """
    if not open_on(item, day):
        return Deadline(NOT_OPEN, day, item.due)
    sent = sent_by(item, day)
    if not sent:
        return _held(item, day)
    waits = level_waits(sent, item.category, day)
    wait = waits[-1] if waits else None
    late = late_escalation_days(item, day)
    if late is not None and (sent[0].day.year, sent[0].day.month) == (day.year, day.month):
        return Deadline(SENT_LATE, day, item.due, late, wait)  # R10's month for the late escalation
    if wait is None:
        return Deadline(OK, day, item.due)
    return Deadline(ABOVE if wait.until is None else ANSWERED, day, item.due, late or 0, wait)


def _held(item: LedgerItem, day: date) -> Deadline:
    """An open item the village holds: overdue after its due day, amber in the last quarter of its time."""
    if item.due is None:
        return Deadline(OK, day)
    if day > item.due:
        return Deadline(RED, day, item.due, (day - item.due).days)
    total = (item.due - item.day).days
    left = (item.due - day).days
    return Deadline(AMBER if left * 4 <= total else OK, day, item.due)


def due_state(item: LedgerItem, day: date) -> str:
    """The colour of an item's due day on ``day``: ``red`` (the village's overdue), ``amber`` or ``ok``."""
    return village_deadline(item, day).colour


def is_village_overdue(item: LedgerItem, day: date) -> bool:
    """Whether ``item`` counts among the village's overdue items on ``day``."""
    return village_deadline(item, day).overdue
