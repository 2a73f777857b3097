"""Household visits (入户走访): saving, cancelling, paged lists, worklists and R5–R8 findings."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from village_tui.domain.dates import format_cn, month_bounds, year_bounds
from village_tui.domain.errors import NotFoundError, ValidationError, ValidationErrors
from village_tui.domain.findings import Finding
from village_tui.domain.models import VISIT_WAYS, Household, Visit
from village_tui.domain.office import office_refusal, visits_in_office
from village_tui.domain.record_validation import validate_reason
from village_tui.domain.rules_visits import first_year_findings, first_year_window, month_findings, year_findings
from village_tui.domain.validation import validate_text
from village_tui.service.core import Area

if TYPE_CHECKING:
    from village_tui.domain.visit_worklist import Worklist

LEARNED_MAX = 500
REQUESTS_MAX = 500
HELP_MAX = 200


@dataclass
class VisitPage:
    """One page of a visit list, newest first.

    Attributes:
        rows: The visits on this page.
        total: How many visits match the filter in all.
        offset: Index of the first row in the whole list.
        limit: Page size asked for.
    """

    rows: list[Visit] = field(default_factory=list)
    total: int = 0
    offset: int = 0
    limit: int = 50


class VisitService(Area):
    """Household visits (R5–R8).

    Each visit is kept in the file of its year, so a month's list or check
    reads one year only.
    """

    def visit(self, visit_id: str) -> Visit:
        """One visit by id.

        Raises:
            NotFoundError: No such visit.
        """
        return self.records.get("visits", visit_id)

    def _validate_visit(self, visit: Visit) -> Visit:
        errors: list[ValidationError] = []

        def check(func, *args):
            try:
                return func(*args)
            except ValidationError as error:
                errors.append(error)
                return ""

        if not isinstance(visit.day, date):
            errors.append(ValidationError("day", "请填写走访日期"))
        elif visit.day > self._ctx.today:
            errors.append(ValidationError("day", "走访日期不能晚于今天"))
        if visit.cadre_id is None:
            errors.append(ValidationError("cadre_id", "请选择走访干部"))
        else:
            try:
                cadre = self.records.get("cadres", visit.cadre_id)
            except NotFoundError:
                errors.append(ValidationError("cadre_id", "没有这位干部"))
            else:
                refusal = office_refusal(cadre, visit.day, "走访") if isinstance(visit.day, date) else None
                if refusal:
                    errors.append(ValidationError("cadre_id", refusal))
        household = None
        if visit.household_id is None:
            errors.append(ValidationError("household_id", "请选择走访的农户"))
        else:
            try:
                household = self.records.get("households", visit.household_id)
            except NotFoundError:
                errors.append(ValidationError("household_id", "没有这户农户"))
        if household is not None and household.archived and visit.id is None and (
                household.left_on is None or not isinstance(visit.day, date) or visit.day >= household.left_on):
            # a visit before the archive day can still be entered: archiving keeps what came before
            errors.append(ValidationError("household_id", f"{household.head}户已归档，不能登记走访"))
        if visit.way not in VISIT_WAYS:
            errors.append(ValidationError("way", f"走访方式应为：{'、'.join(VISIT_WAYS)}"))
        learned = check(validate_text, visit.learned, "learned", "了解情况", LEARNED_MAX, True)
        requests = check(validate_text, visit.requests, "requests", "群众诉求", REQUESTS_MAX, True)
        help_given = check(validate_text, visit.help_given, "help_given", "帮扶内容", HELP_MAX, True)
        if not errors and household is not None and self._duplicate(visit):
            errors.append(ValidationError(
                "household_id", f"{format_cn(visit.day)}已登记过这位干部对{household.head}户的{visit.way}走访"))
        if errors:
            raise ValidationErrors(errors)
        return dataclasses.replace(visit, learned=learned, requests=requests, help_given=help_given)

    def _duplicate(self, visit: Visit) -> bool:
        for other_id, other in self.records.stored_on("visits", visit.day):  # that day's visits, as stored
            if other_id != visit.id and not other.get("cancelled") and other.get("cadre_id") == visit.cadre_id \
                    and other.get("household_id") == visit.household_id and other.get("way") == visit.way:
                return True
        return False

    def save_visit(self, visit: Visit, reason: str = "") -> Visit:
        """Validate and save a new or corrected visit.

        Texts are cleaned (full-width digits, stray control characters). A
        correction keeps the link to a ledger item made from the visit.

        Raises:
            ValidationErrors: A field is wrong or the same visit was already entered.
            PeriodLockedError: The day lies in a locked period and no reason was given.
        """
        visit = self._validate_visit(visit)
        if visit.id is None:
            return self._ctx.insert(visit, reason)
        before = self.visit(visit.id)
        if visit.ledger_item_id is None:
            visit.ledger_item_id = before.ledger_item_id
        return self._ctx.update(visit, reason)

    def cancel_visit(self, visit_id: str, reason: str) -> Visit:
        """Cancel a visit entered by mistake (never deleted); it no longer counts."""
        visit = self.visit(visit_id)
        visit.cancelled, visit.cancel_reason = True, validate_reason(reason, "作废原因")
        return self._ctx.update(visit, reason, action="作废")

    def restore_visit(self, visit_id: str, reason: str) -> Visit:
        """Undo the voiding of a visit, as an audited 更正 with a reason; it counts again.

        Raises:
            ValidationError: No reason, or the visit is not void.
        """
        visit = self.visit(visit_id)
        if not visit.cancelled:
            raise ValidationError("reason", f"走访记录 {visit_id} 没有作废，不需要恢复")
        why = validate_reason(reason, "更正原因")
        visit.cancelled, visit.cancel_reason = False, ""
        return self._ctx.update(visit, why, action="更正")

    def link_visit_to_ledger(self, visit_id: str, item_id: str) -> Visit:
        """Record that a visit's request became ledger item ``item_id``.

        This is the hook for ``ledger_item_from_visit`` of the ledger part of the
        service, which creates the item and then links it here.
        """
        visit = self.visit(visit_id)
        visit.ledger_item_id = item_id
        return self._ctx.update(visit, action="关联台账")

    def visits(self, year: int, month: int | None = None, cadre_id: int | None = None,
               group: str | None = None, household_id: int | None = None, offset: int = 0, limit: int = 50,
               include_cancelled: bool = False) -> VisitPage:
        """Visits of one year (or month), filtered, newest first, one page at a time.

        Args:
            group: Keep visits to households that were in this group on the day of the visit.
        """
        first, last = month_bounds(year, month) if month else year_bounds(year)
        households = self._households_by_id() if group else {}
        found = []
        for v in self.records.peek("visits", year):
            if not first <= v.day <= last or v.cancelled and not include_cancelled:
                continue
            if cadre_id is not None and v.cadre_id != cadre_id:
                continue
            if household_id is not None and v.household_id != household_id:
                continue
            if group:
                household = households.get(v.household_id)
                if household is None or household.group_on(v.day) != group:
                    continue
            found.append(v)
        found.sort(key=lambda v: (v.day, v.id), reverse=True)
        rows = [dataclasses.replace(v) for v in found[offset:offset + limit]]
        return VisitPage(rows, len(found), offset, limit)

    def _households_by_id(self) -> dict[int, Household]:
        return {h.id: h for h in self.records.peek("households")}

    def _visits_between(self, first: date, last: date) -> list[Visit]:
        """The visits from ``first`` to ``last`` that count for the rules: made while their cadre was in office."""
        found = [v for year in range(first.year, last.year + 1) for v in self.records.peek("visits", year)
                 if first <= v.day <= last]
        return visits_in_office(found, self.records.peek("cadres"))

    def worklist(self, cadre_id: int, on_day: date | None = None) -> Worklist:
        """What R5–R7 still ask of a cadre (default: today)."""
        from village_tui.domain.visit_worklist import build_worklist  # the worklist screen's, not the checks'

        on_day = on_day or self._ctx.today
        cadre = self.records.get("cadres", cadre_id)
        first = date(on_day.year, 1, 1)
        if cadre.is_main:
            start, last = first_year_window(cadre)
            if on_day.year <= last.year:
                first = min(first, start)
        return build_worklist(cadre, self._households_by_id(), self._visits_between(first, on_day), on_day)

    def visit_month_findings(self, year: int, month: int) -> list[Finding]:
        """R6 for every cadre who was a main cadre in office during the month (R8 applied)."""
        first, last = month_bounds(year, month)
        if first > self._ctx.today:
            return []
        cadres = list(self.records.peek("cadres"))
        visits = visits_in_office(self.records.peek_between("visits", first, last), cadres)
        households = self.records.peek_ids("households", {v.household_id for v in visits})  # R6 asks only these
        return month_findings(self._ctx.judged_cadres(), households, visits, year, month, self._ctx.today)

    def visit_year_findings(self, year: int) -> list[Finding]:
        """R7 for the calendar year, and R5 for each term whose first year ends in it or runs now (open)."""
        if date(year, 1, 1) > self._ctx.today:
            return []
        households = self._households_by_id()
        cadres = list(self.records.peek("cadres"))
        visits = visits_in_office(self.records.peek("visits", year), cadres)
        findings = year_findings(self._ctx.judged_cadres(), households, visits, year, self._ctx.today)
        for cadre in cadres:
            for term_start, _ in cadre.terms():
                start, last = first_year_window(cadre, term_start)
                running = year == self._ctx.today.year and start <= self._ctx.today <= last
                if (last.year == year or running) and start <= self._ctx.today:
                    visits = self._visits_between(start, min(last, self._ctx.today))
                    findings.extend(first_year_findings(cadre, households, visits, self._ctx.today, term_start))
        return findings


__all__ = ["VisitPage", "VisitService"]
