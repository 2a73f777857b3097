"""Shape checks of data files when they are loaded: tables, record ids and every field.

A data file that parses may still be of the wrong shape: a table that is a list,
a record that is a string, a field missing, ``"day": "31/02/2026"``. Decoding it
would end in a ``TypeError`` deep in a rule, so every file is checked once when it
is loaded and a wrong one is treated like a file that does not parse: named, kept
untouched, and the folder opened read-only.

Nothing here is a hand list per kind. The checks (:mod:`village_tui.store.field_checks`)
are derived from the same dataclass type hints the converters of
:mod:`village_tui.store.convert` decode (a field added to a domain class is checked
without work here):

- a field without a default is required; a field with one may be absent;
- ``str``, ``int``, ``bool`` must be exactly that JSON type (``true`` is no number);
- ``date`` must be an ISO day ``YYYY-MM-DD`` that exists;
- ``X | None`` may be ``null``; ``list[X]``, ``dict[str, X]`` and nested
  dataclasses are checked item by item;
- unknown keys are left alone (the converters ignore them).

On top of that, a few facts of the layout: a file is an object of tables, a
table an object of records keyed by a number, a yearly record lies in its own
year's file, the settings are record 1.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from village_tui.store.field_checks import describe, field_label, record_check, table_scan
from village_tui.store.storage import BrokenDataFile

__all__ = ["WrongShapeFile", "check_tables", "record_check", "record_problem", "tables_problem"]

_YEAR_FILE = re.compile(r"^([0-9]{4})/([^/]+)\.json$")
_AUDIT_FILE = re.compile(r"^audit/[0-9]{4}-[0-9]{2}\.json$")


class WrongShapeFile(BrokenDataFile):
    """A data file that parses but whose tables or records are not what the program wrote.

    Attributes:
        path: The file.
        reason: Which table or record, and what is wrong, in Chinese.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, reason)
        self.args = (f"数据文件格式不对：{path} {reason}。该文件已原样保留，未被覆盖。",)


def _render(where: str, problem: tuple[str, str]) -> str:
    inside, what = problem
    return f"{where}：{inside}{what}" if inside else f"{where}：{what}"


# -- the layout ------------------------------------------------------------

def _table_classes() -> dict[str, tuple[type, str]]:
    """Table name → (record class, Chinese label), from the store's own lists of kinds."""
    from village_tui.domain.models import AuditEntry, VillageSettings
    from village_tui.store.open_index import INDEX_TABLE, OpenIndexEntry
    from village_tui.store.kinds import KINDS, SETTINGS_TABLE

    classes = {name: (kind.cls, kind.label) for name, kind in KINDS.items()}
    classes[SETTINGS_TABLE] = (VillageSettings, "设置")
    classes[INDEX_TABLE] = (OpenIndexEntry, "未结索引")
    classes["audit"] = (AuditEntry, "审计日志")
    return classes


@lru_cache(maxsize=None)
def _layout_check(table: str, year: int | None) -> Callable[[str, dict], str | None] | None:
    """Facts of the layout beyond the fields, for one table of one file, or None when there are none.

    A yearly record lies in its own year's file (its id is the year and the key),
    the settings are record 1, the open index names records by ``年份-序号``.
    """
    from village_tui.store.open_index import INDEX_TABLE
    from village_tui.store.kinds import KINDS, SETTINGS_TABLE

    kind = KINDS.get(table)
    if kind is not None and kind.yearly and year is not None:
        field_name, prefix = kind.year_field, f"{year:04d}-"

        def same_year(key: str, doc: dict) -> str | None:
            day = doc.get(field_name)
            if type(day) is str and not day.startswith(prefix):
                return f"{field_label(field_name)}日期 {day} 不在 {year} 年，不应放在 {year} 年的文件里"
            return None
        return same_year
    if table == SETTINGS_TABLE:
        return lambda key, doc: None if key == "1" else "设置只能是第1条记录"
    if table == INDEX_TABLE:
        def index_ids(key: str, doc: dict) -> str | None:
            for record_id in doc.get("items") or ():
                if not re.fullmatch(r"[0-9]{4}-[0-9]+", record_id):
                    return f"编号{describe(record_id)[2:]}不是「年份-序号」的形式"
            return None
        return index_ids
    return None


