"""Pairing rules: mentoring 3–5 households (R11, clause 二、6) and pairing with a
needy household visited every month (R12, clause 二、7), and the year matrix.

Pure functions from records to findings; no storage, no screens. Every fact
is read as it was in force then: a 帮扶 pairing counts only on days its
household had a hardship category, and a household that moved out ends its
pairings that day (see RULES.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from village_tui.domain.dates import month_bounds
from village_tui.domain import findings as F
from village_tui.domain.findings import Finding
from village_tui.domain.models import Cadre, Household, Pairing, Visit
from village_tui.domain.rules_visits import visit_counts

JUDGED_DAYS = 15  # R12: a month with fewer days in force is noted, not judged

MENTOR_MIN = 3
MENTOR_MAX = 5

VISITED = "已走访"
DUE = "待走访"
MISSED = "未走访"
INACTIVE = "不在期内"
NOT_YET = "未到"
CELL_STATES = (VISITED, DUE, MISSED, INACTIVE, NOT_YET)

VisitIndex = dict[tuple[int, int, int], list[date]]


def check_day(year: int, today: date) -> date:
    """The day a year is judged on: today while the year runs, else its last day."""
    return today if today.year == year else date(year, 12, 31)


def index_visits(visits: Iterable[Visit], households: dict[int, Household]) -> VisitIndex:
    """Days of the visits that count, keyed by ``(cadre_id, household_id, month)``."""
    found: VisitIndex = {}
    for visit in visits:
        if visit_counts(visit, households.get(visit.household_id)):
            found.setdefault((visit.cadre_id, visit.household_id, visit.day.month), []).append(visit.day)
    return found


def present_on(household: Household | None, day: date) -> bool:
    """Whether a paired household still lives in the village on ``day`` (moving out ends a pairing)."""
    return household is None or household.left_on is None or day < household.left_on


def pairing_days(pairing: Pairing, cadre: Cadre | None, household: Household | None, first: date, last: date) -> int:
    """Days from ``first`` to ``last`` a pairing is in force.

    In force: not cancelled, between its start and end, the cadre in office,
    the household not moved out, and for 帮扶 the household had a hardship
    category that day.
    """
    if pairing.cancelled:
        return 0
    low = max(first, pairing.start)
    high = min(last, pairing.end or last)
    count = 0
    day = low
    while day <= high:
        if (cadre is None or cadre.active_on(day)) and present_on(household, day) \
                and (pairing.kind != "帮扶" or household is None or household.needs_on(day)):
            count += 1
        day += timedelta(days=1)
    return count


def active_in_month(pairing: Pairing, cadre: Cadre | None, year: int, month: int,
                    household: Household | None = None) -> bool:
    """Whether the pairing is in force on at least one day of the month (see :func:`pairing_days`)."""
    first, last = month_bounds(year, month)
    return pairing_days(pairing, cadre, household, first, last) > 0


def month_state(pairing: Pairing, cadre: Cadre | None, year: int, month: int, visited: bool, today: date,
                household: Household | None = None) -> str:
    """The state of one matrix cell.

    A month the pairing touches on any day needs a visit; a month that has not
    begun is not yet due, and until the month has ended an unvisited month is
    due, not missed.
    """
    if not active_in_month(pairing, cadre, year, month, household):
        return INACTIVE
    first, last = month_bounds(year, month)
    if first > today:
        return NOT_YET
    if visited:
        return VISITED
    return DUE if last >= today else MISSED


@dataclass
class MatrixRow:
    """One pairing's year: a state per month.

    Attributes:
        cells: Twelve states from ``CELL_STATES``, January first; months after
            today's are ``NOT_YET`` and count as neither due nor missed.
        visit_days: Days of the counted visits, by month.
    """

    pairing: Pairing
    cadre: str
    household_code: str
    household_head: str
    cells: list[str]
    visit_days: dict[int, list[date]] = field(default_factory=dict)

    def count(self, state: str) -> int:
        """How many months are in ``state``."""
        return self.cells.count(state)


@dataclass
class CadreTotals:
    """A cadre's pairings and cell counts over the year."""

    cadre_id: int
    cadre: str
    pairings: int = 0
    visited: int = 0
    due: int = 0
    missed: int = 0


