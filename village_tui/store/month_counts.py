"""Records per month of one yearly file, counted from the stored dicts without building records.

The home screen's trend needs only how many visits and ledger items each month
had. Decoding a whole year into dataclasses (and keeping it) for that cost
tenths of a second and megabytes; here the file is read one record per line,
so only one stored dict is alive at a time.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from village_tui.store.storage import BrokenDataFile, read_json_file


def month_key(doc: dict, date_field: str) -> tuple[int, int] | None:
    """``(year, month)`` of a stored dict that is not cancelled, else None."""
    if doc.get("cancelled"):
        return None
    day = doc.get(date_field)
    if not isinstance(day, str) or len(day) < 7:
        return None
    try:
        return int(day[:4]), int(day[5:7])
    except ValueError:
        return None


def _count_lines(path: Path, table: str, date_field: str) -> Counter | None:
    """Count a file written one record per line; None when it is laid out otherwise."""
    counts: Counter = Counter()
    header = json.dumps(table, ensure_ascii=False) + ":{"
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if line in ("{", "}", "},", "") or line.startswith('"') and line.endswith(":{"):
                if line.endswith(":{") and line not in (header, "," + header):
                    return None  # another table in the file: its records are not ours
                continue
            if line.startswith(","):
                line = line[1:]
            try:
                record = json.loads("{" + line.rstrip(",") + "}")
            except (ValueError, RecursionError):  # not JSON, or absurd: the caller parses the file and names it
                return None
            if len(record) != 1:
                return None
            (key, doc), = record.items()
            if not key.isdigit() or not isinstance(doc, dict):
                return None
            month = month_key(doc, date_field)
            if month is not None:
                counts[month] += 1
    return counts


def count_file_by_month(path: Path, table: str, date_field: str) -> Counter:
    """Records of ``table`` in a yearly file per ``(year, month)``, cancelled ones left out.

    Args:
        path: The yearly JSON file (missing counts as empty).
        table: The table name inside the file.
        date_field: The stored date field that gives the month.

    Raises:
        BrokenDataFile: The file does not parse.
    """
    if not path.exists():
        return Counter()
    try:
        counts = _count_lines(path, table, date_field)
    except UnicodeDecodeError:
        raise BrokenDataFile(path, "不是 UTF-8 编码") from None
    if counts is not None:
        return counts
    data = read_json_file(path)
    docs = data.get(table) if isinstance(data, dict) else None
    if not isinstance(docs, dict):
        return Counter()  # a wrong shape is named when the file is loaded; a count never fails on it
    return Counter(key for doc in docs.values() if isinstance(doc, dict)
                   and (key := month_key(doc, date_field)) is not None)
