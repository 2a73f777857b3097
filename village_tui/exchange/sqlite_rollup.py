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
import operator
import os
import sqlite3
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, TYPE_CHECKING

from village_tui.store.api import VILLAGE_KINDS as KINDS, field_types  # a village's kinds (not a desk's)

if TYPE_CHECKING:
    from village_tui.service import VillageService

_VILLAGE_COLUMNS = ("village", "township", "county", "folder", "masked")


_AS_IS = frozenset({str, int, float, type(None)})
_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False) builds one per call


def _cell(value: Any) -> Any:
    kind = type(value)
    if kind in _AS_IS:  # most cells: returned before the slower checks (a county has millions)
        return value
    if kind is bool:
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        if not value:
            return "[]" if isinstance(value, list) else "{}"
        return _JSON.encode(_plain(value))
    return value


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready lists, dicts and scalars (dates as text, records as dicts of every field)."""
    kind: type = type(value)
    if kind in _AS_IS or kind is bool:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if all(type(v) in _AS_IS for v in value):
            return value  # a list of names or ids: nothing to convert
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {name: _plain(getattr(value, name)) for name in _field_names(kind)}
    return value


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _columns(kind_name: str) -> list[str]:
    names = [f.name for f in dataclasses.fields(KINDS[kind_name].cls) if f.name != "id"]
    return ["village", "id", *names]


@lru_cache(maxsize=None)
def _row_reader(kind_name: str) -> tuple[Callable[[Any], tuple], tuple[int, ...]]:
    """Read a record's column values at once, and which row positions need :func:`_cell`.

    Text and number fields go to the database as they are; only the others (flags,
    dates, lists) are converted.
    """
    columns = _columns(kind_name)[2:]
    hints = dict(field_types(KINDS[kind_name].cls))
    as_is = {str, int, float, str | None, int | None, float | None}
    converted = tuple(2 + n for n, column in enumerate(columns) if hints[column] not in as_is)
    return operator.attrgetter(*columns), converted


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
        columns = _columns(name)
        sql = f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})'
        batches = [(None, records.peek(name))] if not kind.yearly else [
            (year, records.peek(name, year)) for year in records.years(name)]
        values, converted = _row_reader(name)
        for year, batch in batches:
            rows = []
            for record in batch:
                row = [village, str(record.id), *values(record)]
                for index in converted:
                    row[index] = _cell(row[index])
                rows.append(row)
            db.executemany(sql, rows)
            written[name] = written.get(name, 0) + len(rows)
            if year is not None:
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
