"""An index of the records still open after their own year (ledger items, service requests).

Month checks need, besides the month's year, every older record that was still
open in that year. Reading each older year to find them would make a check cost
grow with years of history, so the reference file keeps a small table
``open_index``: for each tracked kind, the id of every record that stayed open
past its own year, with the last year it was open in (``OPEN_NOW`` while it is
still open). Records closed within their own year are not listed, so a village
whose old records are all closed reads none of its old years.

The index is derived data: it is written together with each save of its kind
(inside the save, so a failed index write undoes the record like a failed audit
entry), updated by bulk inserts, and rebuilt by one scan of every year when it
is missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from village_tui.domain import ledger as L
from village_tui.domain import service_desk as desk
from village_tui.store.documents import replace_document

INDEX_TABLE = "open_index"
OPEN_NOW = 9999


@dataclass
class OpenIndexEntry:
    """The stored shape of one kind's index (checked at load by :mod:`village_tui.store.shapes`).

    Attributes:
        kind: The kind indexed (``ledger``, ``requests``).
        items: Record id ``"2026-0042"`` → the last year it was open in.
    """

    kind: str
    items: dict[str, int] = field(default_factory=dict)


def _ledger_open_through(item: Any) -> int | None:
    """The last year a ledger item was open in, or None when it closed within its own year."""
    if item.cancelled:
        return None
    if item.status in L.OPEN_STATUSES:
        return OPEN_NOW
    years = [d.year for d in [item.closed_day, *(h.day for h in item.history)] if d is not None]
    last = max(years, default=item.day.year)
    return last if last > item.day.year else None


def _request_open_through(request: Any) -> int | None:
    """The last year a request matters to a month check in (open, closed or due), or None."""
    if request.cancelled:
        return None
    if request.status not in desk.CLOSED_STATUSES:
        return OPEN_NOW
    # A request closed early is still reported when its due month comes (R13).
    years = [d.year for d in (request.done_day, request.due) if d is not None]
    last = max(years, default=request.day.year)
    return last if last > request.day.year else None


# Kind name → the rule telling how long a record stays open.
OPEN_RULES: dict[str, Callable[[Any], int | None]] = {
    "ledger": _ledger_open_through,
    "requests": _request_open_through,
}


class OpenIndexMixin:
    """The ``open_index`` part of :class:`~village_tui.store.records.RecordStore`."""

    folder: Any
    _open_cache: dict[str, dict[str, int]]
    saves: Counter[str]

    # Given by RecordStore, which this part of it asks.
    def years(self, kind_name: str) -> list[int]:
        """Years holding records of a yearly kind (RecordStore's)."""
        raise NotImplementedError

    def scan(self, kind_name: str, year: int, keep: Callable[[dict], bool]) -> list[Any]:
        """Records of one year chosen by a test on the stored dict (RecordStore's)."""
        raise NotImplementedError

    def _index_doc(self, kind_name: str) -> tuple[int, dict] | None:
        table = self.folder.reference_table(INDEX_TABLE)
        for doc in table.all():
            if doc.get("kind") == kind_name:
                return doc.doc_id, doc
        return None

    def _stored_index(self, kind_name: str) -> dict[str, int] | None:
        cached = self._open_cache.get(kind_name)
        if cached is None:
            found = self._index_doc(kind_name)
            if found is None:
                return None
            cached = dict(found[1].get("items") or {})
            self._open_cache[kind_name] = cached
        return cached

    def _write_index(self, kind_name: str, items: dict[str, int]) -> None:
        """Store a kind's index (a new document object, so the storage re-encodes it)."""
        table = self.folder.reference_table(INDEX_TABLE)
        doc = {"kind": kind_name, "items": dict(items)}
        found = self._index_doc(kind_name)
        if found is None:
            table.insert(doc)
        else:
            replace_document(table, found[0], doc)
        self._open_cache[kind_name] = dict(items)

    def open_index(self, kind_name: str) -> dict[str, int]:
        """Ids of the records open past their own year, with the last year each was open in.

        Rebuilt by scanning every year of the kind when the reference file has none
        (kept in memory only when the folder is read-only).
        """
        stored = self._stored_index(kind_name)
        if stored is not None:
            return dict(stored)
        rule = OPEN_RULES[kind_name]
        items: dict[str, int] = {}
        for year in self.years(kind_name):
            for record in self.scan(kind_name, year, lambda doc: True):
                through = rule(record)
                if through is not None:
                    items[str(record.id)] = through
        if self.folder.readonly:
            self._open_cache[kind_name] = items
        else:
            self._write_index(kind_name, items)
        return dict(items)

    def open_years(self, kind_name: str, year: int) -> list[int]:
        """Years before ``year`` holding a record still open in ``year`` (or later)."""
        return sorted({int(rid[:4]) for rid, through in self.open_index(kind_name).items()
                       if through >= year and int(rid[:4]) < year})

    def set_open(self, kind_name: str, record_id: str, through: int | None) -> None:
        """Record how long one record stays open (None: it closed within its own year).

        Does nothing for an untracked kind, when the index is missing (it is rebuilt
        when next needed) or when nothing changes; otherwise rewrites the index.
        """
        stored = self._stored_index(kind_name) if kind_name in OPEN_RULES else None
        if stored is None or stored.get(str(record_id)) == through:
            return
        items = dict(stored)
        if through is None:
            items.pop(str(record_id), None)
        else:
            items[str(record_id)] = through
        self._write_index(kind_name, items)

    def _note_saved(self, kind_name: str, records: list[tuple[Any, Any]], new_kind: bool = False) -> None:
        """Update the index after records of a kind were written.

        Args:
            kind_name: The kind written.
            records: Each record's id and the record.
            new_kind: The kind had no records before (a missing index starts empty).
        """
        self.saves[kind_name] += len(records)
        rule = OPEN_RULES.get(kind_name)
        if rule is None:
            return
        stored = self._stored_index(kind_name)
        if stored is None and not new_kind:
            return
        items = dict(stored or {})
        for record_id, record in records:
            through = rule(record)
            if through is None:
                items.pop(str(record_id), None)
            else:
                items[str(record_id)] = through
        if stored is None or items != stored:
            self._write_index(kind_name, items)
