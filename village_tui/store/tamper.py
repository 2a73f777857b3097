"""Records changed, removed or added behind the program's back (in Notepad, by another program).

The audit log holds the latest state of every record the program saved (the
whole document of a single save, a digest per record of a bulk insert; see
:mod:`village_tui.store.audit`). Replaying it gives the digest each record must
have now; every data file is then read once, one file at a time, and compared.
Nothing is written and no domain objects are built.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import repeat
from typing import Any

from village_tui.domain.errors import NotFoundError
from village_tui.store.audit import AUDIT_DIR, BULK_ACTION, record_digest
from village_tui.store.folder import REFERENCE_NAME, DataFolder
from village_tui.store.migrate_dated import UPGRADE_ACTION
from village_tui.store.kinds import KINDS, SETTINGS_TABLE, split_yearly_id, yearly_id
from village_tui.store.shapes import tables_problem
from village_tui.store.storage import BrokenDataFile, read_json_file

LEGACY = ""  # the digest of a record bulk-inserted before digests were logged: only its presence is checked
_LABELS = {**{name: kind.label for name, kind in KINDS.items()}, SETTINGS_TABLE: "设置"}


def _read(folder: DataFolder, relative: str) -> dict[str, Any]:
    """The tables of one data file with the journal's changes laid over them, parsed and not kept."""
    if folder.is_memory or folder.is_loaded(relative):  # in memory already (the chain check read it)
        return folder.db(relative).storage.read() or {}
    assert folder.path is not None
    path = folder.path / relative
    known = next((b for b in folder.broken_files if b.path == path), None)
    if known is not None and not path.exists():
        raise known  # the reference file lost beside year files: its records are not called deleted one by one
    data: Any = {}
    if path.exists():
        data = read_json_file(path, on_read=folder.on_read)
        if not isinstance(data, dict):
            raise BrokenDataFile(path, "内容不是数据表")
    folder.overlay_into(relative, data)
    return data


def _bulk_ids(kind: str, record_id: str) -> list[str]:
    """The ids of an old bulk entry without digests, from its ``"first…last"`` range."""
    first, sep, last = record_id.partition("…")
    if not sep:
        return []
    try:
        if KINDS[kind].yearly:
            (year, low), (_, high) = split_yearly_id(first), split_yearly_id(last)
            return [yearly_id(year, n) for n in range(low, high + 1)]
        return [str(n) for n in range(int(first), int(last) + 1)]
    except (NotFoundError, ValueError):
        return []


def audited_states(folder: DataFolder, problems: list[str] | None = None) -> dict[tuple[str, str], str]:
    """Replay the audit log: the digest of each record's latest audited state.

    Args:
        folder: The data folder.
        problems: When given, receives a line for each change whose ``before``
            is not the record's previous audited state: the record was changed
            outside the program before that save (the later save does not hide it).

    Returns:
        ``(kind, record id)`` → digest (:data:`LEGACY` when only the id is known).
    """
    states: dict[tuple[str, str], str] = {}
    for month in folder.audit_months():
        try:
            entries = _read(folder, f"{AUDIT_DIR}/{month}.json").get("audit", {})
        except BrokenDataFile:
            continue  # named by the chain check
        if not isinstance(entries, dict):
            continue
        good = [e for e in entries.values() if isinstance(e, dict)]  # a wrong shape is named by the chain check
        for entry in sorted(good, key=lambda e: e["seq"] if type(e.get("seq")) is int else 0):
            kind, after = entry.get("kind"), entry.get("after")
            if kind not in _LABELS or not isinstance(after, dict):
                continue
            if entry.get("action") in (BULK_ACTION, UPGRADE_ACTION) and kind in KINDS:
                digests = after.get("digests")
                if isinstance(digests, dict):
                    states.update(zip(zip(repeat(kind), map(str, digests)), map(str, digests.values())))
                else:
                    states.update(((kind, rid), LEGACY) for rid in _bulk_ids(kind, str(entry.get("record_id"))))
            else:
                key = (kind, str(entry.get("record_id")))
                before, known = entry.get("before"), states.get(key)
                if (problems is not None and isinstance(before, dict) and known not in (None, LEGACY)
                        and record_digest(before) != known):
                    problems.append(f"{_LABELS[kind]} {key[1]} 在程序之外被改动过：第 {entry.get('seq')} 条审计记录"
                                    f"（{entry.get('time')}）修改前的内容与上一次保存的不一致")
                states[key] = record_digest(after)
    return states


