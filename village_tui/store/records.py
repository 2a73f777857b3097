"""Typed access to the records of a data folder, with an audit entry for every change.

Reference kinds (cadres, households, ...) live in ``reference.json`` and have
``int`` ids. Kinds that grow every day (visits, duty, ...) live in one file per
year and have ``str`` ids ``"YYYY-NNNN"``; a save rewrites that year's file only.
Nothing is ever removed: records are archived or cancelled through an update.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from tinydb.table import Table

from village_tui.domain import models as m
from village_tui.domain.errors import NotFoundError, ReadOnlyError, ValidationError
from village_tui.store.audit import BULK_ACTION, AuditLog, record_digest
from village_tui.store.convert import from_document, to_document
from village_tui.store.documents import (insert_document, insert_documents, put_document, replace_document,
                                         storage_of)
from village_tui.store.folder import REFERENCE_NAME, DataFolder
from village_tui.store.kinds import KINDS, SETTINGS_TABLE, Kind, kind_of, split_yearly_id, yearly_id
from village_tui.store.month_counts import count_file_by_month, month_key
from village_tui.store.notices import ChangeNotices, stored_day, told
from village_tui.store.open_index import OPEN_RULES, OpenIndexMixin

_BETWEEN_KEPT = 4  # periods whose records peek_between keeps (a month check reads two kinds, each twice or more)

__all__ = ["KINDS", "SETTINGS_TABLE", "Kind", "RecordStore", "kind_of", "split_yearly_id", "yearly_id"]


class RecordStore(OpenIndexMixin):
    """Reads and writes domain records; every write is audited.

    Args:
        folder: The opened data folder.
    """

    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self.audit = AuditLog(folder)
        self._reference_cache: dict[str, dict[int, Any]] = {}
        self._year_cache: dict[tuple[str, int], dict[str, Any]] = {}
        self._open_cache: dict[str, dict[str, int]] = {}
        self._day_index: dict[tuple[str, int], dict[str, list[str]]] = {}
        self._between: dict[tuple[str, date, date], list[Any]] = {}  # peek_between's records, until a save of the kind
        self._saves_noted = 0  # yearly saves so far: records built across one are not kept (a worker reading)
        self.saves: Counter[str] = Counter()  # records saved per kind this session: what changed
        self.notices = ChangeNotices()  # told after each committed write or transaction

    # -- reading ----------------------------------------------------------

    def _reference(self, kind: Kind) -> dict[int, Any]:
        cached = self._reference_cache.get(kind.name)
        if cached is None:
            # The cadres at the sign-in, before the whole reference file is checked: built, not kept.
            docs = self.folder.sign_in_table(kind.name)
            keep = docs is None
            if docs is None:
                # Built from the stored dicts: TinyDB's iteration copies every document first.
                docs = self.folder.db(REFERENCE_NAME).storage.read().get(kind.name) or {}
            cached = {}
            for key, doc in docs.items():
                doc_id = int(key)
                cached[doc_id] = from_document(kind.cls, doc, doc_id)
            if keep:
                self._reference_cache[kind.name] = cached
        return cached

    def _year(self, kind: Kind, year: int) -> dict[str, Any]:
        key = (kind.name, year)
        cached = self._year_cache.get(key)
        if cached is None:
            saves = self._saves_noted
            cached = {}
            for doc_key, doc in self._stored_table(kind, year).items():  # the stored dicts, not copied (see _reference)
                record_id = yearly_id(year, int(doc_key))
                cached[record_id] = from_document(kind.cls, doc, record_id)
            if saves != self._saves_noted:
                return cached  # a save landed while a worker built these: not kept, nor the file let go
            self._year_cache[key] = cached
            self._release_documents(self.folder.year_table(kind.name, year))
        return cached

    def _release_documents(self, table: Table) -> None:
        """Keep a year's records once, as the records just built: the file's parsed documents are dropped.

        The documents took three times the records' memory (each a dict of its own; the records
        share the text). Saves of the year then go to the journal without parsing the file again,
        the day index and a duplicate check read the records, and an export reads the file. Not
        inside a transaction (its documents are only in the parsed file until it commits), nor in
        a folder kept in memory (the documents are all there is), nor when the folder keeps what it
        read for the review's roll-up (it writes the documents next: dropped, they were parsed again).
        """
        if self.folder.is_memory or self.folder.in_transaction or self.folder.keeps_reads:
            return
        storage_of(table).release()
        table.clear_cache()

    def _released(self, kind: Kind, year: int) -> dict[str, Any] | None:
        """The year's records when they are its only copy in memory (its documents released), else None."""
        cached = self._year_cache.get((kind.name, year))
        if cached is None or self.folder.is_memory or self.folder.is_loaded(self.folder.year_file(kind.name, year)):
            return None
        return cached

    def all(self, kind_name: str, year: int | None = None) -> list[Any]:
        """Every record of a kind (reference kinds), or of one year (yearly kinds).

        Returned objects are deep copies: changing them changes nothing until saved.
        For read-only queries over many records use :meth:`peek`, which does not copy.
        """
        kind = KINDS[kind_name]
        if kind.yearly:
            if year is None:
                raise ValueError("yearly kinds need a year")
            if not self._has_year(kind, year):
                return []
            return [copy.deepcopy(r) for r in self._year(kind, year).values()]
        return [copy.deepcopy(r) for r in self._reference(kind).values()]

    def peek(self, kind_name: str, year: int | None = None) -> Iterator[Any]:
        """Like :meth:`all` but without copying: read-only iteration for queries and checks."""
        kind = KINDS[kind_name]
        if kind.yearly:
            if year is None or not self._has_year(kind, year):
                return iter(())
            return iter(self._year(kind, year).values())
        return iter(self._reference(kind).values())

    def peek_ids(self, kind_name: str, ids: Iterable[int]) -> dict[int, Any]:
        """Records of a reference kind with the given ids, by id, read-only (unknown ids left out).

        When the kind is in memory they come from there; otherwise only these records are
        built and nothing is kept: the month check of a freshly opened folder builds the
        households its month's visits name, not the village's thousands.
        """
        kind = KINDS[kind_name]
        wanted = {i for i in ids if isinstance(i, int)}  # (None: a visit of no household)
        cached = self._reference_cache.get(kind.name)
        if cached is None and self.folder.is_memory:
            cached = self._reference(kind)
        if cached is not None:
            return {i: cached[i] for i in wanted if i in cached}
        docs = self.stored_documents(kind_name)
        found: dict[int, Any] = {number: from_document(kind.cls, doc, number) for number in wanted
                 if (doc := docs.get(str(number))) is not None}
        if len(found) < len(wanted):  # a key written otherwise ("007"), as the whole kind would read it
            found.update((number, from_document(kind.cls, doc, number)) for key, doc in docs.items()
                         if (number := int(key)) in wanted and number not in found)
        return found

    def get(self, kind_name: str, record_id: Any) -> Any:
        """One record by id.

        Raises:
            NotFoundError: No such record.
        """
        kind = KINDS[kind_name]
        if kind.yearly:
            year, _ = split_yearly_id(record_id)
            record = self._year(kind, year).get(str(record_id)) if self._has_year(kind, year) else None
        else:
            record = self._reference(kind).get(int(record_id))
        if record is None:
            raise NotFoundError(f"找不到{kind.label}记录：{record_id}")
        return copy.deepcopy(record)

    def _has_year(self, kind: Kind, year: int | None) -> bool:
        # Checked on every get: a cached year costs a dict lookup, never a folder listing.
        return (kind.name, year) in self._year_cache or (year is not None and self.folder.has_year(kind.name, year))

    def years(self, kind_name: str) -> list[int]:
        """Years holding records of a yearly kind, oldest first."""
        years = set(self.folder.years(kind_name))
        years.update(y for (name, y) in self._year_cache if name == kind_name)
        return sorted(years)

    def stored_on(self, kind_name: str, day: date) -> list[tuple[str, dict]]:
        """The records of a yearly kind dated ``day``, as their stored dicts (read-only), with their ids.

        Served by an index of each year's ids by day, built once from the stored
        dicts (the year's file is parsed at open) and kept up to date by every
        save: a duplicate check then reads a handful of documents, not the
        year's thousands of records.
        """
        kind = KINDS[kind_name]
        key = (kind.name, day.year)
        index = self._day_index.get(key)
        records = self._released(kind, day.year)
        if index is None and records is not None:
            index = {}
            for record_id, record in records.items():
                if (record_day := kind.day_of(record)) is not None:
                    index.setdefault(record_day.isoformat(), []).append(str(split_yearly_id(record_id)[1]))
            self._day_index[key] = index
        if index is None:
            index = {}
            if self._has_year(kind, day.year):
                field = kind.year_field
                for doc_key, doc in self._stored_table(kind, day.year).items():
                    if isinstance(doc, dict) and isinstance(day_text := doc.get(field), str):
                        index.setdefault(day_text, []).append(doc_key)
            self._day_index[key] = index
        keys = index.get(day.isoformat())
        if not keys:
            return []
        if records is not None:  # the year's one copy: its records, as the documents they were read from
            return [(record_id, to_document(record)) for doc_key in keys
                    if (record := records.get(record_id := yearly_id(day.year, int(doc_key)))) is not None]
        table = self._stored_table(kind, day.year)
        return [(yearly_id(day.year, int(doc_key)), doc) for doc_key in keys
                if isinstance(doc := table.get(doc_key), dict)]

    def peek_between(self, kind_name: str, first: date, last: date) -> list[Any]:
        """Records of a yearly kind dated ``first`` to ``last`` (within one year), read-only, in stored order.

        A year already in memory is filtered there. Otherwise only those days' records are
        built, found by the day index (:meth:`stored_on`), and kept for the next reader of the
        same days until a record of the kind is saved (the last few periods read only): the month
        check of a freshly opened folder builds a month's visits once (R6, R12 and the office check
        all read them), not the year's.
        """
        kind = KINDS[kind_name]
        year = first.year
        if last.year != year:
            raise ValueError("peek_between reads one year")
        if (kind.name, year) in self._year_cache or self.folder.is_memory:
            return [r for r in self.peek(kind_name, year) if first <= kind.day_of(r) <= last]
        if not self._has_year(kind, year):
            return []
        built = self._between.get((kind.name, first, last))
        if built is None:
            saves = self._saves_noted
            found = []
            day = first
            while day <= last:
                found.extend(self.stored_on(kind_name, day))
                day += timedelta(days=1)
            found.sort(key=lambda pair: split_yearly_id(pair[0])[1])
            built = [from_document(kind.cls, doc, record_id) for record_id, doc in found]
            if saves == self._saves_noted:
                if len(self._between) >= _BETWEEN_KEPT:
                    del self._between[next(iter(self._between))]  # the oldest: memory stays flat over a year's months
                self._between[(kind.name, first, last)] = built
        return list(built)

    def prepare_saves(self, year: int) -> None:
        """Do at open what the first save of a visit in ``year`` would otherwise pay for.

        When the year's visits are already parsed (they are at open), index them
        by day and find their next id now, so the first save costs what the others do.
        """
        kind = KINDS["visits"]
        if self.folder.readonly or not self.folder.is_loaded(self.folder.year_file(kind.name, year)):
            return
        self.stored_on(kind.name, date(year, 1, 1))
        self.folder.year_table(kind.name, year).storage.peek_next_key(kind.name)

    def stored_documents(self, kind_name: str, year: int | None = None) -> dict[str, Any]:
        """The stored dicts of a reference kind, or of one year of a yearly kind, by key (read-only).

        No records are built. A year not parsed yet is read, shape-checked and not kept
        (the county roll-up reads every year of hundreds of villages).
        """
        kind = KINDS[kind_name]
        if not kind.yearly:
            return self.folder.db(REFERENCE_NAME).storage.read().get(kind.name) or {}
        if year is None:
            raise ValueError("yearly kinds need a year")
        relative = self.folder.year_file(kind.name, year)
        if self.folder.is_memory or self.folder.is_loaded(relative):
            return self._stored_table(kind, year)
        return self.folder.read_file(relative).get(kind.name) or {}

    def _stored_table(self, kind: Kind, year: int) -> dict[str, Any]:
        return self.folder.db(self.folder.year_file(kind.name, year)).storage.read().get(kind.name) or {}

    def _index_day(self, kind: Kind, record_id: Any, day: Any, old_day: Any = None) -> None:
        """Keep the day index of a saved yearly record up to date (only for a year already indexed).

        Args:
            kind: The yearly kind.
            record_id: ``"2026-0042"``.
            day: The stored date (``"2026-11-27"``).
            old_day: The stored date before an update.
        """
        self._saves_noted += 1
        for key in [key for key in self._between if key[0] == kind.name]:
            del self._between[key]  # read again when next asked, with this save
        year, number = split_yearly_id(record_id)
        index = self._day_index.get((kind.name, year))
        if index is None:
            return
        doc_key = str(number)
        if old_day is not None and old_day != day and doc_key in index.get(old_day, ()):
            index[old_day].remove(doc_key)
        keys = index.setdefault(day, [])
        if doc_key not in keys:
            keys.append(doc_key)

    def scan(self, kind_name: str, year: int, keep: Callable[[dict], bool],
             ids: Collection[str] | None = None) -> list[Any]:
        """Records of one year chosen by a test on the stored dict, without keeping the year in memory.

        Used for lookups across old years (a household's history): the file is
        parsed, the matches kept, the rest dropped.

        Args:
            kind_name: The yearly kind.
            year: The year.
            keep: The test on a record's stored dict.
            ids: Only the records with these ids (``"2025-0042"``), asked before anything is built
                (the few requests of an old year still open, not its hundreds).
        """
        kind = KINDS[kind_name]
        key = (kind.name, year)
        if key in self._year_cache or self.folder.is_memory:
            return [copy.deepcopy(r) for r in self._year(kind, year).values()
                    if (ids is None or r.id in ids) and keep(to_document(r))]
        docs = self.folder.read_file(self.folder.year_file(kind.name, year)).get(kind.name, {})
        found: list[Any] = []
        for doc_id, doc in docs.items():
            record_id = yearly_id(year, int(doc_id))
            if (ids is None or record_id in ids) and keep(doc):
                found.append(from_document(kind.cls, doc, record_id))
        return found

    def count_by_month(self, kind_name: str, year: int) -> Counter:
        """Records of one year per ``(year, month)``, cancelled ones left out.

        A year already in memory is counted there; otherwise its file is read
        one record per line and nothing is kept (no records are built).
        """
        kind = KINDS[kind_name]
        key = (kind.name, year)
        if key in self._year_cache or self.folder.is_memory:
            records = self._year(kind, year).values() if self._has_year(kind, year) else ()
            return Counter((d.year, d.month) for r in records
                           if not r.cancelled and (d := kind.day_of(r)) is not None)
        assert self.folder.path is not None
        relative = self.folder.year_file(kind.name, year)
        if relative in self.folder.pending_files():  # the file alone is not the whole year
            docs = (self.folder.read_file(relative).get(kind.name) or {}).values()
            return Counter(month for doc in docs if (month := month_key(doc, kind.year_field)) is not None)
        return count_file_by_month(self.folder.path / relative, kind.name, kind.year_field)

    def release_year(self, kind_name: str, year: int) -> None:
        """Drop one year of a kind from memory."""
        self._year_cache.pop((kind_name, year), None)
        self._day_index.pop((kind_name, year), None)
        self._between.clear()
        self._saves_noted += 1
        self.folder.forget(self.folder.year_file(kind_name, year))

    # -- writing ----------------------------------------------------------

    def _check_writable(self) -> None:
        self.folder.finish_check()  # a write waits for the open's check of the year files
        if self.folder.readonly:
            raise ReadOnlyError(f"只读：{self.folder.readonly_reason}。不能保存。")

    @told
    def insert(self, obj: Any, operator: str, reason: str = "") -> Any:
        """Save a new record, give it an id and audit it (one journal line for both).

        Returns:
            The record with its new id.
        """
        self._check_writable()
        kind = kind_of(obj)
        doc = to_document(obj)
        day = kind.day_of(obj) if kind.yearly else None
        year = day.year if day is not None else None
        first = kind.name in OPEN_RULES and self._stored_index(kind.name) is None and not self.years(kind.name)
        cache, table = self._cache_and_table(kind, year)
        with self.transaction():
            doc_id = insert_document(table, doc)
            record_id = yearly_id(year, doc_id) if year is not None else doc_id
            self._note_saved(kind.name, [(record_id, obj)], first)
            self.notices.note(kind.name, [record_id], [day])
            self.audit.record(operator, "新增", kind.name, str(record_id), None, doc, reason)
        obj.id = record_id  # only now: a failed save leaves the caller's record new, to be saved again
        if cache is not None:
            cache[record_id] = copy.deepcopy(obj)
        if year is not None:
            self._index_day(kind, record_id, doc.get(kind.date_field))
        return obj

    def _cache_and_table(self, kind: Kind, year: int | None) -> tuple[dict | None, Table]:
        """The records already in memory (None: not read yet, they are read from the table when needed) and the table."""
        if year is not None:
            return self._year_cache.get((kind.name, year)), self.folder.year_table(kind.name, year)
        return self._reference_cache.get(kind.name), self.folder.reference_table(kind.name)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Make every save inside one journal line: all of them land, or none (an import).

        When the saves fail, the caches are dropped: they may hold a change the disk refused.
        When the outermost transaction commits, :attr:`notices` tells its subscribers what changed.
        """
        with self.notices.gathering():
            try:
                with self.folder.transaction():
                    yield
            except BaseException:
                self.forget_caches()
                raise

    @told
    def bulk_insert(self, objs: list[Any], operator: str, note: str) -> list[Any]:
        """Save many new records in one journal line, with one audit entry per file.

        The entry lists each record's id with the digest of its document (see
        :mod:`village_tui.store.audit`), so its saved state stays checkable. Used by the demo generator and the spreadsheet import, where a write per
        record would take minutes. Records get ids in the order given.

        Returns:
            The records with their ids.
        """
        self._check_writable()
        groups: dict[tuple[str, int | None], list[Any]] = {}
        for obj in objs:
            kind = kind_of(obj)
            year = kind.day_of(obj).year if kind.yearly else None
            groups.setdefault((kind.name, year), []).append(obj)
        new_kinds = {name for (name, _) in groups if name in OPEN_RULES and not self.years(name)}
        saved: list[tuple[dict | None, list[Any], list[Any]]] = []
        with self.transaction():
            for (name, year), members in groups.items():
                kind = KINDS[name]
                docs = [to_document(obj) for obj in members]
                cache, table = self._cache_and_table(kind, year)
                ids = insert_documents(table, docs)
                record_ids = [yearly_id(year, i) if year is not None else i for i in ids]
                self._note_saved(name, list(zip(record_ids, members)), name in new_kinds)
                self.notices.note(name, record_ids, [kind.day_of(obj) for obj in members] if kind.yearly else [])
                digests = {str(rid): record_digest(doc) for rid, doc in zip(record_ids, docs)}
                self.audit.record(operator, BULK_ACTION, name, f"{record_ids[0]}…{record_ids[-1]}", None,
                                  {"count": len(members), "year": year, "digests": digests}, note)
                saved.append((cache, members, record_ids))
        for cache, members, record_ids in saved:
            for obj, record_id in zip(members, record_ids):
                obj.id = record_id
                if cache is not None:
                    cache[record_id] = copy.deepcopy(obj)
                kind = kind_of(obj)
                if kind.yearly:
                    self._index_day(kind, record_id, kind.day_of(obj).isoformat())
        return objs

    @told
    def update(self, obj: Any, operator: str, reason: str = "", action: str = "修改") -> Any:
        """Save a changed record and audit the change (before and after).

        Raises:
            NotFoundError: The record does not exist.
            ValidationError: A yearly record's date was moved to another year.
        """
        self._check_writable()
        kind = kind_of(obj)
        self.get(kind.name, obj.id)  # NotFoundError for an unknown id
        year: int | None = None
        if kind.yearly:
            year, doc_id = split_yearly_id(obj.id)
        else:
            doc_id = int(obj.id)
        loaded, table = self._cache_and_table(kind, year)
        only = self._released(kind, year) if year is not None else None
        # The stored document: the file's, or, when the year's records are its one copy in memory, the
        # record's own (a private copy, never handed out: get() and all() copy, peek() is read-only).
        found = to_document(only[obj.id]) if only is not None and obj.id in only else table.get(doc_id=doc_id)
        if not isinstance(found, dict):
            raise NotFoundError(f"找不到{kind.label}记录：{obj.id}")
        stored = dict(found)
        cache: dict[Any, Any] = (loaded if loaded is not None else self._year(kind, year) if year is not None
                                 else self._reference(kind))
        # Compare with the file, not the cache: a shallow copy of a cached record changed in place
        # would otherwise make the change look like no change at all.
        old_doc, new_doc = to_document(from_document(kind.cls, stored)), to_document(obj)
        if old_doc == new_doc:
            return obj
        if year is not None and kind.day_of(obj).year != year:
            raise ValidationError(kind.year_field, f"不能把{kind.label}记录改到另一年；请作废后在新的年份重新登记")
        with self.transaction():
            if only is not None:
                put_document(table, doc_id, new_doc)  # found above; replace_document would parse the file to check
            else:
                replace_document(table, doc_id, new_doc)
            self._note_saved(kind.name, [(obj.id, obj)])
            self.notices.note(kind.name, [obj.id], [kind.day_of(obj), stored_day(stored.get(kind.date_field))]
                              if year is not None else [])
            self.audit.record(operator, action, kind.name, str(obj.id), old_doc, new_doc, reason)
        cache[obj.id if year is not None else doc_id] = copy.deepcopy(obj)
        if year is not None:
            self._index_day(kind, obj.id, new_doc.get(kind.date_field), stored.get(kind.date_field))
        return obj

    def forget_caches(self) -> None:
        """Drop every cached record (after a failed write, the files are the truth)."""
        self._reference_cache.clear()
        self._year_cache.clear()
        self._open_cache.clear()
        self._day_index.clear()
        self._between.clear()
        self._saves_noted += 1

    # -- settings ---------------------------------------------------------

    def settings(self) -> m.VillageSettings | None:
        """The village settings, or None before the first-run setup."""
        early = self.folder.sign_in_table(SETTINGS_TABLE)  # at the sign-in, before the whole reference file is read
        doc = early.get("1") if early is not None else self.folder.reference_table(SETTINGS_TABLE).get(doc_id=1)
        return None if doc is None else from_document(m.VillageSettings, doc)

    @told
    def save_settings(self, settings: m.VillageSettings, operator: str, reason: str = "",
                      action: str = "设置") -> None:
        """Save the village settings, audited (``action`` names a change of one purpose, such as a key)."""
        self._check_writable()
        table = self.folder.reference_table(SETTINGS_TABLE)
        old = table.get(doc_id=1)
        new = to_document(settings)
        if old == new:
            return
        with self.transaction():
            if old is None:
                put_document(table, 1, new)
            else:
                replace_document(table, 1, new)
            self.audit.record(operator, action if old else "新增", SETTINGS_TABLE, "1",
                              dict(old) if old else None, new, reason)
            self.notices.note(SETTINGS_TABLE, [1])
        self.saves[SETTINGS_TABLE] += 1
