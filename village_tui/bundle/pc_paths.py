"""Where the installer puts things on a village PC: the program, the data folder, the desktop.

Windows: the program in ``%LOCALAPPDATA%\\village-tui``; the data by default in
``D:\\村务数据`` when D: is a disk of the PC, else in ``村务数据`` under Documents.
Linux: the program in ``$XDG_DATA_HOME/village-tui`` (``~/.local/share``); the data in
``村务数据`` under the documents folder (``$XDG_DOCUMENTS_DIR``, ``user-dirs.dirs``,
``~/文档`` or ``~/Documents``). A USB stick is never a place for the data.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path, PureWindowsPath

APP_NAME = "village-tui"
DATA_NAME = "村务数据"
SHORTCUT_NAME = "村务工作台"
_DRIVE_REMOVABLE, _DRIVE_FIXED = 2, 3


def is_windows() -> bool:
    """Whether this is Windows."""
    return sys.platform == "win32"


def drive_type(root: str) -> int:  # pragma: no cover - Windows only
    """Windows' GetDriveType of ``D:\\`` etc. (2 removable, 3 fixed)."""
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]  # ctypes.windll exists on Windows only


def _windows_documents() -> Path:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    buffer = ctypes.create_unicode_buffer(wintypes.MAX_PATH)  # CSIDL_PERSONAL (5): the Documents folder
    if ctypes.windll.shell32.SHGetFolderPathW(None, 5, None, 0, buffer) == 0:  # type: ignore[attr-defined]  # Windows only
        return Path(buffer.value)
    return Path.home() / "Documents"


def xdg_user_dir(name: str, env: dict[str, str], home: Path, fallbacks: tuple[str, ...]) -> Path:
    """An XDG user folder (``DOCUMENTS``, ``DESKTOP``): its variable, ``user-dirs.dirs``, or the first fallback there."""
    key = f"XDG_{name}_DIR"
    if env.get(key):
        return Path(env[key])
    config = Path(env.get("XDG_CONFIG_HOME") or home / ".config") / "user-dirs.dirs"
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    match = re.search(rf'^{key}="([^"]*)"', text, flags=re.M)
    if match:
        return Path(match[1].replace("$HOME", str(home)))
    for fallback in fallbacks:
        if (home / fallback).is_dir():
            return home / fallback
    return home / fallbacks[0]


def app_dir(env: dict[str, str] | None = None, home: Path | None = None) -> Path:
    """Where the program (its venv and start scripts) is installed on this PC."""
    env = dict(os.environ) if env is None else env
    home = Path.home() if home is None else home
    if is_windows():
        return Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local") / APP_NAME
    return Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / APP_NAME


def default_data_dir(env: dict[str, str] | None = None, home: Path | None = None, windows: bool | None = None,
                     fixed_drive_d: bool | None = None, documents: Path | None = None) -> Path:
    """The data folder offered by default (the arguments stand in for the PC in tests).

    Args:
        env: The environment (default os.environ).
        home: The home folder.
        windows: Whether the PC runs Windows.
        fixed_drive_d: Whether D: is a disk of the PC (Windows).
        documents: The Documents folder (Windows).
    """
    env = dict(os.environ) if env is None else env
    home = Path.home() if home is None else home
    windows = is_windows() if windows is None else windows
    if windows:
        if fixed_drive_d is None:
            fixed_drive_d = drive_type("D:\\") == _DRIVE_FIXED
        if fixed_drive_d:
            return Path(str(PureWindowsPath("D:\\", DATA_NAME)))
        return (documents or _windows_documents()) / DATA_NAME
    return xdg_user_dir("DOCUMENTS", env, home, ("文档", "Documents")) / DATA_NAME


def desktop_dir(env: dict[str, str] | None = None, home: Path | None = None) -> Path:
    """The desktop folder on Linux (``$XDG_DESKTOP_DIR``, ``~/桌面`` or ``~/Desktop``)."""
    env = dict(os.environ) if env is None else env
    home = Path.home() if home is None else home
    return xdg_user_dir("DESKTOP", env, home, ("桌面", "Desktop"))


def on_removable_drive(path: Path) -> bool:
    """Whether ``path`` lies on a USB stick or other removable drive (Windows drive type; Linux mount folders)."""
    if is_windows():  # pragma: no cover - Windows only
        drive = os.path.splitdrive(str(path.resolve()))[0]
        return bool(drive) and drive_type(drive + "\\") == _DRIVE_REMOVABLE
    parts = path.resolve().parts
    return len(parts) > 2 and (parts[1] == "media" or parts[1:3] == ("run", "media"))


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies in it."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