def _files(folder: DataFolder) -> list[tuple[str, list[str], int | None]]:
    """Each data file holding records: its relative path, its tables, its year (None: reference)."""
    reference = [name for name, kind in KINDS.items() if not kind.yearly] + [SETTINGS_TABLE]
    files: list[tuple[str, list[str], int | None]] = [(REFERENCE_NAME, reference, None)]
    for name, kind in KINDS.items():
        if kind.yearly:
            files.extend((folder.year_file(name, year), [name], year) for year in folder.years(name))
    return files


def _year_of(kind: str, record_id: str) -> int | None:
    """The year file of a record (None: the reference file or an id of no year)."""
    known = KINDS.get(kind)
    if known is None or not known.yearly:
        return None
    year, sep, number = record_id.partition("-")
    return int(year) if sep and year.isascii() and year.isdigit() and number.isdigit() else None


def check_records(folder: DataFolder, sealed: Collection[str] = ()) -> list[str]:
    """Compare every record in the data files with its latest state in the audit log.

    Args:
        folder: The data folder (opened read-only is enough).
        sealed: Files known to be byte for byte what this program's compaction wrote
            (:meth:`~village_tui.store.journaled.JournalMixin.sealed_files`): their
            records are as the program saved them, so only the journal's later changes
            to them are compared (a file edited in any way is not sealed and is read whole).

    Returns:
        Problems in Chinese, one line per record changed, removed or added
        outside the program, or per data file that cannot be read; empty when
        every record is as the program saved it.
    """
    problems: list[str] = []
    states = audited_states(folder, problems)
    unreadable: set[tuple[str, int | None]] = set()
    trusted: set[tuple[str, int | None]] = set()
    for relative, tables, year in _files(folder):
        if relative in sealed:
            data = folder.pending_docs(relative)
            trusted.update((name, year) for name in tables)
            for name in tables:
                for key, doc in (data.get(name) or {}).items():
                    record_id = yearly_id(year, int(key)) if year is not None else key
                    expected = states.pop((name, record_id), None)
                    if doc is not None and expected not in (None, LEGACY) and record_digest(doc) != expected:
                        problems.append(f"{_LABELS[name]} {record_id} 在程序之外被改动（{relative}）")
            continue
        try:
            data = _read(folder, relative)
        except BrokenDataFile as error:
            problems.append(f"{relative} 无法读取（{error.reason}），其中的记录没有核对")
            unreadable.update((name, year) for name in tables)
            continue
        shape = tables_problem(relative, data)
        if shape is not None:
            problems.append(f"{relative} 格式不对：{shape}（在程序之外被改动；程序以只读方式打开它）")
        for name in tables:
            docs = data.get(name, {})
            if not isinstance(docs, dict):
                problems.append(f"{relative} 中的「{_LABELS[name]}」不是数据表，可能在程序之外被改动")
                continue
            for key, doc in docs.items():
                record_id = yearly_id(year, int(key)) if year is not None and key.isascii() and key.isdigit() else key
                expected = states.pop((name, record_id), None)
                if expected is None:
                    problems.append(f"{_LABELS[name]} {record_id} 没有登记记录，可能在程序之外添加（{relative}）")
                elif expected != LEGACY and (not isinstance(doc, dict) or record_digest(doc) != expected):
                    problems.append(f"{_LABELS[name]} {record_id} 在程序之外被改动（{relative}）")
        del data  # one file in memory at a time
    skipped = unreadable | trusted
    whole = {name for name, year in skipped if year is None}  # reference kinds, skipped whole
    prefixes: dict[str, set[str]] = {}  # yearly kinds: "2026-" of each skipped year (a quick test per record)
    for name, year in skipped:
        if year is not None:
            prefixes.setdefault(name, set()).add(f"{year:04d}-")
    for (name, record_id) in states:
        if name in whole or record_id[:5] in prefixes.get(name, ()):
            continue
        year = _year_of(name, record_id)
        if (name, year) in skipped:
            continue
        where = REFERENCE_NAME if year is None else folder.year_file(name, year)
        problems.append(f"{_LABELS[name]} {record_id} 被删除（审计日志中有，{where} 中没有）")
    return problems