@dataclass
class PairingMatrix:
    """The year matrix the township asks for: rows per pairing, totals per cadre."""

    year: int
    rows: list[MatrixRow]
    totals: list[CadreTotals]


def pairing_matrix(pairings: Iterable[Pairing], visits: Iterable[Visit], cadres: dict[int, Cadre],
                   households: dict[int, Household], year: int, today: date) -> PairingMatrix:
    """Build the year matrix.

    Args:
        pairings: Pairings (cancelled and out-of-year ones are left out).
        visits: The year's visits.
        cadres: Cadres by id.
        households: Households by id.
        year: The calendar year.
        today: Today, to tell months not yet begun, due and missed apart.
    """
    index = index_visits((v for v in visits if v.day.year == year), households)
    rows: list[MatrixRow] = []
    for p in pairings:
        cadre = cadres.get(p.cadre_id)
        household = households.get(p.household_id)
        cells = [month_state(p, cadre, year, m, bool(index.get((p.cadre_id, p.household_id, m))), today, household)
                 for m in range(1, 13)]
        if not any(active_in_month(p, cadre, year, m) for m in range(1, 13)):
            continue  # shown for every month it runs; months its household had no hardship category are "-"
        days = {m: sorted(index.get((p.cadre_id, p.household_id, m), [])) for m in range(1, 13)}
        rows.append(MatrixRow(
            pairing=p, cadre=cadre.name if cadre else f"#{p.cadre_id}",
            household_code=household.code if household else f"#{p.household_id}",
            household_head=household.head if household else "",
            cells=cells, visit_days={m: d for m, d in days.items() if d}))
    rows.sort(key=lambda r: (r.cadre, r.pairing.kind, len(r.household_code), r.household_code))
    totals: dict[int, CadreTotals] = {}
    for row in rows:
        t = totals.setdefault(row.pairing.cadre_id, CadreTotals(row.pairing.cadre_id, row.cadre))
        t.pairings += 1
        t.visited += row.count(VISITED)
        t.due += row.count(DUE)
        t.missed += row.count(MISSED)
    return PairingMatrix(year, rows, list(totals.values()))


def check_mentoring(cadres: Iterable[Cadre], pairings: list[Pairing], day: date,
                    households: dict[int, Household] | None = None) -> list[Finding]:
    """R11 over the year of ``day``: at each month's end in office, 3 to 5 帮带 households still in residence.

    Args:
        cadres: The cadres.
        pairings: The pairings.
        day: The day the year is judged on: today while it runs, else 31 December.
        households: Households by id, to end a pairing when its household moved out.

    Returns:
        One finding per cadre able to mentor at some judged month's end (or on
        ``day``): ``missed`` naming the months outside 3–5, else ``open`` while
        the year runs, else ``met``. ``required`` is the minimum, ``required_max``
        the maximum, ``actual`` the count at the last month's end judged.
    """
    homes = households or {}
    findings = []
    for cadre in cadres:
        counts: list[tuple[int, int]] = []
        for month in range(1, 13):
            end = month_bounds(day.year, month)[1]
            if end > day:
                break
            if cadre.active_on(end) and cadre.can_mentor_on(end) and not cadre.gone:
                counts.append((month, _mentored(cadre, pairings, homes, end)))
        running = day < date(day.year, 12, 31)
        now_mentor = running and cadre.active_on(day) and cadre.can_mentor_on(day) and not cadre.gone
        if not counts and not now_mentor:
            continue
        outside = [(m, n) for m, n in counts if not MENTOR_MIN <= n <= MENTOR_MAX]
        actual = counts[-1][1] if counts else _mentored(cadre, pairings, homes, day)
        if outside:
            status = F.MISSED
            listed = "、".join(f"{m}月{n}户（{'少于3户' if n < MENTOR_MIN else '超过5户'}）" for m, n in outside)
            detail = f"{len(counts)}个月末在任，帮带户数不在3-5户的月份：{listed}"
        elif counts:
            status = F.OPEN if now_mentor else F.MET
            detail = f"{len(counts)}个月末在任，每个月末都帮带3-5户（最近一个月末{actual}户），符合要求"
        else:
            status, detail = F.OPEN, f"帮带{actual}户，本年尚无已结束的月份"
        if status == F.OPEN:
            detail += "；本年尚未结束，按月末核查"
        findings.append(Finding("R11", status != F.MISSED, cadre=cadre.name, date=day, required=MENTOR_MIN,
                                actual=actual, detail=detail, status=status, cadre_id=cadre.id,
                                required_max=MENTOR_MAX))
    return findings


