"""Crash-safe file replacement: temp file, flush, fsync, ``os.replace``, fsync the folder.

Every rename and every fsync of the data folder, its backups and an export goes
through :func:`rename`, :func:`fsync_file` and :func:`fsync_dir`, so the kill
sweeps (``tools/kill_sweep.py``) can stop the program before each of them: with
``VILLAGE_TUI_FAULT=N`` in the environment (or :func:`arm_fault`) the process kills
itself with SIGKILL just before its N-th rename or fsync.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"
FAULT_ENV = "VILLAGE_TUI_FAULT"
_REPLACE_RETRIES = 40
_REPLACE_WAIT = 0.05
_fault = {"at": int(os.environ.get(FAULT_ENV, "0") or 0), "steps": 0}


def arm_fault(at: int) -> None:
    """Kill this process just before its ``at``-th rename or fsync from now (0: never). For the kill sweeps."""
    _fault["at"], _fault["steps"] = at, 0


def fault_steps() -> int:
    """Renames and fsyncs done since the fault was armed (how many kill points a command has)."""
    return _fault["steps"]


def _fault_point() -> None:
    _fault["steps"] += 1
    if _fault["at"] and _fault["steps"] == _fault["at"]:
        if sys.platform.startswith("win"):
            os._exit(137)
        import signal  # the tests' kill points only

        os.kill(os.getpid(), signal.SIGKILL)


def fsync_file(handle) -> None:
    """Flush an open file and make its bytes durable."""
    handle.flush()
    _fault_point()
    os.fsync(handle.fileno())


def rename(source: Path, target: Path) -> None:
    """Rename a file or folder (a kill point of the sweeps); the caller fsyncs the folder."""
    _fault_point()
    os.rename(source, target)


def temp_path_for(path: Path) -> Path:
    """The temp file a write of ``path`` goes through (same folder, so the rename is atomic)."""
    return path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX only; Windows has no directory fsync)."""
    if sys.platform.startswith("win"):
        return
    _fault_point()
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
    _fault_point()
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
            fsync_file(handle)
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
    for folder, subfolders, names in os.walk(root):
        # Backups are never written in place (and hold a copy of every year): not walked, so the
        # cost of an open does not grow with the backups and the years they copy.
        subfolders[:] = [name for name in subfolders if name != "backups"]
        for name in names:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                tmp = Path(folder) / name
                try:
                    tmp.unlink()
                    removed.append(tmp)
                except OSError:
                    pass
    return removed
