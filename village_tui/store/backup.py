"""Dated backup copies of the data files: at most one a day, the last 14 kept.

Backups live in ``backups/`` inside the data folder, which an export never copies.
A backup is written into a ``.partial`` folder, every file fsynced, with a
``checksums.json`` holding each file's SHA-256, and renamed when complete (the
rename made durable), so a power cut never leaves a half backup that looks whole.
The new backup is read back against its checksums before older ones are pruned,
and a restore only offers a file whose copy still matches its checksum.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

from village_tui.store.atomic import fsync_dir, fsync_file, rename
from village_tui.store.storage import BrokenDataFile, read_json_file

BACKUP_DIR = "backups"
CHECKSUMS = "checksums.json"
KEEP = 14
_PARTIAL = ".partial"
_CHUNK = 1 << 20


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


def _copy_durably(source: Path, dest: Path) -> str:
    """Copy one file, fsync the copy; returns the SHA-256 of the bytes copied."""
    digest = hashlib.sha256()
    with open(source, "rb") as reader, open(dest, "wb") as writer:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
            writer.write(chunk)
        fsync_file(writer)
    shutil.copystat(source, dest)
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def make_backup(folder: Path, files: list[Path], day: date, keep: int = KEEP, name: str | None = None) -> Path | None:
    """Copy ``files`` into ``backups/<day>/`` unless that backup exists already.

    Older backups beyond ``keep`` are pruned only once the new one reads back whole.

    Args:
        folder: The data folder.
        files: Data files to copy (paths inside ``folder``).
        day: Today's date, naming the backup.
        keep: How many backups to keep.
        name: Another name starting with the day (a copy made before an upgrade).

    Returns:
        The new backup folder, or None when today's backup existed.

    Raises:
        OSError: The disk refused (the older backups are all kept).
    """
    root = backup_root(folder)
    target = root / (name or day.isoformat())
    if target.exists():
        return None
    partial = root / (target.name + _PARTIAL)
    for left_over in root.glob("*" + _PARTIAL) if root.is_dir() else ():
        shutil.rmtree(left_over, ignore_errors=True)  # a backup a power cut interrupted, on any day
    partial.mkdir(parents=True)
    sums: dict[str, str] = {}
    folders = {partial}
    for source in files:
        if not source.exists():
            continue
        relative = source.relative_to(folder)
        dest = partial / relative
        dest.parent.mkdir(parents=True, exist_ok=True)
        folders.add(dest.parent)
        sums[relative.as_posix()] = _copy_durably(source, dest)
    with open(partial / CHECKSUMS, "wb") as handle:
        handle.write(json.dumps(sums, ensure_ascii=False, indent=1).encode("utf-8"))
        fsync_file(handle)
    for made in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        fsync_dir(made)
    fsync_dir(root)
    rename(partial, target)
    fsync_dir(root)
    if verify_backup(target):
        for old in list_backups(folder)[keep:]:
            shutil.rmtree(old, ignore_errors=True)
    return target


def _checksums(backup: Path) -> dict[str, str] | None:
    """A backup's checksums, or None for a backup made before they were written (or an unreadable list)."""
    try:
        sums = json.loads((backup / CHECKSUMS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return sums if isinstance(sums, dict) else None


def verify_backup(backup: Path) -> bool:
    """Whether every file of a backup reads back with the checksum written when it was made."""
    sums = _checksums(backup)
    if not sums:
        return False
    try:
        return all(_file_sha256(backup / relative) == digest for relative, digest in sums.items())
    except OSError:
        return False


def backup_file_ok(backup: Path, relative: Path) -> bool:
    """Whether a backup's copy of one data file can be restored.

    It must match the checksum noted when the backup was made (a backup from before
    checksums were noted has none to match) and parse.
    """
    candidate = backup / relative
    if not candidate.is_file():
        return False
    sums = _checksums(backup)
    try:
        if sums is not None and sums.get(relative.as_posix()) != _file_sha256(candidate):
            return False
        read_json_file(candidate)  # a file already broken when it was backed up is no cure either
    except (OSError, BrokenDataFile):
        return False
    return True


def newest_backup_of(folder: Path, relative: Path) -> Path | None:
    """The newest backup copy of one data file that verifies, or None."""
    for backup in list_backups(folder):
        if backup_file_ok(backup, relative):
            return backup / relative
    return None
