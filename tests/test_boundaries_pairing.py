"""R11 and R12 on the boundary days: month ends, move-out and archive days, the 15-day threshold, December."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.dated import DatedFlag, DatedTags
from village_tui.domain.models import Cadre, Household, Pairing, Visit
from village_tui.domain.rules_pairing import (
    DUE, INACTIVE, MISSED, NOT_YET, VISITED, active_in_month, check_day, check_mentoring, check_needy_pairing,
    index_visits, month_state, pairing_days, pairing_matrix, present_on,
)


def cadre(cid: int = 1, name: str = "陈明", **kw) -> Cadre:
    base = dict(role="委员", term_start=date(2024, 1, 1), id=cid)
    base.update(kw)
    return Cadre(name=name, **base)


def home(hid: int = 1, head: str = "王秀英", **kw) -> Household:
    base = dict(group="1组", needs=["低保户"], id=hid)
    base.update(kw)
    return Household(code=f"01{hid:03d}", head=head, **base)


def pair(hid: int = 1, cid: int = 1, kind: str = "帮扶", start=date(2026, 1, 1), end=None, pid=None) -> Pairing:
    return Pairing(cadre_id=cid, household_id=hid, kind=kind, start=start, end=end, id=pid or hid)


def visit(day: date, hid: int = 1, cid: int = 1, way: str = "入户") -> Visit:
    return Visit(day=day, cadre_id=cid, household_id=hid, way=way)


def r12(pairings, visits, month, today, cadres=None, homes=None, year=2026):
    homes = homes if homes is not None else {1: home()}
    return check_needy_pairing(cadres or [cadre()], pairings, visits, homes, year, month, today)


def of_household(findings):
    return [f for f in findings if f.household is not None]


def of_cadre(findings):
    return [f for f in findings if f.household is None]


# -- R12: the month's last day ----------------------------------------------------------

@pytest.mark.parametrize(("today", "status"), [(date(2026, 9, 29), "open"), (date(2026, 9, 30), "open"),
                                               (date(2026, 10, 1), "missed")])
def test_r12_an_unvisited_pairing_on_the_months_last_day_is_still_due(today, status):
    [finding] = of_household(r12([pair()], [], 9, today))
    assert (finding.status, finding.required, finding.date, finding.household) == (status, 1, date(2026, 9, 1), "01001")
    assert finding.detail == ("待走访：本月尚未结束，月底前走访即可" if status == "open" else "未走访：本月没有走访结对户")


@pytest.mark.parametrize(("today", "status"), [(date(2026, 9, 30), "open"), (date(2026, 10, 1), "missed")])
def test_r12_a_cadre_without_a_pairing_on_the_months_last_day(today, status):
    [finding] = r12([], [], 9, today)
    assert (finding.status, finding.required, finding.actual) == (status, 1, 0)
    assert finding.detail == "本月没有结对帮扶的困难户" + ("（本月尚未结束）" if status == "open" else "")


def test_r12_a_month_not_begun_gives_nothing():
    assert r12([pair()], [], 10, date(2026, 9, 30)) == []
    assert len(r12([pair()], [], 10, date(2026, 10, 1))) == 2


@pytest.mark.parametrize(("day", "counted"), [(date(2026, 8, 31), False), (date(2026, 9, 1), True),
                                              (date(2026, 9, 30), True), (date(2026, 10, 1), False)])
def test_r12_a_visit_counts_in_its_own_month(day, counted):
    [finding] = of_household(r12([pair()], [visit(day)], 9, date(2026, 11, 27)))
    assert (finding.status, finding.actual) == (("met", 1) if counted else ("missed", 0))
    if counted:
        assert finding.detail == "本月已走访1次"


def test_r12_only_the_paired_cadres_visits_count_and_a_walk_in_does_not():
    visits = [visit(date(2026, 9, 5), cid=2), visit(date(2026, 9, 6), way="来访"), visit(date(2026, 9, 7), hid=2)]
    [finding] = of_household(r12([pair()], visits, 9, date(2026, 11, 27), homes={1: home(), 2: home(2)}))
    assert finding.status == "missed"


# -- R12: the move-out day, the archive day, the 15-day threshold -----------------------------

@pytest.mark.parametrize(("left", "in_force"), [(date(2026, 9, 15), 14), (date(2026, 9, 16), 15), (date(2026, 9, 1), 0),
                                                (date(2026, 9, 2), 1)])
def test_r12_moving_out_ends_the_pairing_that_day(left, in_force):
    homes = {1: home(left_on=left)}
    assert pairing_days(pair(), cadre(), homes[1], date(2026, 9, 1), date(2026, 9, 30)) == in_force
    found = of_household(r12([pair()], [], 9, date(2026, 11, 27), homes=homes))
    if in_force == 0:
        assert found == []
    elif in_force < 15:
        assert [(f.status, f.required, f.detail) for f in found] == [
            ("met", 0, f"本月结对{in_force}天，不足15天，只记录不考核")]
    else:
        assert [(f.status, f.required) for f in found] == [("missed", 1)]


@pytest.mark.parametrize(("start", "judged"), [(date(2026, 9, 16), True), (date(2026, 9, 17), False)])
def test_r12_a_pairing_of_15_days_is_judged_and_of_14_only_noted(start, judged):
    [finding] = of_household(r12([pair(start=start)], [], 9, date(2026, 11, 27)))
    assert (finding.required, finding.status) == ((1, "missed") if judged else (0, "met"))


@pytest.mark.parametrize(("end", "judged"), [(date(2026, 9, 15), True), (date(2026, 9, 14), False)])
def test_r12_a_pairing_ending_on_the_15th_is_judged_and_on_the_14th_only_noted(end, judged):
    [finding] = of_household(r12([pair(end=end)], [], 9, date(2026, 11, 27)))
    assert finding.required == (1 if judged else 0)


@pytest.mark.parametrize(("archived_on", "days", "judged"), [(date(2026, 9, 16), 15, True), (date(2026, 9, 15), 14, False),
                                                             (date(2026, 9, 2), 1, False), (date(2026, 9, 1), 0, None)])
def test_r12_a_cadre_archived_in_the_month_is_judged_only_with_15_days_in_office(archived_on, days, judged):
    leaving = cadre(archived_on=archived_on)
    found = r12([pair()], [], 9, date(2026, 11, 27), cadres=[leaving])
    if judged is None:
        assert found == [], "not in office that month"
        return
    [mine] = of_cadre(found)
    assert mine.required == (1 if judged else 0)
    if not judged:
        assert mine.detail == f"本月在任{days}天，不足15天，只记录不考核" and mine.status == "met"
        assert [(f.required, f.status) for f in of_household(found)] == [(0, "met")]
    else:
        assert mine.detail == "本月结对帮扶1户" and [f.status for f in of_household(found)] == ["missed"]


def test_r12_a_needy_pairing_is_in_force_only_on_days_with_a_hardship_category():
    lifted = home(needs=[], needs_history=[DatedTags(date(2020, 1, 1), ["低保户"]), DatedTags(date(2026, 9, 16), [])])
    assert pairing_days(pair(), cadre(), lifted, date(2026, 9, 1), date(2026, 9, 30)) == 15
    assert pairing_days(pair(kind="帮带"), cadre(), lifted, date(2026, 9, 1), date(2026, 9, 30)) == 30
    assert pairing_days(pair(), None, None, date(2026, 9, 1), date(2026, 9, 30)) == 30
    cancelled = pair()
    cancelled.cancelled = True
    assert pairing_days(cancelled, cadre(), home(), date(2026, 9, 1), date(2026, 9, 30)) == 0
    assert pairing_days(pair(start=date(2026, 9, 30)), cadre(), home(), date(2026, 9, 1), date(2026, 9, 30)) == 1


def test_present_on_the_move_out_day_is_gone():
    assert present_on(None, date(2026, 9, 1)) and present_on(home(), date(2026, 9, 1))
    moving = home(left_on=date(2026, 9, 15))
    assert present_on(moving, date(2026, 9, 14)) and not present_on(moving, date(2026, 9, 15))


def test_r12_mentoring_pairings_and_other_cadres_pairings_are_not_needy_pairings():
    found = r12([pair(kind="帮带"), pair(cid=2)], [], 9, date(2026, 11, 27))
    assert [(f.household, f.status) for f in found] == [(None, "missed")]
    [other] = of_household(r12([pair(cid=2)], [], 9, date(2026, 11, 27), cadres=[cadre(), cadre(2, "刘雪")]))
    assert other.cadre == "刘雪" and other.cadre_id == 2 and other.household_id == 1


def test_r12_a_household_not_on_file_is_named_by_its_id():
    [finding] = of_household(r12([pair(hid=9)], [], 9, date(2026, 11, 27), homes={}))
    assert finding.household == "#9"


def test_r12_a_visited_month_is_met_even_when_only_noted():
    [finding] = of_household(r12([pair(start=date(2026, 9, 20))], [visit(date(2026, 9, 25))], 9, date(2026, 11, 27)))
    assert (finding.status, finding.required, finding.actual, finding.detail) == ("met", 0, 1, "本月已走访1次")


# -- the matrix -------------------------------------------------------------------------

def test_matrix_cell_on_the_months_last_day_is_due_and_missed_the_day_after():
    p = pair()
    assert month_state(p, cadre(), 2026, 9, False, date(2026, 9, 30), home()) == DUE
    assert month_state(p, cadre(), 2026, 9, False, date(2026, 10, 1), home()) == MISSED
    assert month_state(p, cadre(), 2026, 10, False, date(2026, 9, 30), home()) == NOT_YET
    assert month_state(p, cadre(), 2026, 10, False, date(2026, 10, 1), home()) == DUE
    assert month_state(p, cadre(), 2026, 9, True, date(2026, 9, 30), home()) == VISITED
    assert month_state(pair(start=date(2026, 10, 1)), cadre(), 2026, 9, False, date(2026, 11, 1), home()) == INACTIVE


def test_matrix_keeps_a_pairing_that_runs_only_in_december():
    december = pair(start=date(2026, 12, 1), pid=7)
    matrix = pairing_matrix([december], [visit(date(2026, 12, 3))], {1: cadre()}, {1: home()}, 2026, date(2027, 1, 5))
    [row] = matrix.rows
    assert row.cells == [INACTIVE] * 11 + [VISITED] and row.visit_days == {12: [date(2026, 12, 3)]}
    assert (matrix.totals[0].pairings, matrix.totals[0].visited) == (1, 1)


def test_matrix_keeps_a_pairing_that_runs_only_in_january_and_drops_one_outside_the_year():
    january = pair(start=date(2026, 1, 1), end=date(2026, 1, 31))
    later = pair(hid=2, start=date(2027, 1, 1))
    matrix = pairing_matrix([january, later], [], {1: cadre()}, {1: home(), 2: home(2)}, 2026, date(2027, 1, 5))
    assert [r.cells for r in matrix.rows] == [[MISSED] + [INACTIVE] * 11]
    assert (matrix.totals[0].missed, matrix.totals[0].due) == (1, 0)
    visited = pairing_matrix([january], [visit(date(2026, 1, 31))], {1: cadre()}, {1: home()}, 2026, date(2027, 1, 5))
    assert visited.rows[0].cells[0] == VISITED and visited.rows[0].visit_days == {1: [date(2026, 1, 31)]}


def test_matrix_counts_only_the_years_visits_and_sorts_rows():
    homes = {1: home(), 2: home(2, "李建国"), 10: home(10, "张桂兰")}
    pairs = [pair(10, pid=3), pair(2, pid=2), pair(1, cid=2, pid=1)]
    visits = [visit(date(2025, 11, 3), hid=10), visit(date(2026, 11, 3), hid=10), visit(date(2026, 11, 4), hid=10)]
    matrix = pairing_matrix(pairs, visits, {1: cadre(), 2: cadre(2, "刘雪")}, homes, 2026, date(2026, 11, 27))
    assert [(r.cadre, r.household_code) for r in matrix.rows] == [("刘雪", "01001"), ("陈明", "01002"), ("陈明", "01010")]
    chen = matrix.rows[2]
    assert chen.cells[9:] == [MISSED, VISITED, NOT_YET] and chen.visit_days == {11: [date(2026, 11, 3), date(2026, 11, 4)]}
    assert chen.count(MISSED) == 10 and chen.household_head == "张桂兰"
    totals = {t.cadre: (t.pairings, t.visited, t.due, t.missed) for t in matrix.totals}
    assert totals == {"刘雪": (1, 0, 1, 10), "陈明": (2, 1, 1, 20)}
    unknown = pairing_matrix([pair(9)], [], {}, {}, 2026, date(2026, 11, 27))
    assert (unknown.rows[0].cadre, unknown.rows[0].household_code, unknown.rows[0].household_head) == ("#1", "#9", "")


def test_index_visits_keys_counted_visits_by_cadre_household_and_month():
    index = index_visits([visit(date(2026, 9, 1)), visit(date(2026, 9, 2), way="来访"), visit(date(2026, 9, 3), hid=5)],
                         {1: home()})
    assert index == {(1, 1, 9): [date(2026, 9, 1)]}


def test_active_in_month_needs_one_day_in_force():
    assert active_in_month(pair(start=date(2026, 9, 30)), cadre(), 2026, 9, home())
    assert not active_in_month(pair(start=date(2026, 10, 1)), cadre(), 2026, 9, home())
    assert not active_in_month(pair(end=date(2026, 8, 31)), cadre(), 2026, 9, home())


# -- R11 --------------------------------------------------------------------------------

def mentor(**kw) -> Cadre:
    return cadre(can_mentor=True, **kw)


def mentees(n: int, start=date(2026, 1, 1), end=None) -> list[Pairing]:
    return [pair(h, kind="帮带", start=start, end=end, pid=h) for h in range(1, n + 1)]


@pytest.mark.parametrize(("n", "status"), [(2, "missed"), (3, "met"), (5, "met"), (6, "missed")])
def test_r11_three_to_five_at_each_months_end(n, status):
    [finding] = check_mentoring([mentor()], mentees(n), date(2026, 12, 31))
    assert (finding.status, finding.actual, finding.required, finding.required_max) == (status, n, 3, 5)
    if status == "met":
        assert finding.detail == f"12个月末在任，每个月末都帮带3-5户（最近一个月末{n}户），符合要求"
    else:
        assert finding.detail.startswith(f"12个月末在任，帮带户数不在3-5户的月份：1月{n}户（{'少于3户' if n < 3 else '超过5户'}）")


def test_r11_judged_at_each_months_end_not_the_day_after():
    ended_on_last_day = mentees(3, end=date(2026, 9, 30))
    [finding] = check_mentoring([mentor()], ended_on_last_day, date(2026, 12, 31))
    assert "10月0户（少于3户）、11月0户（少于3户）、12月0户（少于3户）" in finding.detail
    assert "9月" not in finding.detail
    started_on_last_day = mentees(3, start=date(2026, 1, 31))
    assert check_mentoring([mentor()], started_on_last_day, date(2026, 12, 31))[0].status == "met"


def test_r11_a_household_that_moved_out_on_the_months_last_day_is_not_counted_then():
    homes = {1: home(left_on=date(2026, 11, 30)), 2: home(2), 3: home(3)}
    [finding] = check_mentoring([mentor()], mentees(3), date(2026, 12, 31), homes)
    assert "11月2户（少于3户）" in finding.detail
    homes[1] = home(left_on=date(2026, 12, 1))
    [after] = check_mentoring([mentor()], mentees(3), date(2026, 11, 30), homes)
    assert after.status == "open" and after.actual == 3


@pytest.mark.parametrize(("day", "months", "status"), [(date(2026, 11, 29), 10, "open"), (date(2026, 11, 30), 11, "open"),
                                                       (date(2026, 12, 30), 11, "open"), (date(2026, 12, 31), 12, "met")])
def test_r11_months_judged_up_to_the_day_and_open_while_the_year_runs(day, months, status):
    [finding] = check_mentoring([mentor()], mentees(3), day)
    assert finding.status == status and finding.detail.startswith(f"{months}个月末在任")
    assert finding.detail.endswith("；本年尚未结束，按月末核查") == (status == "open")
    assert finding.date == day


def test_r11_in_january_before_any_months_end():
    [finding] = check_mentoring([mentor()], mentees(4), date(2026, 1, 30))
    assert (finding.status, finding.actual) == ("open", 4)
    assert finding.detail == "帮带4户，本年尚无已结束的月份；本年尚未结束，按月末核查"
    assert check_mentoring([cadre()], mentees(4), date(2026, 1, 30)) == []


def test_r11_only_months_the_cadre_could_mentor_and_was_in_office():
    later = mentor(mentor_history=[DatedFlag(date(2024, 1, 1), False), DatedFlag(date(2026, 6, 30), True)])
    [finding] = check_mentoring([later], mentees(2), date(2026, 12, 31))
    assert finding.detail.startswith("7个月末在任") and "6月2户" in finding.detail
    archived = mentor(archived_on=date(2026, 3, 31))
    [gone] = check_mentoring([archived], mentees(3), date(2026, 12, 31))
    assert gone.detail.startswith("2个月末在任") and gone.status == "met"
    on_last = mentor(archived_on=date(2026, 4, 1))
    assert check_mentoring([on_last], mentees(3), date(2026, 12, 31))[0].detail.startswith("3个月末在任")
    legacy = mentor(archived=True)
    assert check_mentoring([legacy], mentees(3), date(2026, 12, 31)) == []


def test_r11_counts_only_the_cadres_own_mentoring_pairings_in_force():
    others = [pair(1, cid=2, kind="帮带"), pair(2, kind="帮扶"), pair(3, kind="帮带", start=date(2027, 1, 1))]
    [finding] = check_mentoring([mentor()], mentees(3) + others, date(2026, 12, 31))
    assert finding.actual == 3 and finding.status == "met"


def test_check_day_is_today_while_the_year_runs():
    assert check_day(2026, date(2026, 11, 27)) == date(2026, 11, 27)
    assert check_day(2026, date(2027, 1, 1)) == date(2026, 12, 31)