def record_problem(table: str, doc: Any, key: str = "", year: int | None = None) -> str | None:
    """What is wrong with one stored record of ``table``, in Chinese, or None.

    For loaders that read records one at a time (a journal line): the same
    checks :func:`check_tables` applies to a whole file.

    Args:
        table: The table (kind) name: ``visits``, ``households``, ``settings``, ``audit`` ...
        doc: The stored record.
        key: Its key in the table (settings must be ``"1"``).
        year: The year of the file holding it, for yearly kinds.
    """
    known = _table_classes().get(table)
    problem = (record_check(known[0]) if known else _any_record)(doc)
    if problem is not None:
        return f"{problem[0]}{problem[1]}"
    layout = _layout_check(table, year)
    return None if layout is None else layout(key or "1", doc)


def tables_problem(relative: str, data: Any) -> str | None:
    """What is wrong with the parsed content of one data file, in Chinese, or None.

    Args:
        relative: The file's path in the data folder (``2026/visits.json``).
        data: The parsed JSON.
    """
    if type(data) is not dict:
        return f"内容应为一组数据表，实为{describe(data)}"
    year_file = _YEAR_FILE.match(relative)
    year = int(year_file.group(1)) if year_file else None
    classes = _table_classes()
    several = not year_file and not _AUDIT_FILE.match(relative)
    for table, docs in data.items():
        known = classes.get(table)
        label = f"「{known[1]}」表" if known else f"表{field_label(table)}"
        if type(docs) is not dict:
            return f"{label}应为按编号存放的记录，实为{describe(docs)}"
        layout = _layout_check(table, year)
        if known is not None:
            year_field = _yearfield_label(table, year)
            if table_scan(known[0], year_field)(docs) is None and (layout is None or year_field is not None):
                continue  # the whole table fits: the usual case, and the fast one
        check = record_check(known[0]) if known else _any_record
        prefix = label if several else ""
        for key, doc in docs.items():
            if not (key.isascii() and key.isdigit() and len(key) < 10):
                return f"{prefix}编号{describe(key)[2:]}不是数字"
            problem = check(doc)
            if problem is None and layout is not None:
                found = layout(key, doc)
                problem = None if found is None else ("", found)
            if problem is not None:
                return _render(f"{prefix}第{key}条记录", problem)
    return _settings_problem(data) if relative == "reference.json" else None


def _settings_problem(data: dict) -> str | None:
    """Records without the village's settings: a damaged reference file, never a village to set up anew.

    The settings are saved first (the first-run setup, an import into a new folder, the
    demo), in the same journal line as the first records, so a folder holding cadres or
    households always holds them. Starting the setup over the records would hand out their
    ids again.
    """
    settings = data.get("settings")
    if isinstance(settings, dict) and isinstance(settings.get("1"), dict):
        return None
    held = [(len(docs), label) for table, label in (("households", "户农户"), ("cadres", "名干部"))
            if isinstance(docs := data.get(table), dict) and docs]
    if not held:
        return None
    state = "为空" if isinstance(settings, dict) else "不见了"
    counts = "、".join(f"{count} {label}" for count, label in held)
    return f"村庄设置（settings）{state}，但文件里还有 {counts}（不是新的数据文件夹，不能重新设置）"


@lru_cache(maxsize=None)
def _yearfield_label(table: str, year: int | None) -> tuple[str, str] | None:
    """For a yearly kind's table in a year file: its date field and the ``"2026-"`` every date starts with."""
    from village_tui.store.kinds import KINDS

    kind = KINDS.get(table)
    if kind is None or not kind.yearly or year is None:
        return None
    return kind.year_field, f"{year:04d}-"


def _any_record(doc: Any) -> tuple[str, str] | None:
    """A record of a table this program does not know: any object."""
    return None if type(doc) is dict else ("", f"不是一条记录，而是{describe(doc)}")


def check_tables(path: Path, relative: str, data: Any) -> None:
    """Raise :class:`WrongShapeFile` naming the first wrong table or record of a loaded file.

    Args:
        path: The file, for the message.
        relative: Its path in the data folder (picks the record classes and the year).
        data: The parsed JSON.
    """
    problem = tables_problem(relative, data)
    if problem is not None:
        raise WrongShapeFile(path, problem)
