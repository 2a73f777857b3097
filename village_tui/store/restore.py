"""Repairing a data folder: the newest backup of a broken file that verifies, and its restore.

A restore is two atomic writes (the broken file copied aside, then replaced by the
backup's copy), so a kill at any moment leaves the broken file in place (restore
again) or the restored one, never a missing file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from village_tui.domain.errors import ReadOnlyError
from village_tui.store import backup as backups
from village_tui.store.atomic import atomic_write_bytes
from village_tui.store.audit import now_text
from village_tui.store.schema import SCHEMA_NAME, SCHEMA_VERSION
from village_tui.store.storage import BrokenDataFile


class RestoreMixin:
    """The repair part of :class:`~village_tui.store.folder.DataFolder`."""

    path: Path | None
    broken_files: list[BrokenDataFile]
    readonly_reason: str | None
    _readonly_for_broken: bool
    _lock: Any
    _dbs: dict
    backup_before: Callable[[str], Path | None]
    forget: Callable[[str], None]
    db: Callable[[str], Any]
    _read_schema: Callable[[], int | None]

    def newest_backup_of(self, broken: Path) -> Path | None:
        """The newest backup copy of a broken data file, or None."""
        assert self.path is not None
        return backups.newest_backup_of(self.path, broken.relative_to(self.path))

    def backup_name_of(self, backup_file: Path) -> str:
        """The dated backup holding a backed-up file, ``2026-11-27`` (not the file's own name)."""
        assert self.path is not None
        return backup_file.relative_to(backups.backup_root(self.path)).parts[0]

    def restore_from_backup(self, broken: Path) -> Path:
        """Put the newest backup in place of a broken file, keeping the broken one beside it.

        Returns:
            Where the broken file was kept.

        Raises:
            FileNotFoundError: No backup holds this file.
            ReadOnlyError: Another program holds the folder.
        """
        assert self.path is not None
        if self._lock is None:
            raise ReadOnlyError("另一个程序正在使用这个数据文件夹，不能恢复备份")
        source = self.newest_backup_of(broken)
        if source is None:
            raise FileNotFoundError(f"没有 {broken.name} 的备份")
        self.backup_before("恢复前")
        stamp = now_text().replace(":", "").replace(" ", "-")
        kept = broken.with_name(f"{broken.name}.损坏-{stamp}")
        n = 1
        while kept.exists():
            n += 1
            kept = broken.with_name(f"{broken.name}.损坏-{stamp}-{n}")
        # Each step is one atomic write, so a kill anywhere leaves the broken file (restore again) or the
        # restored one, never a missing file: the broken bytes are copied aside first, then replaced.
        if broken.exists():  # a missing reference file has nothing to keep
            atomic_write_bytes(kept, broken.read_bytes())
        atomic_write_bytes(broken, source.read_bytes())
        relative = broken.relative_to(self.path).as_posix()
        self.forget(relative)
        self.broken_files = [b for b in self.broken_files if b.path != broken]
        if relative == SCHEMA_NAME:
            if self._read_schema() not in (None, SCHEMA_VERSION):
                self._readonly_for_broken = False
                self.readonly_reason = "数据版本已从备份恢复，请关闭后重新打开数据文件夹"
        else:
            try:
                self.db(relative)
            except BrokenDataFile:
                pass  # the backup is broken too: noted by db(), the folder stays read-only
        if not self.broken_files and self._readonly_for_broken:
            self._readonly_for_broken = False
            self.readonly_reason = None
            for opened in list(self._dbs):
                self.forget(opened)  # they were opened read-only
        return kept
