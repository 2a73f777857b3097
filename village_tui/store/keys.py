"""The signing key's file in a data folder: read and written here alone, never copied into an export.

``signing-key.txt`` holds one line, ``ed25519 <the private key's 64 hexadecimal digits>``. It sits
beside the data files but is not one of them (:meth:`DataFolder.data_files` leaves it out), so
exports, backups and the SQLite roll-up never carry it. It is written once, through a temp file,
fsync and rename, readable by the owner alone where the system allows. An in-memory folder keeps
its key in memory.
"""

from __future__ import annotations

import os
import re
import weakref

from village_tui.domain.errors import DomainError
from village_tui.store.atomic import atomic_write_bytes, fsync_dir
from village_tui.store.folder import DataFolder

KEY_FILE = "signing-key.txt"
_LINE = re.compile(r"^ed25519 ([0-9a-f]{64})\s*$")
_MEMORY_KEYS: "weakref.WeakKeyDictionary[DataFolder, bytes]" = weakref.WeakKeyDictionary()


def read_signing_key(folder: DataFolder) -> bytes | None:
    """The folder's private signing key, or None when it has none yet.

    Raises:
        DomainError: The key file is there but unreadable or not a key (it is never overwritten).
    """
    if folder.path is None:
        return _MEMORY_KEYS.get(folder)
    path = folder.path / KEY_FILE
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise DomainError(f"签名密钥文件 {path} 读不出来：{error}") from None
    match = _LINE.match(text.strip())
    if match is None:
        raise DomainError(f"签名密钥文件 {path} 内容不对（不是本程序写的密钥）；请把它移走后重试，程序会生成新的密钥")
    return bytes.fromhex(match.group(1))


def write_signing_key(folder: DataFolder, private: bytes) -> None:
    """Keep a new private key in the folder (a key already there is never replaced).

    Also in a folder opened read-only: the key file is no data file, and the program holding the
    folder records its public half at its next use of the key.

    Raises:
        DomainError: The folder already has a key.
        OSError: The file cannot be written.
    """
    if folder.path is None:
        _MEMORY_KEYS.setdefault(folder, private)
        return
    path = folder.path / KEY_FILE
    if path.exists():
        raise DomainError(f"签名密钥文件 {path} 已经存在，不能覆盖")
    atomic_write_bytes(path, f"ed25519 {private.hex()}\n".encode("ascii"))
    try:
        os.chmod(path, 0o600)
    except OSError:  # a file system without modes (FAT32 stick, Windows): the folder's own rights hold
        pass
    fsync_dir(folder.path)
