"""The data folder's side of the journal: transactions, replay at open, compaction.

Every write of a data file goes through :meth:`JournalMixin.stage`. Inside
:meth:`JournalMixin.transaction` the changes are only collected; when the
outermost transaction ends they are appended to the journal as one line, so a
record, its audit entry and the open-items index (or a whole import) land
together or not at all. A write outside a transaction is a transaction of its own.

The changes in the journal that are not yet in the data files form the
*overlay*: every read of a file lays it over the parsed file. Compaction
writes each touched file (parsed from disk, with the overlay laid over it)
through the crash-safe atomic write, then empties the journal. A crash in
between leaves the journal as it was, and replaying it again is harmless.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from village_tui.domain.errors import ReadOnlyError
from village_tui.domain.os_errors import SaveRefused
from village_tui.store.atomic import atomic_write_bytes
from village_tui.store.journal import JOURNAL_NAME, Files, Journal, JournalTaken
from village_tui.store.shapes import check_tables
from village_tui.store.sign_in_tables import REFERENCE_NAME, sign_in_first
from village_tui.store.storage import BrokenDataFile, encode_tables, lay_over, read_json_file

JOURNAL_LIMIT = 1 << 20  # bytes of journal that trigger a compaction after a save
AUDIT_PREFIX = "audit/"
TORN_SAVE = "上次异常退出，最后一次未完成的保存已丢弃"
LOCK_LOST = ("数据文件夹的锁文件（.lock）被删除或替换了，另一个程序可能已经打开这个文件夹并在写入。"
             "为免互相覆盖，本窗口不再保存；请关闭程序后重新打开数据文件夹")


def seal_chain(prev: Any, seals: dict[str, str], head: Any) -> str:
    """The digest chaining one compaction's seals to the audit chain's end and to the compaction before.

    Editing one file's seal (to hide an edit of that file from ``verify``) without
    recomputing this digest is caught: the seals are then not trusted and named.
    """
    body = json.dumps({"prev": prev, "sealed": seals, "head": head}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass
class Transaction:
    """Changes collected until the outermost transaction ends.

    Attributes:
        files: Changed documents per file and table.
        direct: Changes staged without TinyDB (audit entries), to lay over loaded files after commit.
        touched: Files whose TinyDB storage holds uncommitted changes.
        on_failure: Called when the transaction is not committed.
    """

    files: Files = field(default_factory=dict)
    direct: list[tuple[str, str, dict]] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    on_failure: list[Callable[[], None]] = field(default_factory=list)

    def add(self, relative: str, changes: dict[str, dict[str, Any]]) -> None:
        """Collect changed documents of one file."""
        tables = self.files.setdefault(relative, {})
        for table, docs in changes.items():
            tables.setdefault(table, {}).update(docs)


class JournalMixin:
    """The journal part of :class:`~village_tui.store.folder.DataFolder`."""

    path: Path | None
    readonly_reason: str | None
    _dbs: dict
    _lock: Any

    # Given by DataFolder, which this part of it asks.
    @property
    def readonly(self) -> bool:
        """True when nothing can be written (DataFolder's)."""
        raise NotImplementedError

    def _note_broken(self, error: BrokenDataFile) -> None:
        """Name a data file that does not parse (DataFolder's)."""
        raise NotImplementedError

    def _set_readonly(self, reason: str, release: bool = True) -> None:
        """Turn the folder read-only with a reason (DataFolder's)."""
        raise NotImplementedError

    def _init_journal(self) -> None:
        self._overlay: Files = {}
        self._journal: Journal | None = None
        self._chain_head: tuple[int, str] | None = None
        self._seals: dict[str, str] = {}  # file -> SHA-256 of the bytes the last compaction wrote
        self._seal_chain: str | None = None  # the chained digest of the last compaction's seals
        self.seal_problem: str | None = None  # the seals were edited outside the program, in Chinese
        self._tx: Transaction | None = None
        self._write_lock = threading.RLock()
        self.bytes_journaled = 0  # bytes appended to the journal since the folder was opened

    # -- replay ------------------------------------------------------------

    def _replay_journal(self) -> None:
        """Read the journal into the overlay (after the lock is taken, before any file is read)."""
        assert self.path is not None
        self._journal = Journal(self.path / JOURNAL_NAME, readonly=self.readonly)
        try:
            changes = self._journal.replay()
        except BrokenDataFile as error:
            changes = error.changes
            self._note_broken(error)
        for change in changes:
            self._absorb(change)

    @property
    def torn_save_dropped(self) -> bool:
        """Whether the journal ended in a save a crash cut short (dropped at this open; cut off when writable)."""
        return self._journal is not None and self._journal.dropped > 0

    def open_notices(self) -> list[str]:
        """What opening the folder found and mended, in Chinese, for the user to read once."""
        return [TORN_SAVE] if self.torn_save_dropped else []

    def _absorb(self, change: dict) -> None:
        files = change.get("files")
        if isinstance(files, dict):
            self._merge(files)
        head = change.get("head")
        if isinstance(head, dict) and isinstance(head.get("seq"), int) and isinstance(head.get("hash"), str):
            self._chain_head = (head["seq"], head["hash"])
        seals = change.get("sealed")
        if isinstance(seals, dict):
            seals = {str(rel): str(digest) for rel, digest in seals.items()}
            chain = change.get("chain")
            expected = seal_chain(change.get("prev"), seals, head)
            self._seal_chain = chain if chain == expected else None
            if chain == expected:
                self._seals = seals  # trusted: verify skips re-digesting these files record by record
            else:
                self._seals = {}  # every file is read whole
                if chain is not None:
                    self.seal_problem = ("journal.jsonl 第 1 行记录的文件校验值与其链式校验值不符，"
                                         "在程序之外被改动过（所有数据文件已逐条核对）")

    def _merge(self, files: Files) -> None:
        for relative, tables in files.items():
            mine = self._overlay.setdefault(relative, {})
            for table, docs in tables.items():
                mine.setdefault(table, {}).update(docs)

    def _after_migration(self) -> None:
        """A migration wrote audit entries into the files: the journal's note of the chain's end is stale."""
        self._chain_head = None
        self._seals = {}
        if self._journal is not None and self._journal.size:
            self._journal.clear()

    def overlay_into(self, relative: str, data: dict) -> None:
        """Lay the journal's changes to one file over its parsed tables."""
        tables = self._overlay.get(relative)
        if tables:
            lay_over(data, tables)

    def pending_files(self) -> list[str]:
        """Files with changes in the journal not yet written into them (relative paths)."""
        return sorted(self._overlay)

    def pending_docs(self, relative: str) -> dict[str, dict[str, Any]]:
        """The journal's changed documents of one file not yet compacted into it (table -> key -> doc)."""
        return self._overlay.get(relative, {})

    def sealed_files(self) -> set[str]:
        """Data files whose bytes are exactly what this program's last compaction of them wrote.

        Each compaction notes the SHA-256 of every file it writes in the journal's
        first line. A file edited, restored or replaced since no longer matches.
        """
        if self.path is None:
            return set()
        sealed = set()
        for relative, digest in self._seals.items():
            try:
                data = (self.path / relative).read_bytes()
            except OSError:
                continue
            if hashlib.sha256(data).hexdigest() == digest:
                sealed.add(relative)
        return sealed

    def audit_head(self) -> tuple[int, str] | None:
        """The newest audit entry's ``(seq, hash)`` known without reading an audit file, or None."""
        newest: tuple[int, str] | None = None
        for relative, tables in self._overlay.items():
            if relative.startswith(AUDIT_PREFIX):
                for doc in (tables.get("audit") or {}).values():
                    if isinstance(doc, dict) and isinstance(doc.get("seq"), int) and (
                            newest is None or doc["seq"] > newest[0]):
                        newest = (doc["seq"], str(doc.get("hash", "")))
        return newest or self._chain_head

    # -- writing -----------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is collecting writes (its documents are not in the journal yet)."""
        return self._tx is not None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Collect every write inside into one journal line; a nested transaction joins the outer one.

        Raises:
            ReadOnlyError: The lock was lost (nothing written).
            SaveRefused: The disk refused the line (an ``OSError`` and a ``DomainError`` saying in Chinese
                what happened and what to do; nothing written, memory goes back to the saved state).
        """
        if self._tx is not None:
            yield
            return
        tx = self._tx = Transaction()
        try:
            yield
            self._tx = None
            self._commit(tx)
        except BaseException:
            self._tx = None
            self._roll_back(tx)
            raise
        self._compact_if_large()

    def stage(self, relative: str, changes: dict[str, dict[str, Any]], direct: bool = False) -> None:
        """Record changed documents of one file in the current transaction (or commit them now).

        Args:
            relative: The file, relative to the folder.
            changes: Table -> document key -> document (None: removed).
            direct: The documents were not written through the file's TinyDB storage
                (audit entries): they are laid over the loaded file after the commit.
        """
        if self._tx is None:
            with self.transaction():
                self.stage(relative, changes, direct)
            return
        self._tx.add(relative, changes)
        if direct:
            self._tx.direct.extend((relative, table, docs) for table, docs in changes.items())
        else:
            self._tx.touched.add(relative)

    def on_roll_back(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` if the current transaction is not committed (now, when there is none)."""
        if self._tx is not None:
            self._tx.on_failure.append(callback)

    def _commit(self, tx: Transaction) -> None:
        if not tx.files:
            return
        with self._write_lock:
            if self._journal is not None:
                if self.readonly_reason is not None:
                    raise ReadOnlyError(f"只读：{self.readonly_reason}。不能保存。")
                try:
                    self._check_lock()
                    self.bytes_journaled += self._journal.append({"files": tx.files})
                except JournalTaken as error:
                    self._lose_lock(error)
                except OSError as error:  # the journal cut its half line off: nothing was written
                    raise error if isinstance(error, SaveRefused) else SaveRefused(error) from error
            self._merge(tx.files)
            for relative, table, docs in tx.direct:
                db = self._dbs.get(relative)
                if db is not None and db.storage.loaded:
                    db.storage.apply(table, docs)
                    db.table(table).clear_cache()

    def _roll_back(self, tx: Transaction) -> None:
        for relative in tx.touched:
            db = self._dbs.get(relative)
            if db is not None:
                db.storage.invalidate()
                for table in db.tables():
                    db.table(table).clear_cache()
        for callback in tx.on_failure:
            callback()

    def _check_lock(self) -> None:
        """Refuse to write when the lock file was deleted or replaced behind this program's back.

        Raises:
            ReadOnlyError: The lock is lost; the folder turns read-only and says why.
        """
        lock = self._lock
        if lock is not None and lock.still_held():
            return
        self._lose_lock(None)

    def _lose_lock(self, error: JournalTaken | None) -> None:
        """Another program may be writing the folder: stop every write and say why.

        Raises:
            ReadOnlyError: Always; the folder is read-only from now on.
        """
        self._set_readonly(LOCK_LOST)
        detail = f"（{error}）" if error is not None else ""
        raise ReadOnlyError(f"{LOCK_LOST}{detail}。刚才的内容没有保存。")

    # -- compaction --------------------------------------------------------

    def _compact_if_large(self) -> None:
        if self._journal is not None and self._journal.size > JOURNAL_LIMIT:
            try:
                self.compact()
            except (OSError, BrokenDataFile, ReadOnlyError):
                pass  # the save itself is in the journal; compaction is tried again later

    def compact(self) -> bool:
        """Write the journal's changes into the data files and empty the journal.

        Returns:
            True when files were rewritten.

        Raises:
            OSError: A file could not be written (the journal is kept, so nothing is lost).
            BrokenDataFile: A file to rewrite does not parse (it is not touched).
            ReadOnlyError: The lock was lost.
        """
        if self._journal is None or self.readonly_reason is not None or self.path is None:
            return False
        with self._write_lock:
            if not self._overlay:
                return False
            self._check_lock()
            try:
                with self._journal.exclusive():  # no other program appends while the files are rewritten
                    self._compact_held()
            except JournalTaken as error:
                self._lose_lock(error)
        return True

    def _compact_held(self) -> None:
        """Rewrite the files and replace the journal, holding the journal and the write lock."""
        assert self._journal is not None and self.path is not None
        seals = dict(self._seals)
        for relative in sorted(self._overlay):
            target = self.path / relative
            data: Any = {}
            before: list[str] = []
            if target.exists():
                try:
                    data = read_json_file(target, before)
                    check_tables(target, relative, data)  # a wrong-shaped file is never written over either
                except BrokenDataFile as error:
                    self._note_broken(error)
                    raise
            lay_over(data, self._overlay[relative])
            if relative == REFERENCE_NAME:
                data = sign_in_first(data)  # the sign-in reads the start of the file only
            target.parent.mkdir(parents=True, exist_ok=True)
            encoded = encode_tables(data)
            del data
            atomic_write_bytes(target, encoded)
            if before and seals.get(relative) != before[0]:
                seals.pop(relative, None)  # not as this program wrote it: never sealed (verify reads it whole)
            else:
                seals[relative] = hashlib.sha256(encoded).hexdigest()
            del encoded
        head = self.audit_head()
        keep: dict[str, Any] = {"sealed": seals}
        if head is not None:
            keep["head"] = {"seq": head[0], "hash": head[1]}
        keep["prev"] = self._seal_chain
        keep["chain"] = seal_chain(self._seal_chain, seals, keep.get("head"))
        self._check_lock()  # once more, right before the journal is replaced
        self._journal.clear(keep)
        self._chain_head = head
        self._seals = seals
        self._seal_chain = keep["chain"]
        self._overlay = {}

    def _close_journal(self) -> None:
        """Close the journal; its saves stay there, replayed at the next open.

        A clean close does not rewrite the files: compaction happens when the journal
        passes :data:`JOURNAL_LIMIT` (which bounds the replay at open) and before the
        daily backup, an export or a migration.
        """
        if self._journal is None:
            return
        self._compact_if_large()
        self._journal.close()
