"""A catalogue of broken and wrong-shaped data folders, made from a small demo village.

Each entry damages one file of a copy of the demo village the way a power cut, a
bad USB stick, Notepad or a stray script would: emptied, cut short, re-encoded,
deleted, or still valid JSON of the wrong shape (a table that is a list, a record
that is a string, a missing field, ``"day": "31/02/2026"``, ``"locked_before":
"yesterday"``, ...).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from village_tui.demo import generate_demo

TODAY = date(2026, 11, 27)
YEAR = TODAY.year


@dataclass(frozen=True)
class Damage:
    """One way a data folder can be broken.

    Attributes:
        target: The file damaged, relative to the data folder.
        change: New bytes from the old ones; returning None deletes the file.
        says: Words the Chinese message must hold beside the file's name (the record, the bad value).
        refused_by: The commands that must refuse the folder; None for every command (the
            program reads the file when it opens the folder: reference, this year's files,
            the schema). Export and verify read every file; import writes the audit log.
    """

    target: str
    change: Callable[[bytes], bytes | None]
    says: tuple[str, ...] = ()
    refused_by: frozenset[str] | None = None


def _json(edit: Callable[[dict], object]) -> Callable[[bytes], bytes]:
    """A change that parses the file, lets ``edit`` change the tables, and writes valid JSON back."""
    def change(raw: bytes) -> bytes:
        tables = json.loads(raw.decode("utf-8"))
        edit(tables)
        return json.dumps(tables, ensure_ascii=False).encode("utf-8")
    return change


def _first(tables: dict, table: str) -> dict:
    """The first record of a table (changed in place by the edits)."""
    return next(iter(tables[table].values()))


def _set(table: str, key: str | None, field: str, value: object) -> Callable[[dict], None]:
    def edit(tables: dict) -> None:
        record = tables[table][key] if key else _first(tables, table)
        record[field] = value
    return edit


def _drop(table: str, field: str) -> Callable[[dict], None]:
    def edit(tables: dict) -> None:
        del _first(tables, table)[field]
    return edit


def _replace_record(table: str, key: str, value: object) -> Callable[[dict], None]:
    def edit(tables: dict) -> None:
        tables[table][key] = value
    return edit


def _table_as_list(table: str) -> Callable[[dict], None]:
    def edit(tables: dict) -> None:
        tables[table] = list(tables[table].values())
    return edit


def _raw_field(table: str, key: str, field: str, text: str) -> Callable[[bytes], bytes]:
    """A change that puts ``text`` (raw JSON the encoder would never write) as one record's field."""
    def change(raw: bytes) -> bytes:
        tables = json.loads(raw.decode("utf-8"))
        tables[table][key][field] = "@@RAW@@"
        return json.dumps(tables, ensure_ascii=False).encode("utf-8").replace(b'"@@RAW@@"', text.encode("ascii"))
    return change


def _record_twice(table: str, key: str, field: str, value: str) -> Callable[[bytes], bytes]:
    """A change that writes record ``key`` a second time, after the first, with one field changed."""
    def change(raw: bytes) -> bytes:
        tables = json.loads(raw.decode("utf-8"))
        copy = dict(tables[table][key], **{field: value})
        body = json.dumps(tables, ensure_ascii=False)
        table_start = body.index(json.dumps(table) + ": {") + len(json.dumps(table) + ": {")
        twice = json.dumps(key) + ": " + json.dumps(copy, ensure_ascii=False) + ", "
        return (body[:table_start] + twice + body[table_start:]).encode("utf-8")
    return change


VISITS = f"{YEAR}/visits.json"
DUTY = f"{YEAR}/duty.json"
LEDGER = f"{YEAR}/ledger.json"
AUDIT = f"audit/{TODAY:%Y-%m}.json"

