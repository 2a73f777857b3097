"""The manifest's own statements checked against the data it lists (issue 25 item 4).

A manifest's file hashes say the files are as exported; its other fields (the
record counts, the village, the operator) are checked here against the copied
data, and every year the audit log has records of must have its file: a year
file removed from the export together with its manifest entry is caught.
Nothing is written; files are parsed strictly (a broken one is named).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from village_tui.exchange.manifest import FilesSeen, Manifest, count_records
from village_tui.exchange.masking import mask_text
from village_tui.store.api import BrokenDataFile, read_json_file

_YEARLY_ID = re.compile(r"^(\d{4})-\d+$")
_YEARLY_LINE = re.compile(r"^(\d{4})-\d+(?:…[^\n]*)?$", re.MULTILINE)  # _YEARLY_ID of what comes before a "…"
_YEAR_FILE = re.compile(r"^\d{4}/([a-z_]+)\.json$")
SYSTEM_OPERATOR = "系统"


def _kinds() -> Any:
    from village_tui.store.api import KINDS

    return KINDS


def _labels() -> dict[str, str]:
    from village_tui.store.api import KINDS

    return {name: kind.label for name, kind in KINDS.items()}


def _parsed(opened: Any, relative: str) -> Any:
    """The tables of one file as the open folder parsed them, or None (not parsed, changed by a journal, broken).

    Only a file parsed cleanly and without saves laid over it is used: it is exactly the file.
    """
    if opened is None or not opened.is_loaded(relative) or relative in opened.pending_files():
        return None
    try:
        return opened.db(relative).storage.read()
    except BrokenDataFile:
        return None


def _audit_entries(data: Path, seen: FilesSeen | None = None, opened: Any = None) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    folder = data / "audit"
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        tables = _parsed(opened, f"audit/{path.name}")
        if tables is None:
            tables = read_json_file(path, on_read=seen)
        audit = tables.get("audit") if isinstance(tables, dict) else None
        if isinstance(audit, dict):
            entries.extend(e for e in audit.values() if isinstance(e, dict))
    return entries


def _years_with_records(entries: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """``(kind, year)`` of every yearly record the audit log names (single saves and bulk digests)."""
    from village_tui.store.api import KINDS

    found: set[tuple[str, str]] = set()
    for entry in entries:
        kind = entry.get("kind")
        if kind not in KINDS or not KINDS[kind].yearly:
            continue
        ids = [str(entry.get("record_id"))]
        after = entry.get("after")
        if isinstance(after, dict) and isinstance(after.get("digests"), dict):
            ids = list(after["digests"])
        found.update((kind, year) for year in _years_of(ids))
    return found


def _years_of(ids: list[str]) -> set[str]:
    """The years of the yearly ids (``2026-0042``, a bulk range ``2026-0001…2026-0300``) among ``ids``.

    A bulk save names every record: the ids are matched in one pass of the regex over them
    joined by newlines, unless an id holds a newline itself (then one by one).
    """
    text = "\n".join(ids)
    if text.count("\n") == len(ids) - 1:
        return set(_YEARLY_LINE.findall(text))
    found = set()
    for record_id in ids:
        match = _YEARLY_ID.match(record_id.split("…")[0])
        if match:
            found.add(match.group(1))
    return found


def _strict_reference(data: Path, seen: FilesSeen | None = None, opened: Any = None) -> Any:
    """``reference.json`` parsed strictly, or None when it is missing or does not read cleanly.

    A file that does not read cleanly is read again the way it always was, so its
    problem is named in the same words. The open folder's parse is used when it has one.
    """
    if not (data / "reference.json").is_file():
        return None
    found = _parsed(opened, "reference.json")
    if found is not None:
        return found
    try:
        return read_json_file(data / "reference.json", on_read=seen)
    except (BrokenDataFile, OSError):
        return None


def check_manifest_facts(data: Path, manifest: Manifest, seen: FilesSeen | None = None,
                         opened: Any = None) -> list[str]:
    """What the manifest says that the data contradicts, in Chinese; empty when all agrees.

    Args:
        data: The export's ``data`` folder.
        manifest: Its manifest.
        seen: The files read so far (each file is read at most once more, here, and noted).
        opened: The copy's data folder opened read-only: the files it parsed are not parsed again.
    """
    problems: list[str] = []
    shown = mask_text if manifest.masked else str
    seen = seen if seen is not None else FilesSeen()
    try:
        parsed = _strict_reference(data, seen, opened)  # parsed once for the counts and the settings
        counts: dict[str, int] = {}
        for path in sorted(data.rglob("*.json")):
            if not path.name.startswith("."):
                relative = path.relative_to(data).as_posix()
                year_file = _YEAR_FILE.match(relative)
                if year_file is not None:
                    name = year_file.group(1)
                    if name in _kinds():  # counted by its record lines, as the export counted them
                        counts[name] = counts.get(name, 0) + seen.read(path)[2]
                elif relative == "reference.json":
                    tables = parsed
                    raw = b""
                    if tables is None:
                        raw = path.read_bytes()
                        seen(path, raw)
                    count_records(relative, raw, counts, tables)
                else:
                    seen.read(path)  # hashed now, not read again for the manifest
        if parsed is not None:
            reference = parsed
        else:
            reference = read_json_file(data / "reference.json") if (data / "reference.json").is_file() else {}
        entries = _audit_entries(data, seen, opened)
    except (BrokenDataFile, OSError, ValueError, RecursionError, AttributeError) as error:
        return [f"数据文件读不出来，无法与清单核对：{error}"]
    labels = _labels()
    stated = {kind: n for kind, n in manifest.counts.items() if n}
    found = {kind: n for kind, n in counts.items() if n}
    for kind in sorted(stated.keys() | found.keys()):
        if stated.get(kind, 0) != found.get(kind, 0):
            problems.append(f"清单中的{labels.get(kind, kind)}记录数（{stated.get(kind, 0)}）与数据中的"
                            f"（{found.get(kind, 0)}）不一致")
    settings = (reference.get("settings") or {}).get("1") if isinstance(reference, dict) else None
    if isinstance(settings, dict):
        for field, label in (("name", "村名"), ("township", "乡镇"), ("county", "县")):
            value = settings.get(field)
            if isinstance(value, str) and getattr(manifest, "village" if field == "name" else field) != shown(value):
                problems.append(f"清单中的{label}与数据中的设置不一致")
    cadres = reference.get("cadres") if isinstance(reference, dict) else None
    names = {SYSTEM_OPERATOR} | {str(e.get("operator")) for e in entries}
    if isinstance(cadres, dict):
        names |= {str(c.get("name")) for c in cadres.values() if isinstance(c, dict)}
    if manifest.operator not in {shown(name) for name in names}:
        problems.append(f"清单中的导出人「{manifest.operator}」不是本村干部，也没有出现在审计日志中")
    for kind, year in sorted(_years_with_records(entries)):
        if not (data / year / f"{kind}.json").is_file():
            problems.append(f"缺少文件：data/{year}/{kind}.json（审计日志中有 {year} 年的{labels[kind]}记录）")
    return problems
