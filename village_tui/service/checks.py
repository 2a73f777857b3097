"""The compliance check: every rule for a month or a year, from the areas' own findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from village_tui import __version__
from village_tui.domain.assessment import CadreAssessment, assess_cadre, coverage_text, ended_months, parse_weights
from village_tui.domain import dates
from village_tui.domain.dates import month_bounds
from village_tui.domain.findings import Finding, subject_only
from village_tui.domain.frozen import Correction, FrozenComparison, compare, findings_json
from village_tui.domain.office import StrayWork, duty_in_office, handled_in_office, stray_work, visits_in_office
from village_tui.service.core import Area, ServiceContext
from village_tui.service.desk import DeskService
from village_tui.service.duty import DutyService
from village_tui.service.frozen import period_name, reported_months
from village_tui.service.ledger import LedgerService
from village_tui.service.pairing import PairingService
from village_tui.service.registry import RegistryService
from village_tui.service.visits import VisitService
from village_tui.store.audit import now_text
from village_tui.store.frozen import frozen_periods, read_frozen, write_frozen
from village_tui.store.records import KINDS


# What ``check --month`` judges (the other rules are judged per year or shown on screens).
MONTH_RULES = frozenset({"R1", "R2", "R3", "R6", "R9", "R10", "R12", "R13", "R14"})
# What a month not begun yet shows: the days nobody (or, in a special period, a cadre) is rostered.
PLANNING_RULES = frozenset({"R1", "R2"})
YEAR_RULES = frozenset({"R5", "R7", "R11"})
# The parts of a month's check, each judged from one area's records: 首页 judges again only the
# parts a save touched. Each rule comes from one part.
MONTH_PARTS = ("duty", "visits", "pairing", "ledger", "desk")


def _judged(findings, rules: frozenset[str]) -> list[Finding]:
    """The findings of ``rules``, one per rule and subject, in rule order.

    R10's "nothing overdue" line names no item, so it is not a finding per item.
    """
    kept = (subject_only(f) for f in findings if f.rule in rules)
    return sorted((f for f in kept if f.rule != "R10" or f.item), key=_rule_order)


def _rule_order(finding: Finding) -> tuple:
    day = finding.date.isoformat() if finding.date else ""
    return (int(finding.rule[1:]), day, finding.cadre or "", finding.cadre_id or 0, finding.household or "",
            finding.item or "")


def planning_only(findings: list[Finding]) -> list[Finding]:
    """A month not begun: only the days nobody is rostered (R1) or a cadre is not (R2), all open."""
    return [f for f in findings if f.rule in PLANNING_RULES and f.is_open and not f.actual]


class CheckService(Area):
    """Month and year checks (``village-tui check`` and the home screen's scorecard), and frozen results.

    Args:
        context: The opened folder's shared state.
        duty: R1–R3.
        visits: R5–R8.
        pairing: R11–R12.
        ledger: R9, R10 and the ledger's R15.
        desk: R13, R14 and the desk's R15.
        registry: The cadres the yearly assessment lists.
    """

    def __init__(self, context: ServiceContext, duty: DutyService, visits: VisitService, pairing: PairingService,
                 ledger: LedgerService, desk: DeskService, registry: RegistryService) -> None:
        super().__init__(context)
        self._duty = duty
        self._visits = visits
        self._pairing = pairing
        self._ledger = ledger
        self._desk = desk
        self._registry = registry

    def month_findings(self, year: int, month: int, parts: Iterable[str] = MONTH_PARTS) -> list[Finding]:
        """R1, R2, R3, R6, R9, R12, R14 and R10/R13 for the items concerned, judged at the earlier of today
        and the month's end. A month not begun gives only planning findings (days nobody is rostered).

        Args:
            year: The month's year.
            month: The month.
            parts: Only these parts of :data:`MONTH_PARTS` (the findings of all parts asked one by
                one are the findings of all of them asked at once).
        """
        if dates.month_bounds(year, month)[1] < self._ctx.obligations_start():
            return []  # the village was not in the program yet: nothing is judged
        judge = {"duty": self._duty.duty_findings, "visits": self._visits.visit_month_findings,
                 "pairing": self._pairing.pairing_month_findings, "ledger": self._ledger.ledger_month_findings,
                 "desk": self._desk.desk_month_findings}
        findings = [finding for part in parts for finding in judge[part](year, month)]
        if date(year, month, 1) > self._ctx.today:
            findings = planning_only(findings)
        return _judged(findings, MONTH_RULES)

    def year_findings(self, year: int) -> list[Finding]:
        """R7 for the calendar year, R11 at the year's end, and R5 for main cadres whose first term year ends then."""
        if date(year, 12, 31) < self._ctx.obligations_start():
            return []
        findings = [*self._visits.visit_year_findings(year), *self._pairing.pairing_year_findings(year)]
        return _judged(findings, YEAR_RULES)

    def yearly_assessment(self, year: int) -> list[CadreAssessment]:
        """Every cadre's yearly assessment (R16), by cadre id.

        Built from the month checks of each month that has ended (the running
        month is left out until it ends) and the year check; the ledger items
        closed in the year count whatever year they were opened in.
        """
        findings = list(self.year_findings(year))
        for month in ended_months(year, self._ctx.today):
            findings.extend(self.month_findings(year, month))
        everyone = list(self.records.peek("cadres"))
        # Only work done in office counts (RULEBOOK, "Office bounds"); check lists the rest as data problems.
        duty = list(duty_in_office({d.day: d for d in self.records.peek("duty", year)}, everyone).values())
        visits = visits_in_office(self.records.peek("visits", year), everyone)
        # this year's items and earlier ones still open when their year ended
        ledger = [i for i in self._ledger.judged_items(year)
                  if handled_in_office(i.handler_id, i.closed_day, everyone)]
        households = {h.id: h for h in self.records.peek("households")}
        weights = self._ctx.settings().assessment_weights
        cadres = [c for c in self._registry.cadres(include_archived=True)
                  if c.days_in_office(date(year, 1, 1), date(year, 12, 31))]
        running = date(self._ctx.today.year, self._ctx.today.month, 1)
        until = min(date(year, 12, 31), running - timedelta(days=1))
        return [assess_cadre(c, year, findings, duty, visits, ledger, households, weights, until) for c in cadres]

    def assessment_coverage(self, year: int) -> str:
        """Which months the yearly assessment of ``year`` covers (「统计至2026年11月；12月尚未结束，不计入」)."""
        return coverage_text(year, self._ctx.today, self._ctx.obligations_start())

    def office_problems(self, year: int, month: int | None = None) -> list[StrayWork]:
        """Work stored under a cadre for a day the cadre was out of office, in a month or a year.

        Such records count for no rule; ``check`` lists them as data problems. A ledger
        item or request is listed by the day it was closed.
        """
        first, last = dates.month_bounds(year, month) if month else (date(year, 1, 1), date(year, 12, 31))
        if first > self._ctx.today:
            return []
        in_period = (lambda day: day is not None and first <= day <= last)
        return stray_work(
            self.records.peek("cadres"),
            visits=self.records.peek_between("visits", first, last),  # the month's visits only are built
            duty=self.records.peek_between("duty", first, last),
            ledger=[i for i in self._ledger.judged_items(year) if in_period(i.closed_day)],
            requests=[r for r in self._desk.judged_requests(year) if in_period(r.done_day)])

    def set_assessment_weights(self, text: str) -> dict[str, float]:
        """Set the weights of the yearly assessment from text (``R6 2``, one per line); empty: equal weights.

        Raises:
            ValidationError: An unknown rule or a weight that is not a number from 0 to 100.
        """
        weights = parse_weights(text)
        settings = self._ctx.settings()
        settings.assessment_weights = weights
        self._ctx.save_settings(settings)
        return weights

    def month_trend(self, months: int = 12) -> list[tuple[int, int, int, int]]:
        """Visits and new ledger items per month for the last ``months`` months (at most 24), oldest first.

        Reads this year's and last year's files only, counting stored records
        without building them; a year not already in memory is not kept.

        Returns:
            ``(year, month, visits, ledger_items)`` per month; cancelled records are not counted.
        """
        months = max(1, min(24, months))
        keys = []
        year, month = self._ctx.today.year, self._ctx.today.month
        for _ in range(months):
            keys.append((year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        keys.reverse()
        visits: Counter = Counter()
        items: Counter = Counter()
        for year in sorted({y for y, _ in keys}):
            visits.update(self.records.count_by_month("visits", year))
            items.update(self.records.count_by_month("ledger", year))
        return [(y, m, visits[(y, m)], items[(y, m)]) for y, m in keys]

    # -- frozen results ----------------------------------------------------------

    def frozen_months(self) -> list[str]:
        """The months (``YYYY-MM``) whose findings were frozen by an export, oldest first."""
        return frozen_periods(self._ctx.folder)

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
        if self._ctx.readonly:
            return []
        locked_before = self._ctx.settings().locked_before
        kept = set(self.frozen_months())
        frozen = []
        start = self._ctx.obligations_start()
        for year, month in reported_months(export_day, locked_before):
            if month_bounds(year, month)[1] < start:
                continue  # the village was not in the program yet: nothing to report for that month
            period = period_name(year, month)
            if period in kept and locked_before is not None and date(year, month, 1) < locked_before:
                continue  # reported and locked before: what the township saw then stays
            meta = {"frozen_at": now_text(), "operator": operator, "program": __version__,
                    "audit_seq": self._last_audit_seq()}
            write_frozen(self._ctx.folder, period, meta, findings_json(self.month_findings(year, month)), replace=True)
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
        period = period_name(year, month)
        found = read_frozen(self._ctx.folder, period)
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
        for month in reversed(self._ctx.folder.audit_months()):
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
        for audit_month in self._ctx.folder.audit_months():
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
