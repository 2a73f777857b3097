"""Print pages (打印): HTML files written for the system's viewer to print, beside the data.

They go to the data folder's ``打印/`` subfolder, which is no data (the folder's data files,
backups and exports leave it out). An in-memory or read-only folder gets them in the system's
temp folder instead, so a receipt can still be printed from a review or the tests' memory folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from village_tui.store.atomic import atomic_write_bytes

PRINT_DIR = "打印"
_TEMP_DIR = "村务工作台-打印"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def print_folder(data_path: Path | None, readonly: bool) -> Path:
    """Where print pages of this folder go (created when missing)."""
    import tempfile  # (and random under it) only when a page is printed, not with every service

    folder = (Path(tempfile.gettempdir()) / _TEMP_DIR if data_path is None or readonly
              else data_path / PRINT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def safe_file_name(name: str) -> str:
    """``name`` with the characters Windows refuses in file names replaced by ``-``."""
    return _UNSAFE.sub("-", name).strip(" .") or "打印"


def write_print_page(data_path: Path | None, readonly: bool, name: str, html: str) -> Path:
    """Write one print page crash-safely, replacing an older page of the same name.

    Args:
        data_path: The data folder (None when it is in memory).
        readonly: The data folder may not be written.
        name: The file name without folder (``回执-2026-0093.html``).
        html: The whole page.

    Returns:
        The file written.

    Raises:
        OSError: The folder could not be made or written (disk full, no permission).
    """
    path = print_folder(data_path, readonly) / safe_file_name(name)
    atomic_write_bytes(path, html.encode("utf-8"))
    return path
