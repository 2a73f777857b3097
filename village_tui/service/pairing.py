"""Pairings: 结对帮扶 with needy households (R12) and 帮带 mentoring (R11), the year matrix."""

from __future__ import annotations

import dataclasses
from datetime import date

from village_tui.domain import dates
from village_tui.domain.errors import NotFoundError, ValidationError, ValidationErrors
from village_tui.domain.findings import Finding
from village_tui.domain.models import HELP_KINDS, PAIRING_KINDS, VISIT_WAYS, Pairing, Visit
from village_tui.domain.office import office_refusal, visits_in_office
from village_tui.domain.record_validation import validate_reason
from village_tui.domain.rules_pairing import (MENTOR_MAX, MENTOR_MIN, PairingMatrix, check_day, check_mentoring,
                                              check_needy_pairing, pairing_matrix)
from village_tui.domain.validation import validate_text
from village_tui.service.core import Area, ServiceContext
from village_tui.service.visits import VisitService

GOALS_MAX = 200
HELP_MAX = 200


class PairingService(Area):
    """Pairings of cadres with households and the checks R11–R12.

    Args:
        context: The opened folder's shared state.
        visits: The visits area, which saves a pairing's visit.
    """

    def __init__(self, context: ServiceContext, visits: VisitService) -> None:
        super().__init__(context)
        self._visits = visits

    # -- reading ----------------------------------------------------------

    def pairings(self, year: int | None = None, cadre_id: int | None = None,
                 include_cancelled: bool = False) -> list[Pairing]:
        """Pairings, optionally only those in force during ``year`` or of one cadre.

        Returns:
            Copies ordered by cadre, kind and start.
        """
        found = []
        for p in self.records.peek("pairings"):
            if p.cancelled and not include_cancelled:
                continue
            if cadre_id is not None and p.cadre_id != cadre_id:
                continue
            if year is not None and (p.start.year > year or (p.end is not None and p.end.year < year)):
                continue
            found.append(dataclasses.replace(p))
        found.sort(key=lambda p: (p.cadre_id, p.kind, p.start, p.id or 0))
        return found

    def pairing(self, pairing_id: int) -> Pairing:
        """One pairing by id."""
        return self.records.get("pairings", pairing_id)

    # -- saving -----------------------------------------------------------

    def _validate_pairing(self, pairing: Pairing) -> Pairing:
        errors: list[ValidationError] = []
        if self._cadre_or_none(pairing.cadre_id) is None:
            errors.append(ValidationError("cadre_id", "请选择结对干部"))
        if self._household_or_none(pairing.household_id) is None:
            errors.append(ValidationError("household_id", "请选择结对农户"))
        if pairing.kind not in PAIRING_KINDS:
            errors.append(ValidationError("kind", f"结对类型应为：{'、'.join(PAIRING_KINDS)}"))
        unknown = [h for h in pairing.help_planned if h not in HELP_KINDS]
        if unknown:
            errors.append(ValidationError("help_planned", f"帮扶措施应为：{'、'.join(HELP_KINDS)}"))
        if pairing.end is not None and pairing.end < pairing.start:
            errors.append(ValidationError("end", "结束日期不能早于开始日期"))
        goals = ""
        try:
            goals = validate_text(pairing.goals, "goals", "帮扶目标", GOALS_MAX, multiline=True)
        except ValidationError as error:
            errors.append(error)
        if not errors:
            for other in self.records.peek("pairings"):
                if (other.id != pairing.id and not other.cancelled and other.cadre_id == pairing.cadre_id
                        and other.household_id == pairing.household_id and other.kind == pairing.kind
                        and _overlap(other, pairing)):
                    errors.append(ValidationError(
                        "household_id", f"该干部与这户已有{pairing.kind}结对（{dates.format_cn(other.start)}起）"))
                    break
        if errors:
            raise ValidationErrors(errors)
        help_planned = [h for h in HELP_KINDS if h in pairing.help_planned]
        return dataclasses.replace(pairing, goals=goals, help_planned=help_planned)

    def pairing_warnings(self, pairing: Pairing) -> list[str]:
        """What is allowed but worth a second look before saving, in Chinese."""
        warnings = []
        cadre = self._cadre_or_none(pairing.cadre_id)
        household = self._household_or_none(pairing.household_id)
        if pairing.kind == "帮扶" and household is not None and not household.needs:
            warnings.append(f"{household.head}（{household.code}）没有困难类别标记，帮扶对象应为困难群众")
        if pairing.kind == "帮带" and cadre is not None:
            if not cadre.can_mentor:
                warnings.append(f"{cadre.name}未标记为有帮带能力")
            day = min(max(self._ctx.today, pairing.start), pairing.end or date.max)
            others = [p for p in self.records.peek("pairings") if p.id != pairing.id and p.cadre_id == cadre.id
                      and p.kind == "帮带" and p.active_on(day)]
            n = len(others) + (1 if pairing.active_on(day) else 0)
            if n < MENTOR_MIN:
                warnings.append(f"{cadre.name}帮带{n}户，少于{MENTOR_MIN}户")
            elif n > MENTOR_MAX:
                warnings.append(f"{cadre.name}将帮带{n}户，超过{MENTOR_MAX}户")
        return warnings

    def check_pairing(self, pairing: Pairing) -> list[str]:
        """Validate a pairing without saving it, so a form can show the warnings first.

        Returns:
            The warnings (Chinese sentences) saving it would raise.

        Raises:
            ValidationErrors: A field is wrong, or the same pairing already exists.
        """
        return self.pairing_warnings(self._validate_pairing(pairing))

    def save_pairing(self, pairing: Pairing, reason: str = "") -> tuple[Pairing, list[str]]:
        """Validate and save a new or changed pairing.

        Returns:
            The saved pairing and the warnings (Chinese sentences) it raised.

        Raises:
            ValidationErrors: A field is wrong, or the same pairing already exists.
        """
        pairing = self._validate_pairing(pairing)
        warnings = self.pairing_warnings(pairing)
        saved = self._ctx.update(pairing, reason) if pairing.id is not None else self._ctx.insert(pairing, reason)
        return saved, warnings

    def end_pairing(self, pairing_id: int, end_day: date, reason: str) -> Pairing:
        """End a pairing on ``end_day`` (its last day), with a reason.

        Raises:
            ValidationError: No reason, or the end is before the start.
        """
        pairing = self.pairing(pairing_id)
        reason = validate_reason(reason, "结束原因")
        if end_day < pairing.start:
            raise ValidationError("end", "结束日期不能早于开始日期")
        pairing.end = end_day
        return self._ctx.update(pairing, reason, action="结束")

    def cancel_pairing(self, pairing_id: int, reason: str) -> Pairing:
        """Cancel a pairing entered by mistake (never deleted)."""
        pairing = self.pairing(pairing_id)
        pairing.cancelled, pairing.cancel_reason = True, validate_reason(reason, "作废原因")
        return self._ctx.update(pairing, pairing.cancel_reason, action="作废")

    def restore_pairing(self, pairing_id: int, reason: str) -> Pairing:
        """Undo the end or the voiding of a pairing, as an audited 更正 with a reason: in force again.

        Raises:
            ValidationError: No reason, or the pairing is neither ended nor void.
        """
        pairing = self.pairing(pairing_id)
        if not pairing.cancelled and pairing.end is None:
            raise ValidationError("reason", "这个结对没有结束或作废，不需要恢复")
        why = validate_reason(reason, "更正原因")
        pairing.cancelled, pairing.cancel_reason, pairing.end = False, "", None
        return self._ctx.update(pairing, why, action="更正")

    def record_pairing_visit(self, pairing_id: int, day: date, help_given: str = "", way: str = "入户") -> Visit:
        """Record a visit by the pairing's cadre to its household, with the help given.

        Raises:
            ValidationError: The day is in the future or outside the pairing, or a
                phone call to a household that is not away (it would not count, R8).
        """
        pairing = self.pairing(pairing_id)
        if day > self._ctx.today:
            raise ValidationError("day", "走访日期不能晚于今天")
        if not pairing.active_on(day):
            raise ValidationError("day", f"{dates.format_cn(day)}不在结对期内")
        refusal = office_refusal(self.records.get("cadres", pairing.cadre_id), day, "帮扶走访")
        if refusal:
            raise ValidationError("day", refusal)
        if way not in VISIT_WAYS:
            raise ValidationError("way", f"走访方式应为：{'、'.join(VISIT_WAYS)}")
        if way == "电话" and not self.records.get("households", pairing.household_id).away:
            raise ValidationError("way", "该户未标记外出，电话联系不算走访，请入户走访")
        help_text = validate_text(help_given, "help_given", "帮扶内容", HELP_MAX, multiline=True)
        visit = Visit(day=day, cadre_id=pairing.cadre_id, household_id=pairing.household_id, way=way,
                      help_given=help_text)
        return self._visits.save_visit(visit)

    # -- the matrix and the rules ----------------------------------------

    def pairing_matrix(self, year: int, kind: str | None = None) -> PairingMatrix:
        """The year matrix: one row per pairing in force during ``year``, a state per month.

        Args:
            year: The calendar year.
            kind: ``"帮扶"`` or ``"帮带"`` for one kind only; None for both.
        """
        cadres = {c.id: c for c in self.records.peek("cadres")}
        households = {h.id: h for h in self.records.peek("households")}
        pairings = [p for p in self.pairings(year) if kind is None or p.kind == kind]
        visits = visits_in_office(self.records.peek("visits", year), cadres)
        return pairing_matrix(pairings, visits, cadres, households, year, self._ctx.today)

    def pairing_month_findings(self, year: int, month: int) -> list[Finding]:
        """R12 for one month: each cadre has a 帮扶 pairing and visited it."""
        # R12 reads the month's visits only (its first lines keep those of the month).
        cadres = list(self.records.peek("cadres"))
        visits = visits_in_office(self.records.peek_between("visits", *dates.month_bounds(year, month)), cadres)
        pairings = self.pairings(year)
        # ... and of the households, only those its pairings and visits name
        households = self.records.peek_ids("households", {p.household_id for p in pairings} |
                                           {v.household_id for v in visits})
        return check_needy_pairing(self._ctx.judged_cadres(), pairings, visits, households, year, month,
                                   self._ctx.today)

    def pairing_year_findings(self, year: int) -> list[Finding]:
        """R11 at each month's end of the year in office (up to today while the year runs)."""
        if date(year, 1, 1) > self._ctx.today:
            return []
        day = check_day(year, self._ctx.today)
        households = {h.id: h for h in self.records.peek("households")}
        return check_mentoring(list(self.records.peek("cadres")), self.pairings(year), day, households)

    # -- helpers ----------------------------------------------------------

    def _cadre_or_none(self, cadre_id: int | None):
        try:
            return self.records.get("cadres", cadre_id) if cadre_id is not None else None
        except (NotFoundError, ValueError, TypeError):
            return None

    def _household_or_none(self, household_id: int | None):
        try:
            return self.records.get("households", household_id) if household_id is not None else None
        except (NotFoundError, ValueError, TypeError):
            return None


def _overlap(a: Pairing, b: Pairing) -> bool:
    a_end, b_end = a.end or date.max, b.end or date.max
    return a.start <= b_end and b.start <= a_end
