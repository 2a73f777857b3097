"""R11 (帮带 3–5 households) and R12 (结对帮扶, a visit every month) without a screen."""

from __future__ import annotations

from datetime import date

from village_tui.domain.models import Cadre, Household, Pairing, Visit
from village_tui.domain.rules_pairing import (DUE, INACTIVE, MISSED, NOT_YET, VISITED, check_day,
                                              check_mentoring, check_needy_pairing, pairing_matrix)

TODAY = date(2026, 11, 27)


def cadre(cid: int, name: str, can_mentor: bool = False, **kw) -> Cadre:
    return Cadre(name=name, role="委员", term_start=date(2024, 1, 1), can_mentor=can_mentor, id=cid, **kw)


def household(hid: int, head: str, away: bool = False) -> Household:
    return Household(code=f"01{hid:03d}", head=head, group="1组", away=away, needs=["低保户"], id=hid)


HOUSEHOLDS = {1: household(1, "王秀英"), 2: household(2, "李建国", away=True), 3: household(3, "张桂兰")}


def pair(pid: int, cid: int, hid: int, kind: str = "帮扶", start=date(2026, 1, 1), end=None) -> Pairing:
    return Pairing(cadre_id=cid, household_id=hid, kind=kind, start=start, end=end, id=pid)


def visit(cid: int, hid: int, day: date, way: str = "入户", cancelled: bool = False) -> Visit:
    return Visit(day=day, cadre_id=cid, household_id=hid, way=way, cancelled=cancelled)


def month_findings(pairings, visits, month, cadres=None, today=TODAY):
    cadres = cadres or [cadre(1, "陈明")]
    return check_needy_pairing(cadres, pairings, visits, HOUSEHOLDS, 2026, month, today)


# -- R11 ------------------------------------------------------------------

def mentoring(n: int, day=date(2026, 12, 31)):
    pairings = [pair(i, 1, i, "帮带") for i in range(1, n + 1)]
    return check_mentoring([cadre(1, "陈明", can_mentor=True)], pairings, day)


def test_mentor_with_two_is_short():
    [finding] = mentoring(2)
    assert finding.rule == "R11" and not finding.ok
    assert finding.actual == 2 and "少于3户" in finding.detail


def test_mentor_with_six_is_too_many():
    [finding] = mentoring(6)
    assert not finding.ok and finding.actual == 6 and "超过5户" in finding.detail


def test_mentor_with_three_and_five_holds():
    assert mentoring(3)[0].ok and mentoring(5)[0].ok


def test_cadre_not_marked_as_mentor_is_not_judged():
    assert check_mentoring([cadre(1, "陈明")], [pair(1, 1, 1, "帮带")], date(2026, 12, 31)) == []


def test_mentoring_counts_only_pairings_active_on_the_day():
    pairings = [pair(i, 1, i, "帮带") for i in range(1, 4)]
    pairings[0].end = date(2026, 6, 30)
    pairings.append(pair(9, 1, 9, "帮扶"))
    [finding] = check_mentoring([cadre(1, "陈明", can_mentor=True)], pairings, date(2026, 12, 31))
    assert finding.actual == 2 and not finding.ok


def test_check_day_is_today_while_the_year_runs():
    assert check_day(2026, TODAY) == TODAY
    assert check_day(2025, TODAY) == date(2025, 12, 31)


# -- R12 ------------------------------------------------------------------

def test_cadre_without_needy_pairing_fails():
    findings = month_findings([pair(1, 1, 1, "帮带")], [], 5)
    assert [(f.ok, f.household) for f in findings] == [(False, None)]
    assert "没有结对帮扶" in findings[0].detail


def test_visited_month_holds_and_unvisited_past_month_is_missed():
    pairings = [pair(1, 1, 1)]
    visits = [visit(1, 1, date(2026, 5, 12))]
    may = month_findings(pairings, visits, 5)
    june = month_findings(pairings, visits, 6)
    assert [f.ok for f in may] == [True, True]
    assert june[1].household == "01001" and not june[1].ok and "未走访" in june[1].detail


def test_month_not_ended_is_due_not_missed():
    findings = month_findings([pair(1, 1, 1)], [], 11)
    assert findings[1].ok and "待走访" in findings[1].detail and findings[1].actual == 0


def test_month_not_begun_gives_no_finding():
    assert month_findings([pair(1, 1, 1)], [], 12) == [], "a month not begun is only planned, not judged"


def test_cadre_with_two_pairings_needs_a_visit_to_each():
    pairings = [pair(1, 1, 1), pair(2, 1, 3)]
    visits = [visit(1, 1, date(2026, 3, 2)), visit(1, 1, date(2026, 3, 20))]
    findings = month_findings(pairings, visits, 3)
    by_household = {f.household: f for f in findings}
    assert by_household[None].actual == 2
    assert by_household["01001"].ok and by_household["01001"].actual == 2
    assert not by_household["01003"].ok


