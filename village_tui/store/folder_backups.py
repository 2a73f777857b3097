"""The data folder's copies: the daily backup in a background thread and the backup before a change.

A backup copies whole files, so the journal is folded into them first; a file that could
not be read is never copied, so a backup is never the newest copy of a broken file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from village_tui.domain.errors import ReadOnlyError
from village_tui.store import backup as backups
from village_tui.store.storage import BrokenDataFile


class BackupMixin:
    """The backup part of :class:`~village_tui.store.folder.DataFolder`."""

    path: Path | None
    readonly_reason: str | None
    _today: date
    _backup_thread: threading.Thread | None
    broken_files: list[BrokenDataFile]
    finish_check: Callable[[], None]
    compact: Callable[[], bool]
    data_files: Callable[[], list[Path]]

    def start_daily_backup(self) -> None:
        """Copy the data files to today's backup in a background thread (once a day)."""
        if self.readonly_reason is not None or self.path is None or self._backup_thread is not None:
            return
        if (backups.backup_root(self.path) / self._today.isoformat()).exists():
            return
        self._backup_thread = threading.Thread(target=self._compact_and_back_up, name="daily-backup", daemon=True)
        self._backup_thread.start()

    def _compact_and_back_up(self) -> None:
        """The daily backup's thread: fold the journal into the files, then copy them.

        Compaction rewrites whole year files (a tenth of a second on the ten-year village after
        a power cut left a journal), so it runs here rather than on the screen's thread; saves
        wait for it on the journal's lock.
        """
        assert self.path is not None
        self.finish_check()
        if self.readonly_reason is not None:
            return  # a broken file (or a lost lock): never the newest backup of it
        try:
            self.compact()  # the backup copies the files: fold the journal into them first
        except (OSError, BrokenDataFile, ReadOnlyError):
            return  # the files are not up to date: no backup today rather than a stale one
        try:
            backups.make_backup(self.path, self.data_files(), self._today)
        except OSError:
            return  # a full or failing disk: no backup today; the older ones are all kept

    def wait_for_backup(self) -> None:
        """Wait until the daily backup has finished (tests, shutdown)."""
        if self._backup_thread is not None:
            self._backup_thread.join()

    def backup_before(self, label: str) -> Path | None:
        """Copy the readable data files to ``backups/<day>-<label>`` now (before an import or a restore).

        Files that could not be read are left out, so that the copy never becomes the
        "newest backup" of a broken file.

        Args:
            label: What is about to happen, in Chinese (``导入前``, ``恢复前``).

        Returns:
            The new backup folder, or None for a memory folder or when this backup exists already.
        """
        if self.path is None:
            return None
        self.wait_for_backup()
        if (backups.backup_root(self.path) / f"{self._today.isoformat()}-{label}").exists():
            return None
        self.compact()  # the backup copies the files: fold the journal into them first
        broken = {b.path for b in self.broken_files}
        files = [p for p in self.data_files() if p not in broken]
        return backups.make_backup(self.path, files, self._today, name=f"{self._today.isoformat()}-{label}")
