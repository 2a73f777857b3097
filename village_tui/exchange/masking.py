"""Masking of personal data in an export: a lost USB stick must not leak ID numbers, phones or petitions.

The copied JSON documents are parsed, masked and written again in the store's
own layout (one record per line, Chinese unescaped):

- ID numbers become first 6 + last 4 digits, phones first 3 + last 4, in the
  households' and cadres' own fields and wherever such a number is typed in free text;
- the details (content, result, feedback, status notes, replies) of sensitive
  ledger items are withheld, also in the meeting decisions and the visits that
  refer to them and in the audit log's before/after documents.

Masked audit entries no longer match their own hash; the masker lists them so
that the verification can tell a masked entry from a tampered one.
"""

from __future__ import annotations

import json
import re
from typing import Any

from village_tui.domain.privacy import mask_id_number, mask_phone
from village_tui.store.records import KINDS, yearly_id
from village_tui.store.storage import encode_tables

WITHHELD = "（敏感事项，内容未随上报导出）"
# 18-digit ID numbers and 11-digit mobiles standing alone (not inside a longer run of letters or digits)
ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE_PATTERN = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
_HASH_KEYS = frozenset({"hash", "prev_hash"})
_LEDGER_DETAILS = ("content", "result", "feedback")
_YEAR_FILE = re.compile(r"^(\d{4})/([a-z_]+)\.json$")
_AUDIT_FILE = re.compile(r"^audit/(\d{4}-\d{2})\.json$")


def mask_text(text: str) -> str:
    """Mask every ID number and mobile number typed into a piece of free text."""
    if not any(ch.isdigit() for ch in text):
        return text
    text = ID_PATTERN.sub(lambda m: mask_id_number(m.group()), text)
    return MOBILE_PATTERN.sub(lambda m: mask_phone(m.group()), text)


def mask_free_text(value: Any) -> Any:
    """Mask numbers in every string of a JSON value (hashes of the audit chain are left alone)."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, list):
        return [mask_free_text(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in _HASH_KEYS else mask_free_text(v) for k, v in value.items()}
    return value


class Masker:
    """Masks the data files of one export, in the order the folder lists them.

    Year folders come before ``audit/`` and ``ledger.json`` before ``meetings.json``
    and ``visits.json``, so the sensitive ledger items are known when the
    documents that refer to them are masked.

    Attributes:
        sensitive: Numbers of the sensitive ledger items seen so far.
        masked_audit: ``"YYYY-MM:seq"`` of every audit entry whose content masking changed.
    """

    def __init__(self) -> None:
        self.sensitive: set[str] = set()
        self.masked_audit: list[str] = []

    def __call__(self, relative: str, data: bytes) -> bytes:
        """Mask one data file (the snapshot's transform)."""
        if relative == "schema.json":
            return data
        tables = json.loads(data.decode("utf-8"))
        year_file, audit_file = _YEAR_FILE.match(relative), _AUDIT_FILE.match(relative)
        if audit_file:
            tables = {name: {key: self._audit_entry(audit_file.group(1), doc) for key, doc in docs.items()}
                      for name, docs in tables.items()}
        else:
            year = int(year_file.group(1)) if year_file else None
            tables = {name: {key: self.document(name, doc, year, key) for key, doc in docs.items()}
                      for name, docs in tables.items()}
        return encode_tables(tables)

    def document(self, kind: str, doc: dict, year: int | None = None, key: str | None = None) -> dict:
        """A masked copy of one stored document of ``kind``.

        Args:
            kind: The table name (``households``, ``ledger`` ...).
            doc: The stored document.
            year: The file's year, for yearly kinds (to name ledger items).
            key: The document's key in its table.
        """
        doc = dict(doc)
        if kind in ("households", "cadres"):
            if doc.get("id_number"):
                doc["id_number"] = mask_id_number(str(doc["id_number"]))
            if doc.get("phone"):
                doc["phone"] = mask_phone(str(doc["phone"]))
        elif kind == "ledger":
            if doc.get("sensitive") and year is not None and key is not None and key.isdigit():
                self.sensitive.add(yearly_id(year, int(key)))
            if doc.get("sensitive"):
                doc = _withhold_ledger(doc)
        elif kind == "meetings":
            doc["decisions"] = [_withhold_decision(d) if d.get("item_id") in self.sensitive else d
                                for d in doc.get("decisions", [])]
        elif kind == "visits" and doc.get("ledger_item_id") in self.sensitive:
            doc["requests"] = WITHHELD if doc.get("requests") else ""
        return mask_free_text(doc)

    def _audit_entry(self, month: str, entry: dict) -> dict:
        kind = entry.get("kind", "")
        masked = dict(entry)
        if kind in KINDS or kind == "settings":
            sensitive_item = kind == "ledger" and (
                entry.get("record_id") in self.sensitive
                or any(isinstance(d, dict) and d.get("sensitive") for d in (entry.get("before"), entry.get("after"))))
            for side in ("before", "after"):
                doc = entry.get(side)
                if isinstance(doc, dict):
                    doc = self.document(kind, doc)
                    masked[side] = _withhold_ledger(doc) if sensitive_item else doc
        masked = mask_free_text(masked)
        if masked != entry:
            self.masked_audit.append(f"{month}:{entry.get('seq')}")
        return masked


def _withhold_ledger(doc: dict) -> dict:
    doc = dict(doc)
    for name in _LEDGER_DETAILS:
        if doc.get(name):
            doc[name] = WITHHELD
    doc["history"] = [{**h, "note": WITHHELD} if h.get("note") else h for h in doc.get("history", [])]
    doc["escalations"] = [{**e, "reply": WITHHELD} if e.get("reply") else e for e in doc.get("escalations", [])]
    return doc


def _withhold_decision(decision: dict) -> dict:
    return {**decision, **{k: WITHHELD for k in ("decision", "action") if decision.get(k)}}
