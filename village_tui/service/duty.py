"""The duty roster part of the service: planning, special periods, swaps, sign-ins and R1–R3."""

from __future__ import annotations

import re
from datetime import date, timedelta

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.domain.findings import Finding
from village_tui.domain.models import DUTY_MODES, Cadre, CancelledLeave, DutyDay, Leave, SignIn, SpecialPeriod, Swap
from village_tui.domain.normalize import clean_text
from village_tui.domain.office import duty_in_office, office_refusal
from village_tui.domain.record_validation import validate_reason
from village_tui.domain.rules_duty import (available, in_office, plan_roster, r1_findings, r2_findings, r3_findings,
                                          rotation_order)
from village_tui.domain.rules_duty import duty_counts as count_duty
from village_tui.domain.validation import validate_date_range, validate_int, validate_text
from village_tui.service.core import Area, one_transaction

_TIME_RE = re.compile(r"^(\d{1,2})[:：.](\d{2})$|^(\d{2})(\d{2})$")
SIT_PER_DAY = 2  # cadres a day under 坐班 when the planner is not told otherwise


def clean_time(text: str) -> str:
    """Normalise a time of day typed as ``9:05``, ``09：05`` or ``0905`` to ``09:05``.

    Raises:
        ValidationError: Not a time of day.
    """
    value = clean_text(text or "").replace(" ", "")
    match = _TIME_RE.match(value)
    if match:
        hour, minute = (int(g) for g in (match.groups()[:2] if match.group(1) else match.groups()[2:]))
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise ValidationError("time", f"时间应写成 08:30，现在是「{value}」")


