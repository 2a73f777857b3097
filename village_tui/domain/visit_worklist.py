"""A cadre's visit worklist: what R5–R7 still ask of one cadre on one day.

Built on the counts of :mod:`village_tui.domain.rules_visits` (R8 applied).
Each item carries a status:

- 已完成 (done): the requirement is met.
- 待走访 (due): a visit belongs to the period that is running now.
- 未到期 (not due): the next visit belongs to a later period (or the term has
  not started).
- 已逾期 (overdue): a period ended without the visit.

R7 is paced by half-years so that the list is useful before December: the
first of the two yearly visits belongs to January–June, the second to
July–December. A household with no visit after 30 June is therefore 已逾期
(behind) and its item is due 30 June, the day that passed, although the finding
of R7 itself only looks at the whole year. A household registered after 30 June
and a cadre who took office after 30 June owe both visits in the second half:
nothing is 已逾期 before its due day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from village_tui.domain.dates import format_cn, month_bounds
from village_tui.domain.models import Cadre, Household, Visit
from village_tui.domain.rules_visits import (
    YEARLY_VISITS,
    first_year_window,
    in_office,
    monthly_required,
    responsible_group,
    visit_counts,
)

NOT_DUE, DUE, OVERDUE, DONE = "未到期", "待走访", "已逾期", "已完成"
STATUSES = (NOT_DUE, DUE, OVERDUE, DONE)
_STATUS_ORDER = {OVERDUE: 0, DUE: 1, NOT_DUE: 2, DONE: 3}


@dataclass
class WorkItem:
    """One thing on a cadre's worklist.

    Attributes:
        rule: ``"R5"``, ``"R6"`` or ``"R7"``.
        status: One of ``STATUSES``.
        household: The household to visit (None for the monthly R6 count).
        actual: Visits that count so far (distinct households for R6).
        required: What the rule asks for.
        deadline: The last day of the period the next visit belongs to.
        detail: A Chinese sentence for the screen.
        last_visit: The cadre's latest counted visit to the household up to the day of the
            worklist (None: none in the visits read, or the monthly R6 count).
    """

    rule: str
    status: str
    household: Household | None
    actual: int
    required: int
    deadline: date
    detail: str
    last_visit: date | None = None


@dataclass
class Worklist:
    """What R5–R7 ask of one cadre on one day.

    Attributes:
        cadre: The cadre.
        on_day: The day the list was made for.
        first_year: First and last day of the first term year, when R5 is shown.
        r5: One item per active household (main cadres in their first term year).
        r6: This month's count of distinct households (main cadres).
        r7: One item per household in the cadre's groups (other cadres).
    """

    cadre: Cadre
    on_day: date
    first_year: tuple[date, date] | None = None
    r5: list[WorkItem] = field(default_factory=list)
    r6: WorkItem | None = None
    r7: list[WorkItem] = field(default_factory=list)

    @property
    def r5_days_left(self) -> int:
        """Days left in the first term year, today included (0 once it ended)."""
        if self.first_year is None or self.on_day > self.first_year[1]:
            return 0
        return (self.first_year[1] - max(self.on_day, self.first_year[0])).days + 1

    def open_items(self) -> list[WorkItem]:
        """Household items not yet done, overdue first, then due, then not due."""
        items = [i for i in (*self.r5, *self.r7) if i.status != DONE]
        return sorted(items, key=lambda i: (_STATUS_ORDER[i.status], i.rule, _code_key(i.household)))

    def done_count(self, rule: str) -> int:
        """How many household items of ``rule`` are done."""
        return sum(1 for i in (self.r5 if rule == "R5" else self.r7) if i.status == DONE)


def _code_key(household: Household | None) -> tuple:
    return (len(household.code), household.code) if household else (0, "")


def _last_visits(visits: Iterable[Visit], households: Mapping[int, Household], cadre_id: int,
                 until: date) -> dict[int, date]:
    """The day of the cadre's latest counted visit to each household, up to ``until``."""
    last: dict[int, date] = {}
    for v in visits:
        if v.cadre_id == cadre_id and v.day <= until and v.day > last.get(v.household_id, date.min) \
                and visit_counts(v, households.get(v.household_id)):
            last[v.household_id] = v.day
    return last


def _count(visits: Iterable[Visit], households: Mapping[int, Household], cadre_id: int,
           first: date, last: date) -> dict[int, int]:
    counts: dict[int, int] = {}
    for v in visits:
        if v.cadre_id == cadre_id and first <= v.day <= last and visit_counts(v, households.get(v.household_id)):
            counts[v.household_id] = counts.get(v.household_id, 0) + 1
    return counts


