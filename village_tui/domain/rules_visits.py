"""Household visit rules R5–R8 (clause 二、4 of the county notice).

Pure functions from cadres, households and visits to :class:`Finding` lists.
The worklist built on the same counts lives in
:mod:`village_tui.domain.visit_worklist`.

R8 is not a separate finding: it decides which visits count for R5–R7
(:func:`visit_counts`). An 入户 visit counts; a 电话 (phone) visit counts only
when the household was away (外出务工/经商) on the day of the call; a 来访 (the
resident came to the office) is recorded and shown but is not 入户走访.
Every fact is read as it was in force on the day judged (see RULES.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from village_tui.domain.dates import add_years, format_cn, month_bounds
from village_tui.domain.findings import MET, MISSED, OPEN, Finding
from village_tui.domain.models import Cadre, Household, Visit

MONTHLY_VISITS = 10  # R6: distinct households a main cadre visits in a month
YEARLY_VISITS = 2  # R7: visits per household in a cadre's groups per calendar year

__all__ = [
    "MONTHLY_VISITS",
    "YEARLY_VISITS",
    "visit_counts",
    "first_year_window",
    "monthly_required",
    "responsible_group",
    "in_office",
    "counted_households",
    "leave_days",
    "year_required",
    "first_year_findings",
    "month_findings",
    "year_findings",
]


def visit_counts(visit: Visit, household: Household | None) -> bool:
    """R6–R8: whether a visit counts as 入户走访.

    Cancelled visits never count; 入户 counts; 电话 counts only for a household
    away (外出) on the day of the call; 来访 does not count (it is not 入户).
    """
    if visit.cancelled or household is None:
        return False
    if visit.way == "电话":
        return household.away_on(visit.day)
    return visit.way == "入户"


def first_year_window(cadre: Cadre, start: date | None = None) -> tuple[date, date]:
    """R5: the first and last day of a term's first year, ``[start, start + 1 year)``.

    Args:
        cadre: The cadre.
        start: The first day of the term (default: the current term).

    A cadre who leaves office earlier (term end or archive day) is judged up
    to the last day in office.
    """
    start = start or cadre.term_start
    last = add_years(start, 1) - timedelta(days=1)
    for first_day, end in cadre.terms():
        if first_day == start and end is not None and end < last:
            last = max(start, end)
    return start, last


def monthly_required(cadre: Cadre, year: int, month: int) -> tuple[int, int, int]:
    """R6 pro rata: what a main cadre owes in a month.

    Returns:
        ``(required, active_days, month_days)``; ``active_days`` counts the days
        the cadre was in office as a main cadre (by the role then), and
        ``required`` is 10 scaled by them, rounded up (0 when none).
    """
    first, last = month_bounds(year, month)
    active = 0 if cadre.gone else sum(
        1 for n in range(last.day)
        if cadre.active_on(day := first + timedelta(days=n)) and cadre.is_main_on(day))
    return math.ceil(MONTHLY_VISITS * active / last.day), active, last.day


def year_required(cadre: Cadre, year: int) -> tuple[int, int, int]:
    """R7 pro rata: visits owed per household in a year, ``2 × days in office ÷ days in year``, rounded up.

    Returns:
        ``(required, days_in_office, days_in_year)``.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    days = (last - first).days + 1
    active = cadre.days_in_office(first, last)
    return math.ceil(YEARLY_VISITS * active / days), active, days


def leave_days(cadre: Cadre, first: date, last: date) -> str:
    """The cadre's leave between ``first`` and ``last`` in words, or an empty string."""
    parts = []
    for leave in sorted(cadre.leaves, key=lambda lv: lv.start):
        low, high = max(first, leave.start), min(last, leave.end)
        if low > high:
            continue
        span = format_cn(low) if low == high else f"{format_cn(low)}至{format_cn(high)}"
        parts.append(f"{span}{f'（{leave.reason}）' if leave.reason else ''}")
    return "、".join(parts)