class DutyService(Area):
    """Duty days, the roster, special periods and sign-ins (R1–R4)."""

    # -- reading ------------------------------------------------------------

    def duty_day(self, day: date) -> DutyDay | None:
        """The duty record of ``day``, or None when nothing is planned or recorded."""
        for record in self.records.peek("duty", day.year):
            if record.day == day:
                return self._ctx.copy(record)
        return None

    def duty_days(self, first: date, last: date) -> dict[date, DutyDay]:
        """Duty records from ``first`` to ``last`` (inclusive), by day (copies, free to edit)."""
        return {day: self._ctx.copy(record) for day, record in self._stored_days(first, last).items()}

    def _stored_days(self, first: date, last: date) -> dict[date, DutyDay]:
        """The stored (shared, never to be changed) duty records from ``first`` to ``last``, by day.

        For the rules, which only read them: judging a month copies nothing, and builds only the
        month's records (found by the day index) unless the year is in memory already.
        """
        found = {}
        for year in range(first.year, last.year + 1):
            for record in self.records.peek_between("duty", max(first, date(year, 1, 1)), min(last, date(year, 12, 31))):
                found[record.day] = record
        return found

    def duty_month(self, year: int, month: int) -> dict[date, DutyDay]:
        """Duty records of one month, by day."""
        return self.duty_days(*dates.month_bounds(year, month))

    def special_periods(self, include_cancelled: bool = False) -> list[SpecialPeriod]:
        """Special periods, the latest first."""
        found = [self._ctx.copy(p) for p in self.records.peek("special_periods")
                 if include_cancelled or not p.cancelled]
        return sorted(found, key=lambda p: (p.start, p.id or 0), reverse=True)

    def duty_findings(self, year: int, month: int) -> list[Finding]:
        """R1 per day, R2 per (day, cadre) on special-period days, R3 per main cadre, for one month.

        Days before the village's obligations start (:meth:`obligations_start`) are not judged; R3 is
        then counted over the days from the start.
        """
        start = self._ctx.obligations_start()
        days = [day for day in dates.month_days(year, month) if day >= start]
        cadres = list(self.records.peek("cadres"))
        # only sign-ins in office count; the rules read the stored days and never change them (the
        # month's only: a cold check builds 31 days, not the year's)
        duty = duty_in_office({d.day: d for d in self.records.peek_between("duty", *dates.month_bounds(year, month))},
                              cadres)
        periods = list(self.records.peek("special_periods"))
        return [*r1_findings(days, duty, cadres, self._ctx.today),
                *r2_findings(days, duty, cadres, periods, self._ctx.today),
                *r3_findings(days, duty, cadres, self._ctx.today)]

    def duty_counts(self, year: int, month: int) -> dict[int, tuple[int, int]]:
        """Per cadre in office that month: (days on duty, days in office)."""
        days = dates.month_days(year, month)
        cadres = list(self.records.peek("cadres"))
        counts = count_duty(days, duty_in_office(self.duty_month(year, month), cadres), cadres, self._ctx.today)
        return {cid: pair for cid, pair in counts.items() if pair[1]}

    # -- planning -----------------------------------------------------------

    def save_duty_day(self, record: DutyDay, reason: str = "") -> DutyDay:
        """Save a day's roster and sign-ins."""
        return self._ctx.update(record, reason) if record.id is not None else self._ctx.insert(record, reason)

    def _available_cadre(self, cadre_id: int, day: date) -> Cadre:
        cadre = self.records.get("cadres", cadre_id)
        if not in_office(cadre, day):
            raise ValidationError("cadre", office_refusal(cadre, day, "值班") or "")
        if cadre.on_leave(day):
            raise ValidationError("cadre", f"{cadre.name}在{dates.format_cn(day)}请假")
        return cadre

    def set_on_duty(self, day: date, cadre_id: int, on: bool, reason: str = "") -> DutyDay:
        """Put a cadre on (``on=True``) or off the roster of ``day``.

        Raises:
            ValidationError: Putting on a cadre out of office or on leave that day.
        """
        record = self.duty_day(day) or DutyDay(day=day)
        if on and cadre_id not in record.rostered:
            self._available_cadre(cadre_id, day)
            record.rostered = [*record.rostered, cadre_id]
        elif not on:
            record.rostered = [i for i in record.rostered if i != cadre_id]
        return self.save_duty_day(record, reason)

    def set_roster(self, day: date, cadre_ids: list[int], reason: str = "") -> DutyDay:
        """Make exactly ``cadre_ids`` the roster of ``day`` (kept in the order given).

        Raises:
            ValidationError: A newly added cadre is out of office or on leave that day.
        """
        record = self.duty_day(day) or DutyDay(day=day)
        for cadre_id in cadre_ids:
            if cadre_id not in record.rostered:
                self._available_cadre(cadre_id, day)
        record.rostered = list(dict.fromkeys(cadre_ids))
        return self.save_duty_day(record, reason)

    @one_transaction
    def fill_month(self, year: int, month: int, per_day: int | None = None, replace: bool = False) -> list[DutyDay]:
        """Plan a month automatically from today on, following the village's 坐班/轮班 setting.

        Past days are history and stay as they are. Days already planned are
        kept unless ``replace``.

        Args:
            year: The year.
            month: The month.
            per_day: Cadres a day under 坐班 (default 2); 轮班 is always one a day.
            replace: Re-plan coming days that already have a roster.

        Returns:
            The days saved.
        """
        self._ctx.require_writable()
        existing = self.duty_month(year, month)
        days = [d for d in dates.month_days(year, month) if d >= self._ctx.today
                and (replace or d not in existing or not existing[d].rostered)]
        if not days:
            return []
        plan = plan_roster(days, self.records.peek("cadres"), self.records.peek("special_periods"),
                           self._ctx.settings().duty_mode, per_day or SIT_PER_DAY, self._last_on_duty(days[0]))
        new, changed = [], []
        for day in days:
            record = existing.get(day)
            if record is None:
                new.append(DutyDay(day=day, rostered=plan[day]))
            elif record.rostered != plan[day]:
                record.rostered = plan[day]
                changed.append(record)
        if new:
            self.records.bulk_insert(new, self._ctx.operator_name, f"自动排班 {year}年{month}月")
        saved = [*new, *(self.save_duty_day(r, "自动排班") for r in changed)]
        return sorted(saved, key=lambda r: r.day)

    def _last_on_duty(self, before: date) -> int | None:
        """The cadre last picked by the rotation on the nearest planned day within 31 days before ``before``."""
        recent = self.duty_days(before - timedelta(days=31), before - timedelta(days=1))
        for day in sorted(recent, reverse=True):
            if recent[day].rostered:
                return recent[day].rostered[-1]
        return None

    @one_transaction
    def roster_everyone(self, first: date, last: date) -> list[DutyDay]:
        """Put every available cadre on each coming day from ``first`` to ``last`` (for a special period)."""
        cadres = sorted((c for c in self.records.peek("cadres")), key=lambda c: (not c.is_main, c.id))
        existing = self.duty_days(first, last)
        saved = []
        day = max(first, self._ctx.today)
        while day <= last:
            record = existing.get(day) or DutyDay(day=day)
            wanted = [c.id for c in cadres if available(c, day) and c.id not in record.rostered]
            if wanted:
                record.rostered = [*record.rostered, *wanted]
                saved.append(self.save_duty_day(record, "特殊时期全员在岗"))
            day += timedelta(days=1)
        return saved

    def swap_duty(self, day: date, from_id: int, to_id: int, reason: str) -> DutyDay:
        """Hand ``from_id``'s turn on ``day`` to ``to_id``; the reason is kept on the day and in the audit log.

        Raises:
            ValidationError: No reason, the first cadre is not rostered, or the second cannot take the day.
        """
        reason = validate_reason(reason, "换班原因")
        record = self.duty_day(day)
        if record is None or from_id not in record.rostered:
            raise ValidationError("from", f"{self.records.get('cadres', from_id).name}当天没有排班")
        if to_id in record.rostered:
            raise ValidationError("to", f"{self.records.get('cadres', to_id).name}当天已经排班")
        self._available_cadre(to_id, day)
        record.rostered = [to_id if i == from_id else i for i in record.rostered]
        record.swaps = [*record.swaps, Swap(from_id=from_id, to_id=to_id, reason=reason)]
        return self._ctx.update(record, reason, "换班")

    # -- special periods ----------------------------------------------------

    @one_transaction
    def add_special_period(self, start: date, end: date, reason: str, roster: bool = True) -> SpecialPeriod:
        """Add a special period (防火, 防汛, ...); with ``roster`` every available cadre is put on its coming days."""
        validate_date_range(start, end, "end")
        if (end - start).days > 366:
            raise ValidationError("end", "特殊时期不能超过一年")
        period = self._ctx.insert(SpecialPeriod(start=start, end=end, reason=validate_reason(reason, "特殊时期事由")))
        if roster:
            self.roster_everyone(start, end)
        return period

    def cancel_special_period(self, period_id: int, reason: str) -> SpecialPeriod:
        """Cancel a special period entered by mistake (never deleted; the reason is audited)."""
        period = self.records.get("special_periods", period_id)
        period.cancelled = True
        return self._ctx.update(period, validate_reason(reason, "作废原因"), "作废")

    def restore_special_period(self, period_id: int, reason: str) -> SpecialPeriod:
        """Undo the voiding of a special period, as an audited 更正 with a reason.

        Raises:
            ValidationError: No reason, or the period is not void.
        """
        period = self.records.get("special_periods", period_id)
        if not period.cancelled:
            raise ValidationError("reason", "这个特殊时期没有作废，不需要恢复")
        period.cancelled = False
        return self._ctx.update(period, validate_reason(reason, "更正原因"), "更正")

    # -- sign-in ------------------------------------------------------------

    def duty_sign_in(self, cadre_id: int, day: date, time: str = "", visitors: int | str = 0,
                     note: str = "") -> DutyDay:
        """Record that a cadre sat at the village office on ``day``.

        Signing in twice updates the time and the visitors received.

        Args:
            cadre_id: The cadre who sat.
            day: The day (not after today).
            time: Time of day ``08:30``; empty means now.
            visitors: Visitors received (接待人次).
            note: What came up.

        Raises:
            ValidationError: A future day, a cadre out of office, a bad time or count.
        """
        if day > self._ctx.today:
            raise ValidationError("day", "不能为以后的日子签到")
        cadre = self.records.get("cadres", cadre_id)
        if not in_office(cadre, day):
            raise ValidationError("cadre", office_refusal(cadre, day, "值班签到") or "")
        signin = SignIn(cadre_id=cadre_id, time=clean_time(time) if time.strip() else self._ctx.now_time(),
                        visitors=validate_int(visitors or 0, "visitors", "接待人次", 0, 999),
                        note=validate_text(note, "note", "备注", 200))
        record = self.duty_day(day) or DutyDay(day=day)
        record.signins = [*(s for s in record.signins if s.cadre_id != cadre_id), signin]
        return self.save_duty_day(record)

    def cancel_sign_in(self, day: date, cadre_id: int, reason: str) -> DutyDay:
        """Remove a sign-in recorded by mistake; the reason goes to the audit log."""
        reason = validate_reason(reason, "撤销原因")
        record = self.duty_day(day)
        if record is None or cadre_id not in record.signed_in():
            raise ValidationError("cadre", "当天没有这名干部的签到")
        record.signins = [s for s in record.signins if s.cadre_id != cadre_id]
        return self._ctx.update(record, reason, "撤销签到")

    # -- leave and the mode -------------------------------------------------

    def add_leave(self, cadre_id: int, start: date, end: date, reason: str = "") -> Cadre:
        """Record a period a cadre is away; the planner skips those days.

        Raises:
            ValidationError: The end is before the start, or it overlaps another leave.
        """
        validate_date_range(start, end, "end")
        cadre = self.records.get("cadres", cadre_id)
        for leave in cadre.leaves:
            if leave.start <= end and start <= leave.end:
                raise ValidationError("start", f"与已有请假重叠（{dates.format_cn(leave.start)}起）")
        cadre.leaves = sorted([*cadre.leaves, Leave(start, end, validate_text(reason, "reason", "请假事由", 60))],
                              key=lambda leave: leave.start)
        return self._ctx.update(cadre, reason, "请假")

    def rostered_days(self, cadre_id: int, start: date, end: date) -> list[date]:
        """Coming days from ``start`` to ``end`` on which the cadre is rostered (past days are history)."""
        first = max(start, self._ctx.today)
        if end < first:
            return []
        return sorted(day for day, record in self.duty_days(first, end).items() if cadre_id in record.rostered)

    @one_transaction
    def reroster_leave(self, cadre_id: int, start: date, end: date) -> list[DutyDay]:
        """Take a cadre on leave off the coming days they were rostered, each turn handed to another cadre.

        The turn goes to the first cadre in rotation order who is available that day and not
        rostered yet; a day nobody can take keeps the others only (the duty screen shows it).

        Returns:
            The days changed.
        """
        self._ctx.require_writable()
        cadres = [c for c in rotation_order(self.records.peek("cadres")) if not c.archived and c.id != cadre_id]
        leaving = self.records.get("cadres", cadre_id).name
        changed = []
        for day in self.rostered_days(cadre_id, start, end):
            record = self.duty_day(day)
            if record is None:
                continue  # rostered_days gives only days with a record
            stand_in = next((c.id for c in cadres if available(c, day) and c.id not in record.rostered), None)
            if stand_in is None:
                record.rostered = [i for i in record.rostered if i != cadre_id]
            else:
                record.rostered = [stand_in if i == cadre_id else i for i in record.rostered]
            changed.append(self._ctx.update(record, f"{leaving}请假，重新排班", "请假换班"))
        return changed

    def cancel_leave(self, cadre_id: int, start: date, reason: str) -> Cadre:
        """Cancel the leave of a cadre that starts on ``start`` (entered by mistake or cut short).

        The leave counts for nothing from now on but is kept, with the day and the reason it was
        cancelled, so :meth:`restore_leave` can bring it back. The roster is left as it is (a turn
        handed on while the leave stood stays with its stand-in; the duty screen shows it).

        Raises:
            ValidationError: No reason, or the cadre has no leave starting on ``start``.
        """
        reason = validate_reason(reason, "撤销原因")
        cadre = self.records.get("cadres", cadre_id)
        leave = next((leave for leave in cadre.leaves if leave.start == start), None)
        if leave is None:
            raise ValidationError("start", f"{cadre.name}没有从{dates.format_cn(start)}开始的请假")
        cadre.leaves = [kept for kept in cadre.leaves if kept is not leave]
        cadre.cancelled_leaves = [*cadre.cancelled_leaves, CancelledLeave(
            leave.start, leave.end, leave.reason, cancelled_on=self._ctx.today, cancel_reason=reason)]
        return self._ctx.update(cadre, reason, "撤销请假")

    def restore_leave(self, cadre_id: int, start: date, end: date, reason: str) -> Cadre:
        """Bring back a leave cancelled by mistake, as an audited 更正 with a reason (one transaction).

        The leave stands again as it was entered (its dates and 事由); the caller offers to hand the
        coming rostered days on, as when the leave was first entered (:meth:`reroster_leave`).

        Raises:
            ValidationError: No reason, no cancelled leave from ``start`` to ``end``, or the restored
                leave would overlap a leave the cadre has now.
        """
        why = validate_reason(reason, "更正原因")
        cadre = self.records.get("cadres", cadre_id)
        cancelled = next((c for c in reversed(cadre.cancelled_leaves) if (c.start, c.end) == (start, end)), None)
        if cancelled is None:
            raise ValidationError("start", f"{cadre.name}没有{dates.format_cn(start)}至{dates.format_cn(end)}"
                                           "的已撤销请假")
        clash = next((leave for leave in cadre.leaves if leave.start <= end and start <= leave.end), None)
        if clash is not None:
            raise ValidationError("reason", f"不能恢复：与{cadre.name}现有的请假（{dates.format_cn(clash.start)}至"
                                            f"{dates.format_cn(clash.end)}）重叠，原请假保持已撤销")
        cadre.cancelled_leaves = [c for c in cadre.cancelled_leaves if c is not cancelled]
        cadre.leaves = sorted([*cadre.leaves, cancelled.as_leave()], key=lambda leave: leave.start)
        return self._ctx.update(cadre, why, "更正")

    def set_duty_mode(self, mode: str) -> None:
        """Choose 坐班 (someone sits every day) or 轮班 (rotation agreed with the township, R4)."""
        if mode not in DUTY_MODES:
            raise ValidationError("duty_mode", f"值班方式应为：{'、'.join(DUTY_MODES)}")
        self._ctx.require_writable()
        settings = self._ctx.settings()
        settings.duty_mode = mode
        self._ctx.save_settings(settings)
