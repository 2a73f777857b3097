"""A consistent copy of a data folder's files, taken while the folder's lock is held.

The export to a USB stick copies the data files through this module, because
only ``store/`` opens files in the data folder. The journal is compacted into
the files first; when another program holds the lock (and its journal cannot
be compacted from here), each file it changed is written with its changes. Each file is read once, may be
rewritten by a ``transform`` (masking personal data), and is written into the
destination through a temp file, fsync and rename, so a stick pulled out early
never holds a half file that looks whole.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from village_tui.store.atomic import atomic_write_bytes, fsync_dir
from village_tui.store.folder import DataFolder
from village_tui.store.storage import encode_tables

# transform(relative posix path, raw bytes) -> bytes to write
Transform = Callable[[str, bytes], bytes]
# progress(files done, files in all, relative path of the file just copied)
Progress = Callable[[int, int, str], None]


@dataclass
class CopiedFile:
    """One file of a snapshot as written into the destination.

    Attributes:
        relative: Path inside the data folder, with ``/`` separators (``2026/visits.json``).
        size: Bytes written.
        sha256: SHA-256 of the bytes written.
    """

    relative: str
    size: int
    sha256: str


@dataclass
class Snapshot:
    """What :func:`take_snapshot` copied.

    Attributes:
        files: The copied files, in the folder's order.
        locked: Whether this program held the folder's lock during the copy.
        note: Why the copy was taken without the lock, in Chinese (empty when locked).
    """

    files: list[CopiedFile] = field(default_factory=list)
    locked: bool = True
    note: str = ""


def holds_lock(folder: DataFolder) -> bool:
    """Whether this program holds the folder's lock (nobody else can be writing it)."""
    lock = folder._lock  # same package: the lock is the folder's own business
    return lock is not None and lock.held


def take_snapshot(folder: DataFolder, dest: Path, transform: Transform | None = None,
                  progress: Progress | None = None) -> Snapshot:
    """Copy every data file of ``folder`` into ``dest`` (created when missing).

    The caller opens ``folder`` writable, which takes the lock; when another
    program holds it the copy is still made and the snapshot says so.

    Args:
        folder: The opened data folder (not an in-memory one).
        dest: The destination folder; files keep their relative paths.
        transform: Rewrites each file's bytes before writing (masking), or None.
        progress: Called after each file.

    Returns:
        The files written with their hashes, and whether the lock was held.

    Raises:
        ValueError: The folder lives in memory.
        OSError: A file cannot be read or the destination cannot be written.
    """
    if folder.path is None:
        raise ValueError("内存中的数据不能导出")
    locked = holds_lock(folder)
    note = "" if locked else f"导出时未能锁定数据文件夹：{folder.readonly_reason or '另一个程序正在使用'}"
    if locked:
        folder.compact()  # the export copies the files: fold the journal into them first
    pending = set(folder.pending_files())  # not compacted (another program holds the lock): merged here
    sources = [p.relative_to(folder.path).as_posix() for p in folder.data_files()]
    sources += sorted(pending.difference(sources))
    result = Snapshot(locked=locked, note=note)
    dest.mkdir(parents=True, exist_ok=True)
    made_dirs: set[Path] = set()
    for index, relative in enumerate(sources, start=1):
        if relative in pending:
            data = encode_tables(folder.read_file(relative))
        else:
            data = (folder.path / relative).read_bytes()
        if transform is not None:
            data = transform(relative, data)
        target = dest / relative
        if target.parent not in made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        atomic_write_bytes(target, data)
        result.files.append(CopiedFile(relative, len(data), hashlib.sha256(data).hexdigest()))
        if progress is not None:
            progress(index, len(sources), relative)
    for made in made_dirs | {dest}:
        fsync_dir(made)
    return result
