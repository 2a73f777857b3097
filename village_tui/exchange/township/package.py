"""The reply package a township sends down to one village, and its check.

A package is a folder on the stick::

    回复-均溪镇-桃源村-20261127-1530/
      header.json      from, to (village, township, county), schema, sequence number, time
      replies.json     the township's answers to the village's escalated items
      checksums.json   the SHA-256 of every other file
      signature.json   the township's Ed25519 signature of checksums.json, with its public key

It is written into ``<name>.partial`` and renamed when complete. The sequence number
counts the packages sent to that village; each package holds every answer to date, so a
lost package is made good by the next.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from village_tui.domain.error_words import error_words
from village_tui.domain.models import TownshipItem
from village_tui.domain.safe_text import inert
from village_tui.exchange.export import export_name
from village_tui.exchange.manifest import file_sha256
from village_tui.exchange.signature import SIGNATURE_NAME, SignatureCheck, check_signature, write_signature
from village_tui.store.api import SCHEMA_VERSION, atomic_write_bytes, fsync_dir, rename

HEADER, REPLIES, CHECKSUMS = "header.json", "replies.json", "checksums.json"
Signer = Callable[[bytes], tuple[str, bytes]]  # bytes -> (public key in hexadecimal, signature)
KIND = "乡镇回复"
FORMAT = 1
PREFIX = "回复"


@dataclass
class Reply:
    """One answer in a package: the village's item number, what the township did, and who signed it."""

    item: str
    action: str
    text: str
    day: date
    signer: str
    note: str = ""


@dataclass
class Package:
    """A reply package as read from the stick.

    Attributes:
        folder: The package folder.
        header: Its header (from, to, schema, sequence ...).
        replies: Its answers.
        problems: Why it does not pass its checks, in Chinese (empty when it does).
        signature: The check of its signature.
    """

    folder: Path
    header: dict = field(default_factory=dict)
    replies: list[Reply] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    signature: SignatureCheck = field(default_factory=SignatureCheck)

    @property
    def ok(self) -> bool:
        """True when every file is there and matches its checksum, and the header is complete."""
        return not self.problems

    def lines(self) -> list[str]:
        """The check's result in plain Chinese."""
        lines = [f"检查：{self.folder}"] + [f"错误：{p}" for p in self.problems]
        if self.ok:
            h = self.header
            lines.append(f"校验通过：{h['from']}给{h['to']}的回复包（第 {h['sequence']} 号），"
                         f"{len(self.replies)} 条答复，每个文件都与校验值一致。")
            lines.append(f"签名有效：{h['from']}的签名密钥指纹 {self.signature.fingerprint}（可打电话核对）。")
        return lines


def is_package(folder: Path) -> bool:
    """A reply package folder (its header and checksums are there)."""
    return (folder / HEADER).is_file() and (folder / CHECKSUMS).is_file()


def package_name(township: str, village: str, when: datetime) -> str:
    """``回复-均溪镇-桃源村-20261127-1530``, safe on any stick."""
    return f"{PREFIX}-{export_name(township, when).rsplit('-', 2)[0]}-{export_name(village, when)}"


def _json_bytes(body) -> bytes:
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def write_package(dest_root: Path, settings, village: str, items: list[TownshipItem], sequence: int,
                  when: datetime, sign: Signer) -> Path:
    """Write one village's reply package into ``dest_root`` and return its folder.

    Args:
        dest_root: Where (the stick).
        settings: The sending desk's settings.
        village: The village it is for.
        items: The answered items.
        sequence: The package's number.
        when: Its time.
        sign: Signs bytes with the desk's key (the service's ``sign``).

    Raises:
        OSError: The stick cannot be written.
    """
    final = dest_root / package_name(settings.name, village, when)
    number = 2
    while final.exists() or final.with_name(final.name + ".partial").exists():
        final = dest_root / f"{package_name(settings.name, village, when)}-{number}"
        number += 1
    partial = final.with_name(final.name + ".partial")
    partial.mkdir(parents=True)
    header = {"kind": KIND, "format": FORMAT, "from": settings.name, "to": village,
              "township": settings.name, "county": settings.county, "schema": SCHEMA_VERSION,
              "sequence": sequence, "time": when.strftime("%Y-%m-%d %H:%M:%S")}
    replies = [{"item": i.item, "action": _action_of(i), "text": i.reply, "day": (i.reply_day or when.date()).isoformat(),
                "signer": i.signer, "note": i.forward_note} for i in sorted(items, key=lambda i: i.item)]
    files = {HEADER: _json_bytes(header), REPLIES: _json_bytes(replies)}
    for name, data in files.items():
        atomic_write_bytes(partial / name, data)
    sums = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    checksums = _json_bytes(sums)
    atomic_write_bytes(partial / CHECKSUMS, checksums)
    write_signature(partial, CHECKSUMS, *sign(checksums))
    fsync_dir(partial)
    rename(partial, final)
    fsync_dir(dest_root)
    return final


def _action_of(item: TownshipItem) -> str:
    from village_tui.domain.township import ACTIONS

    return next(action for action, status in ACTIONS.items() if status == item.status)


def read_package(folder: Path | str) -> Package:
    """Read a reply package and check every file against its checksum (nothing is written)."""
    package = Package(Path(folder))
    try:
        sums = json.loads((package.folder / CHECKSUMS).read_bytes().decode("utf-8"))
        if not isinstance(sums, dict):
            raise ValueError("校验值文件格式不对")
    except (OSError, ValueError) as error:
        package.problems.append(f"校验值文件 {CHECKSUMS} 读不出来：{error_words(error)}")
        return package
    package.signature = check_signature(package.folder, CHECKSUMS)
    if not package.signature.ok:
        package.problems.append(package.signature.problem)
    present = {p.name for p in package.folder.iterdir() if p.is_file()} - {CHECKSUMS, SIGNATURE_NAME}
    for name in sorted(set(sums) | present):
        path = package.folder / name
        if name not in sums:
            package.problems.append(f"校验值文件中没有的文件：{inert(name)}")
        elif not path.is_file():
            package.problems.append(f"缺少文件：{inert(name)}")
        elif file_sha256(path) != sums[name]:
            package.problems.append(f"文件内容与校验值不一致：{inert(name)}")
    for name in (HEADER, REPLIES):
        if name not in sums:
            package.problems.append(f"缺少文件：{name}")
    if package.problems:
        return package
    try:
        package.header = json.loads((package.folder / HEADER).read_bytes().decode("utf-8"))
        body = json.loads((package.folder / REPLIES).read_bytes().decode("utf-8"))
        package.replies = [Reply(str(r["item"]), str(r["action"]), str(r["text"]), date.fromisoformat(r["day"]),
                                 str(r["signer"]), str(r.get("note", ""))) for r in body]
        missing = [k for k in ("kind", "from", "to", "township", "county", "schema", "sequence")
                   if k not in package.header]
        if missing or package.header.get("kind") != KIND or not isinstance(package.header["sequence"], int):
            package.problems.append("回复包的头文件不完整或格式不对")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        package.problems.append(f"回复包读不出来：{error_words(error)}")
    return package
