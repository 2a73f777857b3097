"""The reply package a unit sends down (a township to a village, a county to a township), and its check.

A package is a folder on the stick::

    回复-均溪镇-桃源村-20261127-1530/
      header.json      kind, from (and its level), to, township, county, schema, sequence number, time
      replies.json     the answers to the escalated items (each with its village, item and level)
      checksums.json   the SHA-256 of every other file
      signature.json   the sender's Ed25519 signature of checksums.json, with its public key

It is written into ``<name>.partial`` and renamed when complete
(:mod:`.signed_folder`). The sequence number counts the packages sent to that unit; each package
holds every answer to date, so a lost package is made good by the next. A township's package
to a village also carries the county's answers it received for that village's items.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from village_tui.domain.error_words import error_words
from village_tui.domain.models import TownshipItem
from village_tui.exchange.export import export_name
from village_tui.exchange.signature import SignatureCheck
from village_tui.exchange.township.signed_folder import (CHECKSUMS, Signer, check_signed_folder, json_bytes,
                                                         write_signed_folder)
from village_tui.store.api import SCHEMA_VERSION

HEADER, REPLIES = "header.json", "replies.json"
KIND = "乡镇回复"
COUNTY_KIND = "县回复"
FORMAT = 1
PREFIX = "回复"
__all__ = ["CHECKSUMS", "COUNTY_KIND", "KIND", "Package", "Reply", "Signer", "is_package", "read_package",
           "write_package"]


@dataclass
class Reply:
    """One answer in a package: the village's item number, what the township (or county) did, who signed it.

    ``level`` is who answered (乡镇 or 县); ``village`` the item's village; ``forwarded``, on a county's
    answer passed on by the township, the day the township forwarded the item (so a village that missed
    the package telling it of the forwarding still records the county's answer on its escalation to 县).
    """

    item: str
    action: str
    text: str
    day: date
    signer: str
    note: str = ""
    village: str = ""
    level: str = "乡镇"
    forwarded: date | None = None


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


def write_package(dest_root: Path, settings, to: str, items: list[TownshipItem], sequence: int,
                  when: datetime, sign: Signer) -> Path:
    """Write one reply package down (a township's to a village, a county's to a township); returns its folder.

    A township's package holds, per item, its own answer and the county's answer it received, by
    their days, the township's first on the same day (a forwarded item is escalated to the county
    before the county's answer lands; the township's answer after a county 退回 comes after it).

    Args:
        dest_root: Where (the stick).
        settings: The sending desk's settings (its ``level`` says whether a township or a county sends).
        to: The village (or, from a county, the township) it is for.
        items: The answered items.
        sequence: The package's number.
        when: Its time.
        sign: Signs bytes with the desk's key (the service's ``sign``).

    Raises:
        OSError: The stick cannot be written.
    """
    county_sends = settings.level == "县"
    header = {"kind": COUNTY_KIND if county_sends else KIND, "format": FORMAT, "from": settings.name,
              "from_level": settings.level, "to": to, "township": to if county_sends else settings.name,
              "county": settings.name if county_sends else settings.county, "schema": SCHEMA_VERSION,
              "sequence": sequence, "time": when.strftime("%Y-%m-%d %H:%M:%S")}
    replies = []
    for i in sorted(items, key=lambda i: (i.village, i.item)):
        answers = []
        if i.reply:
            answers.append({"item": i.item, "village": i.village, "level": settings.level, "action": _action_of(i),
                            "text": i.reply, "day": (i.reply_day or when.date()).isoformat(), "signer": i.signer,
                            "note": i.forward_note if not county_sends else ""})
        if i.county_reply and not county_sends:
            answers.append({"item": i.item, "village": i.village, "level": "县", "action": _action_of_status(
                i.county_status), "text": i.county_reply, "day": (i.county_reply_day or when.date()).isoformat(),
                "signer": i.county_signer, "note": "", "forwarded": i.forwarded.isoformat() if i.forwarded else None})
        # In the order they were given (the township's first on the same day): the township's answer
        # after a county 退回 lands on the village's step back at the township, made by the 退回.
        replies += sorted(answers, key=lambda answer: answer["day"])
    files = {HEADER: json_bytes(header), REPLIES: json_bytes(replies)}
    return write_signed_folder(dest_root, package_name(settings.name, to, when), files, sign)


def _action_of(item: TownshipItem) -> str:
    return _action_of_status(item.status)


def _action_of_status(status: str) -> str:
    from village_tui.domain.township import ACTIONS

    return next(action for action, known in ACTIONS.items() if known == status)


def read_package(folder: Path | str) -> Package:
    """Read a reply package and check its signature and every file against its checksum (nothing is written)."""
    package = Package(Path(folder))
    package.problems, package.signature = check_signed_folder(package.folder, (HEADER, REPLIES))
    if package.problems:
        return package
    try:
        package.header = json.loads((package.folder / HEADER).read_bytes().decode("utf-8"))
        body = json.loads((package.folder / REPLIES).read_bytes().decode("utf-8"))
        village = str(package.header.get("to", ""))
        package.replies = [Reply(str(r["item"]), str(r["action"]), str(r["text"]), date.fromisoformat(r["day"]),
                                 str(r["signer"]), str(r.get("note", "")), str(r.get("village", village)),
                                 str(r.get("level", "乡镇")),
                                 date.fromisoformat(r["forwarded"]) if r.get("forwarded") else None) for r in body]
        missing = [k for k in ("kind", "from", "to", "township", "county", "schema", "sequence")
                   if k not in package.header]
        if missing or package.header.get("kind") not in (KIND, COUNTY_KIND) \
                or not isinstance(package.header["sequence"], int):
            package.problems.append("回复包的头文件不完整或格式不对")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        package.problems.append(f"回复包读不出来：{error_words(error)}")
    return package
