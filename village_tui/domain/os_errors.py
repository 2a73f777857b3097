"""Operating-system errors in words a cadre reads: what happened, and what to do about it.

One place turns the system's English (``No space left on device``) into Chinese, for the
commands (which name the file) and for the screens (which say the typed text is kept).
"""

from __future__ import annotations

import errno

from village_tui.domain.errors import DomainError

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
_OS_REASONS[getattr(errno, "EDQUOT", -2)] = "磁盘空间不足（超出限额）"

# What a cadre can do about a save the disk refused (errno -> Chinese advice).
_SAVE_ADVICE: dict[int, str] = {
    errno.ENOSPC: "请删除或移走电脑上不用的文件，腾出空间后再保存",
    errno.EROFS: "请检查数据文件夹所在的磁盘或U盘：关掉写保护，或把数据文件夹复制到电脑硬盘上再打开",
    errno.EACCES: "请关闭正在打开数据文件的其他程序（如记事本、WPS、杀毒软件），或请懂电脑的人给数据文件夹写入权限，再保存",
    errno.EIO: "请检查U盘或磁盘是否插好：插好后再保存；如果一再出错，请关闭程序，把数据文件夹复制到别的磁盘上再打开",
}
_SAVE_ADVICE[errno.EPERM] = _SAVE_ADVICE[errno.EACCES]
_SAVE_ADVICE[errno.EBUSY] = _SAVE_ADVICE[errno.EACCES]
_SAVE_ADVICE[getattr(errno, "EDQUOT", -2)] = _SAVE_ADVICE[errno.ENOSPC]
_DEFAULT_ADVICE = "请检查数据文件夹所在的磁盘或U盘，然后再保存"


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


def os_error_text(error: OSError) -> str:
    """An OS error in Chinese naming its file: ``找不到文件或文件夹：D:\\桃源村\\a.xlsx``."""
    reason = os_reason(error)
    if error.errno is None:
        return reason
    name = error.filename if error.filename is not None else None
    return f"{reason}：{name}" if name else reason


def save_failed_text(error: OSError, kept: str = "") -> str:
    """A save the disk refused: what happened, that nothing was half saved, and what to do.

    Args:
        error: The error the store raised (the save was rolled back before it reached the screen).
        kept: What the cadre still has on screen (``"刚才填写的内容还在"``), or empty.

    Returns:
        ``磁盘空间不足。数据文件夹没有改动，刚才填写的内容还在。请删除……后再保存。``
        (callers put ``未保存：`` before it).
    """
    code = error.errno or -1
    if code == -1 and isinstance(error, PermissionError):
        code = errno.EACCES
    advice = _SAVE_ADVICE.get(code, _DEFAULT_ADVICE)
    kept_text = f"，{kept}" if kept else ""
    return f"{os_reason(error)}。数据文件夹没有改动{kept_text}。{advice}。"


class SaveRefused(DomainError, OSError):
    """A save the operating system refused (disk full, read-only, no permission, USB pulled).

    Raised by the store in place of the bare ``OSError`` once the save is rolled back, so
    every screen that shows a ``DomainError`` shows this one too; it is still an ``OSError``
    with the same ``errno`` for code that asks. ``str(error)`` is the Chinese sentence of
    :func:`save_failed_text`.

    Args:
        error: The operating system's error.
    """

    def __init__(self, error: OSError) -> None:
        super().__init__(error.errno, error.strerror, error.filename)
        self.cause = error
        self.message = save_failed_text(error)

    def __str__(self) -> str:
        return self.message


def error_text(error: Exception) -> str:
    """Any error for a screen, in Chinese: a refused save's full sentence, a bare OS error translated
    (naming its file), a domain error as it is."""
    if isinstance(error, OSError) and not isinstance(error, SaveRefused):
        return os_error_text(error)
    return str(error)
