"""What the command line and the app say to a cadre about errors and the demo village, in Chinese.

Shared by ``cli``, ``launch``, every command and the sign-in screen, and importing none of them.
"""

from __future__ import annotations

import errno
from pathlib import Path

DEMO_FOLDER = Path.home() / ".village-tui" / "demo"


def demo_hint() -> str:
    """Where the demo village lives and how to open it, in Chinese."""
    return f"演示村的数据在 {DEMO_FOLDER}（用 village-tui --demo 打开，第一次会自动生成）"


def no_village_message(data: Path | str) -> str:
    """Why a command found no village in ``data``, naming the demo folder and suggesting ``--data``."""
    path = Path(data)
    state = "不存在" if not path.is_dir() else "里还没有村庄数据"
    return (f"数据文件夹{state}：{path}。{demo_hint()}；"
            f"要查看演示村请加 --data \"{DEMO_FOLDER}\"，自己村的数据请用 --data 指定数据文件夹")


# What an operating-system error means, for cadres (errno -> Chinese).
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: "找不到文件或文件夹",
    errno.EACCES: "没有权限（文件可能是只读的，或正被其他程序使用）",
    errno.EPERM: "没有权限（文件可能是只读的，或正被其他程序使用）",
    errno.EEXIST: "已经存在",
    errno.ENOTDIR: "不是文件夹",
    errno.EISDIR: "是文件夹，不是文件",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘是只读的（U盘可能开了写保护）",
    errno.EIO: "读写出错（磁盘或U盘可能损坏或已拔出）",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EBUSY: "正被其他程序使用",
    errno.EINVAL: "文件名或路径不合法",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EXDEV: "不能跨磁盘移动",
}


def os_reason(error: OSError) -> str:
    """What an OS error means, in Chinese, without the file name (``找不到文件或文件夹``).

    The one place where the system's English (``No such file or directory``) is turned into
    words a cadre reads; an error with an unknown number keeps its own text in brackets.
    """
    reason = _OS_REASONS.get(error.errno or -1)
    if reason is None and isinstance(error, PermissionError):
        reason = _OS_REASONS[errno.EACCES]
    if reason is None and isinstance(error, FileNotFoundError):
        reason = _OS_REASONS[errno.ENOENT]
    if reason is None:
        if error.errno is None and error.args and isinstance(error.args[0], str):
            return error.args[0]  # our own message, already in Chinese
        reason = f"系统错误（{error.strerror or error}）"
    return reason


def error_text(error: Exception) -> str:
    """An error for the user: an OS error translated by :func:`os_error_text`, a domain error as it is."""
    return os_error_text(error) if isinstance(error, OSError) else str(error)


def os_error_text(error: OSError) -> str:
    """An OS error in Chinese naming its file: ``找不到文件或文件夹：D:\\桃源村\\a.xlsx``."""
    reason = os_reason(error)
    if error.errno is None:
        return reason
    name = error.filename if error.filename is not None else None
    return f"{reason}：{name}" if name else reason
