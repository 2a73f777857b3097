"""Household visit rules R5–R8 (clause 二、4 of the county notice).

Pure functions from cadres, households and visits to :class:`Finding` lists.
The worklist built on the same counts lives in
:mod:`village_tui.domain.visit_worklist`.

R8 is not a separate finding: it decides which visits count for R5–R7
(:func:`visit_counts`). A 电话 (phone) visit counts only when the household is
marked away (外出务工/经商); 来访 (the household came to the cadre) counts like
入户. The away mark is the household's current one (no history of it is kept).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from village_tui.domain.dates import add_years, format_cn, month_bounds
from village_tui.domain.findings import Finding
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
    "first_year_findings",
    "month_findings",
    "year_findings",
]


def visit_counts(visit: Visit, household: Household | None) -> bool:
    """R8: whether a visit counts for R5–R7.

    Cancelled visits never count; 电话 counts only for a household marked away;
    入户 and 来访 always count.
    """
    if visit.cancelled or household is None:
        return False
    return visit.way != "电话" or household.away


def first_year_window(cadre: Cadre) -> tuple[date, date]:
    """R5: the first and last day of the first term year, ``[term_start, term_start + 1 year)``.

    A cadre who leaves office earlier is judged up to the last day in office.
    """
    last = add_years(cadre.term_start, 1) - timedelta(days=1)
    if cadre.term_end is not None and cadre.term_end < last:
        last = cadre.term_end
    return cadre.term_start, last


def monthly_required(cadre: Cadre, year: int, month: int) -> tuple[int, int, int]:
    """R6 pro rata: what a main cadre owes in a month.

    Returns:
        ``(required, active_days, month_days)``; ``required`` is 10 scaled by the
        share of the month the cadre was in office, rounded up (0 when not in office).
    """
    first, last = month_bounds(year, month)
    start = max(first, cadre.term_start)
    end = last if cadre.term_end is None else min(last, cadre.term_end)
    active = max(0, (end - start).days + 1)
    return math.ceil(MONTHLY_VISITS * active / last.day), active, last.day


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


def first_year_findings(cadre: Cadre, households: Mapping[int, Household], visits: Iterable[Visit],
                        on_day: date) -> list[Finding]:
    """R5: one finding per (main cadre, active household) for the first term year.

    Args:
        cadre: A main cadre (others get no findings).
        households: Households by id; archived ones are not owed a visit.
        visits: Visits covering the first term year (other visits are ignored).
        on_day: The day of the check; while the year runs the detail gives the days left.

    Returns:
        ``ok`` when the cadre visited the household in the window; the finding's
        date is the window's last day.
    """
    if not cadre.is_main:
        return []
    first, last = first_year_window(cadre)
    visited = {v.household_id for v in _counting(visits, households, cadre.id, first, last)}
    days_left = (last - on_day).days + 1 if on_day <= last else 0
    findings = []
    for household in sorted(households.values(), key=lambda h: (len(h.code), h.code)):
        if household.archived:
            continue
        if household.id in visited:
            detail = f"任期第一年（{format_cn(first)}至{format_cn(last)}）已走访"
        elif on_day < first:
            detail = f"任期自{format_cn(first)}开始，尚未到走访期"
        elif days_left:
            detail = f"尚未走访，任期第一年还剩{days_left}天（至{format_cn(last)}）"
        else:
            detail = f"任期第一年（{format_cn(first)}至{format_cn(last)}）未走访"
        findings.append(Finding("R5", household.id in visited, cadre=cadre.name, household=household.code,
                                date=last, required=1, actual=int(household.id in visited), detail=detail))
    return findings


def month_findings(cadres: Iterable[Cadre], households: Mapping[int, Household], visits: Iterable[Visit],
                   year: int, month: int) -> list[Finding]:
    """R6: one finding per main cadre in office during the month.

    Counts distinct households each main cadre visited in the month (R8 applied)
    against 10, pro rata for a cadre who joined or left during the month.
    """
    first, last = month_bounds(year, month)
    month_visits = [v for v in visits if first <= v.day <= last]
    findings = []
    for cadre in cadres:
        if not cadre.is_main or not in_office(cadre, first, last):
            continue
        required, active, days = monthly_required(cadre, year, month)
        if active == 0:
            continue
        actual = len({v.household_id for v in _counting(month_visits, households, cadre.id, first, last)})
        detail = f"{year}年{month}月走访{actual}户，应不少于{required}户"
        if active < days:
            detail += f"（本月任职{active}天，按{active}/{days}折算）"
        findings.append(Finding("R6", actual >= required, cadre=cadre.name, required=required, actual=actual,
                                detail=detail))
    return findings


def year_findings(cadres: Iterable[Cadre], households: Mapping[int, Household], visits: Iterable[Visit],
                  year: int) -> list[Finding]:
    """R7: one finding per (other cadre, household in that cadre's groups) for a calendar year.

    Main cadres are judged by R5 and R6 instead. Which households are in a
    cadre's groups follows :func:`responsible_group`.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    by_group: dict[str, list[Household]] = {}
    for household in households.values():
        if not household.archived:
            by_group.setdefault(responsible_group(household, year), []).append(household)
    visits = [v for v in visits if first <= v.day <= last]
    findings = []
    for cadre in cadres:
        if cadre.is_main or not cadre.groups or not in_office(cadre, first, last):
            continue
        counts: dict[int, int] = {}
        for visit in _counting(visits, households, cadre.id, first, last):
            counts[visit.household_id] = counts.get(visit.household_id, 0) + 1
        for group in cadre.groups:
            for household in sorted(by_group.get(group, []), key=lambda h: (len(h.code), h.code)):
                actual = counts.get(household.id, 0)
                detail = f"{year}年走访{actual}次，应不少于{YEARLY_VISITS}次（{group}）"
                if any(first < move.until <= last for move in household.group_history):
                    detail += f"；本年换过组，按所在时间较长的{group}计"
                findings.append(Finding("R7", actual >= YEARLY_VISITS, cadre=cadre.name, household=household.code,
                                        required=YEARLY_VISITS, actual=actual, detail=detail))
    return findings


def in_office(cadre: Cadre, first: date, last: date) -> bool:
    """Whether a cadre was in office on some day from ``first`` to ``last``.

    An archived cadre without a last day in office is taken as gone.
    """
    if cadre.archived and cadre.term_end is None:
        return False
    return cadre.term_start <= last and (cadre.term_end is None or cadre.term_end >= first)
