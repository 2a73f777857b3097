"""The county roll-up: every village's records in one SQLite database for ordinary database tools.

One table per record kind (``households``, ``visits`` ...) with a ``village``
column first and one column per field; dates are ``YYYY-MM-DD`` text, nested
lists and mappings are JSON text, booleans 0/1. A ``villages`` table names each
village and where its data came from. The database is written to a temp file
and renamed, so a half-written file never replaces a good one.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import typing
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, TYPE_CHECKING

from village_tui.store.api import VILLAGE_KINDS as KINDS, field_types  # a village's kinds (not a desk's)

if TYPE_CHECKING:
    from village_tui.service import VillageService

_VILLAGE_COLUMNS = ("village", "township", "county", "folder", "masked")


_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False) builds one per call
_STORED_AS_IS = {str, int, float, bool, date, str | None, int | None, float | None, date | None}


def _default(field_: dataclasses.Field) -> Any:
    """A field's default as it is stored (a date as its ``YYYY-MM-DD`` text), or None when it has none."""
    if field_.default is not dataclasses.MISSING:
        value = field_.default
    elif field_.default_factory is not dataclasses.MISSING:
        value = field_.default_factory()
    else:
        return None
    return value.isoformat() if isinstance(value, date) else value


def _json_cell(hint: Any) -> Callable[[Any], Any]:
    """How a stored list or mapping of type ``hint`` becomes its JSON text cell.

    A stored value is written as it is stored. A list of nested records is written as it is
    when each item holds exactly its class's fields in order; otherwise (a field added since it
    was saved) each item is written with every field in order, defaults filled in, as the
    program reads it.
    """
    nested = [a for a in typing.get_args(hint) if dataclasses.is_dataclass(a)]
    fields = [(f.name, _default(f)) for f in dataclasses.fields(nested[0])] if nested else []
    names = tuple(name for name, _ in fields)
    empty = "{}" if typing.get_origin(hint) is dict else "[]"

    def cell(value: Any) -> Any:
        if value is None:
            return None
        if not value:
            return empty
        if names and not all(type(item) is dict and tuple(item) == names for item in value):
            value = [{name: item.get(name, default) for name, default in fields} if type(item) is dict else item
                     for item in value]
        return _JSON.encode(value)

    return cell


def _columns(kind_name: str) -> list[str]:
    names = [f.name for f in dataclasses.fields(KINDS[kind_name].cls) if f.name != "id"]
    return ["village", "id", *names]


@lru_cache(maxsize=None)
def _row_maker(kind_name: str) -> Callable[[str, str, dict], tuple]:
    """``row(village, record_id, doc)``: one database row straight from a stored document.

    Made once per kind from generated source: text, number, flag and date fields are
    written as they are stored (dates are already ``YYYY-MM-DD``); lists and mappings
    become JSON text; a field the document lacks (added since it was saved) gets the
    record's default, as reading the record would.
    """
    cls = KINDS[kind_name].cls
    env: dict[str, Any] = {}
    cells = ["village", "record_id"]
    for index, (field_, (name, hint)) in enumerate(zip(dataclasses.fields(cls), field_types(cls))):
        if name == "id":
            continue
        env[f"d{index}"] = _default(field_)
        if hint in _STORED_AS_IS:
            cells.append(f"get({name!r}, d{index})")
        else:
            env[f"c{index}"] = _json_cell(hint)
            cells.append(f"c{index}(get({name!r}, d{index}))")
    source = ["def row(village, record_id, doc):", "    get = doc.get", f"    return ({', '.join(cells)},)"]
    exec("\n".join(source), env)  # noqa: S102 - source built from the dataclass's own field names
    return env["row"]


def create_tables(db: sqlite3.Connection) -> None:
    """Create the villages table and one table per record kind."""
    db.execute(f"CREATE TABLE villages ({', '.join(_VILLAGE_COLUMNS)})")
    for name in KINDS:
        columns = ", ".join(f'"{c}"' for c in _columns(name))
        db.execute(f'CREATE TABLE "{name}" ({columns})')
        db.execute(f'CREATE INDEX "{name}_village" ON "{name}" (village)')


def add_village(db: sqlite3.Connection, service: VillageService, folder: str, masked: bool | None) -> dict[str, int]:
    """Insert every record of one village (opened read-only), one year of a kind at a time.

    Returns:
        Rows written per kind.
    """
    settings = service.settings()
    village = settings.name
    db.execute(f"INSERT INTO villages VALUES ({', '.join('?' * len(_VILLAGE_COLUMNS))})",
               (village, settings.township, settings.county, folder, None if masked is None else int(masked)))
    written: dict[str, int] = {}
    records = service.records
    for name, kind in KINDS.items():
        sql = f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(_columns(name)))})'
        row = _row_maker(name)
        if not kind.yearly:
            docs = records.stored_documents(name)
            rows = [row(village, key, doc) for key, doc in docs.items()]
            db.executemany(sql, rows)
            written[name] = len(rows)
            continue
        written[name] = 0
        for year in records.years(name):
            docs = records.stored_documents(name, year)
            db.executemany(sql, [row(village, f"{year:04d}-{int(key):04d}", doc) for key, doc in docs.items()])
            written[name] += len(docs)
            del docs
            records.release_year(name, year)  # a county has hundreds of villages: keep memory flat
    return written


class Rollup:
    """A county database being written: add villages one by one, then :meth:`commit`.

    The rows go to a temp file beside ``path``; :meth:`commit` renames it over ``path``
    and :meth:`discard` removes it, so a half-written database never replaces a good one.
    Use it as a context manager: leaving the block without :meth:`commit` discards.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.totals: dict[str, int] = {}
        self._tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self._tmp.unlink(missing_ok=True)
        self._db: sqlite3.Connection | None = sqlite3.connect(self._tmp)
        create_tables(self._db)

    def _open_db(self) -> sqlite3.Connection:
        if self._db is None:
            raise ValueError("the database was already written")
        return self._db

    def add(self, service: VillageService, folder: str, masked: bool | None) -> None:
        """Insert every record of one village, opened read-only by the caller."""
        for name, count in add_village(self._open_db(), service, folder, masked).items():
            self.totals[name] = self.totals.get(name, 0) + count

    def commit(self) -> dict[str, int]:
        """Write the database to ``path`` (replacing an older one); rows written per kind."""
        db = self._open_db()
        db.commit()
        db.close()
        self._db = None
        os.replace(self._tmp, self.path)
        return self.totals

    def discard(self) -> None:
        """Drop what was written; ``path`` is left as it was."""
        if self._db is not None:
            self._db.close()
            self._db = None
            self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> Rollup:
        return self

    def __exit__(self, *exc_info) -> None:
        self.discard()


def write_rollup(villages: Iterable[tuple[Any, str, bool | None]], path: Path | str) -> dict[str, int]:
    """Write the villages into a new SQLite database at ``path`` (replacing an older one).

    Args:
        villages: ``(service, folder shown, masked or None)`` per village, services opened read-only;
            a generator may open each village only when it is asked for and close it afterwards.
        path: The database file.

    Returns:
        Rows written per kind, all villages together.
    """
    with Rollup(path) as rollup:
        for service, folder, masked in villages:
            rollup.add(service, folder, masked)
        return rollup.commit()
