"""The compliance check: every rule for a month or a year, from the areas' own findings."""

from __future__ import annotations

from collections import Counter

from village_tui.domain.assessment import CadreAssessment, assess_cadre, year_months
from village_tui.domain.findings import Finding, subject_only
from village_tui.service.core import ServiceBase


# What ``check --month`` judges (the other rules are judged per year or shown on screens).
MONTH_RULES = frozenset({"R1", "R2", "R3", "R6", "R9", "R10", "R12", "R13"})
YEAR_RULES = frozenset({"R5", "R7", "R11"})


def _judged(findings, rules: frozenset[str]) -> list[Finding]:
    """The findings of ``rules``, one per rule and subject, in rule order.

    R10's "nothing overdue" line names no item, so it is not a finding per item.
    """
    kept = (subject_only(f) for f in findings if f.rule in rules)
    return sorted((f for f in kept if f.rule != "R10" or f.item), key=_rule_order)


def _rule_order(finding: Finding) -> tuple:
    day = finding.date.isoformat() if finding.date else ""
    return (int(finding.rule[1:]), day, finding.cadre or "", finding.household or "",
            finding.item or "")


class CheckService(ServiceBase):
    """Month and year checks (``village-tui check`` and the home screen's scorecard)."""

    def month_findings(self, year: int, month: int) -> list[Finding]:
        """R1, R2, R3, R6, R9, R12, and R10/R13 for items open and past due at the month's end."""
        findings = [
            *self.duty_findings(year, month),
            *self.visit_month_findings(year, month),
            *self.pairing_month_findings(year, month),
            *self.ledger_month_findings(year, month),
            *self.desk_month_findings(year, month),
        ]
        return _judged(findings, MONTH_RULES)

    def year_findings(self, year: int) -> list[Finding]:
        """R7 for the calendar year, R11 at the year's end, and R5 for main cadres whose first term year ends then."""
        findings = [*self.visit_year_findings(year), *self.pairing_year_findings(year)]
        return _judged(findings, YEAR_RULES)

    def yearly_assessment(self, year: int) -> list[CadreAssessment]:
        """Every cadre's yearly assessment (R16): the month checks of each month begun and the year check."""
        findings = list(self.year_findings(year))
        for month in year_months(year, self.today):
            findings.extend(self.month_findings(year, month))
        duty = list(self.records.peek("duty", year))
        visits = list(self.records.peek("visits", year))
        ledger = list(self.records.peek("ledger", year))
        cadres = [c for c in self.cadres(include_archived=True)
                  if c.term_start.year <= year and (c.term_end is None or c.term_end.year >= year)]
        return [assess_cadre(c, year, findings, duty, visits, ledger) for c in cadres]

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