def last_office_day(cadre: Cadre, first: date, last: date) -> date | None:
    """The last day from ``first`` to ``last`` the cadre was in office, or None."""
    best = None
    for start, end in cadre.terms():
        high = min(last, end or last)
        if max(first, start) <= high:
            best = high if best is None else max(best, high)
    return None if cadre.gone else best


def responsible_group(household: Household, year: int) -> str:
    """R7: the group a household counts under for a calendar year.

    Reading chosen: a household that moved group during the year counts for
    the cadre(s) of the group it belonged to for the greater part of that
    calendar year (days after today count for its current group, since it
    stays there unless it moves again); on a tie the later group wins. So a
    household moving from 1组 to 2组 on 1 September counts for 1组's cadre that
    year and for 2组's cadre from the next year on, and the result does not
    flip back and forth while the year runs. Every visit the responsible cadre
    paid to the household in the year counts, whichever group it was in on
    the day of the visit.
    """
    if not household.group_history:
        return household.group
    first, last = date(year, 1, 1), date(year, 12, 31)
    days: dict[str, int] = {}
    start = first
    for move in sorted(household.group_history, key=lambda m: m.until):
        if move.until <= start:
            continue
        end = min(move.until - timedelta(days=1), last)
        days[move.group] = days.get(move.group, 0) + (end - start).days + 1
        start = move.until
        if start > last:
            break
    if start <= last:
        days[household.group] = days.get(household.group, 0) + (last - start).days + 1
    best, best_days = household.group, -1
    for group, count in days.items():  # chronological order: ties go to the later group
        if count >= best_days:
            best, best_days = group, count
    return best


def _counting(visits: Iterable[Visit], households: Mapping[int, Household], cadre_id: int,
              first: date, last: date) -> Iterable[Visit]:
    for visit in visits:
        if visit.cadre_id == cadre_id and first <= visit.day <= last \
                and visit_counts(visit, households.get(visit.household_id)):
            yield visit


def counted_households(households: Mapping[int, Household], registered_by: date, present_on: date) -> list[Household]:
    """Households owed visits: registered by ``registered_by`` and not moved out by ``present_on``.

    Households are given in 户编号 order. A household registered later does not
    count; one that moved out (or was archived) on or before ``present_on`` is excused.
    """
    found = [h for h in households.values()
             if (h.registered_on is None or h.registered_on <= registered_by) and h.resident_on(present_on)]
    return sorted(found, key=lambda h: (len(h.code), h.code))


def first_year_findings(cadre: Cadre, households: Mapping[int, Household], visits: Iterable[Visit],
                        on_day: date, start: date | None = None) -> list[Finding]:
    """R5: one finding per (main cadre, household) for the first year of a term.

    Args:
        cadre: A cadre who was a main cadre when the term began (others get none).
        households: Households by id.
        visits: Visits covering the window (other visits are ignored).
        on_day: The day of the check (today); while the window runs it is open.
        start: The term's first day (default: the current term).

    Returns:
        ``met`` when the cadre visited the household in the window, ``open``
        while the window runs, else ``missed``. Households registered after the
        window ended do not count; those that moved out before it ended are
        excused (see :func:`counted_households`). The date is the window's last day.
    """
    first, last = first_year_window(cadre, start)
    if not cadre.is_main_on(first) or cadre.gone:
        return []
    judged = min(on_day, last)
    visited = {v.household_id for v in _counting(visits, households, cadre.key, first, judged)}
    days_left = (last - on_day).days + 1 if on_day <= last else 0
    findings = []
    for household in counted_households(households, last, max(first, judged)):
        done = household.id in visited
        if done:
            status, detail = MET, f"任期第一年（{format_cn(first)}至{format_cn(last)}）已走访"
        elif on_day < first:
            status, detail = OPEN, f"任期自{format_cn(first)}开始，尚未到走访期"
        elif days_left:
            status, detail = OPEN, f"尚未走访，任期第一年还剩{days_left}天（至{format_cn(last)}）"
        else:
            status, detail = MISSED, f"任期第一年（{format_cn(first)}至{format_cn(last)}）未走访"
        findings.append(Finding("R5", done, cadre=cadre.name, household=household.code, date=last, required=1,
                                actual=int(done), detail=detail, status=status, cadre_id=cadre.id,
                                household_id=household.id))
    return findings


