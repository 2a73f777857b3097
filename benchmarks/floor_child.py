"""The floors of issue 30, as a process of their own: ``python -m benchmarks.floor_child MODE ...``.

Each does the least work a command could do with the same files, with nothing of the
program imported, so a command's time over its floor says what the program adds:

- ``parse FILE...``: read and parse every JSON file once.
- ``insert DB FILE...``: parse every file and bulk-insert each of its records as a row
  (one table per table name, one column per field, lists and mappings as JSON text)
  into a new SQLite database with ``executemany``, then commit.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path


def parse(files: list[str]) -> int:
    """Parse every file; the number of records read."""
    count = 0
    for name in files:
        tables = json.loads(Path(name).read_bytes())
        count += sum(len(docs) for docs in tables.values() if isinstance(docs, dict))
    return count


def _cell(value: object) -> object:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def insert(database: str, files: list[str]) -> int:
    """Parse every file and insert its records into ``database``; the number of rows written."""
    db = sqlite3.connect(database)
    columns: dict[str, list[str]] = {}
    rows = 0
    for name in files:
        tables = json.loads(Path(name).read_bytes())
        for table, docs in tables.items():
            if not isinstance(docs, dict) or not docs or not all(isinstance(d, dict) for d in docs.values()):
                continue  # not a table of records (the manifest's counts, the schema)
            names = columns.get(table)
            if names is None:
                names = columns[table] = ["village", "id", *next(iter(docs.values()))]
                db.execute(f'CREATE TABLE "{table}" ({", ".join(f"{c!r}" for c in names)})')
            sql = f'INSERT INTO "{table}" VALUES ({", ".join("?" * len(names))})'
            fields = names[2:]
            db.executemany(sql, [(name, key, *(_cell(doc.get(f)) for f in fields)) for key, doc in docs.items()])
            rows += len(docs)
    db.commit()
    db.close()
    return rows


def main(argv: list[str]) -> int:
    """Run one floor; the file lists may also come one path a line on stdin (``-``)."""
    mode, *args = argv
    if args[-1:] == ["-"]:
        args = args[:-1] + sys.stdin.read().split("\n")
        args = [a for a in args if a]
    if mode == "parse":
        print(parse(args))
    elif mode == "insert":
        print(insert(args[0], args[1:]))
    else:
        raise SystemExit(f"unknown mode {mode}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
