"""Migration 1 -> 2: the single values of households and cadres become dated facts.

Each household's 外出 mark and hardship categories become one entry "since
always" (a household has no registration date before this version); each
cadre's role, groups and 帮带 ability become one entry from the term's start.
An archived record gets the day it was archived, read from the audit log
(else the cadre's last day in office + 1, else the day of the upgrade), so
archiving ends obligations from that day on and never removes earlier ones.

The changed records are logged in one audit entry per kind with each
record's new digest (like a bulk insert), so the tamper check still finds
every record as the program saved it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from village_tui.domain import dates
from village_tui.store.atomic import atomic_write_bytes
from village_tui.store.audit import AUDIT_DIR, entry_hash, now_text, record_digest
from village_tui.store.convert import to_document
from village_tui.store.sign_in_tables import REFERENCE_NAME, sign_in_first
from village_tui.store.storage import encode_tables, read_json_file
from village_tui.domain.models import AuditEntry

REFERENCE = REFERENCE_NAME
UPGRADE_ACTION = "数据升级"
ARCHIVE_ACTION = "归档"


def _audit_files(root: Path) -> list[Path]:
    folder = root / AUDIT_DIR
    return sorted(folder.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9].json")) if folder.is_dir() else []


def _audit_entries(path: Path) -> dict[str, Any]:
    data = read_json_file(path)
    table = data.get("audit", {}) if isinstance(data, dict) else {}
    return table if isinstance(table, dict) else {}


def archive_days(root: Path) -> dict[tuple[str, str], date]:
    """The day of the latest 归档 entry of each record, keyed by ``(kind, record id)``."""
    found: dict[tuple[str, str], tuple[int, date]] = {}
    for path in _audit_files(root):
        for entry in _audit_entries(path).values():
            if not isinstance(entry, dict) or entry.get("action") != ARCHIVE_ACTION:
                continue
            try:
                day = datetime.strptime(str(entry.get("time", ""))[:10], "%Y-%m-%d").date()
            except ValueError:
                continue
            key = (str(entry.get("kind")), str(entry.get("record_id")))
            seq = entry.get("seq", 0) if isinstance(entry.get("seq"), int) else 0
            if key not in found or seq >= found[key][0]:
                found[key] = (seq, day)
    return {key: day for key, (_, day) in found.items()}


def upgrade_cadre(doc: dict, archived_on: date | None, today: date) -> dict:
    """A cadre document with dated role, groups and 帮带 ability, and an archive day when archived."""
    since = doc.get("term_start")
    doc.setdefault("role_history", [{"since": since, "value": doc.get("role", "")}])
    doc.setdefault("groups_history", [{"since": since, "value": list(doc.get("groups") or [])}])
    doc.setdefault("mentor_history", [{"since": since, "value": bool(doc.get("can_mentor", False))}])
    doc.setdefault("past_terms", [])
    if doc.get("archived") and not doc.get("archived_on"):
        if archived_on is None and doc.get("term_end"):
            archived_on = date.fromisoformat(doc["term_end"]) + timedelta(days=1)
        doc["archived_on"] = (archived_on or today).isoformat()
    doc.setdefault("archived_on", None)
    return doc


def upgrade_household(doc: dict, left_on: date | None, today: date) -> dict:
    """A household document with dated 外出 and hardship categories (since always), and a day it left when archived."""
    doc.setdefault("away_history", [{"since": None, "value": bool(doc.get("away", False))}])
    doc.setdefault("needs_history", [{"since": None, "value": list(doc.get("needs") or [])}])
    doc.setdefault("registered_on", None)
    if doc.get("archived") and not doc.get("left_on"):
        doc["left_on"] = (left_on or today).isoformat()
    doc.setdefault("left_on", None)
    return doc


def _append_audit(root: Path, kind: str, digests: dict[str, str]) -> None:
    """Append one upgrade entry to the audit log, chained to the newest entry."""
    seq, prev = 0, ""
    for path in reversed(_audit_files(root)):
        entries = [e for e in _audit_entries(path).values() if isinstance(e, dict)]
        if entries:
            newest = max(entries, key=lambda e: e.get("seq", 0))
            seq, prev = int(newest.get("seq", 0)), str(newest.get("hash", ""))
            break
    time = now_text()
    entry = AuditEntry(seq=seq + 1, time=time, operator="系统", action=UPGRADE_ACTION, kind=kind,
                       record_id=f"{len(digests)}条", before=None,
                       after={"count": len(digests), "year": None, "digests": digests},
                       reason="数据版本升级：外出、困难类别、职务等改为按日期记录", prev_hash=prev)
    entry.hash = entry_hash(entry)
    path = root / AUDIT_DIR / f"{time[:7]}.json"
    data = read_json_file(path) if path.exists() else {}
    table = data.setdefault("audit", {})
    key = str(max((int(k) for k in table if str(k).isdigit()), default=0) + 1)
    table[key] = to_document(entry)
    path.parent.mkdir(exist_ok=True)
    atomic_write_bytes(path, encode_tables(data))


def migrate_dated_facts(root: Path, today: date | None = None) -> None:
    """Migrate a data folder from schema 1 to 2 in place (the caller made a backup)."""
    path = root / REFERENCE
    if not path.exists():
        return
    today = today or dates.today()
    data = read_json_file(path)
    archived = archive_days(root)
    digests: dict[str, dict[str, str]] = {"cadres": {}, "households": {}}
    for key, doc in (data.get("cadres") or {}).items():
        before = json.dumps(doc, sort_keys=True, ensure_ascii=False)
        upgrade_cadre(doc, archived.get(("cadres", key)), today)
        if json.dumps(doc, sort_keys=True, ensure_ascii=False) != before:
            digests["cadres"][key] = record_digest(doc)
    for key, doc in (data.get("households") or {}).items():
        before = json.dumps(doc, sort_keys=True, ensure_ascii=False)
        upgrade_household(doc, archived.get(("households", key)), today)
        if json.dumps(doc, sort_keys=True, ensure_ascii=False) != before:
            digests["households"][key] = record_digest(doc)
    atomic_write_bytes(path, encode_tables(sign_in_first(data)))  # the sign-in reads the start of the file only
    for kind, changed in digests.items():
        if changed:
            _append_audit(root, kind, changed)
