"""Visit rules R5–R8 and the worklist, without a screen or a store."""

from __future__ import annotations

import dataclasses
from datetime import date

from village_tui.domain.models import Cadre, GroupMove, Household, Visit
from village_tui.domain.rules_visits import (
    first_year_findings,
    first_year_window,
    month_findings,
    monthly_required,
    responsible_group,
    visit_counts,
    year_findings,
)
from village_tui.domain.visit_worklist import DONE, DUE, NOT_DUE, OVERDUE, build_worklist

SECRETARY = Cadre("王建国", "书记", date(2026, 3, 1), id=1)
DIRECTOR = Cadre("李秀英", "主任", date(2026, 11, 16), id=2)
MEMBER = Cadre("陈海峰", "委员", date(2024, 1, 1), groups=["1组"], id=3)
OTHER = Cadre("林春梅", "委员", date(2024, 1, 1), groups=["2组"], id=4)


def _households(n: int = 12, group: str = "1组", away: frozenset[int] = frozenset()) -> dict[int, Household]:
    return {i: Household(f"H{i:03d}", f"张{i}", group, away=i in away, id=i) for i in range(1, n + 1)}


def _visit(cadre: Cadre, hid: int, day: date, way: str = "入户", **kw) -> Visit:
    return Visit(day=day, cadre_id=cadre.id, household_id=hid, way=way, **kw)


def test_phone_counts_only_for_households_away():
    homes = _households(2, away=frozenset({2}))
    assert not visit_counts(_visit(MEMBER, 1, date(2026, 5, 1), "电话"), homes[1])
    assert visit_counts(_visit(MEMBER, 2, date(2026, 5, 1), "电话"), homes[2])
    assert not visit_counts(_visit(MEMBER, 1, date(2026, 5, 1), "来访"), homes[1]), "来访 is not 入户走访"
    assert not visit_counts(_visit(MEMBER, 1, date(2026, 5, 1), cancelled=True), homes[1])


def test_r5_first_year_lists_households_left_and_days_left():
    homes = _households(3)
    visits = [_visit(SECRETARY, 1, date(2026, 3, 5)), _visit(SECRETARY, 2, date(2026, 4, 1), "电话"),
              _visit(SECRETARY, 3, date(2025, 12, 1))]  # before the term: does not count
    findings = first_year_findings(SECRETARY, homes, visits, date(2026, 11, 27))
    assert [(f.household, f.status) for f in findings] == [("H001", "met"), ("H002", "open"), ("H003", "open")]
    assert findings[1].date == date(2027, 2, 28)
    assert "还剩94天" in findings[1].detail
    assert first_year_window(SECRETARY) == (date(2026, 3, 1), date(2027, 2, 28))


def test_r5_after_the_year_ends_unvisited_is_a_failure_and_archived_are_skipped():
    homes = _households(2)
    homes[2].archived = True
    findings = first_year_findings(SECRETARY, homes, [], date(2027, 3, 1))
    assert len(findings) == 1 and not findings[0].ok and "未走访" in findings[0].detail
    assert first_year_findings(MEMBER, homes, [], date(2027, 3, 1)) == []


def test_r6_counts_distinct_households_and_ignores_phone_to_home():
    homes = _households(12, away=frozenset({12}))
    visits = [_visit(SECRETARY, i, date(2026, 10, i)) for i in range(1, 10)]
    visits.append(_visit(SECRETARY, 1, date(2026, 10, 20)))  # same household twice
    visits.append(_visit(SECRETARY, 11, date(2026, 10, 21), "电话"))  # at home: phone does not count
    [finding] = month_findings([SECRETARY, MEMBER], homes, visits, 2026, 10)
    assert (finding.cadre, finding.ok, finding.actual, finding.required) == ("王建国", False, 9, 10)
    visits.append(_visit(SECRETARY, 12, date(2026, 10, 22), "电话"))  # away: counts
    [finding] = month_findings([SECRETARY], homes, visits, 2026, 10)
    assert finding.ok and finding.actual == 10


def test_r6_pro_rata_for_a_term_starting_mid_month():
    assert monthly_required(DIRECTOR, 2026, 11) == (5, 15, 30)
    homes = _households(6)
    visits = [_visit(DIRECTOR, i, date(2026, 11, 16 + i)) for i in range(1, 6)]
    [finding] = month_findings([DIRECTOR], homes, visits, 2026, 11)
    assert finding.ok and finding.required == 5
    assert "本月任村主干15天" in finding.detail
    assert month_findings([DIRECTOR], homes, visits, 2026, 10) == []  # not in office yet


