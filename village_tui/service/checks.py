"""The compliance check: every rule for a month or a year, from the areas' own findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from village_tui.domain.assessment import CadreAssessment, assess_cadre, coverage_text, ended_months, parse_weights
from village_tui.domain import dates
from village_tui.domain.findings import Finding, subject_only
from village_tui.domain.office import StrayWork, duty_in_office, handled_in_office, stray_work, visits_in_office
from village_tui.service.desk import DeskService
from village_tui.service.ledger import LedgerService
from village_tui.service.pairing import PairingService
from village_tui.service.registry import RegistryService
from village_tui.service.visits import VisitService


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


class CheckService(RegistryService, DeskService, LedgerService, VisitService, PairingService):
    """Month and year checks (``village-tui check`` and the home screen's scorecard)."""

    def month_findings(self, year: int, month: int, parts: Iterable[str] = MONTH_PARTS) -> list[Finding]:
        """R1, R2, R3, R6, R9, R12, R14 and R10/R13 for the items concerned, judged at the earlier of today
        and the month's end. A month not begun gives only planning findings (days nobody is rostered).

        Args:
            year: The month's year.
            month: The month.
            parts: Only these parts of :data:`MONTH_PARTS` (the findings of all parts asked one by
                one are the findings of all of them asked at once).
        """
        if dates.month_bounds(year, month)[1] < self.obligations_start():
            return []  # the village was not in the program yet: nothing is judged
        judge = {"duty": self.duty_findings, "visits": self.visit_month_findings,
                 "pairing": self.pairing_month_findings, "ledger": self.ledger_month_findings,
                 "desk": self.desk_month_findings}
        findings = [finding for part in parts for finding in judge[part](year, month)]
        if date(year, month, 1) > self.today:
            findings = planning_only(findings)
        return _judged(findings, MONTH_RULES)

    def year_findings(self, year: int) -> list[Finding]:
        """R7 for the calendar year, R11 at the year's end, and R5 for main cadres whose first term year ends then."""
        if date(year, 12, 31) < self.obligations_start():
            return []
        findings = [*self.visit_year_findings(year), *self.pairing_year_findings(year)]
        return _judged(findings, YEAR_RULES)

    def yearly_assessment(self, year: int) -> list[CadreAssessment]:
        """Every cadre's yearly assessment (R16), by cadre id.

        Built from the month checks of each month that has ended (the running
        month is left out until it ends) and the year check; the ledger items
        closed in the year count whatever year they were opened in.
        """
        findings = list(self.year_findings(year))
        for month in ended_months(year, self.today):
            findings.extend(self.month_findings(year, month))
        everyone = list(self.records.peek("cadres"))
        # Only work done in office counts (RULEBOOK, "Office bounds"); check lists the rest as data problems.
        duty = list(duty_in_office({d.day: d for d in self.records.peek("duty", year)}, everyone).values())
        visits = visits_in_office(self.records.peek("visits", year), everyone)
        ledger = [i for i in self._candidates(year)  # this year's items and earlier ones still open when their year ended
                  if handled_in_office(i.handler_id, i.closed_day, everyone)]
        households = {h.id: h for h in self.records.peek("households")}
        weights = self.settings().assessment_weights
        cadres = [c for c in self.cadres(include_archived=True)
                  if c.days_in_office(date(year, 1, 1), date(year, 12, 31))]
        running = date(self.today.year, self.today.month, 1)
        until = min(date(year, 12, 31), running - timedelta(days=1))
        return [assess_cadre(c, year, findings, duty, visits, ledger, households, weights, until) for c in cadres]

    def assessment_coverage(self, year: int) -> str:
        """Which months the yearly assessment of ``year`` covers (「统计至2026年11月；12月尚未结束，不计入」)."""
        return coverage_text(year, self.today, self.obligations_start())

    def office_problems(self, year: int, month: int | None = None) -> list[StrayWork]:
        """Work stored under a cadre for a day the cadre was out of office, in a month or a year.

        Such records count for no rule; ``check`` lists them as data problems. A ledger
        item or request is listed by the day it was closed.
        """
        first, last = dates.month_bounds(year, month) if month else (date(year, 1, 1), date(year, 12, 31))
        if first > self.today:
            return []
        in_period = (lambda day: day is not None and first <= day <= last)
        return stray_work(
            self.records.peek("cadres"),
            visits=[v for v in self.records.peek("visits", year) if in_period(v.day)],
            duty=[d for d in self.records.peek("duty", year) if in_period(d.day)],
            ledger=[i for i in self._candidates(year) if in_period(i.closed_day)],
            requests=[r for r in self._requests_for(year) if in_period(r.done_day)])

    def set_assessment_weights(self, text: str) -> dict[str, float]:
        """Set the weights of the yearly assessment from text (``R6 2``, one per line); empty: equal weights.

        Raises:
            ValidationError: An unknown rule or a weight that is not a number from 0 to 100.
        """
        weights = parse_weights(text)
        settings = self.settings()
        settings.assessment_weights = weights
        self.save_settings(settings)
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
        year, month = self.today.year, self.today.month
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
