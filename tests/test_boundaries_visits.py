"""R5–R8 on the boundary days: the window's last day, the month's and year's end, registration and move-out days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from village_tui.domain.dated import DatedFlag, DatedText, Term
from village_tui.domain.models import Cadre, GroupMove, Household, Leave, Visit
from village_tui.domain.rules_visits import (
    counted_households, first_year_findings, first_year_window, in_office, last_office_day, leave_days,
    month_findings, monthly_required, responsible_group, visit_counts, year_findings, year_required,
)

SECRETARY = Cadre("王建国", "书记", date(2026, 3, 1), id=1)
FIRST, LAST = date(2026, 3, 1), date(2027, 2, 28)
MEMBER = Cadre("陈海峰", "委员", date(2024, 1, 1), groups=["1组"], id=3)


def home(n: int, group: str = "1组", **kw) -> Household:
    return Household(f"01{n:02d}", f"村民{n}", group, id=n, **kw)


def homes(*households: Household) -> dict[int, Household]:
    return {h.id: h for h in households}


def visit(cadre: Cadre, hid: int, day: date, way: str = "入户", **kw) -> Visit:
    return Visit(day=day, cadre_id=cadre.id, household_id=hid, way=way, **kw)


def by_household(findings):
    return {f.household: f for f in findings}


# -- R5: the first year's window -----------------------------------------------------

def test_r5_the_window_is_one_year_from_the_terms_first_day():
    assert first_year_window(SECRETARY) == (FIRST, LAST)
    leap = Cadre("李秀英", "主任", date(2024, 2, 29), id=2)
    assert first_year_window(leap) == (date(2024, 2, 29), date(2025, 2, 27))


def test_r5_the_window_is_cut_at_the_last_day_in_office_but_not_before_its_first():
    left = Cadre("王建国", "书记", FIRST, term_end=date(2026, 9, 30), id=1)
    assert first_year_window(left) == (FIRST, date(2026, 9, 30))
    archived = Cadre("王建国", "书记", FIRST, archived_on=date(2026, 10, 1), id=1)
    assert first_year_window(archived) == (FIRST, date(2026, 9, 30)), "the archive day is the first day out"
    late = Cadre("王建国", "书记", FIRST, term_end=date(2027, 3, 15), id=1)
    assert first_year_window(late) == (FIRST, LAST)
    on_last = Cadre("王建国", "书记", FIRST, term_end=LAST, id=1)
    assert first_year_window(on_last) == (FIRST, LAST)
    earlier = Cadre("王建国", "书记", date(2029, 1, 1), past_terms=[Term(FIRST, date(2026, 5, 31))], id=1)
    assert first_year_window(earlier, FIRST) == (FIRST, date(2026, 5, 31))


@pytest.mark.parametrize(("today", "status", "words"), [
    (date(2027, 2, 27), "open", "尚未走访，任期第一年还剩2天（至2027年2月28日）"),
    (LAST, "open", "尚未走访，任期第一年还剩1天（至2027年2月28日）"),
    (date(2027, 3, 1), "missed", "任期第一年（2026年3月1日至2027年2月28日）未走访"),
])
def test_r5_unvisited_the_day_before_on_and_after_the_windows_last_day(today, status, words):
    [finding] = first_year_findings(SECRETARY, homes(home(1)), [], today)
    assert (finding.status, finding.detail, finding.date, finding.required, finding.actual) == (status, words, LAST, 1, 0)


@pytest.mark.parametrize(("day", "counted"), [(date(2026, 2, 28), False), (FIRST, True), (LAST, True),
                                              (date(2027, 3, 1), False)])
def test_r5_a_visit_counts_from_the_windows_first_to_its_last_day(day, counted):
    [finding] = first_year_findings(SECRETARY, homes(home(1)), [visit(SECRETARY, 1, day)], date(2027, 6, 1))
    assert (finding.status, finding.actual, finding.ok) == (("met", 1, True) if counted else ("missed", 0, False))
    if counted:
        assert finding.detail == "任期第一年（2026年3月1日至2027年2月28日）已走访"


def test_r5_a_visit_after_today_or_by_another_cadre_or_a_walk_in_does_not_count():
    today = date(2026, 6, 1)
    visits = [visit(SECRETARY, 1, date(2026, 6, 2)), visit(MEMBER, 1, date(2026, 4, 1)),
              visit(SECRETARY, 1, date(2026, 4, 1), "来访")]
    [finding] = first_year_findings(SECRETARY, homes(home(1)), visits, today)
    assert finding.status == "open"


def test_r5_before_the_term_begins_the_window_is_not_due_yet():
    [finding] = first_year_findings(SECRETARY, homes(home(1)), [], date(2026, 2, 28))
    assert (finding.status, finding.detail) == ("open", "任期自2026年3月1日开始，尚未到走访期")


@pytest.mark.parametrize(("registered", "owed"), [(date(2027, 2, 27), True), (LAST, True), (date(2027, 3, 1), False)])
def test_r5_a_household_registered_up_to_the_windows_last_day_is_owed(registered, owed):
    found = first_year_findings(SECRETARY, homes(home(1), home(2, registered_on=registered)), [], date(2027, 6, 1))
    assert ("0102" in by_household(found)) == owed


@pytest.mark.parametrize(("left", "owed"), [(date(2027, 2, 27), False), (LAST, False), (date(2027, 3, 1), True)])
def test_r5_a_household_that_moved_out_before_the_window_ended_is_excused(left, owed):
    found = first_year_findings(SECRETARY, homes(home(1), home(2, left_on=left)), [], date(2027, 6, 1))
    assert ("0102" in by_household(found)) == owed


def test_r5_while_the_window_runs_a_household_is_owed_until_it_moves_out():
    moving = homes(home(1, left_on=date(2026, 6, 2)))
    assert [f.status for f in first_year_findings(SECRETARY, moving, [], date(2026, 6, 1))] == ["open"]
    assert first_year_findings(SECRETARY, moving, [], date(2026, 6, 2)) == []
    early = homes(home(1, left_on=date(2026, 6, 2)))
    assert len(first_year_findings(SECRETARY, early, [], date(2026, 2, 1))) == 1, "before the window: judged on its first day"


def test_r5_only_a_cadre_who_was_a_main_cadre_on_the_terms_first_day():
    member_then = Cadre("王建国", "书记", FIRST, id=1, role_history=[DatedText(FIRST, "委员"),
                                                                  DatedText(date(2026, 3, 2), "书记")])
    assert first_year_findings(member_then, homes(home(1)), [], date(2027, 6, 1)) == []
    main_then = Cadre("王建国", "委员", FIRST, id=1, role_history=[DatedText(FIRST, "书记"),
                                                                DatedText(date(2026, 3, 2), "委员")])
    assert len(first_year_findings(main_then, homes(home(1)), [], date(2027, 6, 1))) == 1
    gone = Cadre("王建国", "书记", FIRST, archived=True, id=1)
    assert first_year_findings(gone, homes(home(1)), [], date(2027, 6, 1)) == []


def test_r5_households_are_listed_in_code_order():
    found = first_year_findings(SECRETARY, homes(home(10), home(2), home(1)), [], date(2026, 6, 1))
    assert [f.household for f in found] == ["0101", "0102", "0110"]
    assert [f.household_id for f in found] == [1, 2, 10] and found[0].cadre == "王建国" and found[0].cadre_id == 1


def test_counted_households_sorts_short_codes_first():
    found = counted_households(homes(Household("10", "甲", "1组", id=1), Household("9", "乙", "1组", id=2),
                                     Household("100", "丙", "1组", id=3)), FIRST, FIRST)
    assert [h.code for h in found] == ["9", "10", "100"]


# -- R6: a month's distinct households -------------------------------------------------

def month_visits(cadre: Cadre, n: int, month: int = 10, year: int = 2026) -> list[Visit]:
    return [visit(cadre, i, date(year, month, i)) for i in range(1, n + 1)]


TEN = homes(*[home(i) for i in range(1, 13)])


@pytest.mark.parametrize(("today", "status"), [(date(2026, 10, 30), "open"), (date(2026, 10, 31), "open"),
                                               (date(2026, 11, 1), "missed"), (None, "missed")])
def test_r6_short_on_the_months_last_day_is_open_and_missed_after(today, status):
    [finding] = month_findings([SECRETARY], TEN, month_visits(SECRETARY, 9), 2026, 10, today)
    assert (finding.status, finding.required, finding.actual) == (status, 10, 9)
    assert finding.detail.startswith("2026年10月走访9户，应不少于10户")
    assert finding.detail.endswith("；本月尚未结束，还差1户") == (status == "open")


def test_r6_exactly_the_target_is_met_and_visits_outside_the_month_do_not_count():
    visits = month_visits(SECRETARY, 10) + [visit(SECRETARY, 11, date(2026, 9, 30)), visit(SECRETARY, 12, date(2026, 11, 1))]
    [finding] = month_findings([SECRETARY], TEN, visits, 2026, 10)
    assert (finding.status, finding.actual) == ("met", 10)
    twice = month_visits(SECRETARY, 9) + [visit(SECRETARY, 1, date(2026, 10, 20))]
    assert month_findings([SECRETARY], TEN, twice, 2026, 10)[0].actual == 9, "distinct households"


@pytest.mark.parametrize(("start", "required", "active"), [(date(2026, 10, 31), 1, 1), (date(2026, 10, 16), 6, 16),
                                                           (date(2026, 10, 1), 10, 31), (date(2026, 11, 1), None, 0)])
def test_r6_is_pro_rata_for_the_days_as_main_cadre_rounded_up(start, required, active):
    cadre = Cadre("李秀英", "主任", start, id=2)
    assert monthly_required(cadre, 2026, 10)[1:] == (active, 31)
    found = month_findings([cadre], TEN, [], 2026, 10)
    if required is None:
        assert found == []
    else:
        assert found[0].required == required
        assert ("本月任村主干" in found[0].detail) == (active < 31)
        if active < 31:
            assert f"（本月任村主干{active}天，按{active}/31折算）" in found[0].detail


def test_r6_counts_only_the_days_held_as_a_main_cadre():
    promoted = Cadre("陈海峰", "书记", date(2024, 1, 1), id=3, role_history=[DatedText(date(2024, 1, 1), "委员"),
                                                                            DatedText(date(2026, 10, 22), "书记")])
    assert monthly_required(promoted, 2026, 10) == (4, 10, 31)
    left = Cadre("王建国", "书记", date(2020, 1, 1), term_end=date(2026, 10, 3), id=1)
    assert monthly_required(left, 2026, 10) == (1, 3, 31)
    gone = Cadre("王建国", "书记", date(2020, 1, 1), archived=True, id=1)
    assert monthly_required(gone, 2026, 10) == (0, 0, 31)


def test_r6_names_the_leave_days_without_lowering_the_target():
    cadre = Cadre("王建国", "书记", date(2020, 1, 1), id=1,
                  leaves=[Leave(date(2026, 10, 30), date(2026, 11, 3), "病假"), Leave(date(2026, 10, 5), date(2026, 10, 5), ""),
                          Leave(date(2026, 9, 1), date(2026, 9, 30), "事假")])
    [finding] = month_findings([cadre], TEN, [], 2026, 10)
    assert finding.required == 10
    assert finding.detail.endswith("；请假：2026年10月5日、2026年10月30日至2026年10月31日（病假），不减少走访要求")
    assert leave_days(cadre, date(2026, 9, 30), date(2026, 9, 30)) == "2026年9月30日（事假）"
    assert leave_days(cadre, date(2026, 10, 6), date(2026, 10, 29)) == ""


# -- R7: a year's visits per household --------------------------------------------------

@pytest.mark.parametrize(("today", "status"), [(date(2026, 12, 30), "open"), (date(2026, 12, 31), "open"),
                                               (date(2027, 1, 1), "missed"), (None, "missed")])
def test_r7_short_on_the_years_last_day_is_open_and_missed_after(today, status):
    [finding] = year_findings([MEMBER], homes(home(1)), [visit(MEMBER, 1, date(2026, 5, 1))], 2026, today)
    assert (finding.status, finding.required, finding.actual) == (status, 2, 1)
    assert finding.detail == "2026年走访1次，应不少于2次（1组）"


def test_r7_visits_count_from_the_first_to_the_last_day_of_the_year():
    visits = [visit(MEMBER, 1, date(2026, 1, 1)), visit(MEMBER, 1, date(2026, 12, 31)),
              visit(MEMBER, 1, date(2025, 12, 31)), visit(MEMBER, 1, date(2027, 1, 1))]
    [finding] = year_findings([MEMBER], homes(home(1)), visits, 2026)
    assert (finding.status, finding.actual) == ("met", 2)


def test_r7_a_phone_call_counts_only_to_a_household_away_that_day():
    away = home(1, away=False, away_history=[DatedFlag(date(2020, 1, 1), False), DatedFlag(date(2026, 6, 1), True)])
    visits = [visit(MEMBER, 1, date(2026, 5, 31), "电话"), visit(MEMBER, 1, date(2026, 6, 1), "电话")]
    assert year_findings([MEMBER], homes(away), visits, 2026)[0].actual == 1
    assert not visit_counts(visit(MEMBER, 1, date(2026, 6, 1), cancelled=True), away)
    assert not visit_counts(visit(MEMBER, 1, date(2026, 6, 1)), None)
    assert not visit_counts(visit(MEMBER, 1, date(2026, 6, 1), "来访"), away)


@pytest.mark.parametrize(("end", "required", "active", "today", "status"), [
    (date(2026, 6, 30), 1, 181, date(2026, 6, 30), "open"), (date(2026, 6, 30), 1, 181, date(2026, 7, 1), "missed"),
    (date(2026, 1, 1), 1, 1, date(2026, 11, 27), "missed"), (date(2026, 12, 31), 2, 365, date(2026, 12, 31), "open"),
])
def test_r7_a_cadre_who_left_is_judged_on_the_last_day_in_office_pro_rata(end, required, active, today, status):
    left = Cadre("陈海峰", "委员", date(2024, 1, 1), term_end=end, groups=["1组"], id=3)
    assert year_required(left, 2026) == (required, active, 365)
    [finding] = year_findings([left], homes(home(1)), [], 2026, today)
    assert (finding.required, finding.status) == (required, status)
    assert ("本年任职" in finding.detail) == (active < 365)
    if active < 365:
        assert f"；本年任职{active}天，按2×{active}/365折算并向上取整" in finding.detail


@pytest.mark.parametrize(("registered", "owed"), [(date(2026, 11, 26), True), (date(2026, 11, 27), True),
                                                  (date(2026, 11, 28), False)])
def test_r7_a_household_registered_after_the_day_judged_is_not_owed(registered, owed):
    found = year_findings([MEMBER], homes(home(1), home(2, registered_on=registered)), [], 2026, date(2026, 11, 27))
    assert ("0102" in by_household(found)) == owed


@pytest.mark.parametrize(("left", "owed"), [(date(2026, 11, 27), False), (date(2026, 11, 28), True)])
def test_r7_a_household_that_moved_out_by_the_day_judged_is_excused(left, owed):
    found = year_findings([MEMBER], homes(home(1), home(2, left_on=left)), [], 2026, date(2026, 11, 27))
    assert ("0102" in by_household(found)) == owed


def test_r7_main_cadres_are_judged_by_r5_and_r6_by_the_role_on_the_day_judged():
    secretary = Cadre("王建国", "书记", date(2020, 1, 1), groups=["1组"], id=1)
    assert year_findings([secretary], homes(home(1)), [], 2026) == []
    promoted = Cadre("陈海峰", "书记", date(2024, 1, 1), groups=["1组"], id=3,
                     role_history=[DatedText(date(2024, 1, 1), "委员"), DatedText(date(2026, 12, 1), "书记")])
    assert year_findings([promoted], homes(home(1)), [], 2026, date(2026, 11, 30))[0].status == "open"
    assert year_findings([promoted], homes(home(1)), [], 2026, date(2026, 12, 1)) == []
    stepped_down = Cadre("陈海峰", "委员", date(2024, 1, 1), groups=["1组"], id=3,
                         role_history=[DatedText(date(2024, 1, 1), "主任"), DatedText(date(2026, 12, 31), "委员")])
    assert len(year_findings([stepped_down], homes(home(1)), [], 2026)) == 1


def test_r7_the_groups_are_those_on_the_day_judged_and_a_cadre_without_groups_has_none():
    from village_tui.domain.dated import DatedTags

    moved = Cadre("陈海峰", "委员", date(2024, 1, 1), groups=["2组"], id=3,
                  groups_history=[DatedTags(date(2024, 1, 1), ["1组"]), DatedTags(date(2026, 11, 28), ["2组"])])
    both = homes(home(1), home(2, group="2组"))
    assert [f.household for f in year_findings([moved], both, [], 2026, date(2026, 11, 27))] == ["0101"]
    assert [f.household for f in year_findings([moved], both, [], 2026, date(2026, 11, 28))] == ["0102"]
    assert year_findings([Cadre("林春梅", "委员", date(2024, 1, 1), id=4)], both, [], 2026) == []


def test_r7_a_cadre_not_in_office_that_year_is_not_judged_and_today_before_the_year_judges_the_whole_year():
    later = Cadre("陈海峰", "委员", date(2027, 1, 1), groups=["1组"], id=3)
    assert year_findings([later], homes(home(1)), [], 2026) == []
    assert not in_office(later, date(2026, 1, 1), date(2026, 12, 31))
    assert in_office(later, date(2027, 1, 1), date(2027, 1, 1))
    [ahead] = year_findings([MEMBER], homes(home(1)), [], 2026, date(2025, 12, 1))
    assert ahead.status == "open"


def test_last_office_day_over_several_terms():
    cadre = Cadre("陈海峰", "委员", date(2026, 9, 1), term_end=date(2026, 10, 31), id=3,
                  past_terms=[Term(date(2025, 1, 1), date(2026, 3, 31))])
    assert last_office_day(cadre, date(2026, 1, 1), date(2026, 12, 31)) == date(2026, 10, 31)
    assert last_office_day(cadre, date(2026, 1, 1), date(2026, 6, 30)) == date(2026, 3, 31)
    assert last_office_day(cadre, date(2026, 4, 1), date(2026, 8, 31)) is None
    assert last_office_day(cadre, date(2026, 3, 31), date(2026, 3, 31)) == date(2026, 3, 31)
    assert last_office_day(cadre, date(2026, 9, 1), date(2026, 9, 1)) == date(2026, 9, 1)
    assert cadre.days_in_office(date(2026, 1, 1), date(2026, 12, 31)) == 90 + 61


@pytest.mark.parametrize(("until", "group"), [(date(2026, 7, 2), "2组"), (date(2026, 7, 3), "1组"),
                                              (date(2026, 1, 1), "2组"), (date(2027, 1, 1), "1组")])
def test_r7_a_household_that_moved_counts_for_the_group_it_was_in_longer_ties_to_the_later(until, group):
    moved = home(1, group="2组", group_history=[GroupMove(until, "1组")])
    assert responsible_group(moved, 2026) == group


def test_r7_responsible_group_over_two_moves_and_an_old_move():
    twice = home(1, group="3组", group_history=[GroupMove(date(2026, 3, 1), "1组"), GroupMove(date(2026, 10, 1), "2组")])
    assert responsible_group(twice, 2026) == "2组"
    old = home(1, group="2组", group_history=[GroupMove(date(2025, 6, 1), "1组")])
    assert responsible_group(old, 2026) == "2组"
    tie = home(1, group="2组", group_history=[GroupMove(date(2025, 7, 2), "1组")])
    assert responsible_group(tie, 2025) == "2组", "182 days in each half of 2025 minus one: the later group wins"
    after = home(1, group="3组", group_history=[GroupMove(date(2027, 3, 1), "2组"), GroupMove(date(2026, 2, 1), "1组")])
    assert responsible_group(after, 2026) == "2组"


def test_r7_a_household_that_moved_group_in_the_year_says_so():
    moved = home(1, group="1组", group_history=[GroupMove(date(2026, 12, 31), "2组")])
    [finding] = year_findings([Cadre("林春梅", "委员", date(2024, 1, 1), groups=["2组"], id=4)], homes(moved), [], 2026)
    assert finding.detail.endswith("；本年换过组，按所在时间较长的2组计")
    first_day = home(1, group="1组", group_history=[GroupMove(date(2026, 1, 1), "2组")])
    [plain] = year_findings([MEMBER], homes(first_day), [], 2026)
    assert "换过组" not in plain.detail


# -- the greater part of the year, checked day by day ------------------------------------------

def _group_by_days(household: Household, year: int) -> str:
    """The reading in words: count each day's group; on a tie the group met later in the year wins."""
    from datetime import timedelta

    days: dict[str, int] = {}
    day = date(year, 1, 1)
    while day.year == year:
        group = household.group_on(day)
        days[group] = days.get(group, 0) + 1
        day += timedelta(days=1)
    best = max(days.values())
    return [g for g, n in days.items() if n == best][-1]


