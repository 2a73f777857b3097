"""The data folder: which file holds what, the lock, the schema, backups.

Layout::

    data/
      schema.json            schema version
      reference.json         settings, cadres, households, special periods, pairings, matters
      2026/visits.json       records that grow every day, one file per table and year
      2026/duty.json ...
      audit/2026-11.json     the audit log, one file per month
      findings-2026-10.json  a reported month's findings, frozen by its export (store/frozen.py)
      journal.jsonl          saves not yet compacted into the files above (see journal.py)
      backups/2026-11-27/    dated copies (never exported)
      .lock, .lock-info      who has the folder open for writing

This module is the only code that opens files in the data folder.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import date
from typing import Any
from pathlib import Path

from tinydb import TinyDB
from tinydb.table import Table

from village_tui.domain.error_words import error_words, os_reason
from village_tui import __version__
from village_tui.store import backup as backups
from village_tui.store.atomic import remove_stale_temp_files
from village_tui.domain import clock
from village_tui.store.audit import AUDIT_DIR
from village_tui.store.folder_backups import BackupMixin
from village_tui.store.journaled import JournalMixin
from village_tui.store.restore import RestoreMixin
from village_tui.store.lock import FolderLock
from village_tui.store.schema import SCHEMA_NAME, SCHEMA_VERSION, migrate, read_schema, write_schema
from village_tui.store.shapes import WrongShapeFile, check_tables, tables_problem
from village_tui.store.sign_in_tables import REFERENCE_NAME, SIGN_IN_TABLES, read_sign_in_tables
from village_tui.store.storage import BrokenDataFile, JournalStorage, lay_over, nesting_problem, read_json_file

_YEAR_DIR = re.compile(r"^\d{4}$")
_AUDIT_FILE = re.compile(r"^\d{4}-\d{2}\.json$")
TinyDB.default_table_name = "_unused"


class DataFolder(JournalMixin, RestoreMixin, BackupMixin):
    """Opens a data folder (or an in-memory one for tests) and hands out TinyDB tables.

    Args:
        path: The folder, or None for a memory-only folder.
        readonly: Open without writing anything, not even the lock.
        today: The date used for the daily backup.
        create: Create the folder when it does not exist.
        parse_at_open: Parse the reference file and this year's files at open (False: only
            check every file cheaply, for ``verify``, which reads what it needs itself).
        check_later: Read only the reference file's settings and cadres at open (the sign-in
            needs nothing else; :meth:`sign_in_table`); the whole reference file, from the same
            bytes, and the year files are parsed and checked by :meth:`finish_check`, which the
            app runs in a worker after its first frame. Every write waits for that check first, so
            a broken file is named before anything is written. Ignored when the folder is migrated.
        on_read: Called with each data file's path and the very bytes parsed, whenever one is
            parsed (a verifier hashes them, so a copy's files are read once and what is checked
            against its manifest is what was read).
        keep_reads: Keep what :meth:`read_file` returns until :meth:`forget`, for a reader that
            reads the same files again before it is done (the review's roll-up reads every file
            after the checks read the old years they need; it drops each year once written).

    Attributes:
        readonly_reason: Why the folder is read-only, in Chinese, or None when writable.
        broken_files: Data files that failed the check at open (reading it finishes a check
            left for later, so it always names every broken file).
    """

    def __init__(self, path: Path | str | None, readonly: bool = False, today: date | None = None,
                 create: bool = True, parse_at_open: bool = True, check_later: bool = False,
                 on_read: Callable[[Path, bytes], None] | None = None, keep_reads: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.on_read = on_read
        self._kept: dict[str, dict] | None = {} if keep_reads else None  # read_file's results, when kept
        self._parse_at_open = parse_at_open
        self.readonly_reason: str | None = "以只读方式打开（--readonly）" if readonly else None
        self._broken: list[BrokenDataFile] = []
        self._check_pending = False  # the year files are still to be checked (finish_check)
        self._checking = threading.Lock()  # held while they are: a write waits on it
        self._db_lock = threading.RLock()  # one parse of a file, whichever thread asks first
        self._sign_in: dict[str, dict] | None = None  # the sign-in's tables, until the reference file is parsed
        self._reference_bytes: bytes | None = None  # the bytes they were read from, for that parse
        self._schema_missing = False
        self.migrated_from: int | None = None
        self._readonly_for_broken = False
        self._today = today or clock.today()
        self._dbs: dict[str, TinyDB] = {}
        self._lock: FolderLock | None = None
        self._backup_thread: threading.Thread | None = None
        self._init_journal()
        if self.path is not None:
            self._open(create, check_later)

    @classmethod
    def in_memory(cls) -> DataFolder:
        """A folder that lives only in memory, for tests."""
        return cls(None)

    @property
    def broken_files(self) -> list[BrokenDataFile]:
        """Data files that do not parse or are of the wrong shape (after finishing the open's check)."""
        self.finish_check()
        return self._broken

    @broken_files.setter
    def broken_files(self, files: list[BrokenDataFile]) -> None:
        self._broken = files

    @property
    def check_pending(self) -> bool:
        """Whether the year files are still to be checked (:meth:`finish_check` has not run)."""
        return self._check_pending

    def _commit(self, tx: Any) -> None:
        """Write a transaction's line to the journal once the open's check has passed.

        A transaction that changed nothing does not wait. A broken file found by the check turns
        the folder read-only first, so the line is refused (ReadOnlyError) and nothing is written.
        """
        if tx.files:
            self.finish_check()
        super()._commit(tx)

    def finish_check(self) -> None:
        """Parse and check the files an open with ``check_later`` left (at once when another thread is at it, wait).

        Safe from any thread; returns at once once the check is done. A write calls it first.
        """
        if not self._check_pending:
            return
        with self._checking:
            if not self._check_pending:
                return  # another thread finished it while this one waited
            try:
                if self._sign_in is not None:
                    try:
                        self.db(REFERENCE_NAME)  # the whole file, from the bytes the sign-in was shown from
                    except BrokenDataFile:
                        pass  # noted by db(): the folder is read-only before any write
                self._check_files(skip=REFERENCE_NAME)
                if not self.readonly:
                    assert self.path is not None
                    remove_stale_temp_files(self.path)
                if self._schema_missing and not self._broken and not self.readonly:
                    assert self.path is not None
                    write_schema(self.path, SCHEMA_VERSION, __version__)
            except OSError as error:  # the folder could not be listed or written: nothing is written
                self._set_readonly(f"数据文件夹读写失败：{os_reason(error)}。以只读方式打开", release=False)
            finally:
                self._check_pending = False

    @property
    def readonly(self) -> bool:
        """True when nothing may be written."""
        return self.readonly_reason is not None

    @property
    def is_memory(self) -> bool:
        """True for an in-memory folder."""
        return self.path is None

    @property
    def keeps_reads(self) -> bool:
        """True when every file read is kept until forgotten (the review's roll-up reads them all again)."""
        return self._kept is not None

    def display_path(self) -> str:
        """The folder as shown in the header."""
        return "（内存）" if self.path is None else str(self.path.resolve())

    # -- opening ---------------------------------------------------------

    def _open(self, create: bool, check_later: bool = False) -> None:
        assert self.path is not None
        if not self.path.exists():
            if self.readonly or not create:
                raise FileNotFoundError(f"数据文件夹不存在：{self.path}")
            self.path.mkdir(parents=True)
        if not self.readonly:
            self._lock = FolderLock(self.path)
            try:
                taken = self._lock.acquire()
            except OSError as error:
                taken = False
                self.readonly_reason = f"数据文件夹不可写：{os_reason(error)}。以只读方式打开"
            else:
                if not taken:
                    self.readonly_reason = (f"{self._lock.holder_description()}正在使用这个数据文件夹，"
                                            "本窗口以只读方式打开")
            if not taken:
                self._lock = None
        schema = self._read_schema()
        if schema is not None and schema > SCHEMA_VERSION:
            self._set_readonly(f"数据由较新版本的程序保存（数据版本 {schema}，本程序支持 {SCHEMA_VERSION}），"
                               "以只读方式打开；请升级程序")
        self._replay_journal()  # the folder is judged with its acknowledged saves, not by its files alone
        self._check_reference_exists()
        check_later = check_later and self._parse_at_open and (schema is None or schema == SCHEMA_VERSION)
        if not self.readonly:
            if not check_later:
                remove_stale_temp_files(self.path)  # (checking later: with the year files, in finish_check)
            if schema is None and check_later:
                self._schema_missing = True  # written once the year files are checked (finish_check)
            elif schema is None and not self._broken:
                write_schema(self.path, SCHEMA_VERSION, __version__)
            elif schema is not None and schema < SCHEMA_VERSION:
                self.compact()  # a migration rewrites the files: fold the journal into them first
                self._migrate(schema)
        if check_later:
            # The sign-in needs the settings and cadres only: the rest waits for finish_check. When they
            # cannot be read alone, the whole reference file is parsed now (and what is wrong named).
            if (self.path / REFERENCE_NAME).exists() and not self._read_sign_in_tables():
                try:
                    self.db(REFERENCE_NAME)
                except BrokenDataFile:
                    pass  # noted by db()
            self._check_pending = True
            return
        self._check_files()

    def _read_sign_in_tables(self) -> bool:
        """Read the reference file's bytes and decode its settings and cadres only (see :mod:`.sign_in_tables`).

        The journal's saves to those two tables are laid over them, and they are shape-checked.
        The bytes are kept for the whole parse in :meth:`finish_check`.

        Returns:
            False when they cannot be read so (the file unreadable or not UTF-8, a table missing,
            its start not strict JSON, a record of the wrong shape): the file is then parsed whole.
        """
        assert self.path is not None
        try:
            raw = (self.path / REFERENCE_NAME).read_bytes()
            tables = read_sign_in_tables(raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            return False
        if tables is None:
            return False
        lay_over(tables, {name: docs for name, docs in self.pending_docs(REFERENCE_NAME).items()
                          if name in SIGN_IN_TABLES})
        if tables_problem(REFERENCE_NAME, tables) is not None:
            return False
        self._reference_bytes = raw
        self._sign_in = tables
        return True

    def sign_in_table(self, name: str) -> dict | None:
        """The settings or cadres as read for the sign-in, until the whole reference file is parsed.

        Safe from any thread. The stored documents, read-only (never kept as the records: the
        whole file's check may still find the file broken).

        Returns:
            The table (key -> document), or None: the open read the reference file whole, it has
            been parsed since (read it through :meth:`db`), or ``name`` is another table.
        """
        tables = self._sign_in
        return None if tables is None else tables.get(name)

    def _read_schema(self) -> int | None:
        assert self.path is not None
        try:
            return read_schema(self.path, self.on_read)
        except BrokenDataFile as error:
            self._note_broken(error)
            return None

    def _check_reference_exists(self) -> None:
        """A folder holding year files or audit files but no reference file is broken, not new.

        Starting the first-run setup there would hand out household and cadre ids
        again, and the old visits would point at the new families.
        """
        assert self.path is not None
        reference = self.path / REFERENCE_NAME
        if reference.exists() or REFERENCE_NAME in self.pending_files():
            return  # on disk, or still in the journal (a compaction cut before it wrote the reference file)
        others = [p for p in self.data_files() if p.parent != self.path]
        if others:
            self._note_broken(BrokenDataFile(
                reference, f"文件不见了，但文件夹里还有 {len(others)} 个年度记录或审计日志文件"
                           "（不是新的数据文件夹）"))

    def _migrate(self, schema: int) -> None:
        assert self.path is not None
        try:
            self.read_file(REFERENCE_NAME)  # a file of the wrong shape is never migrated (nor written)
        except BrokenDataFile:
            return  # noted: the folder is read-only
        backups.make_backup(self.path, self.data_files(), self._today, name=f"{self._today.isoformat()}-升级前-v{schema}")
        try:
            migrate(self.path, schema, __version__)
        except Exception as error:  # a failed step leaves the backup; never write over half-migrated data
            self._set_readonly(f"数据升级失败（{error_words(error)}），已保留升级前的备份，以只读方式打开", release=False)
            return
        self.migrated_from = schema
        self._after_migration()

    def _check_files(self, skip: str = SCHEMA_NAME) -> None:
        """Parse the files needed at once (reference, this year); cheaply check the rest.

        Args:
            skip: A file checked already (the reference file, parsed at an open that checks later).
        """
        assert self.path is not None
        this_year = f"{self._today.year:04d}/"
        for path in self.data_files():
            relative = path.relative_to(self.path).as_posix()
            if relative in (SCHEMA_NAME, skip):
                continue
            if self._parse_at_open and (relative == REFERENCE_NAME or relative.startswith(this_year)):
                try:
                    self.db(relative)  # parsed once and kept: the program needs these first
                except BrokenDataFile:
                    pass  # noted by db()
                continue
            problem = self._quick_check(path)
            if problem is not None:
                self._note_broken(problem)

    def _note_broken(self, error: BrokenDataFile) -> None:
        """Remember a file that does not parse and stop all writing (keeping the lock for a restore)."""
        if all(known.path != error.path for known in self._broken):
            self._broken.append(error)
        if self.path is not None and error.path == self.path / REFERENCE_NAME:
            self._sign_in = self._reference_bytes = None  # from now on, reading the settings names the broken file
        if self.readonly_reason is None or self._readonly_for_broken:
            assert self.path is not None
            self._set_readonly(f"有数据文件无法读取或格式不对（{self.broken_names()}），为保护数据以只读方式打开",
                               release=False)
            self._readonly_for_broken = True

    def broken_names(self) -> str:
        """The broken files' paths in the folder, ``reference.json、2026/visits.json``."""
        assert self.path is not None
        return "、".join(b.path.relative_to(self.path).as_posix() for b in self._broken)

    def describe_broken(self, broken: BrokenDataFile) -> str:
        """One broken file in Chinese: ``2026/visits.json 第12条记录：...`` or ``reference.json（文件为空）``."""
        assert self.path is not None
        relative = broken.path.relative_to(self.path).as_posix()
        return f"{relative} {broken.reason}" if isinstance(broken, WrongShapeFile) else f"{relative}（{broken.reason}）"

    def broken_message(self) -> str | None:
        """Why the folder's data cannot be used, in Chinese (each broken file and what is wrong), or None."""
        if not self.broken_files:
            return None
        details = "；".join(self.describe_broken(b) for b in self._broken)
        return (f"有数据文件无法读取或格式不对，已原样保留、未被覆盖：{details}。"
                "请在工作台中用最新备份恢复（或把原文件交给技术人员检查）")

    def _set_readonly(self, reason: str, release: bool = True) -> None:
        self.readonly_reason = reason
        if release and self._lock is not None:
            self._lock.release()
            self._lock = None

    @staticmethod
    def _quick_check(path: Path) -> BrokenDataFile | None:
        """Cheap check of a file not needed yet: not empty, starts with ``{`` and ends with ``}``."""
        try:
            size = path.stat().st_size
            with open(path, "rb") as handle:
                head = handle.read(64).lstrip()
                handle.seek(max(0, size - 64))
                tail = handle.read().rstrip()
        except OSError as error:
            return BrokenDataFile(path, f"打不开：{os_reason(error)}")
        if size == 0 or not head:
            return BrokenDataFile(path, "文件为空")
        if not head.startswith(b"{") or not tail.endswith(b"}"):
            return BrokenDataFile(path, "文件不完整或末尾有多余内容")
        return None

    def set_operator(self, operator: str) -> None:
        """Record who is at the keyboard in the lock info."""
        if self._lock is not None:
            self._lock.update_operator(operator)

    def compact(self) -> bool:
        """Write the journal's changes into the files (:meth:`JournalMixin.compact`) once the open's check has run.

        The reference file is parsed from the bytes the sign-in was shown from before it is rewritten.
        """
        self.finish_check()
        return super().compact()

    def close(self) -> None:
        """Wait for a running backup, compact the journal into the files, release the lock and drop open files."""
        with self._checking:  # a check still running finishes first; one not started is not needed now
            self._check_pending = False
            self._sign_in = self._reference_bytes = None
        self.wait_for_backup()
        self._close_journal()
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()
        if self._kept is not None:
            self._kept.clear()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- files -----------------------------------------------------------

    def data_files(self) -> list[Path]:
        """Every data file of the folder (not backups, not the lock), sorted."""
        if self.path is None:
            return []
        files = [self.path / name for name in ("schema.json", REFERENCE_NAME) if (self.path / name).exists()]
        files.extend(sorted(self.path.glob("findings-*.json")))  # frozen results of reported months
        for child in sorted(self.path.iterdir()):
            if child.is_dir() and (_YEAR_DIR.match(child.name) or child.name == AUDIT_DIR):
                files.extend(sorted(p for p in child.glob("*.json") if not p.name.startswith(".")))
        return files

    def db(self, relative: str) -> TinyDB:
        """The TinyDB of one data file, opened once and kept.

        Raises:
            BrokenDataFile: The file exists but does not parse (it is not touched).
        """
        db = self._dbs.get(relative)
        if db is None:
            with self._db_lock:  # the open's check parses in a worker while a screen may ask for the same file
                return self._open_db(relative)
        return db

    def _open_db(self, relative: str) -> TinyDB:
        """Parse and check one data file and keep its TinyDB (holding the lock of :meth:`db`)."""
        db = self._dbs.get(relative)
        if db is None:
            if self.path is None:
                db = TinyDB(None, self, relative, storage=JournalStorage)
            else:
                target = self.path / relative
                known = next((b for b in self._broken if b.path == target), None)
                if known is not None:
                    raise known  # never parsed twice, never read as empty when it went missing
                db = TinyDB(target, self, relative, storage=JournalStorage, readonly=self.readonly)
                if relative == REFERENCE_NAME and isinstance(db.storage, JournalStorage):
                    db.storage.read_already, self._reference_bytes = self._reference_bytes, None
                try:
                    data = db.storage.read()  # parse now so a broken file is named before any use
                    if data is not None:
                        check_tables(target, relative, data)
                except BrokenDataFile as error:
                    db.storage.close()
                    self._note_broken(error)
                    raise
            self._dbs[relative] = db
            if relative == REFERENCE_NAME:
                self._sign_in = None  # read from the parsed file from now on (writes go there)
        return db

    def read_file(self, relative: str) -> dict:
        """The checked tables of one data file with the journal's changes, read and not kept (a lookup in an old year).

        Returns:
            The tables (empty when the file does not exist).

        Raises:
            BrokenDataFile: The file does not parse or is of the wrong shape (noted, never overwritten).
        """
        assert self.path is not None
        if self._kept is not None and relative in self._kept:
            return self._kept[relative]
        target = self.path / relative
        known = next((b for b in self._broken if b.path == target), None)
        if known is not None:
            raise known
        data: dict = {}
        try:
            if target.exists():
                data = read_json_file(target, on_read=self.on_read)
            if data or relative in self._overlay:
                self.overlay_into(relative, data)  # the saves still in the journal
                check_tables(target, relative, data)
        except BrokenDataFile as error:
            self._note_broken(error)
            raise
        if self._kept is not None:
            self._kept[relative] = data  # read once, until forgotten (the review's roll-up reads it again)
        return data

    def check_every_file(self) -> None:
        """Parse and check every data file not loaded yet, one at a time, and every file's nesting (before an export).

        Raises:
            BrokenDataFile: The first file that does not parse or is of the wrong shape
                (every one found is noted in :attr:`broken_files`).
        """
        if self.path is None:
            return
        self.finish_check()
        first: BrokenDataFile | None = self._broken[0] if self._broken else None
        for path in self.data_files():
            relative = path.relative_to(self.path).as_posix()
            if relative == SCHEMA_NAME:
                continue
            try:
                data = self.db(relative).storage.read() if self.is_loaded(relative) else self.read_file(relative)
                too_deep = nesting_problem(path, data)
                del data
                if too_deep is not None:
                    self._note_broken(too_deep)
                    raise too_deep
            except BrokenDataFile as error:
                first = first or error
        if first is not None:
            raise first

    def is_loaded(self, relative: str) -> bool:
        """Whether one data file is parsed and in memory."""
        db = self._dbs.get(relative)
        return db is not None and isinstance(db.storage, JournalStorage) and db.storage.loaded

    def forget(self, relative: str) -> None:
        """Drop an opened file from memory (old years read once for a lookup)."""
        if self._kept is not None:
            self._kept.pop(relative, None)
        db = self._dbs.pop(relative, None)
        if db is not None:
            db.close()

    def reference_table(self, name: str) -> Table:
        """A table of the reference file."""
        return self.db(REFERENCE_NAME).table(name)

    @staticmethod
    def year_file(name: str, year: int) -> str:
        """The relative path of one table's file for one year."""
        return f"{year:04d}/{name}.json"

    def year_table(self, name: str, year: int) -> Table:
        """The table of one year's file of ``name`` (visits, duty, ...)."""
        return self.db(self.year_file(name, year)).table(name)

    def years(self, name: str) -> list[int]:
        """Years that have a file of table ``name``, oldest first."""
        found = {int(rel[:4]) for rel in (*self._dbs, *self._overlay)
                 if rel.endswith(f"/{name}.json") and _YEAR_DIR.match(rel[:4])}
        if self.path is not None:
            found.update(int(d.name) for d in self.path.iterdir()
                         if d.is_dir() and _YEAR_DIR.match(d.name) and (d / f"{name}.json").exists())
        return sorted(found)

    def has_year(self, name: str, year: int) -> bool:
        """Whether table ``name`` has a file (or, in memory, a table) for ``year``: one stat, no listing."""
        relative = self.year_file(name, year)
        if relative in self._dbs or relative in self._overlay:
            return True
        return self.path is not None and (self.path / relative).exists()

    def audit_table(self, month: str) -> Table:
        """The audit table of one month ``YYYY-MM``."""
        return self.db(f"{AUDIT_DIR}/{month}.json").table("audit")

    def audit_months(self) -> list[str]:
        """Months that have an audit file, oldest first."""
        found = {rel[len(AUDIT_DIR) + 1:-5] for rel in (*self._dbs, *self._overlay) if rel.startswith(AUDIT_DIR + "/")}
        folder = None if self.path is None else self.path / AUDIT_DIR
        if folder is not None and folder.is_dir():
            found.update(p.stem for p in folder.iterdir() if _AUDIT_FILE.match(p.name))
        return sorted(found)
