"""A save the operating system refused, for the screens: what happened, and what to do about it.

What an error means in Chinese comes from ``domain/error_words.py`` (the one errno table, which
the commands use too); this adds the advice for a refused save and the error the store raises.
"""

from __future__ import annotations

import errno

from village_tui.domain.error_words import error_words, os_reason
from village_tui.domain.errors import DomainError

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
_SAVE_ADVICE[errno.ENXIO] = _SAVE_ADVICE[errno.ENODEV] = _SAVE_ADVICE[errno.EIO]
_DEFAULT_ADVICE = "请检查数据文件夹所在的磁盘或U盘，然后再保存"


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


def error_text(error: BaseException) -> str:
    """Any error for a screen, in Chinese: a refused save's whole sentence (what happened and what to
    do), any other error as :func:`error_words` says it."""
    return str(error) if isinstance(error, SaveRefused) else error_words(error)
