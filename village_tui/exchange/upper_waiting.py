"""What a village's items wait for above it: each level's waiting and its overdue days, for the review (R10).

The waiting belongs to the level that holds the item (RULEBOOK, R10): the township's (or the
county's) own reply due day, never counted against a village cadre. The review of villages (a
township's or a county's) lists it apart from the village's findings.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from village_tui.domain.ledger_deadline import village_deadline

if TYPE_CHECKING:
    from village_tui.service import VillageService


def upper_waiting_lines(service: VillageService, day: date) -> list[str]:
    """One line per open item still waiting at the township or county on ``day``, the overdue ones first.

    The items are the village's open ones now (an item the village has closed since is no longer
    listed), each judged as of ``day``.

    Args:
        service: The village, opened.
        day: The day judged (the period's end, or today while it runs).
    """
    found: list[tuple[bool, int, str]] = []
    for item in service.escalated_open_items():  # the open-items index: no old year is parsed for this
        deadline = village_deadline(item, day)  # the one reading of 超期 and of the waiting above
        wait = deadline.wait
        if deadline.waiting_above and wait is not None:
            found.append((wait.overdue, wait.days, f"等待上级答复：{item.id}（{item.category}）{wait.line()}"
                                                   f"（算在{wait.level}，不计入本村）"))
    return [line for _, _, line in sorted(found, key=lambda f: (not f[0], -f[1]))]