def test_r7_responsible_group_agrees_with_counting_each_day():
    import itertools
    import random

    # Moves on the year's edges and around a half and the thirds of the year, where one day decides.
    edges = [date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2), date(2026, 12, 31), date(2027, 1, 1)]
    middles = [d + timedelta(days=k) for d in (date(2026, 5, 2), date(2026, 7, 2), date(2026, 9, 1)) for k in range(-2, 3)]
    rng = random.Random(24)
    checked = 0
    for count in (1, 2, 3):
        for moves in itertools.combinations(edges + middles, count):
            if rng.random() > (1.0 if count == 1 else 0.5 if count == 2 else 0.1):
                continue
            groups = [rng.choice(["1组", "2组", "3组"]) for _ in moves]
            household = home(1, group=rng.choice(["1组", "2组", "3组"]),
                             group_history=[GroupMove(until, group) for until, group in zip(moves, groups)])
            assert responsible_group(household, 2026) == _group_by_days(household, 2026), household.group_history
            checked += 1
    tie = home(1, group="2组", group_history=[GroupMove(date(2026, 7, 2), "1组"), GroupMove(date(2026, 1, 1), "3组")])
    assert responsible_group(tie, 2026) == "2组" and checked > 200


def test_r5_on_the_terms_first_day_the_window_runs():
    [finding] = first_year_findings(SECRETARY, homes(home(1)), [], FIRST)
    assert (finding.status, finding.detail) == ("open", "尚未走访，任期第一年还剩365天（至2027年2月28日）")


