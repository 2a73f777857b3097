"""Pairing rules: mentoring 3–5 households (R11, clause 二、6) and pairing with a
needy household visited every month (R12, clause 二、7), and the year matrix.

Pure functions from records to findings; no storage, no screens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from village_tui.domain.dates import month_bounds
from village_tui.domain.findings import Finding
from village_tui.domain.models import Cadre, Household, Pairing, Visit

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


def visit_counts(visit: Visit, household: Household | None) -> bool:
    """Whether a visit counts: not cancelled, and by phone only to a household away (R8)."""
    if visit.cancelled:
        return False
    if visit.way == "电话":
        return household is not None and household.away
    return True


def index_visits(visits: Iterable[Visit], households: dict[int, Household]) -> VisitIndex:
    """Days of the visits that count, keyed by ``(cadre_id, household_id, month)``."""
    found: VisitIndex = {}
    for visit in visits:
        if visit_counts(visit, households.get(visit.household_id)):
            found.setdefault((visit.cadre_id, visit.household_id, visit.day.month), []).append(visit.day)
    return found


def active_in_month(pairing: Pairing, cadre: Cadre | None, year: int, month: int) -> bool:
    """Whether the pairing is in force on at least one day of the month while the cadre is in office."""
    if pairing.cancelled:
        return False
    first, last = month_bounds(year, month)
    start, end = pairing.start, pairing.end or last
    if cadre is not None:
        start = max(start, cadre.term_start)
        end = min(end, cadre.term_end or last)
    return max(start, first) <= min(end, last)


def month_state(pairing: Pairing, cadre: Cadre | None, year: int, month: int, visited: bool, today: date) -> str:
    """The state of one matrix cell.

    A month the pairing touches on any day needs a visit; a month that has not
    begun is not yet due, and until the month has ended an unvisited month is
    due, not missed.
    """
    if not active_in_month(pairing, cadre, year, month):
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
        if not any(active_in_month(p, cadre, year, m) for m in range(1, 13)):
            continue
        household = households.get(p.household_id)
        days = {m: sorted(index.get((p.cadre_id, p.household_id, m), [])) for m in range(1, 13)}
        cells = [month_state(p, cadre, year, m, bool(days[m]), today) for m in range(1, 13)]
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


def check_mentoring(cadres: Iterable[Cadre], pairings: list[Pairing], day: date) -> list[Finding]:
    """R11: each cadre marked able to mentor has 3 to 5 active 帮带 pairings on ``day``."""
    findings = []
    for cadre in cadres:
        if not cadre.can_mentor or cadre.archived or not cadre.active_on(day):
            continue
        n = sum(1 for p in pairings if p.cadre_id == cadre.id and p.kind == "帮带" and p.active_on(day))
        ok = MENTOR_MIN <= n <= MENTOR_MAX
        detail = f"帮带{n}户" + ("，符合3-5户的要求" if ok else ("，少于3户" if n < MENTOR_MIN else "，超过5户"))
        findings.append(Finding("R11", ok, cadre=cadre.name, date=day, required=MENTOR_MIN, actual=n,
                                detail=detail))
    return findings


def check_needy_pairing(cadres: Iterable[Cadre], pairings: list[Pairing], visits: Iterable[Visit],
                        households: dict[int, Household], year: int, month: int, today: date) -> list[Finding]:
    """R12 for one month.

    One finding per cadre in office during the month (has an active 帮扶
    pairing), and one per 帮扶 pairing active in the month (visited by that
    cadre). An unvisited month that has not ended holds for now; its detail
    says the visit is due (or not yet due, for a month not begun).
    """
    first, last = month_bounds(year, month)
    index = index_visits((v for v in visits if first <= v.day <= last), households)
    findings = []
    for cadre in cadres:
        if cadre.archived or cadre.term_start > last or (cadre.term_end is not None and cadre.term_end < first):
            continue
        mine = [p for p in pairings if p.cadre_id == cadre.id and p.kind == "帮扶"
                and active_in_month(p, cadre, year, month)]
        findings.append(Finding(
            "R12", bool(mine), cadre=cadre.name, date=first, required=1, actual=len(mine),
            detail=f"本月结对帮扶{len(mine)}户" if mine else "本月没有结对帮扶的困难户"))
        for p in mine:
            household = households.get(p.household_id)
            code = household.code if household else f"#{p.household_id}"
            days = index.get((cadre.id, p.household_id, month), [])
            state = month_state(p, cadre, year, month, bool(days), today)
            detail = {VISITED: f"本月已走访{len(days)}次",
                      DUE: "待走访：本月尚未结束，月底前走访即可",
                      NOT_YET: "未到：该月尚未开始",
                      MISSED: "未走访：本月没有走访结对户"}[state]
            findings.append(Finding("R12", state != MISSED, cadre=cadre.name, household=code, date=first,
                                    required=1, actual=len(days), detail=detail))
    return findings
