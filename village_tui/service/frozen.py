"""Frozen results: an export freezes the findings of the months it reports; ``check`` and ``review`` compare.

A month is frozen when an export reports it (the month before the export, see
:func:`reported_months`), in ``findings-YYYY-MM.json`` of the data folder, which
the export copies. Once the month is locked its frozen file is never replaced;
until then (an export that failed before locking) the next export freezes it again.
"""

from __future__ import annotations

from datetime import date

from village_tui import __version__
from village_tui.domain.dates import month_bounds
from village_tui.domain.findings import Finding
from village_tui.domain.frozen import Correction, FrozenComparison, compare, findings_json
from village_tui.service.checks import CheckService
from village_tui.store.audit import now_text
from village_tui.store.frozen import frozen_periods, read_frozen, write_frozen
from village_tui.store.records import KINDS


def _period(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def reported_months(export_day: date, locked_before: date | None) -> list[tuple[int, int]]:
    """The months an export on ``export_day`` reports: the month before its own, and any earlier month
    of that year the last export did not lock yet (a month whose export was skipped).

    A first export (nothing locked yet) reports the month before only: the months before it were
    never reported, and checking a whole year of them would make the first export slow.
    """
    year, month = (export_day.year, export_day.month - 1) if export_day.month > 1 else (export_day.year - 1, 12)
    first = month
    if locked_before is not None and (locked_before.year, locked_before.month) < (year, month):
        first = locked_before.month if locked_before.year == year else 1
    return [(year, m) for m in range(first, month + 1)]


class FrozenService(CheckService):
    """Freezing a reported month's findings and comparing them with today's."""

    def frozen_months(self) -> list[str]:
        """The months (``YYYY-MM``) whose findings were frozen by an export, oldest first."""
        return frozen_periods(self.folder)

    def freeze_reported_months(self, export_day: date, operator: str) -> list[str]:
        """Freeze the findings of the months an export on ``export_day`` reports (see :func:`reported_months`).

        A month already locked keeps the findings frozen when it was first reported.
        Nothing is written into a read-only folder (its export locks nothing either).

        Args:
            export_day: The export's day.
            operator: Who exports.

        Returns:
            The months (``YYYY-MM``) frozen now.
        """
        if self.readonly:
            return []
        locked_before = self.settings().locked_before
        kept = set(self.frozen_months())
        frozen = []
        start = self.obligations_start()
        for year, month in reported_months(export_day, locked_before):
            if month_bounds(year, month)[1] < start:
                continue  # the village was not in the program yet: nothing to report for that month
            period = _period(year, month)
            if period in kept and locked_before is not None and date(year, month, 1) < locked_before:
                continue  # reported and locked before: what the township saw then stays
            meta = {"frozen_at": now_text(), "operator": operator, "program": __version__,
                    "audit_seq": self._last_audit_seq()}
            write_frozen(self.folder, period, meta, findings_json(self.month_findings(year, month)), replace=True)
            frozen.append(period)
        return frozen

    def frozen_comparison(self, year: int, month: int,
                          current: list[Finding] | None = None) -> FrozenComparison | None:
        """A frozen month's reported findings beside today's, with the changes made since and their reasons.

        Args:
            year: The year.
            month: The month.
            current: Today's findings of the month, when already computed.

        Returns:
            None when the month was never frozen.

        Raises:
            BrokenDataFile: The frozen file cannot be read.
        """
        period = _period(year, month)
        found = read_frozen(self.folder, period)
        if found is None:
            return None
        meta, reported = found
        comparison = FrozenComparison(period, str(meta.get("frozen_at", "")), str(meta.get("operator", "")),
                                      reported)
        if current is None:
            current = self.month_findings(year, month)
        comparison.changes = compare(reported, findings_json(current))
        if comparison.changes:
            after = meta.get("audit_seq")
            comparison.corrections = self.corrections_since(
                period, comparison.frozen_at, after if isinstance(after, int) else None)
        return comparison

    def _last_audit_seq(self) -> int:
        """The number of the newest audit entry (0 when the log is empty)."""
        for month in reversed(self.folder.audit_months()):
            entries = self.records.audit.entries(month)
            if entries:
                return entries[-1].seq
        return 0

    def corrections_since(self, period: str, since: str, after_seq: int | None = None) -> list[Correction]:
        """Changes to records dated in ``period`` (``YYYY-MM``) made after the month was frozen, oldest first.

        Args:
            period: The month.
            since: When it was frozen (``2026-11-20 09:30:05``); audit months before it are skipped.
            after_seq: The newest audit entry when it was frozen: only later entries count.
                Without it, entries from ``since`` on count.
        """
        found = []
        for audit_month in self.folder.audit_months():
            if audit_month < since[:7]:
                continue
            for entry in self.records.audit.entries(audit_month):
                kind = KINDS.get(entry.kind)
                late = entry.seq > after_seq if after_seq is not None else entry.time >= since
                if not late or kind is None or not kind.yearly:
                    continue
                days = {str(doc.get(kind.date_field, ""))[:7] for doc in (entry.before, entry.after)
                        if isinstance(doc, dict)}
                if period in days:
                    found.append(Correction(entry.time, entry.operator, entry.action,
                                            f"{kind.label} {entry.record_id}", entry.reason))
        return found
