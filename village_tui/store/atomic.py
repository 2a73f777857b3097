"""Crash-safe file replacement: temp file, flush, fsync, ``os.replace``, fsync the folder."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"
_REPLACE_RETRIES = 40
_REPLACE_WAIT = 0.05


def temp_path_for(path: Path) -> Path:
    """The temp file a write of ``path`` goes through (same folder, so the rename is atomic)."""
    return path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX only; Windows has no directory fsync)."""
    if sys.platform.startswith("win"):
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_with_retry(source: Path, target: Path) -> None:
    """``os.replace`` that waits while another program (antivirus, indexer) holds the target.

    Raises:
        PermissionError: The target stayed locked for about two seconds.
    """
    for attempt in range(_REPLACE_RETRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == _REPLACE_RETRIES - 1:
                raise
            time.sleep(_REPLACE_WAIT)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a power cut leaves the old or the new file, never a mix.

    Raises:
        OSError: The disk is full or the folder is not writable; ``path`` is untouched.
    """
    tmp = temp_path_for(path)
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace_with_retry(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def remove_stale_temp_files(root: Path) -> list[Path]:
    """Remove temp files left by a write that a crash interrupted.

    Returns:
        The files removed.
    """
    removed = []
    for tmp in root.rglob(f".*{TEMP_SUFFIX}"):
        if "backups" in tmp.relative_to(root).parts:
            continue
        try:
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass
    return removed
