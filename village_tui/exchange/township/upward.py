"""The package a township sends up to its county: the items it forwarded (上报县), and the county's reading of it.

A folder on the stick, checksummed and signed like a reply package (:mod:`.signed_folder`)::

    上报-均溪镇-大田县-20261127-1530/
      header.json      kind 乡镇上报, from (the township), to (the county), schema, sequence number, time
      items.json       every item the township forwarded to date: village, number, category, content
                       (masked as in exports), the days, the township's note and reply
      checksums.json, signature.json

Each package holds every forwarded item to date, so a lost package is made good by the next.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from village_tui.domain import clock
from village_tui.domain.error_words import error_words, missing_path
from village_tui.domain.models import TownshipItem
from village_tui.exchange.export import export_name
from village_tui.exchange.signature import SignatureCheck
from village_tui.exchange.township.signed_folder import Signer, check_signed_folder, json_bytes, write_signed_folder
from village_tui.store.api import SCHEMA_VERSION

HEADER, ITEMS = "header.json", "items.json"
KIND = "乡镇上报"
FORMAT = 1
PREFIX = "上报"


@dataclass
class ForwardPackage:
    """A township's forwarding package as the county reads it.

    Attributes:
        folder: The package folder.
        header: Its header.
        items: The forwarded items, as the county's desk keeps them (keyed by township, village, number).
        refusal: Why it is refused, in Chinese ("" when it is taken).
        signature: The check of its signature.
    """

    folder: Path
    header: dict = field(default_factory=dict)
    items: list[TownshipItem] = field(default_factory=list)
    refusal: str = ""
    signature: SignatureCheck = field(default_factory=SignatureCheck)

    @property
    def sender(self) -> str:
        """The township that sent it."""
        return str(self.header.get("from", ""))


def is_forward_package(folder: Path) -> bool:
    """Whether ``folder`` is a township's forwarding package (by its header's kind)."""
    try:
        header = json.loads((folder / HEADER).read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(header, dict) and header.get("kind") == KIND


def write_forward_package(dest_root: Path, settings, items: list[TownshipItem], sequence: int, when: datetime,
                          sign: Signer) -> Path:
    """Write the township's forwarded items into a package for its county; returns its folder.

    Raises:
        OSError: The stick cannot be written.
    """
    header = {"kind": KIND, "format": FORMAT, "from": settings.name, "from_level": "乡镇", "to": settings.county,
              "township": settings.name, "county": settings.county, "schema": SCHEMA_VERSION,
              "sequence": sequence, "time": when.strftime("%Y-%m-%d %H:%M:%S")}
    body = [{"village": i.village, "item": i.item, "category": i.category, "content": i.content,
             "village_day": i.village_day.isoformat(), "escalated_on": i.escalated_on.isoformat(),
             "forwarded": (i.forwarded or when.date()).isoformat(), "note": i.forward_note, "reply": i.reply,
             "signer": i.signer} for i in sorted(items, key=lambda i: (i.village, i.item))]
    name = f"{PREFIX}-{export_name(settings.name, when).rsplit('-', 2)[0]}-{export_name(settings.county, when)}"
    return write_signed_folder(dest_root, name, {HEADER: json_bytes(header), ITEMS: json_bytes(body)}, sign)


def read_forward_package(folder: Path | str, county: str) -> ForwardPackage:
    """Check a forwarding package and read its items for the county ``county`` (nothing is written)."""
    package = ForwardPackage(Path(folder))
    if not package.folder.exists():
        package.refusal = missing_path(package.folder)
        return package
    problems, package.signature = check_signed_folder(package.folder, (HEADER, ITEMS))
    if problems:
        package.refusal = "校验没有通过：" + "；".join(problems[:5])
        return package
    try:
        package.header = header = json.loads((package.folder / HEADER).read_bytes().decode("utf-8"))
        body = json.loads((package.folder / ITEMS).read_bytes().decode("utf-8"))
        if header.get("kind") != KIND or not isinstance(header.get("sequence"), int) or not header.get("from"):
            raise ValueError("上报包的头文件不完整或格式不对")
        package.items = [_county_item(header, entry) for entry in body]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        package.refusal = f"上报包读不出来：{error_words(error)}"
        return package
    if header.get("to") != county or header.get("county") != county:
        package.refusal = f"这个上报包是{header.get('from')}报给{header.get('to')}的，不是报给本县（{county}）的"
    return package


def _county_item(header: dict, entry: dict) -> TownshipItem:
    """One forwarded item as the county keeps it: its clock starts on the day the township forwarded it."""
    note = str(entry.get("note", ""))
    return TownshipItem(
        township=str(header["from"]), village=str(entry["village"]), item=str(entry["item"]),
        category=str(entry["category"]), content=str(entry["content"]),
        village_day=date.fromisoformat(entry["village_day"]), escalated_on=date.fromisoformat(entry["forwarded"]),
        office=str(header["to"]), level="县", village_status="",
        forward_note=note or str(entry.get("reply", "")), export_time=str(header.get("time", "")),
        received_on=clock.today())
