"""What the township desk's screens show: the waiting list with each item's colour band, and what
the desk did to an item (read back from the audit log).

Kept apart from :mod:`village_tui.service.township`, which receives, replies and sends.
"""

from __future__ import annotations

from dataclasses import dataclass

from village_tui.domain.models import TownshipItem
from village_tui.domain.township_band import DONE, deadline_band
from village_tui.service.township import TownshipDesk


RECEIVED = "接收"
COUNTY_ANSWER = "县答复"  # the audit action of the county's answer taken from its reply package


@dataclass(frozen=True)
class BoardRow:
    """One item on the desk's waiting list.

    Attributes:
        row: The item as ``township list`` gives it (village, item, category, content, escalated_on, due,
            waiting_days, status, reply, forwarded, overdue).
        band: ``"green"``, ``"amber"`` (under a quarter of the time left), ``"red"`` (overdue) or
            ``"done"`` (the township no longer holds it).
    """

    row: dict
    band: str


@dataclass(frozen=True)
class DeskStep:
    """One thing the desk did to an item, as its audit log records it.

    Attributes:
        time: When (``2026-11-27 10:00:00``).
        operator: Who (the desk's operator).
        action: 接收, 答复, 办结, 退回, 上报县, 延期, 重新打开, 发送回复 …
        text: The reply, the reason or the note.
    """

    time: str
    operator: str
    action: str
    text: str


def board_rows(desk: TownshipDesk) -> list[BoardRow]:
    """Every item at the desk with its colour band: the ones still waiting first, the longest waiting
    first, then the ones the township no longer holds."""
    due_days, today = desk.settings().reply_due_days, desk.today
    bands = {(i.village, i.item): deadline_band(i, due_days, today) for i in desk.items()}
    rows = [BoardRow(row, bands[(row["village"], row["item"])]) for row in desk.rows()]
    return sorted(rows, key=lambda board: board.band == DONE)


def desk_steps(desk: TownshipDesk, item: TownshipItem) -> list[DeskStep]:
    """What the desk did to ``item``, oldest first (from the audit log)."""
    entries = desk.records.audit.for_record("township_items", str(item.id))
    steps = []
    for entry in sorted(entries, key=lambda e: e.seq):
        after = entry.after or {}
        own_text = entry.action in ("延期", "重新打开") or not after.get("reply")
        action = RECEIVED if entry.action == "新增" else entry.action  # the first receive inserted it
        text = entry.reason if own_text else str(after["reply"])
        if entry.action == COUNTY_ANSWER and after.get("county_reply"):  # the county's answer, not the desk's
            text = f"{after.get('county_status', '')}：{after['county_reply']}"
        steps.append(DeskStep(entry.time, entry.operator, action, text))
    return steps
