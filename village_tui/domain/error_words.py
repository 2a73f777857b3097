"""Errors of the operating system and of libraries, said in Chinese for cadres.

The one place where ``No such file or directory``, ``File is not a zip file`` or
``Bad CRC-32 for file 'xl/styles.xml'`` become words a cadre reads; no English is
ever put in brackets after them. Pure: it only reads the error objects.
"""

from __future__ import annotations

import errno
import json
import re
import sys
import zlib

# What an operating-system error means (errno -> Chinese).
OS_REASONS: dict[int, str] = {
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
    errno.EMFILE: "同时打开的文件太多",
    errno.ENXIO: "设备不存在（U盘可能已拔出）",
    errno.ENODEV: "设备不存在（U盘可能已拔出）",
    errno.EFBIG: "文件太大",
    errno.ETIMEDOUT: "等待超时",
    errno.ELOOP: "路径里的链接绕成了圈",
}
_WINDOWS_REASONS = {  # winerror of a Windows OSError
    32: "正被其他程序使用（请先关闭用到这个文件的程序，如 Excel/WPS）",
    33: "文件的一部分被其他程序锁定",
    112: "磁盘空间不足",
    1224: "正被其他程序使用（请先关闭用到这个文件的程序，如 Excel/WPS）",
}
CORRUPT = "文件已损坏或不完整（可能没有复制完）"


def _has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (U+3400-U+9FFF): already words for the user.

    A loop, not a regular expression: compiling that range's character set costs 2 ms at every
    start of the program, and errors are rare.
    """
    return any("\u3400" <= char <= "\u9fff" for char in text)


def os_reason(error: OSError) -> str:
    """What an OS error means, without the file name (``找不到文件或文件夹``)."""
    reason = _WINDOWS_REASONS.get(getattr(error, "winerror", None) or -1) or OS_REASONS.get(error.errno or -1)
    if reason is None and isinstance(error, PermissionError):
        reason = OS_REASONS[errno.EACCES]
    if reason is None and isinstance(error, FileNotFoundError):
        reason = OS_REASONS[errno.ENOENT]
    if reason is None:
        if error.errno is None and error.args and isinstance(error.args[0], str) and _has_cjk(error.args[0]):
            return error.args[0]  # our own message, already in Chinese
        number = error.errno if error.errno is not None else getattr(error, "winerror", None)
        reason = f"系统错误（错误号 {number}）" if number is not None else "系统错误"
    return reason


def os_error_text(error: OSError) -> str:
    """An OS error naming its file: ``找不到文件或文件夹：D:\\桃源村\\a.xlsx``."""
    reason = os_reason(error)
    if error.errno is None:
        return reason
    return f"{reason}：{error.filename}" if error.filename is not None else reason


def _zip_text(error: Exception) -> str:
    match = re.search(r"for file '([^']+)'", str(error))
    if "CRC" in str(error) and match:
        return f"{CORRUPT}：其中的 {match[1]} 校验不符"
    if "not a zip file" in str(error):
        return "不是有效的工作簿（.xlsx）文件，或文件已损坏"
    return CORRUPT


def error_words(error: BaseException) -> str:
    """Any error a file or a library raised, in Chinese; an error of our own as it is.

    Args:
        error: The error caught.
    """
    if isinstance(error, OSError):
        return os_error_text(error)
    if isinstance(error, json.JSONDecodeError):
        return f"JSON 格式不对（第 {error.lineno} 行第 {error.colno} 列）"
    if isinstance(error, UnicodeDecodeError):
        return f"文字编码不对（不是 UTF-8，第 {error.start + 1} 个字节）"
    zipfile = sys.modules.get("zipfile")  # not imported at start: only a zip read can raise its errors
    if zipfile is not None and isinstance(error, zipfile.BadZipFile):
        return _zip_text(error)
    if isinstance(error, (zlib.error, EOFError)):
        return CORRUPT
    if isinstance(error, KeyError) and "There is no item named" in str(error):
        match = re.search(r"named '([^']+)'", str(error))
        return f"{CORRUPT}：缺少 {match[1] if match else '其中一部分'}"
    if isinstance(error, MemoryError):
        return "内存不够"
    text = str(error)
    return text if _has_cjk(text) else "文件内容不对，程序无法读取"


def missing_path(path, what: str = "文件夹") -> str:
    """A path that is not there, named as missing (not as a copy that changed on the stick).

    Args:
        path: The path as the user gave it.
        what: 文件夹, 文件, or 文件或文件夹.
    """
    return f"找不到 {path}：这个{what}不存在。请检查路径是否写对、U盘是否插好。"
