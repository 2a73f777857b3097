"""The audit log: every change, who made it and when, before and after, hash-chained.

Entries are kept per month (``audit/2026-11.json``, keyed by their sequence
number). An entry is written in the same journal line as the change it
describes (:mod:`village_tui.store.journal`), so a crash leaves both or
neither; the month file gets it when the journal is compacted. Each entry's
hash covers the previous entry's hash, so an entry changed or removed behind
the program's back breaks the chain.

Every entry also holds the latest state of what it changed, so a record
changed behind the program's back can be told (:mod:`village_tui.store.tamper`):

- a single insert or update (and a settings change) has the whole new
  document in ``after``;
- a bulk insert (``"批量新增"``: demo data, spreadsheet import, duty roster) has
  one entry per kind and year whose ``after`` is
  ``{"count": 3, "year": 2026, "digests": {"2026-0001": "9f86d081884c7d65", ...}}``:
  each new record's id and :func:`record_digest` of its document.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection

from village_tui.domain.models import AuditEntry
from village_tui.domain import clock
from village_tui.store.convert import from_document, to_document

AUDIT_DIR = "audit"
BULK_ACTION = "批量新增"


def entry_hash(entry: AuditEntry) -> str:
    """The SHA-256 of an entry's content and its predecessor's hash."""
    body = to_document(entry)
    body.pop("hash", None)
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_digest(doc: dict) -> str:
    """A short fingerprint of a stored document: 16 hex digits of the SHA-256 of its canonical JSON.

    Equal for equal documents whatever their key order; the same on the saved
    document and on the document parsed back from the file.
    """
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def now_text() -> str:
    """The current time in China Standard Time, ``2026-11-27 09:30:05``."""
    return clock.now().strftime("%Y-%m-%d %H:%M:%S")


class AuditLog:
    """Appends entries to the month files of the audit log.

    Args:
        folder: The :class:`~village_tui.store.folder.DataFolder` that owns the files.
    """

    def __init__(self, folder) -> None:
        self._folder = folder
        self._last: tuple[int, str] | None = None

    def _months(self) -> list[str]:
        return self._folder.audit_months()

    def _last_entry(self) -> tuple[int, str]:
        if self._last is None:
            self._last = self._folder.audit_head()  # from the journal: no month file is parsed
        if self._last is None:
            self._last = (0, "")
            for month in reversed(self._months()):
                docs = self._folder.audit_table(month).all()
                if docs:
                    newest = max(docs, key=lambda d: d["seq"])
                    self._last = (newest["seq"], newest["hash"])
                    break
        return self._last

    def record(self, operator: str, action: str, kind: str, record_id: str, before: dict | None,
               after: dict | None, reason: str = "") -> AuditEntry:
        """Append one entry, in the same journal line as the change it records.

        Inside a transaction the entry is written when the transaction commits;
        outside one, at once.

        Returns:
            The entry as written, with its hash.
        """
        seq, prev = self._last_entry()
        time = now_text()
        entry = AuditEntry(seq=seq + 1, time=time, operator=operator, action=action, kind=kind,
                           record_id=str(record_id), before=before, after=after, reason=reason, prev_hash=prev)
        entry.hash = entry_hash(entry)
        with self._folder.transaction():
            self._folder.on_roll_back(self._forget_last)
            self._last = (entry.seq, entry.hash)
            self._folder.stage(f"{AUDIT_DIR}/{time[:7]}.json", {"audit": {str(entry.seq): to_document(entry)}},
                               direct=True)
        return entry

    def _forget_last(self) -> None:
        """The entry was not written: read the chain's end again next time."""
        self._last = None

    def entries(self, month: str) -> list[AuditEntry]:
        """Every entry of one month (``YYYY-MM``), oldest first."""
        docs = self._folder.audit_table(month).all()
        return sorted((from_document(AuditEntry, d) for d in docs), key=lambda e: e.seq)

    def for_record(self, kind: str, record_id: str, months: int = 24) -> list[AuditEntry]:
        """Changes of one record in the most recent ``months`` months, newest first."""
        found: list[AuditEntry] = []
        for month in reversed(self._months()[-months:]):
            found.extend(e for e in self.entries(month) if e.kind == kind and e.record_id == str(record_id))
        return sorted(found, key=lambda e: e.seq, reverse=True)

    def verify_chain(self, sealed: Collection[str] = ()) -> list[str]:
        """Check every entry's hash and link.

        Args:
            sealed: Data files known to be byte for byte what this program wrote
                (:meth:`~village_tui.store.journaled.JournalMixin.sealed_files`): the
                hashes of their entries are not worked out again (the links are
                still checked, and every entry still in the journal is re-hashed).

        Returns:
            Problems in Chinese; empty when the log is intact.
        """
        problems = []
        prev_hash, prev_seq = "", 0
        for month in self._months():
            relative = f"{AUDIT_DIR}/{month}.json"
            trusted = relative in sealed
            fresh = set(self._folder.pending_docs(relative).get("audit") or {}) if trusted else set()
            for entry in self.entries(month):
                if entry.seq != prev_seq + 1:
                    problems.append(f"审计日志 {month}：第 {prev_seq + 1} 条到第 {entry.seq - 1} 条缺失")
                if entry.prev_hash != prev_hash:
                    problems.append(f"审计日志 {month}：第 {entry.seq} 条与前一条接不上（前一条被改动或删除）")
                if (not trusted or str(entry.seq) in fresh) and entry_hash(entry) != entry.hash:
                    problems.append(f"审计日志 {month}：第 {entry.seq} 条内容被改动")
                prev_hash, prev_seq = entry.hash, entry.seq
        return problems