def test_visit_by_another_cadre_does_not_count():
    findings = month_findings([pair(1, 1, 1)], [visit(2, 1, date(2026, 3, 2))], 3,
                              cadres=[cadre(1, "陈明"), cadre(2, "林芳")])
    assert [f.ok for f in findings if f.cadre == "陈明"] == [True, False]


def test_phone_visit_counts_only_for_households_away():
    pairings = [pair(1, 1, 1), pair(2, 1, 2)]
    visits = [visit(1, 1, date(2026, 4, 3), "电话"), visit(1, 2, date(2026, 4, 3), "电话")]
    by_household = {f.household: f.ok for f in month_findings(pairings, visits, 4)}
    assert by_household == {None: True, "01001": False, "01002": True}


def test_cancelled_visit_does_not_count():
    findings = month_findings([pair(1, 1, 1)], [visit(1, 1, date(2026, 4, 3), cancelled=True)], 4)
    assert not findings[1].ok


def test_pairing_starting_mid_month_needs_the_visit_that_month():
    pairings = [pair(1, 1, 1, start=date(2026, 7, 10))]
    assert [f.household for f in month_findings(pairings, [], 6)] == [None]
    july = month_findings(pairings, [], 7)
    assert july[1].household == "01001" and not july[1].ok


def test_pairing_in_force_fewer_than_15_days_is_noted_not_judged():
    july = month_findings([pair(1, 1, 1, start=date(2026, 7, 20))], [], 7)
    assert july[1].status == "met" and july[1].required == 0 and "不足15天" in july[1].detail


def test_pairing_ending_mid_month_is_judged_until_then():
    pairings = [pair(1, 1, 1, end=date(2026, 8, 10))]
    august = month_findings(pairings, [visit(1, 1, date(2026, 8, 5))], 8)
    assert [f.ok for f in august] == [True, True]
    september = month_findings(pairings, [], 9)
    assert [(f.ok, f.household) for f in september] == [(False, None)]


def test_cancelled_pairing_counts_for_nothing():
    pairing = pair(1, 1, 1)
    pairing.cancelled = True
    assert [f.ok for f in month_findings([pairing], [], 3)] == [False]


def test_cadre_out_of_office_is_not_judged():
    gone = cadre(1, "陈明", term_end=date(2026, 2, 28))
    assert month_findings([pair(1, 1, 1)], [], 3, cadres=[gone]) == []


# -- the matrix -----------------------------------------------------------

def test_matrix_cells_across_the_year():
    pairings = [pair(1, 1, 1, start=date(2026, 3, 15), end=date(2026, 11, 30)), pair(2, 1, 3, "帮带")]
    visits = [visit(1, 1, date(2026, 3, 31)), visit(1, 1, date(2026, 5, 1)), visit(1, 3, date(2026, 1, 9))]
    matrix = pairing_matrix(pairings, visits, {1: cadre(1, "陈明")}, HOUSEHOLDS, 2026, TODAY)
    needy = next(r for r in matrix.rows if r.pairing.kind == "帮扶")
    assert needy.cells[:2] == [INACTIVE, INACTIVE]
    assert needy.cells[2] == VISITED and needy.cells[3] == MISSED and needy.cells[4] == VISITED
    assert needy.cells[10] == DUE and needy.cells[11] == INACTIVE
    assert needy.household_head == "王秀英" and needy.visit_days[3] == [date(2026, 3, 31)]
    mentoring = next(r for r in matrix.rows if r.pairing.kind == "帮带")
    assert mentoring.cells[10] == DUE and mentoring.cells[11] == NOT_YET
    [totals] = matrix.totals
    assert totals.cadre == "陈明" and totals.pairings == 2
    # Only November is due: December has not begun on 2026-11-27.
    assert totals.visited == 3 and totals.due == 1 + 1 and totals.missed == 6 + 9


def test_december_seen_on_november_27_is_not_yet_due():
    matrix = pairing_matrix([pair(1, 1, 1)], [], {1: cadre(1, "陈明")}, HOUSEHOLDS, 2026, TODAY)
    [row] = matrix.rows
    assert row.cells[10] == DUE and row.cells[11] == NOT_YET
    assert matrix.totals[0].due == 1 and matrix.totals[0].missed == 10
    on_december_1 = pairing_matrix([pair(1, 1, 1)], [], {1: cadre(1, "陈明")}, HOUSEHOLDS, 2026,
                                   date(2026, 12, 1))
    assert on_december_1.rows[0].cells[10:] == [MISSED, DUE] and on_december_1.totals[0].due == 1


def test_matrix_leaves_out_pairings_of_other_years():
    old = pair(1, 1, 1, start=date(2024, 1, 1), end=date(2025, 12, 31))
    matrix = pairing_matrix([old], [], {1: cadre(1, "陈明")}, HOUSEHOLDS, 2026, TODAY)
    assert matrix.rows == [] and matrix.totals == []