def build_worklist(cadre: Cadre, households: Mapping[int, Household], visits: Iterable[Visit],
                   on_day: date) -> Worklist:
    """A cadre's worklist on ``on_day``.

    Args:
        cadre: The cadre.
        households: Households by id (archived ones are skipped).
        visits: Visits of ``on_day``'s year, plus those of the first term year
            when it reaches into the year before.
        on_day: Usually today.
    """
    visits = list(visits)
    active = sorted((h for h in households.values() if not h.archived), key=lambda h: (len(h.code), h.code))
    work = Worklist(cadre, on_day)
    if cadre.is_main:
        first, last = first_year_window(cadre)
        if on_day.year <= last.year:
            work.first_year = (first, last)
            work.r5 = _first_year_items(cadre, active, households, visits, on_day, first, last)
        work.r6 = _month_item(cadre, households, visits, on_day)
    elif cadre.groups and in_office(cadre, date(on_day.year, 1, 1), date(on_day.year, 12, 31)):
        work.r7 = _year_items(cadre, active, households, visits, on_day)
    return work


def _first_year_items(cadre, active, households, visits, on_day, first, last) -> list[WorkItem]:
    visited = _count(visits, households, cadre.id, first, min(last, on_day))
    latest = _last_visits(visits, households, cadre.id, on_day)
    items = []
    for h in active:
        if h.registered_on is not None and h.registered_on > last:
            continue  # registered after the first year ended: R5 never asked for it (RULES.md, R5)
        done = h.id in visited
        if done:
            status, detail = DONE, "任期第一年已走访"
        elif on_day < first:
            status, detail = NOT_DUE, f"任期自{format_cn(first)}开始"
        elif on_day <= last:
            status, detail = DUE, f"还剩{(last - on_day).days + 1}天（至{format_cn(last)}）"
        else:
            status, detail = OVERDUE, f"任期第一年已于{format_cn(last)}结束，未走访"
        items.append(WorkItem("R5", status, h, int(done), 1, last, detail, latest.get(h.id)))
    return items


def _month_item(cadre, households, visits, on_day) -> WorkItem | None:
    required, active_days, month_days = monthly_required(cadre, on_day.year, on_day.month)
    if active_days == 0 or cadre.archived and cadre.term_end is None:
        return None
    first, last = month_bounds(on_day.year, on_day.month)
    actual = len(_count(visits, households, cadre.id, first, min(last, on_day)))
    detail = f"本月已走访{actual}户，应不少于{required}户"
    if active_days < month_days:
        detail += f"（本月任职{active_days}天，按{active_days}/{month_days}折算）"
    if actual >= required:
        status = DONE
    else:
        status = NOT_DUE if on_day < cadre.term_start else DUE
        detail += f"，还差{required - actual}户，本月还剩{(last - on_day).days + 1}天"
    return WorkItem("R6", status, None, actual, required, last, detail)


def _year_items(cadre, active, households, visits, on_day) -> list[WorkItem]:
    year = on_day.year
    half, year_end = date(year, 6, 30), date(year, 12, 31)
    counts = _count(visits, households, cadre.id, date(year, 1, 1), on_day)
    latest = _last_visits(visits, households, cadre.id, on_day)
    paced = cadre.term_start <= half  # a cadre who joined after June owes both visits in the second half
    mine = set(cadre.groups)
    by_group: dict[str, list[Household]] = {}
    for h in active:
        group = responsible_group(h, year)
        if group in mine:
            by_group.setdefault(group, []).append(h)
    items = []
    for group in cadre.groups:
        for h in by_group.get(group, []):
            n = counts.get(h.key, 0)
            # Behind the pace only when the first half ended without a visit and the household was there then.
            behind = paced and n == 0 and on_day > half and (h.registered_on is None or h.registered_on <= half)
            deadline = half if paced and n == 0 and (on_day <= half or behind) else year_end
            if n >= YEARLY_VISITS:
                status = DONE
            elif on_day < cadre.term_start:
                status = NOT_DUE
            elif on_day <= half:
                status = DUE if n == 0 or not paced else NOT_DUE
            else:
                status = OVERDUE if behind else DUE  # 已逾期 only after its due day (30 June), which it names
            detail = f"本年已走访{n}次" + ("" if n >= YEARLY_VISITS else f"，还差{YEARLY_VISITS - n}次")
            items.append(WorkItem("R7", status, h, n, YEARLY_VISITS, deadline, f"{detail}（{group}）",
                                  latest.get(h.key)))
    return items