def _mentored(cadre: Cadre, pairings: list[Pairing], households: dict[int, Household], day: date) -> int:
    """帮带 households of a cadre on ``day``: pairings in force whose household has not moved out."""
    return sum(1 for p in pairings if p.cadre_id == cadre.id and p.kind == "帮带" and p.active_on(day)
               and present_on(households.get(p.household_id), day))


def check_needy_pairing(cadres: Iterable[Cadre], pairings: list[Pairing], visits: Iterable[Visit],
                        households: dict[int, Household], year: int, month: int, today: date) -> list[Finding]:
    """R12 for one month.

    One finding per cadre in office during the month (has a 帮扶 pairing in
    force: with a household that had a hardship category then), and one per
    such pairing (visited by that cadre, R8 applied). A month in which the
    cadre or the pairing was in force for fewer than 15 days is noted, not
    judged (``required`` 0, ``met``). While the month runs a shortfall is
    ``open``; a month not begun gives no finding.
    """
    first, last = month_bounds(year, month)
    if first > today:
        return []
    running = last >= today
    index = index_visits((v for v in visits if first <= v.day <= last), households)
    findings = []
    for cadre in cadres:
        cadre_days = cadre.days_in_office(first, last)
        if cadre_days == 0:
            continue
        mine = []
        for p in pairings:
            if p.cadre_id != cadre.id or p.kind != "帮扶":
                continue
            days = pairing_days(p, cadre, households.get(p.household_id), first, last)
            if days:
                mine.append((p, days))
        short = cadre_days < JUDGED_DAYS
        if short:
            status, detail = F.MET, f"本月在任{cadre_days}天，不足{JUDGED_DAYS}天，只记录不考核"
        elif mine:
            status, detail = F.MET, f"本月结对帮扶{len(mine)}户"
        else:
            status = F.OPEN if running else F.MISSED
            detail = "本月没有结对帮扶的困难户" + ("（本月尚未结束）" if running else "")
        findings.append(Finding(
            "R12", status != F.MISSED, cadre=cadre.name, date=first, required=0 if short else 1, actual=len(mine),
            detail=detail, status=status, cadre_id=cadre.id))
        for p, days in mine:
            household = households.get(p.household_id)
            code = household.code if household else f"#{p.household_id}"
            visited = index.get((cadre.key, p.household_id, month), [])
            noted = short or days < JUDGED_DAYS
            if visited:
                status, detail = F.MET, f"本月已走访{len(visited)}次"
            elif noted:
                status, detail = F.MET, f"本月结对{days}天，不足{JUDGED_DAYS}天，只记录不考核"
            elif running:
                status, detail = F.OPEN, "待走访：本月尚未结束，月底前走访即可"
            else:
                status, detail = F.MISSED, "未走访：本月没有走访结对户"
            findings.append(Finding("R12", status != F.MISSED, cadre=cadre.name, household=code, date=first,
                                    required=0 if noted else 1, actual=len(visited), detail=detail, status=status,
                                    cadre_id=cadre.id, household_id=p.household_id))
    return findings