def test_r7_on_the_years_first_day_the_role_that_day_decides():
    promoted = Cadre("陈海峰", "书记", date(2024, 1, 1), groups=["1组"], id=3,
                     role_history=[DatedText(date(2024, 1, 1), "委员"), DatedText(date(2026, 1, 2), "书记")])
    [finding] = year_findings([promoted], homes(home(1)), [], 2026, date(2026, 1, 1))
    assert (finding.status, finding.actual, finding.required) == ("open", 0, 2)
    assert year_findings([promoted], homes(home(1)), [], 2026, date(2026, 1, 2)) == []


def test_r7_responsible_group_in_a_leap_year_ties_go_to_the_later_group():
    moved_on_new_year = home(1, group="2组", group_history=[GroupMove(date(2024, 1, 1), "2组"),
                                                           GroupMove(date(2024, 7, 2), "1组")])
    assert responsible_group(moved_on_new_year, 2024) == _group_by_days(moved_on_new_year, 2024) == "2组", \
        "183 days each: the later group"
    last_day = home(1, group="2组", group_history=[GroupMove(date(2024, 7, 2), "1组"), GroupMove(date(2024, 12, 31), "2组")])
    assert responsible_group(last_day, 2024) == _group_by_days(last_day, 2024) == "2组", "31 December counts too"


def test_r7_responsible_group_ignores_moves_after_the_year():
    later = home(1, group="3组", group_history=[GroupMove(date(2026, 7, 3), "1组"), GroupMove(date(2027, 1, 5), "2组"),
                                                GroupMove(date(2027, 3, 1), "1组")])
    assert responsible_group(later, 2026) == _group_by_days(later, 2026) == "1组"
