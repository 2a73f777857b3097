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
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from village_tui.domain.privacy import (NOT_FREE_TEXT, is_hex_token, mask_id_number, mask_joined_texts,
                                        mask_numbers_in_text, mask_phone, number_positions)
from village_tui.exchange.manifest import count_records
from village_tui.store.api import KINDS, encode_tables, yearly_id

WITHHELD = "（敏感事项，内容未随上报导出）"
_HASH_KEYS = frozenset({"hash", "prev_hash", "digests", "sha256"})
_NOT_FREE_TEXT = re.compile(NOT_FREE_TEXT)
_LEDGER_DETAILS = ("content", "result", "feedback")
_YEAR_FILE = re.compile(r"^(\d{4})/([a-z_]+)\.json$")
_AUDIT_FILE = re.compile(r"^audit/(\d{4}-\d{2})\.json$")
# In a file's bytes: a ledger item's number (``"2026-0042"``) as a JSON string.
_YEARLY_ID = re.compile(r'"(\d{4}-\d{4,})"(?!\s*:)')  # a value, not a key (digests are keyed by number)
# In a file's bytes: a ledger item marked sensitive, and the personal fields of households and cadres.
_SENSITIVE_MARK = re.compile(r'"sensitive"\s*:\s*true')
_PERSON_FIELDS = re.compile(r'"(?:phone|id_number)"\s*:\s*"[^"]')
# A table's first line in the store's layout (``"visits":{``), and the start of any record's line.
_TABLE_LINE = re.compile(r'^"([a-z_]+)":\{\n', re.MULTILINE)
# A record's line in the store's layout: ``"42":{...},`` (the comma on all but the table's last line).
_RECORD = re.compile(r'"(\d+)":(\{.*\})(,?)', re.DOTALL)
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _table_lines(text: str) -> list[tuple[int, str]] | None:
    """Where each table starts (``"visits":{`` on a line of its own) and its name.

    None when a line ends in ``:{`` that is no table's first line: a record spread over
    several lines, which the line-by-line masking cannot handle.
    """
    found, at = [], text.find('":{\n')
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        header = _TABLE_LINE.match(text, start)
        if header is None or header.end() != at + 4:
            return None
        found.append((start, header.group(1)))
        at = text.find('":{\n', at + 4)
    return found


def _encode_line(key: str, doc: dict) -> str:
    """One record's line as :func:`encode_tables` writes it."""
    return _ENCODER.encode(key) + ":" + _ENCODER.encode(doc)


def mask_text(text: str) -> str:
    """Mask every ID number and mobile number typed into a piece of free text (see :mod:`domain.privacy`)."""
    return mask_numbers_in_text(text)


def mask_free_text(value: Any) -> Any:
    """Mask numbers in every string of a JSON value (hashes and digests of the audit chain are left alone)."""
    if isinstance(value, str):
        # A hash or key (a whole string of 16 or 64 hex digits) holds no number, as in the line-by-line masking.
        return value if is_hex_token(value) else mask_numbers_in_text(value)
    if isinstance(value, list):
        return [mask_free_text(v) for v in value]
    if isinstance(value, dict):
        masked = {k: v if k in _HASH_KEYS else mask_free_text(v) for k, v in value.items()}
        for keys in _adjacent_free_texts(value):
            for key, text in zip(keys, mask_joined_texts([value[k] for k in keys])):
                if text != value[key]:
                    masked[key] = mask_numbers_in_text(text)
        return masked
    return value