def test_r7_two_visits_a_year_per_household_in_the_cadres_groups():
    homes = _households(3)
    homes[3].group = "2组"
    visits = [_visit(MEMBER, 1, date(2026, 2, 1)), _visit(MEMBER, 1, date(2026, 8, 1)),
              _visit(MEMBER, 2, date(2026, 2, 1)), _visit(MEMBER, 2, date(2026, 8, 1), "电话"),
              _visit(MEMBER, 1, date(2025, 8, 1))]
    findings = year_findings([SECRETARY, MEMBER], homes, visits, 2026)
    assert [(f.household, f.ok, f.actual) for f in findings] == [("H001", True, 2), ("H002", False, 1)]


def test_r7_household_that_moves_group_counts_for_the_longer_group():
    moved_early = Household("H010", "赵大", "2组", group_history=[GroupMove(date(2026, 3, 1), "1组")], id=10)
    moved_late = Household("H011", "赵二", "2组", group_history=[GroupMove(date(2026, 10, 1), "1组")], id=11)
    homes = {10: moved_early, 11: moved_late}
    assert responsible_group(moved_early, 2026) == "2组"
    assert responsible_group(moved_late, 2026) == "1组"
    assert responsible_group(moved_late, 2027) == "2组"
    visits = [_visit(MEMBER, 11, date(2026, 2, 1)), _visit(MEMBER, 11, date(2026, 11, 1)),
              _visit(OTHER, 10, date(2026, 1, 10))]
    findings = {(f.cadre, f.household): f for f in year_findings([MEMBER, OTHER], homes, visits, 2026)}
    assert set(findings) == {("陈海峰", "H011"), ("林春梅", "H010")}
    assert findings[("陈海峰", "H011")].ok  # the visit after the move still counts for 1组's cadre
    assert "换过组" in findings[("林春梅", "H010")].detail


def test_worklist_r5_and_r6_for_a_main_cadre():
    homes = _households(3)
    visits = [_visit(SECRETARY, 1, date(2026, 11, 2)), _visit(SECRETARY, 2, date(2026, 4, 2))]
    work = build_worklist(SECRETARY, homes, visits, date(2026, 11, 27))
    assert [i.status for i in work.r5] == [DONE, DONE, DUE]
    assert work.r5_days_left == 94 and work.done_count("R5") == 2
    assert (work.r6.actual, work.r6.required, work.r6.status) == (1, 10, DUE)
    assert work.r7 == []
    later = build_worklist(SECRETARY, homes, visits, date(2027, 3, 2))
    assert [i.status for i in later.open_items()] == [OVERDUE]


def test_worklist_r5_leaves_out_a_household_registered_after_the_first_year():
    homes = _households(2)
    homes[2] = dataclasses.replace(homes[2], registered_on=date(2027, 3, 1))  # after 2027-02-28
    later = build_worklist(SECRETARY, homes, [], date(2027, 3, 2))
    assert [(i.household.code, i.status) for i in later.r5] == [("H001", OVERDUE)]


def test_worklist_r6_term_starting_mid_month():
    work = build_worklist(DIRECTOR, _households(3), [], date(2026, 11, 10))
    assert work.r6.status == NOT_DUE and work.r6.required == 5
    assert all(i.status == NOT_DUE for i in work.r5)


def test_worklist_r7_paced_by_half_years():
    homes = _households(3)
    visits = [_visit(MEMBER, 1, date(2026, 3, 1)), _visit(MEMBER, 2, date(2026, 3, 1)),
              _visit(MEMBER, 2, date(2026, 9, 1))]
    spring = build_worklist(MEMBER, homes, visits[:2], date(2026, 5, 1))
    assert [i.status for i in spring.r7] == [NOT_DUE, NOT_DUE, DUE]
    autumn = build_worklist(MEMBER, homes, visits, date(2026, 11, 27))
    assert [i.status for i in autumn.r7] == [DUE, DONE, OVERDUE]
    assert [i.household.code for i in autumn.open_items()] == ["H003", "H001"]
    [behind] = [i for i in autumn.r7 if i.status == OVERDUE]
    assert behind.deadline == date(2026, 6, 30), "已逾期 names the due day that passed, not 31 December"


def test_worklist_nothing_is_overdue_before_its_due_day():
    """Issue 24: 走访任务 listed 已逾期 R7 … 2026-12-31 and households registered today as 已逾期."""
    homes = _households(2)
    homes[2] = dataclasses.replace(homes[2], registered_on=date(2026, 11, 27))  # registered today
    work = build_worklist(MEMBER, homes, [], date(2026, 11, 27))
    by_code = {i.household.code: i for i in work.r7}
    assert by_code["H001"].status == OVERDUE and by_code["H001"].deadline == date(2026, 6, 30)
    assert by_code["H002"].status == DUE and by_code["H002"].deadline == date(2026, 12, 31)
    assert all(i.deadline < date(2026, 11, 27) for i in work.r7 if i.status == OVERDUE)