CATALOGUE: dict[str, Damage] = {
    "reference empty": Damage("reference.json", lambda raw: b""),
    "reference truncated": Damage("reference.json", lambda raw: raw[: len(raw) * 2 // 3]),
    "reference not UTF-8": Damage("reference.json",
                                  lambda raw: raw.replace("桃源村".encode("utf-8"), "桃源村".encode("gbk"))),
    "reference missing beside year files": Damage("reference.json", lambda raw: None, ("不见了",)),
    "reference is a list": Damage("reference.json", lambda raw: b"[1, 2, 3]\n", ("不是数据表",)),
    "households table is a list": Damage("reference.json", _json(_table_as_list("households")), ("农户", "列表")),
    "household record is a string": Damage("reference.json", _json(_replace_record("households", "7", "王大山")),
                                           ("第7条记录", "王大山")),
    "cadre without a name": Damage("reference.json", _json(_drop("cadres", "name")), ("干部", "name")),
    "household members as text": Damage("reference.json", _json(_set("households", "3", "members", "三口人")),
                                        ("第3条记录", "members", "三口人")),
    "locked_before yesterday": Damage("reference.json", _json(_set("settings", "1", "locked_before", "yesterday")),
                                      ("locked_before", "yesterday")),
    "record key not a number": Damage("reference.json", _json(lambda t: t["cadres"].update({"甲": {}})), ("甲",)),
    "visit day 31/02": Damage(VISITS, _json(_set("visits", "12", "day", "31/02/2026")), ("第12条记录", "31/02/2026")),
    "visit of another year": Damage(VISITS, _json(_set("visits", "5", "day", "2019-05-01")),
                                    ("第5条记录", "2019-05-01")),
    "visits table is a list": Damage(VISITS, _json(_table_as_list("visits")), ("列表",)),
    "visit cadre id is text": Damage(VISITS, _json(_set("visits", "2", "cadre_id", "张建国")), ("cadre_id", "张建国")),
    "duty sign-in without cadre": Damage(DUTY, _json(lambda t: _first(t, "duty").update(signins=[{"time": "08:30"}])),
                                         ("signins", "cadre_id")),
    "ledger record is a number": Damage(LEDGER, _json(_replace_record("ledger", "3", 42)), ("第3条记录",)),
    "ledger escalations a dict": Damage(LEDGER, _json(_set("ledger", "1", "escalations", {"level": "乡镇"})),
                                        ("escalations",)),
    "a 5,000-digit number": Damage(VISITS, _raw_field("visits", "3", "household_id", "9" * 5000), ("数字",)),
    "nested 100,000 deep": Damage(VISITS, _raw_field("visits", "4", "learned", "[" * 100_000 + "]" * 100_000),
                                  ("嵌套",)),
    # Parses (500 levels), fits every field the program knows, but the export's masking walks values recursively.
    "nested 500 deep in a field of its own": Damage(VISITS, _raw_field("visits", "4", "附注", "[" * 500 + "]" * 500),
                                                   ("嵌套",), refused_by=frozenset({"export"})),
    "NaN in a record": Damage("reference.json", _raw_field("households", "5", "members", "NaN"), ("NaN",)),
    "Infinity as 1e999": Damage(VISITS, _raw_field("visits", "6", "cadre_id", "1e999"), ("1e999",)),
    "a household id written twice": Damage("reference.json", _record_twice("households", "8", "head", "冒名户主"),
                                           ("「8」", "两次")),
    "settings emptied beside households": Damage("reference.json", _json(lambda t: t.update(settings={})),
                                                 ("设置",)),
    "settings table removed": Damage("reference.json", _json(lambda t: t.pop("settings")), ("设置",)),
    "visits file truncated": Damage(VISITS, lambda raw: raw[: len(raw) // 2]),
    "schema garbage": Damage("schema.json", lambda raw: b"\xff\xfe\x00garbage"),
    # An import appends to the journal without reading the audit files; the damaged one is still never
    # written over (the journal is not compacted into it) and export and verify name it.
    "audit entry seq as text": Damage(AUDIT, _json(_set("audit", "1", "seq", "一")), ("seq",),
                                      refused_by=frozenset({"export", "verify"})),
    "last year's visits wrong": Damage(f"{YEAR - 1}/visits.json", _json(_set("visits", "1", "household_id", None)),
                                       ("household_id",), refused_by=frozenset({"export", "verify"})),
}


def make_demo(root: Path) -> Path:
    """The small demo village (200 households, one year up to :data:`TODAY`), written once."""
    folder = root / "demo"
    generate_demo(folder, scale="small", seed=1, until=TODAY)
    return folder


def broken_copy(demo: Path, dest: Path, damage: Damage) -> Path:
    """A copy of the demo village with one file damaged; returns the data folder."""
    shutil.copytree(demo, dest, ignore=shutil.ignore_patterns(".lock", ".lock-info", "backups"))
    target = dest / damage.target
    changed = damage.change(target.read_bytes())
    if changed is None:
        target.unlink()
    else:
        target.write_bytes(changed)
    return dest
