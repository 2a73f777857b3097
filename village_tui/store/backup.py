"""Dated backup copies of the data files: at most one a day, the last 14 kept.

Backups live in ``backups/`` inside the data folder, which an export never copies.
A backup is written into a ``.partial`` folder and renamed when complete, so a
power cut never leaves a half backup that looks whole.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

BACKUP_DIR = "backups"
KEEP = 14
_PARTIAL = ".partial"


def backup_root(folder: Path) -> Path:
    """The folder holding the dated backups."""
    return folder / BACKUP_DIR


def list_backups(folder: Path) -> list[Path]:
    """Complete backups, newest first."""
    root = backup_root(folder)
    if not root.is_dir():
        return []
    done = [p for p in root.iterdir() if p.is_dir() and not p.name.endswith(_PARTIAL)]
    # Same day: a copy made before an upgrade is older than that day's daily copy.
    return sorted(done, key=lambda p: (p.name[:10], p.stat().st_mtime_ns, p.name), reverse=True)


def make_backup(folder: Path, files: list[Path], day: date, keep: int = KEEP, name: str | None = None) -> Path | None:
    """Copy ``files`` into ``backups/<day>/`` unless that backup exists already.

    Args:
        folder: The data folder.
        files: Data files to copy (paths inside ``folder``).
        day: Today's date, naming the backup.
        keep: How many backups to keep.
        name: Another name starting with the day (a copy made before an upgrade).

    Returns:
        The new backup folder, or None when today's backup existed.
    """
    root = backup_root(folder)
    target = root / (name or day.isoformat())
    if target.exists():
        return None
    partial = root / (target.name + _PARTIAL)
    for left_over in root.glob("*" + _PARTIAL) if root.is_dir() else ():
        shutil.rmtree(left_over, ignore_errors=True)  # a backup a power cut interrupted, on any day
    partial.mkdir(parents=True)
    for source in files:
        if not source.exists():
            continue
        dest = partial / source.relative_to(folder)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
    partial.rename(target)
    for old in list_backups(folder)[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    return target


def newest_backup_of(folder: Path, relative: Path) -> Path | None:
    """The newest backup copy of one data file, or None."""
    for backup in list_backups(folder):
        candidate = backup / relative
        if candidate.exists():
            return candidate
    return None
