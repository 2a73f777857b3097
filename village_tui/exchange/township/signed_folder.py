"""A package folder on the stick: its files, ``checksums.json`` (their SHA-256) and the signature of those.

Reply packages (down: township → village, county → township) and forwarding packages (up:
township → county) are written and checked here alike. A folder is written into
``<name>.partial`` and renamed when complete, so a stick pulled out early never holds a folder
that looks whole.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from village_tui.domain.error_words import error_words
from village_tui.domain.safe_text import inert
from village_tui.exchange.manifest import file_sha256
from village_tui.exchange.signature import SIGNATURE_NAME, SignatureCheck, check_signature, write_signature
from village_tui.store.api import atomic_write_bytes, fsync_dir, rename

CHECKSUMS = "checksums.json"
Signer = Callable[[bytes], tuple[str, bytes]]  # bytes -> (public key in hexadecimal, signature)


def json_bytes(body) -> bytes:
    """JSON as a clerk can read it in Notepad (UTF-8, Chinese unescaped, indented)."""
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def write_signed_folder(dest_root: Path, name: str, files: dict[str, bytes], sign: Signer) -> Path:
    """Write ``files`` into a new folder ``dest_root/name`` (``name-2`` … when taken), checksummed and signed.

    Raises:
        OSError: The stick cannot be written.
    """
    final, number = dest_root / name, 2
    while final.exists() or final.with_name(final.name + ".partial").exists():
        final, number = dest_root / f"{name}-{number}", number + 1
    partial = final.with_name(final.name + ".partial")
    partial.mkdir(parents=True)
    for file_name, data in files.items():
        atomic_write_bytes(partial / file_name, data)
    checksums = json_bytes({file_name: hashlib.sha256(data).hexdigest() for file_name, data in files.items()})
    atomic_write_bytes(partial / CHECKSUMS, checksums)
    write_signature(partial, CHECKSUMS, *sign(checksums))
    fsync_dir(partial)
    rename(partial, final)
    fsync_dir(dest_root)
    return final


def check_signed_folder(folder: Path, required: tuple[str, ...]) -> tuple[list[str], SignatureCheck]:
    """Check a package folder: its signature, and every file against ``checksums.json`` (nothing written).

    Returns:
        The problems in Chinese (empty when it passes), and the signature's check.
    """
    problems: list[str] = []
    try:
        sums = json.loads((folder / CHECKSUMS).read_bytes().decode("utf-8"))
        if not isinstance(sums, dict):
            raise ValueError("校验值文件格式不对")
    except (OSError, ValueError) as error:
        return [f"校验值文件 {CHECKSUMS} 读不出来：{error_words(error)}"], SignatureCheck()
    signature = check_signature(folder, CHECKSUMS)
    if not signature.ok:
        problems.append(signature.problem)
    present = {p.name for p in folder.iterdir() if p.is_file()} - {CHECKSUMS, SIGNATURE_NAME}
    for name in sorted(set(sums) | present):
        path = folder / name
        if name not in sums:
            problems.append(f"校验值文件中没有的文件：{inert(name)}")
        elif not path.is_file():
            problems.append(f"缺少文件：{inert(name)}")
        elif file_sha256(path) != sums[name]:
            problems.append(f"文件内容与校验值不一致：{inert(name)}")
    problems += [f"缺少文件：{name}" for name in required if name not in sums]
    return problems, signature
