"""Frozen results: a reported month's findings, kept as ``findings-YYYY-MM.json`` in the data folder.

An export writes the file once for each month it reports (:func:`write_frozen`
never replaces one), so the township and a later ``check`` see what the village
saw when it reported. The file has the store's own layout, tables of documents,
one per line, Chinese unescaped, so the export's copy and masking treat it like
any other data file::

    {"meta": {"1": {"period": "2026-10", "frozen_at": "2026-11-20 09:30:05", "operator": "张建国", ...}},
     "findings": {"1": {"rule": "R1", "ok": true, ...}, "2": {...}}}

Each finding is the document ``check --json`` prints for it.
"""

from __future__ import annotations

import json
import re
import weakref
from pathlib import Path
from typing import Any

from village_tui.domain.errors import ReadOnlyError
from village_tui.store.atomic import atomic_write_bytes, fsync_dir
from village_tui.store.storage import BrokenDataFile, encode_tables, read_json_file

FROZEN_FILE = re.compile(r"^findings-(\d{4}-\d{2})\.json$")
_MEMORY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # in-memory folders: name -> bytes


def frozen_name(period: str) -> str:
    """The file name of a month's frozen findings: ``findings-2026-10.json``."""
    return f"findings-{period}.json"


def _memory(folder) -> dict[str, bytes]:
    return _MEMORY.setdefault(folder, {})


def frozen_periods(folder) -> list[str]:
    """The months (``YYYY-MM``) that have frozen findings, oldest first."""
    names = _memory(folder) if folder.path is None else (p.name for p in folder.path.glob("findings-*.json"))
    return sorted(m.group(1) for name in names if (m := FROZEN_FILE.match(name)))


def write_frozen(folder, period: str, meta: dict[str, Any], findings: list[dict[str, Any]],
                 replace: bool = False) -> bool:
    """Write a month's frozen findings in one atomic write.

    Args:
        folder: The writable :class:`~village_tui.store.folder.DataFolder`.
        period: ``YYYY-MM``.
        meta: When and by whom the month was frozen (``frozen_at``, ``operator`` ...).
        findings: The findings as ``check --json`` prints them.
        replace: Replace the month's file when it exists (a month reported again before it was locked).

    Returns:
        True when written, False when the month was frozen before and ``replace`` is false
        (the file is kept as it is).

    Raises:
        ReadOnlyError: The folder is open read-only.
        OSError: The disk refused the write; no file is left behind.
    """
    if folder.readonly:
        raise ReadOnlyError("数据文件夹以只读方式打开，不能保存上报结果。")
    name = frozen_name(period)
    body = encode_tables({"meta": {"1": {"period": period, **meta}},
                          "findings": {str(n): doc for n, doc in enumerate(findings, 1)}})
    if folder.path is None:
        if name in _memory(folder) and not replace:
            return False
        _memory(folder)[name] = body
        return True
    target = folder.path / name
    if target.exists() and not replace:
        return False
    atomic_write_bytes(target, body)
    fsync_dir(folder.path)
    return True


def read_frozen(folder, period: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """A month's frozen findings: ``(meta, findings)``, or None when the month was never frozen.

    Raises:
        BrokenDataFile: The file does not parse or has another shape (it is kept untouched).
    """
    name = frozen_name(period)
    if folder.path is None:
        data = _memory(folder).get(name)
        tables = json.loads(data.decode("utf-8")) if data is not None else None
        path = None
    else:
        path = folder.path / name
        tables = read_json_file(path, on_read=getattr(folder, "on_read", None)) if path.exists() else None
    if tables is None:
        return None
    meta = tables.get("meta", {}).get("1") if isinstance(tables, dict) else None
    findings = tables.get("findings") if isinstance(tables, dict) else None
    if not isinstance(meta, dict) or not isinstance(findings, dict) \
            or not all(isinstance(doc, dict) for doc in findings.values()):
        raise BrokenDataFile(path or Path(name), "上报结果文件的内容不是数据表")
    ordered = sorted(findings.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0)
    return meta, [doc for _, doc in ordered]
