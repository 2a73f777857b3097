"""The data folder's schema version and the migrations between versions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from village_tui.store.atomic import atomic_write_bytes
from village_tui.store.migrate_dated import migrate_dated_facts
from village_tui.store.storage import BrokenDataFile, read_json_file

SCHEMA_NAME = "schema.json"
SCHEMA_VERSION = 3

# Each migration takes the folder from version N to N + 1, in place, after a backup.
Migration = Callable[[Path], None]


def _to_journal(folder: Path) -> None:
    """Version 3 keeps each save in ``journal.jsonl`` until it is compacted into the files.

    The files themselves do not change. The new version number makes an older
    program, which would not read the journal, open the folder read-only
    instead of writing beside saves it cannot see.
    """
    del folder


MIGRATIONS: dict[int, Migration] = {
    1: migrate_dated_facts,  # 2: households' and cadres' facts kept as dated changes
    2: _to_journal,  # 3: saves appended to the journal (store/journal.py)
}


def read_schema(folder: Path, on_read: Callable[[Path, bytes], None] | None = None) -> int | None:
    """The folder's schema version, or None for a folder that has none yet.

    Args:
        folder: The data folder.
        on_read: Called with the bytes read (see :func:`~village_tui.store.storage.read_json_file`).

    Raises:
        BrokenDataFile: ``schema.json`` does not parse.
    """
    path = folder / SCHEMA_NAME
    if not path.exists():
        return None
    data = read_json_file(path, on_read=on_read)
    version = data.get("schema") if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise BrokenDataFile(path, "没有有效的数据版本号")
    return version


def write_schema(folder: Path, version: int, program_version: str) -> None:
    """Record the folder's schema version."""
    body = {"schema": version, "program": program_version}
    atomic_write_bytes(folder / SCHEMA_NAME, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))


def migrate(folder: Path, from_version: int, program_version: str, migrations: dict[int, Migration] | None = None) -> int:
    """Run every migration from ``from_version`` up to :data:`SCHEMA_VERSION`.

    The caller makes a backup first. The version is written after each step,
    so a power cut in the middle resumes at the step it stopped in.

    Returns:
        The version the folder has now.
    """
    steps = MIGRATIONS if migrations is None else migrations
    version = from_version
    while version < SCHEMA_VERSION:
        step = steps.get(version)
        if step is None:
            raise RuntimeError(f"没有从第 {version} 版升级数据的方法")
        step(folder)
        version += 1
        write_schema(folder, version, program_version)
    return version
