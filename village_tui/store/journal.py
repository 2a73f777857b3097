"""The folder's append-only journal: each save is one checksummed line, written once and fsynced.

A line holds every document a save changed, in every data file it touched
(the record, its audit entry, the open-items index; for an import, every
record of every kind), so the whole change lands or none of it does::

    {"sha256":"<64 hex digits>","change":{"files":{"2026/visits.json":{"visits":{"42":{...}}},
                                                   "audit/2026-11.json":{"audit":{"913":{...}}}}}}

The checksum covers the exact bytes of the ``change`` value. ``null`` as a
document means the document was removed. Replaying a line sets each named
document, so replaying a line twice changes nothing: that is what makes the
compaction (:meth:`village_tui.store.journaled.JournalMixin.compact`) crash-safe.

A line that is cut short or garbled and is followed by no good line is the
save a crash interrupted: it was never acknowledged and is dropped (and cut
off the file before the next append). A bad line followed by good lines was
not written by a crash: the journal is then a broken file, never written.

One journal serves the whole folder (not one per year file), so an import
that adds households to ``reference.json`` and visits to three years is still
a single line, atomic without a two-phase commit. It is folded into the files
and emptied at the size limit, at the daily backup, at export and on a clean
close, so it normally holds at most a day's saves.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from village_tui.store.atomic import atomic_write_bytes, fsync_dir, fsync_file
from village_tui.store.storage import BrokenDataFile

JOURNAL_NAME = "journal.jsonl"
_WINDOWS = sys.platform.startswith("win")
_PREFIX = b'{"sha256":"'
_MIDDLE = b'","change":'
_HEAD_LEN = len(_PREFIX) + 64 + len(_MIDDLE)
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

# Files -> tables -> document keys -> document (None: removed).
Files = dict[str, dict[str, dict[str, Any]]]


def encode_line(change: dict) -> bytes:
    """One journal line for ``change``: its SHA-256, the change itself, a newline."""
    payload = _ENCODER.encode(change).encode("utf-8")
    return _PREFIX + hashlib.sha256(payload).hexdigest().encode("ascii") + _MIDDLE + payload + b"}\n"


def decode_line(line: bytes) -> dict | None:
    """The change held by one line (without its newline), or None when the line is cut or garbled."""
    if len(line) < _HEAD_LEN + 1 or not line.startswith(_PREFIX) or not line.endswith(b"}"):
        return None
    if line[_HEAD_LEN - len(_MIDDLE):_HEAD_LEN] != _MIDDLE:
        return None
    payload = line[_HEAD_LEN:-1]
    if hashlib.sha256(payload).hexdigest().encode("ascii") != line[len(_PREFIX):len(_PREFIX) + 64]:
        return None
    try:
        change = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return change if isinstance(change, dict) else None


class Journal:
    """The journal file of one data folder.

    Args:
        path: The journal file.
        readonly: Never change the file (a torn last line is then only skipped).
    """

    def __init__(self, path: Path, readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        self.size = 0  # bytes of good lines: the end of the last acknowledged save
        self.dropped = 0  # bytes of a torn last line dropped at replay
        self._handle: Any = None
        self._needs_trim = False

    def replay(self) -> list[dict]:
        """Read every acknowledged change, oldest first.

        A torn last line (no newline at its end, or zeroed blocks a power cut left in it)
        is a save that was never acknowledged: it is dropped (and, when writable, cut off
        the file). A complete last line whose checksum does not match was changed outside
        the program: that is tampering, not a crash.

        Raises:
            BrokenDataFile: A bad line is followed by good ones, or the complete last line
                fails its checksum; the file is left as it is. Its ``changes`` attribute
                holds the good lines before the bad one.
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        changes: list[dict] = []
        good_end = pos = 0
        bad_at: int | None = None  # line number of the first bad line
        for number, line in enumerate(raw.split(b"\n"), start=1):
            pos += len(line) + 1
            complete = pos <= len(raw)  # ended by a newline
            if not complete and not line:
                break  # the empty piece after the final newline
            change = decode_line(line) if complete else None
            if change is None and complete and b"\0" not in line:
                # A crash cuts the one line being written, or leaves zeroed blocks in it; a whole
                # line of text whose checksum does not match was edited outside the program.
                error = BrokenDataFile(self.path, f"第 {number} 行损坏：是完整的一行，但校验值不符，在程序之外被改动过")
                error.changes = changes
                raise error
            if change is None:
                if bad_at is None:
                    bad_at = number
                continue
            if bad_at is not None:
                error = BrokenDataFile(self.path, f"第 {bad_at} 行损坏，其后还有完整的保存记录")
                error.changes = changes
                raise error
            changes.append(change)
            good_end = pos
        self.size = good_end
        self.dropped = len(raw) - good_end
        if self.dropped and not self.readonly:
            self._needs_trim = True
            self._trim()
        return changes

    def _trim(self) -> None:
        """Cut the file back to its last good line (a torn or failed write)."""
        with open(self.path, "r+b") as handle:
            handle.truncate(self.size)
            fsync_file(handle)
        self._needs_trim = False

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the journal for one append or one compaction, as its only writer.

        The journal file itself is locked (``flock`` on POSIX) for the duration,
        and it must still be the very file this program last wrote, exactly as long
        as this program left it. So a second program that got in (the ``.lock`` file
        deleted behind the first one's back) can never append to a journal the first
        is about to replace, nor replace one the other appended to: whichever finds
        the journal held, replaced or grown by someone else writes nothing.

        Raises:
            JournalTaken: Another program holds or has written the journal.
            OSError: The journal cannot be opened.
        """
        created = self._handle is None and not self.path.exists()
        if self._handle is None:
            self._handle = open(self.path, "ab")
        if created:
            fsync_dir(self.path.parent)
        handle = self._handle
        if not _lock(handle):
            raise JournalTaken(f"{self.path.name} 正被另一个程序写入")
        try:
            try:
                mine, named = os.fstat(handle.fileno()), os.stat(self.path)
            except OSError:
                raise JournalTaken(f"{self.path.name} 被删除了") from None
            if (mine.st_dev, mine.st_ino) != (named.st_dev, named.st_ino):
                raise JournalTaken(f"{self.path.name} 被另一个程序换掉了")
            if mine.st_size != self.size and not (self._needs_trim and mine.st_size > self.size):
                raise JournalTaken(f"{self.path.name} 被另一个程序写入了")
            yield
        finally:
            _unlock(handle)

    def append(self, change: dict) -> int:
        """Append one change durably (write, flush, fsync), as the journal's only writer.

        Returns:
            The bytes written.

        Raises:
            JournalTaken: Another program holds or has written the journal (nothing written).
            OSError: The disk refused; the file is cut back to its previous end
                (or will be before the next append), so the change is not there.
        """
        line = encode_line(change)
        try:
            with self.exclusive():
                if self._needs_trim:
                    self._trim()
                assert self._handle is not None
                self._handle.write(line)
                fsync_file(self._handle)
        except JournalTaken:
            self.close()
            raise
        except BaseException:
            self._needs_trim = True
            self.close()
            try:
                self._trim()
            except OSError:
                pass  # tried again before the next append
            raise
        self.size += len(line)
        return len(line)

    def clear(self, keep: dict | None = None) -> None:
        """Empty the journal once every change in it is in the data files (inside :meth:`exclusive`).

        The new journal replaces the old one while the old one is still held, so a
        program waiting to append to the old one finds it replaced.

        Args:
            keep: A change to leave as the only line (the end of the audit chain).
        """
        data = b"" if keep is None else encode_line(keep)
        atomic_write_bytes(self.path, data)
        self.close()  # the old file's handle (and its lock): the next append opens the new one
        self.size = len(data)
        self._needs_trim = False

    def close(self) -> None:
        """Close the open handle (the file stays)."""
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:
                pass
            self._handle = None


class JournalTaken(Exception):
    """Another program holds, replaced or wrote the journal: this one must not write to the folder."""


def _lock(handle) -> bool:
    """Take the journal's own lock without waiting (False: another program holds it)."""
    if _WINDOWS:
        return True  # Windows keeps the checks of the file's identity and size
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle) -> None:
    if _WINDOWS:
        return
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except (OSError, ValueError):
        pass