def _adjacent_free_texts(doc: dict) -> Iterator[list[str]]:
    """The keys of each stretch of two or more adjacent free-text fields of a record, in stored order.

    A number split across 情况 and 诉求 is only whole when the two are read together. Hashes, ids
    and codes are no free text and end a stretch, as does any value that is not text.
    """
    stretch: list[str] = []
    for key, value in doc.items():
        if isinstance(value, str) and value and not _NOT_FREE_TEXT.fullmatch(key):
            stretch.append(key)
            continue
        if len(stretch) > 1:
            yield stretch
        stretch = []
    if len(stretch) > 1:
        yield stretch


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
        self.counts: dict[str, int] = {}

    def __call__(self, relative: str, data: bytes) -> bytes:
        """Mask one data file (the snapshot's transform) and count its records into :attr:`counts`.

        A file that cannot hold a number to mask (no run of 11 digits) and holds nothing
        sensitive is copied as it is. In a file in the store's layout (one record per line)
        only the lines that may change are parsed; other files are parsed whole.
        """
        if relative == "schema.json":
            return data
        year_file, audit_file = _YEAR_FILE.match(relative), _AUDIT_FILE.match(relative)
        text = data.decode("utf-8")
        positions = number_positions(text)  # what may_hold_number asks, once
        year = int(year_file.group(1)) if year_file else None
        month = audit_file.group(1) if audit_file else None
        if positions is not None:
            by_lines = self._mask_lines(text, positions, year, month)
            if by_lines is not None:
                count_records(relative, data, self.counts)
                return data if by_lines is text else by_lines.encode("utf-8")
        tables = json.loads(text)
        count_records(relative, data, self.counts, tables)
        if month is not None:
            tables = {name: {key: self._audit_entry(month, doc) for key, doc in docs.items()}
                      for name, docs in tables.items()}
        else:
            tables = {name: {key: self.document(name, doc, year, key) for key, doc in docs.items()}
                      for name, docs in tables.items()}
        return encode_tables(tables)

    def _sensitive_mentions(self, text: str) -> Iterator[int]:
        """Offsets in ``text`` where a sensitive ledger item's number is written as a value."""
        if self.sensitive:
            for match in _YEARLY_ID.finditer(text):
                if match.group(1) in self.sensitive:
                    yield match.start()

    def _mask_lines(self, text: str, positions: list[int], year: int | None, month: str | None) -> str | None:
        """Mask a file in the store's layout by rewriting only the record lines that need it.

        A year of visits is two megabytes of which a handful of lines mention a sensitive item
        or a number; those lines are parsed and masked, the others are copied as they are, so
        the result equals parsing and re-encoding the whole file.

        Args:
            text: The file's text.
            positions: Where numbers may start (:func:`number_positions`).
            year: A year file's year, or None.
            month: An audit file's month, or None.

        Returns:
            The masked text (``text`` itself when nothing changed), or None when the file is not
            laid out one record per line.
        """
        headers = _table_lines(text)
        if not headers or not text.startswith("{\n") or not text.endswith("\n}\n}\n"):
            return None
        first = headers[0][0]
        # Lines with a number, a sensitive mark or mention, or a phone or ID number field (households and
        # cadres, also inside audit entries): masking changes no other line.
        found = positions + [m.start() for m in _SENSITIVE_MARK.finditer(text)]
        found += list(self._sensitive_mentions(text))
        found += [m.start() for m in _PERSON_FIELDS.finditer(text)]
        starts = sorted({text.rfind("\n", 0, at) + 1 for at in found if at > first})
        header_starts = [h[0] for h in headers]
        parts, done = [], 0
        for start in starts:
            end = text.find("\n", start)
            record = _RECORD.fullmatch(text, start, end)
            if record is None:
                if text[start:end] in ("},", "}") or _TABLE_LINE.fullmatch(text, start, end + 1):
                    continue
                return None
            key, comma = record.group(1), record.group(3)
            try:
                doc = json.loads(record.group(2))
            except json.JSONDecodeError:
                return None
            if not isinstance(doc, dict):
                return None
            table = headers[bisect_left(header_starts, start) - 1][1]
            line = self._masked_line(table, key, doc, year, month,
                                     bisect_left(positions, end) > bisect_left(positions, start))
            if line is not None:
                parts += [text[done:start], line, comma]
                done = end
        if not parts:
            return text
        parts.append(text[done:])
        return "".join(parts)

    def _masked_line(self, table: str, key: str, doc: dict, year: int | None, month: str | None,
                     numbers: bool) -> str | None:
        """One record's masked line, or None when masking leaves it as it is.

        The fields masking knows (ID number, phone, sensitive details) are masked first; the
        walk through every string for typed numbers runs only when the line still holds one.
        """
        masked = self._audit_entry(month, doc, False) if month is not None else self.document(table, doc, year,
                                                                                                  key, False)
        line = _encode_line(key, masked)
        if numbers and number_positions(line) != []:
            masked = mask_free_text(masked)
            line = _encode_line(key, masked)
        if masked == doc:
            return None
        if month is not None:
            self.masked_audit.append(f"{month}:{doc.get('seq')}")
        return line

    def document(self, kind: str, doc: dict, year: int | None = None, key: str | None = None,
                 numbers: bool = True) -> dict:
        """A masked copy of one stored document of ``kind``.

        Args:
            kind: The table name (``households``, ``ledger`` ...).
            doc: The stored document.
            year: The file's year, for yearly kinds (to name ledger items).
            key: The document's key in its table.
            numbers: Also mask numbers typed in its free text (False when the file holds none).
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
        elif kind == "meetings" and "decisions" in doc:
            doc["decisions"] = [_withhold_decision(d) if d.get("item_id") in self.sensitive else d
                                for d in doc.get("decisions", [])]
        elif kind == "visits" and doc.get("ledger_item_id") in self.sensitive:
            doc["requests"] = WITHHELD if doc.get("requests") else ""
        return mask_free_text(doc) if numbers else doc

    def _audit_entry(self, month: str | None, entry: dict, numbers: bool = True) -> dict:
        """A masked copy of one audit entry; when parsed whole, a changed entry is listed in :attr:`masked_audit`."""
        kind = entry.get("kind", "")
        masked = dict(entry)
        if kind in KINDS or kind == "settings":
            sensitive_item = kind == "ledger" and (
                entry.get("record_id") in self.sensitive
                or any(isinstance(d, dict) and d.get("sensitive") for d in (entry.get("before"), entry.get("after"))))
            for side in ("before", "after"):
                doc = entry.get(side)
                if isinstance(doc, dict):
                    doc = self.document(kind, doc, numbers=numbers)
                    masked[side] = _withhold_ledger(doc) if sensitive_item else doc
        if numbers:
            masked = mask_free_text(masked)
            if masked != entry and month is not None:
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
