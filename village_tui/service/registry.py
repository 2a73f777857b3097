"""Cadres and households: listing, saving, archiving, search and a household's history."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from village_tui.domain.errors import NotFoundError, ReadOnlyError, ValidationError, ValidationErrors
from village_tui.domain import dates
from village_tui.domain.errors import PeriodLockedError
from village_tui.domain.facts import apply_cadre_changes, apply_household_changes
from village_tui.domain.models import Cadre, Household, LedgerItem, Pairing, ServiceRequest, Visit
from village_tui.domain.record_validation import validate_cadre, validate_household, validate_reason
from village_tui.service.core import Area, ServiceContext, one_transaction
from village_tui.service.duty import DutyService


@dataclass
class HouseholdHistory:
    """Everything recorded about one household, newest first.

    Attributes:
        years: The years included so far (the profile loads older years later).
    """

    household: Household
    visits: list[Visit] = field(default_factory=list)
    pairings: list[Pairing] = field(default_factory=list)
    ledger: list[LedgerItem] = field(default_factory=list)
    requests: list[ServiceRequest] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


class RegistryService(Area):
    """The registry area of the service: cadres and households, and signing in.

    Args:
        context: The opened folder's shared state (signing in sets its operator).
        duty: The duty area: signing in on a rostered day is that day's duty sign-in.
    """

    def __init__(self, context: ServiceContext, duty: DutyService) -> None:
        super().__init__(context)
        self._duty = duty

    # -- cadres -----------------------------------------------------------

    def cadres(self, include_archived: bool = False) -> list[Cadre]:
        """Cadres, main cadres first, then by name."""
        found = [c for c in self.records.all("cadres") if include_archived or not c.archived]
        return sorted(found, key=lambda c: (not c.is_main, c.id or 0))

    def cadre(self, cadre_id: int) -> Cadre:
        """One cadre by id."""
        return self.records.get("cadres", cadre_id)

    def cadre_names(self) -> dict[int, str]:
        """Cadre names by id, archived ones included."""
        return {c.id: c.name for c in self.records.peek("cadres")}

    def save_cadre(self, cadre: Cadre, since: date | None = None, reason: str = "") -> Cadre:
        """Validate and save a new or changed cadre.

        Args:
            cadre: The cadre as it should be now.
            since: The first day a changed role, group or 帮带 ability holds
                (生效日期, default today); the days before keep the old facts.
            reason: Needed when ``since`` lies in a period locked by an export.

        Raises:
            ValidationErrors: A field is wrong.
            PeriodLockedError: ``since`` is in a locked period and no reason was given.
        """
        from village_tui.domain.pinyin import name_initials  # the pinyin tables: only when a name is saved

        cadre = validate_cadre(cadre, self._ctx.settings().groups)
        cadre.initials = name_initials(cadre.name)
        if cadre.id is None:
            return self._ctx.insert(cadre)
        since = self._effective_day(since, reason)
        return self._ctx.update(apply_cadre_changes(self.cadre(cadre.id), cadre, since), reason)

    def archive_cadre(self, cadre_id: int, reason: str, day: date | None = None) -> Cadre:
        """Archive a cadre who left (never deleted): nothing is asked of them from ``day`` (default today) on."""
        cadre = self.cadre(cadre_id)
        cadre.archived, cadre.archive_reason = True, validate_reason(reason, "归档原因")
        cadre.archived_on = self._effective_day(day, reason)
        return self._ctx.update(cadre, action="归档")

    def unarchive_cadre(self, cadre_id: int, reason: str) -> Cadre:
        """Undo a cadre's archiving (a mistake), as an audited 更正 with a reason: in office again from the archive day.

        Raises:
            ValidationError: No reason, or the cadre is not archived.
        """
        cadre = self.cadre(cadre_id)
        if not cadre.archived:
            raise ValidationError("reason", f"{cadre.name} 没有归档，不需要恢复")
        why = validate_reason(reason, "更正原因")
        cadre.archived, cadre.archive_reason, cadre.archived_on = False, "", None
        return self._ctx.update(cadre, why, action="更正")

    def _effective_day(self, since: date | None, reason: str) -> date:
        """The 生效日期 of a change: today by default, never later; inside a locked period only with a reason."""
        since = since or self._ctx.today
        if since > self._ctx.today:
            raise ValidationErrors([ValidationError("since", "生效日期不能晚于今天")])
        locked = self._ctx.settings().locked_before
        if locked is not None and since < locked and not reason.strip():
            raise PeriodLockedError(f"{dates.format_cn(locked)}以前的月份已随上报锁定，从更早的日期生效需要填写原因")
        return since

    @one_transaction
    def sign_in(self, cadre_id: int) -> Cadre:
        """Choose the operator; on a day the cadre is rostered this is also the duty sign-in.

        Returns:
            The operator.
        """
        cadre = self.cadre(cadre_id)
        self._ctx.operator = cadre
        self._ctx.folder.set_operator(cadre.name)
        if self._ctx.readonly:
            return cadre
        settings = self._ctx.settings()
        if settings.last_operator_id != cadre_id:
            settings.last_operator_id = cadre_id
            self._ctx.save_settings(settings)
        self.record_login_duty(cadre_id)
        return cadre

    def record_login_duty(self, cadre_id: int) -> None:
        """Count a sign-in on a rostered day as that day's duty sign-in."""
        day = self._duty.duty_day(self._ctx.today)
        if day is None or cadre_id not in day.rostered or cadre_id in day.signed_in():
            return
        self._duty.duty_sign_in(cadre_id, self._ctx.today, self._ctx.now_time())

    # -- households -------------------------------------------------------

    def households(self, group: str | None = None, tag: str | None = None, away: bool | None = None,
                   include_archived: bool = False) -> list[Household]:
        """Households filtered by group, need tag and away status, ordered by 户编号."""
        found = []
        for h in self.records.peek("households"):
            if h.archived and not include_archived:
                continue
            if group and h.group != group or tag and tag not in h.needs:
                continue
            if away is not None and h.away != away:
                continue
            found.append(h)
        found.sort(key=lambda h: (len(h.code), h.code))
        return [dataclasses.replace(h) for h in found]

    def household(self, household_id: int) -> Household:
        """One household by id."""
        return self.records.get("households", household_id)

    def household_by_code(self, code: str) -> Household:
        """One household by 户编号.

        Raises:
            NotFoundError: No household has that code.
        """
        for h in self.records.peek("households"):
            if h.code == code:
                return dataclasses.replace(h)
        raise NotFoundError(f"没有户编号为 {code} 的农户")

    def household_duplicates(self, household: Household) -> list[Household]:
        """Other households with the same ID number, or the same head's name in the same group."""
        same = []
        for h in self.records.peek("households"):
            if h.id == household.id or h.archived:
                continue
            if household.id_number and h.id_number == household.id_number.upper():
                same.append(h)
            elif h.head == household.head.strip() and h.group == household.group:
                same.append(h)
        return [dataclasses.replace(h) for h in same]

    def save_household(self, household: Household, reason: str = "", since: date | None = None) -> Household:
        """Validate and save a new or changed household.

        A new household is registered today unless it carries its 登记日期. A
        changed 外出 mark, hardship category or group holds from ``since``
        (生效日期, default today); the days before keep the old facts.

        Raises:
            ValidationErrors: A field is wrong.
            ValidationErrors: Another household has the same 户编号.
            PeriodLockedError: ``since`` is in a locked period and no reason was given.
        """
        from village_tui.domain.pinyin import name_initials  # the pinyin tables: only when a name is saved

        household = validate_household(household, self._ctx.settings().groups)
        for h in self.records.peek("households"):
            if h.code == household.code and h.id != household.id:
                raise ValidationErrors([ValidationError("code", f"户编号 {h.code} 已被 {h.head} 使用")])
        household.initials = name_initials(household.head)
        if household.id is None:
            if household.registered_on is None:
                household.registered_on = self._ctx.today
            return self._ctx.insert(household)
        since = self._effective_day(since, reason)
        return self._ctx.update(apply_household_changes(self.household(household.id), household, since), reason)

    def archive_household(self, household_id: int, reason: str, day: date | None = None) -> Household:
        """Archive a household (moved away, merged), never deleted: it is not in residence from ``day`` (default today)."""
        household = self.household(household_id)
        household.archived, household.archive_reason = True, validate_reason(reason, "归档原因")
        household.left_on = self._effective_day(day, reason)
        if household.registered_on is not None and household.left_on < household.registered_on:
            raise ValidationError("day", f"归档日期不能早于登记日期（{dates.format_cn(household.registered_on)}）")
        return self._ctx.update(household, action="归档")

    def unarchive_household(self, household_id: int, reason: str) -> Household:
        """Undo a household's archiving (a mistake), as an audited 更正 with a reason: in residence again.

        Raises:
            ValidationError: No reason, or the household is not archived.
        """
        household = self.household(household_id)
        if not household.archived:
            raise ValidationError("reason", f"{household.code} {household.head} 没有归档，不需要恢复")
        why = validate_reason(reason, "更正原因")
        household.archived, household.archive_reason, household.left_on = False, "", None
        return self._ctx.update(household, why, action="更正")

    def reveal_phone(self, household_id: int) -> str:
        """A household's full phone number, for calling it; the viewing is recorded in the audit log.

        Lists show phone numbers masked; who looked at a full number, and when, is kept.

        Raises:
            ReadOnlyError: The folder is read-only, so the viewing could not be recorded.
        """
        if self._ctx.readonly:
            raise ReadOnlyError(f"只读：{self._ctx.readonly_reason}。查看完整电话要记入审计日志，只读时不能查看。")
        household = self.household(household_id)
        self.records.audit.record(self._ctx.operator_name, "查看电话", "households", str(household_id), None, None,
                                  f"查看{household.head}户的完整电话")
        return household.phone

    def next_household_code(self) -> str:
        """The 户编号 a new household would naturally get: the highest number in use plus one.

        The prefix and the zero padding of that code are kept (``0041`` → ``0042``, ``3组-09`` → ``3组-10``);
        ``0001`` for a village without households.
        """
        codes = {h.code for h in self.records.peek("households")}
        best: tuple[int, str, str] | None = None
        for code in codes:
            match = re.fullmatch(r"(.*?)(\d+)", code)
            if match and (best is None or int(match.group(2)) > best[0]):
                best = (int(match.group(2)), match.group(1), match.group(2))
        if best is None:
            return "0001"
        number, prefix, digits = best
        while True:
            number += 1
            candidate = f"{prefix}{number:0{len(digits)}d}"
            if candidate not in codes:
                return candidate

    def search_households(self, query: str, limit: int = 20, include_archived: bool = False) -> list[Household]:
        """Households matching what was typed: pinyin initials, full pinyin (``zengsuqin``), Chinese
        characters, 户编号, or the last digits of the phone or ID number (full-width digits too).

        Returns:
            Up to ``limit`` households, the best matches first.
        """
        from village_tui.domain.pinyin import looks_like_spelling, matches_initials, matches_spelling, name_spellings

        text = unicodedata.normalize("NFKC", query).strip().lower()  # full-width １０８３ is 1083
        if not text:
            return []
        ranked: list[tuple[int, Household]] = []
        ascii_letters = text.isascii() and text.isalpha()
        digits = text.isascii() and text.isdigit()
        spelled = looks_like_spelling(text)  # full pinyin (zengsuqin) holds vowels; initials rarely do
        for h in self.records.peek("households"):
            if h.archived and not include_archived:
                continue
            rank = None
            if h.code.lower() == text:
                rank = 0
            elif ascii_letters and matches_initials(text, h.initials):
                rank = 1 if any(i.startswith(text) for i in h.initials) else 3
            elif digits and (h.phone.replace("-", "").endswith(text) or h.id_number.endswith(text)):
                rank = 2
            elif (spelled and any(i[:1] == text[0] for i in h.initials)  # pinyin only for likely heads
                  and matches_spelling(text, name_spellings(h.head))):
                rank = 1 if any(s.startswith(text) for s in name_spellings(h.head)) else 3
            elif text in h.code.lower():
                rank = 4
            elif not ascii_letters and not digits and (text in h.head or text in h.address):
                rank = 1 if h.head.startswith(text) else 3
            if rank is not None:
                ranked.append((rank, h))
        ranked.sort(key=lambda pair: (pair[0], len(pair[1].code), pair[1].code))
        return [dataclasses.replace(h) for _, h in ranked[:limit]]

    def history_years(self) -> list[int]:
        """Years with any record, newest first."""
        years = set()
        for kind in ("visits", "ledger", "requests"):
            years.update(self.records.years(kind))
        return sorted(years, reverse=True)

    def household_history(self, household_id: int, years: list[int] | None = None) -> HouseholdHistory:
        """A household's visits, pairings, ledger items and requests, newest first.

        Args:
            household_id: The household.
            years: Which years to read; None reads the current year only (older
                years are read one by one with :meth:`extend_history`).
        """
        history = HouseholdHistory(self.household(household_id))
        history.pairings = sorted((p for p in self.records.all("pairings") if p.household_id == household_id),
                                  key=lambda p: p.start, reverse=True)
        for year in years if years is not None else [self._ctx.today.year]:
            self.extend_history(history, year)
        return history

    def extend_history(self, history: HouseholdHistory, year: int) -> None:
        """Add one year of records to a household's history."""
        hid = history.household.id

        def mine(doc: dict) -> bool:
            return doc.get("household_id") == hid

        history.visits.extend(self.records.scan("visits", year, mine))
        history.ledger.extend(self.records.scan("ledger", year, mine))
        history.requests.extend(self.records.scan("requests", year, mine))
        history.years.append(year)
        for items in (history.visits, history.ledger, history.requests):
            items.sort(key=lambda r: r.day, reverse=True)
