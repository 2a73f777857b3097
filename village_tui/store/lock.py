"""The folder lock: one program writes a data folder at a time.

The lock is an operating-system lock on ``.lock`` (``fcntl`` on POSIX,
``msvcrt`` on Windows), so the system releases it when the holder dies: a
lock left by a killed program is simply taken over. Who holds the lock is
written into ``.lock-info`` so that the second program can say so.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from village_tui.domain.dates import CHINA_OFFSET
from village_tui.domain import clock

LOCK_NAME = ".lock"
INFO_NAME = ".lock-info"
_WINDOWS = sys.platform.startswith("win")
_LOCK_OFFSET = 1 << 20  # Windows locks a byte range; keep it away from the data


def china_time(since: str) -> str:
    """``2026-11-30 17:05（北京时间）`` for the UTC time written in ``.lock-info``.

    A time written without a zone (by an older version) is shown as it was written.
    """
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        return since
    if moment.tzinfo is None:
        return since
    return moment.astimezone(CHINA_OFFSET).strftime("%Y-%m-%d %H:%M") + "（北京时间）"


class FolderLock:
    """An exclusive, non-blocking lock on a data folder.

    Args:
        folder: The data folder.
        operator: Who is at the keyboard, recorded for the other program's message.
    """

    def __init__(self, folder: Path, operator: str = "") -> None:
        self.folder = folder
        self.operator = operator
        self._handle: BinaryIO | None = None

    @property
    def held(self) -> bool:
        """Whether this program holds the lock."""
        return self._handle is not None

    def acquire(self) -> bool:
        """Try to take the lock without waiting.

        Returns:
            True when taken; False when another live program holds it.
        """
        handle = open(self.folder / LOCK_NAME, "a+b")
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(_LOCK_OFFSET)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        self._write_info()
        return True

    def still_held(self) -> bool:
        """Whether this program still holds the lock on the very file named ``.lock``.

        The operating system's lock stays on the file this program opened even
        when someone deletes ``.lock`` or puts another file in its place; a
        second program would then lock the new file and write too. So before
        each write the open file is compared with the one in the folder.
        """
        if self._handle is None:
            return False
        try:
            mine = os.fstat(self._handle.fileno())
            named = os.stat(self.folder / LOCK_NAME)
        except OSError:
            return False
        return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)

    def _write_info(self) -> None:
        import socket  # only when the folder is opened for writing (a read-only check never locks)

        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": clock.utc_now().isoformat(timespec="seconds"),
            "operator": self.operator,
        }
        try:
            (self.folder / INFO_NAME).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass

    def update_operator(self, operator: str) -> None:
        """Record a new operator in the lock info."""
        self.operator = operator
        if self.held:
            self._write_info()

    def holder_description(self) -> str:
        """Who holds the lock, in Chinese, from ``.lock-info``."""
        try:
            info = json.loads((self.folder / INFO_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return "另一个程序"
        who = f"（{info['operator']}）" if info.get("operator") else ""
        return f"电脑 {info.get('host', '?')} 上的另一个程序{who}，自 {china_time(str(info.get('since', '?')))} 起"

    def release(self) -> None:
        """Give the lock back."""
        if self._handle is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt

                self._handle.seek(_LOCK_OFFSET)
                msvcrt.locking(self._handle.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
        except OSError:
            pass
        self._handle.close()
        self._handle = None
