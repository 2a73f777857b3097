"""A data folder brought up to a newly installed program: backed up first, then migrated.

The installer runs this after it put a newer program on the PC, so the folder is
copied to ``backups/<day>-安装<version>前`` while the old program's files are
untouched, and only then opened by the new program, which migrates an older schema
(with its own backup) and folds the journal into the files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from village_tui.domain import clock
from village_tui.store import backup as backups
from village_tui.store.folder import REFERENCE_NAME, DataFolder
from village_tui.store.journal import JOURNAL_NAME
from village_tui.store.lock import INFO_NAME, LOCK_NAME


@dataclass
class Upgraded:
    """What happened to a data folder at install time.

    Attributes:
        had_data: Whether the folder held a village (else nothing was done).
        backup: The copy made before the new program opened it (None when today's exists already).
        migrated_from: The schema version it was migrated from, or None when it was current.
        problem: Why the new program could only open it read-only (in Chinese), or None.
    """

    had_data: bool
    backup: Path | None = None
    migrated_from: int | None = None
    problem: str | None = None


def holds_village(path: Path) -> bool:
    """Whether ``path`` is a data folder with a village in it."""
    return (path / REFERENCE_NAME).is_file()


def copy_village(source: Path, dest: Path) -> None:
    """Copy a data folder (its files, backups and exports; never its lock) into ``dest``.

    Raises:
        OSError: A file cannot be read or written.
    """
    shutil.copytree(source, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(LOCK_NAME, INFO_NAME))


def upgrade_folder(path: Path, version: str) -> Upgraded:
    """Back up ``path`` as the old program left it, then open it with this program (migrating it) and close it.

    Args:
        path: The data folder.
        version: The program version being installed (names the backup).

    Raises:
        OSError: The backup cannot be written.
    """
    if not holds_village(path):
        return Upgraded(had_data=False)
    before = DataFolder(path, readonly=True, create=False, parse_at_open=False)
    try:
        files = before.data_files()
    finally:
        before.close()
    journal = path / JOURNAL_NAME
    if journal.exists():
        files.append(journal)  # saves not yet folded into the files
    today = clock.today()
    copy = backups.make_backup(path, files, today, name=f"{today.isoformat()}-安装{version}前")
    folder = DataFolder(path, parse_at_open=False)
    try:
        problem = folder.readonly_reason or folder.broken_message()
        return Upgraded(had_data=True, backup=copy, migrated_from=folder.migrated_from, problem=problem)
    finally:
        folder.close()
