"""The agenda of a month's 民情分析会 (R9): what is new, still open, overdue and waiting for a reply.

An item is 超期 on the agenda exactly when R10 and every list call it the village's overdue item
(:func:`village_tui.domain.ledger_deadline.is_village_overdue`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from village_tui.domain.ledger import NO_GROUP, awaiting_reply
from village_tui.domain.ledger_deadline import is_village_overdue
from village_tui.domain.models import LedgerItem
from village_tui.domain.validation import group_order_key


@dataclass
class MeetingAgenda:
    """What a month's 民情分析会 has to look at.

    Attributes:
        opened: Items opened in the month (any status).
        still_open: Items opened before the month that are still open.
        overdue: The village's overdue items on the reference day (:func:`is_village_overdue`: an item
            escalated by its due day and waiting above is not one).
        awaiting: Escalated items waiting for a reply.
        by_category: Count of agenda items per category.
        by_group: Count of agenda items per village group.
    """

    year: int
    month: int
    opened: list[LedgerItem] = field(default_factory=list)
    still_open: list[LedgerItem] = field(default_factory=list)
    overdue: list[LedgerItem] = field(default_factory=list)
    awaiting: list[LedgerItem] = field(default_factory=list)
    by_category: dict[str, int] = field(default_factory=dict)
    by_group: dict[str, int] = field(default_factory=dict)

    @property
    def items(self) -> list[LedgerItem]:
        """Every agenda item once: this month's first, then older ones by number."""
        seen: dict[str, LedgerItem] = {}
        for item in [*self.opened, *self.still_open, *self.overdue, *self.awaiting]:
            seen.setdefault(str(item.id), item)
        return list(seen.values())

    def reasons(self, item: LedgerItem) -> list[str]:
        """Why an item is on the agenda, in Chinese (本月新增, 未办结, 超期, 待答复)."""
        ids = lambda items: {i.id for i in items}  # noqa: E731
        labels = (("本月新增", self.opened), ("未办结", self.still_open), ("超期", self.overdue),
                  ("待答复", self.awaiting))
        return [label for label, items in labels if item.id in ids(items)]


def meeting_agenda(year: int, month: int, month_items: Iterable[LedgerItem], open_items: Iterable[LedgerItem],
                   on_day: date, group_of: Callable[[LedgerItem], str]) -> MeetingAgenda:
    """Build the agenda of a month's meeting.

    Args:
        year: The meeting's year.
        month: The meeting's month.
        month_items: Items dated in the month (cancelled ones are skipped).
        open_items: Items open now, from any year.
        on_day: The day overdue is judged on (today, or the month's end for a past month).
        group_of: The village group of an item (``NO_GROUP`` when it names no household).

    Returns:
        The agenda with counts by category and group.
    """
    agenda = MeetingAgenda(year, month)
    agenda.opened = sorted((i for i in month_items if not i.cancelled), key=lambda i: str(i.id))
    in_month = {i.id for i in agenda.opened}
    first = date(year, month, 1)
    earlier = sorted((i for i in open_items if i.is_open and i.day < first and i.id not in in_month),
                     key=lambda i: str(i.id))
    agenda.still_open = earlier
    everything = [*agenda.opened, *earlier]
    agenda.overdue = [i for i in everything if is_village_overdue(i, on_day)]
    agenda.awaiting = [i for i in everything if awaiting_reply(i)]
    items = agenda.items
    agenda.by_category = dict(Counter(i.category for i in items).most_common())
    counts = Counter(group_of(i) or NO_GROUP for i in items)
    agenda.by_group = {g: counts[g] for g in sorted(counts, key=group_order_key)}  # 1组, 2组 … 10组
    return agenda