def month_findings(cadres: Iterable[Cadre], households: Mapping[int, Household], visits: Iterable[Visit],
                   year: int, month: int, today: date | None = None) -> list[Finding]:
    """R6: one finding per cadre who was a main cadre in office during the month.

    Counts distinct households each main cadre visited in the month (R8
    applied, 来访 left out) against 10, pro rata for the days in office as a
    main cadre, rounded up. Leave does not lower the target; the detail names
    the leave days. Short of the target while the month runs is ``open``.
    """
    first, last = month_bounds(year, month)
    running = today is not None and today <= last
    month_visits = [v for v in visits if first <= v.day <= last]
    findings = []
    for cadre in cadres:
        required, active, days = monthly_required(cadre, year, month)
        if active == 0:
            continue
        actual = len({v.household_id for v in _counting(month_visits, households, cadre.key, first, last)})
        detail = f"{year}年{month}月走访{actual}户，应不少于{required}户"
        if active < days:
            detail += f"（本月任村主干{active}天，按{active}/{days}折算）"
        leave = leave_days(cadre, first, last)
        if leave:
            detail += f"；请假：{leave}，不减少走访要求"
        status = MET if actual >= required else (OPEN if running else MISSED)
        if status == OPEN:
            detail += f"；本月尚未结束，还差{required - actual}户"
        findings.append(Finding("R6", actual >= required, cadre=cadre.name, required=required, actual=actual,
                                detail=detail, status=status, cadre_id=cadre.id))
    return findings


def year_findings(cadres: Iterable[Cadre], households: Mapping[int, Household], visits: Iterable[Visit],
                  year: int, today: date | None = None) -> list[Finding]:
    """R7: one finding per (other cadre, household in that cadre's groups) for a calendar year.

    The cadre is judged on the last day in office in the year (today while
    it runs): the role and groups then decide, main cadres being judged by R5
    and R6 instead. Which households are in a group follows
    :func:`responsible_group`; households registered after that day do not
    count and those that moved out by then are excused. The target is pro
    rata: ``2 × days in office ÷ days in the year``, rounded up.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    visits = [v for v in visits if first <= v.day <= last]
    findings = []
    groups_by_day: dict[date, dict[str, list[Household]]] = {}
    for cadre in cadres:
        end = last_office_day(cadre, first, last)
        if end is None:
            continue
        judged = min(end, today) if today is not None and today >= first else end
        if cadre.is_main_on(judged) or not cadre.groups_on(judged):
            continue
        required, active, days = year_required(cadre, year)
        running = today is not None and today <= end
        counts: dict[int, int] = {}
        for visit in _counting(visits, households, cadre.key, first, last):
            counts[visit.household_id] = counts.get(visit.household_id, 0) + 1
        by_group = groups_by_day.get(judged)
        if by_group is None:  # the same for every cadre judged on the same day
            by_group = groups_by_day[judged] = {}
            for household in counted_households(households, judged, judged):
                by_group.setdefault(responsible_group(household, year), []).append(household)
        for group in cadre.groups_on(judged):
            for household in by_group.get(group, []):
                actual = counts.get(household.key, 0)
                detail = f"{year}年走访{actual}次，应不少于{required}次（{group}）"
                if active < days:
                    detail += f"；本年任职{active}天，按2×{active}/{days}折算并向上取整"
                if any(first < move.until <= last for move in household.group_history):
                    detail += f"；本年换过组，按所在时间较长的{group}计"
                status = MET if actual >= required else (OPEN if running else MISSED)
                findings.append(Finding("R7", actual >= required, cadre=cadre.name, household=household.code,
                                        required=required, actual=actual, detail=detail, status=status,
                                        cadre_id=cadre.id, household_id=household.id))
    return findings


def in_office(cadre: Cadre, first: date, last: date) -> bool:
    """Whether a cadre was in office on some day from ``first`` to ``last``.

    An archived cadre without an archive day or a last day in office is taken as gone.
    """
    return last_office_day(cadre, first, last) is not None
