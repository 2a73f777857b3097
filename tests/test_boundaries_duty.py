"""R1–R4 on the boundary days: yesterday, today and tomorrow, the archive day, leave and special-period edges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from village_tui.domain.dated import DatedText
from village_tui.domain.models import Cadre, DutyDay, Leave, SignIn, SpecialPeriod
from village_tui.domain.rules_duty import (
    available, duty_counts, in_office, period_on, plan_roster, r1_day, r1_findings, r2_findings, r3_findings,
    rotation_order,
)

TODAY = date(2026, 11, 27)
YESTERDAY, TOMORROW = TODAY - timedelta(days=1), TODAY + timedelta(days=1)


def cadres() -> list[Cadre]:
    return [Cadre("王建国", "书记", date(2021, 1, 1), id=1), Cadre("李秀英", "主任", date(2021, 1, 1), id=2),
            Cadre("张伟", "委员", date(2021, 1, 1), id=3), Cadre("陈芳", "委员", date(2021, 1, 1), id=4)]


def by_id(people=None) -> dict[int, Cadre]:
    return {c.id: c for c in (people or cadres())}


def signed(day: date, *ids: int, rostered: tuple[int, ...] = ()) -> DutyDay:
    return DutyDay(day=day, rostered=list(rostered), signins=[SignIn(cadre_id=i, time="08:30") for i in ids])


def month(year: int = 2026, number: int = 11) -> list[date]:
    first = date(year, number, 1)
    return [first + timedelta(days=n) for n in range(31) if (first + timedelta(days=n)).month == number]


# -- R1 ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "status"), [(YESTERDAY, "missed"), (TODAY, "open"), (TOMORROW, "open")])
def test_r1_a_day_without_a_sign_in_is_missed_only_once_it_has_passed(day, status):
    finding = r1_day(day, DutyDay(day=day, rostered=[3]), by_id(), TODAY)
    assert (finding.status, finding.date, finding.required) == (status, day, 1)
    if status == "missed":
        assert (finding.actual, finding.detail) == (0, "无人签到值班（排班：张伟）")
    else:
        assert finding.actual == 1 and finding.detail.endswith("：张伟")
    assert r1_day(day, None, by_id(), TODAY).status == status


@pytest.mark.parametrize("day", [YESTERDAY, TODAY, TOMORROW])
def test_r1_a_sign_in_holds_on_any_day(day):
    finding = r1_day(day, signed(day, 4, 2), by_id(), TODAY)
    assert (finding.status, finding.actual, finding.detail) == ("met", 2, "已签到：李秀英、陈芳")


def test_r1_today_rostered_and_not_yet_signed_says_so():
    assert r1_day(TODAY, DutyDay(day=TODAY, rostered=[1]), by_id(), TODAY).detail == "今天尚未签到，已排班：王建国"
    assert r1_day(TOMORROW, DutyDay(day=TOMORROW, rostered=[1]), by_id(), TODAY).detail == "已排班：王建国"
    assert r1_day(TODAY, None, by_id(), TODAY).detail == "今天尚未签到，无人排班"
    assert r1_day(YESTERDAY, None, by_id(), TODAY).detail == "无人签到值班"


def test_r1_a_coming_day_rostered_with_someone_on_leave_or_archived_counts_nobody():
    people = cadres()
    people[2].leaves = [Leave(TOMORROW, TOMORROW, "病假")]
    people[3].archived_on = TOMORROW
    finding = r1_day(TOMORROW, DutyDay(day=TOMORROW, rostered=[3, 4, 9]), by_id(people), TODAY)
    assert finding.actual == 0 and finding.status == "open"
    assert r1_day(TODAY, DutyDay(day=TODAY, rostered=[4]), by_id(people), TODAY).actual == 1, "archived from tomorrow"


def test_r1_names_a_cadre_not_on_file_by_id():
    assert r1_day(YESTERDAY, signed(YESTERDAY, 9), by_id(), TODAY).detail == "已签到：#9"
    assert [f.date for f in r1_findings([YESTERDAY, TODAY], {}, cadres(), TODAY)] == [YESTERDAY, TODAY]


# -- R2 ----------------------------------------------------------------------------------

FIRE = SpecialPeriod(date(2026, 11, 26), date(2026, 11, 28), "森林防火", id=1)


@pytest.mark.parametrize(("day", "judged"), [(date(2026, 11, 25), False), (date(2026, 11, 26), True),
                                             (date(2026, 11, 28), True), (date(2026, 11, 29), False)])
def test_r2_applies_from_the_periods_first_to_its_last_day(day, judged):
    found = r2_findings([day], {}, cadres(), [FIRE], date(2026, 12, 15))
    assert len(found) == (4 if judged else 0)


@pytest.mark.parametrize(("day", "status"), [(YESTERDAY, "missed"), (TODAY, "open"), (TOMORROW, "open")])
def test_r2_a_cadre_not_signed_in_is_missed_once_the_day_has_passed(day, status):
    found = r2_findings([day], {day: signed(day, 1)}, cadres(), [FIRE], TODAY)
    assert [(f.cadre, f.status) for f in found] == [("王建国", "met"), ("李秀英", status), ("张伟", status),
                                                    ("陈芳", status)]
    assert found[0].detail == "特殊时期（森林防火）：已签到" and found[0].actual == 1 and found[0].cadre_id == 1


def test_r2_leave_does_not_excuse_and_the_detail_says_why():
    people = cadres()
    people[2].leaves = [Leave(YESTERDAY, TOMORROW, "病假")]
    found = {f.cadre: f for f in r2_findings([YESTERDAY, TOMORROW], {YESTERDAY: signed(YESTERDAY, 1, rostered=(4,))},
                                             people, [FIRE], TODAY) if f.date == YESTERDAY}
    assert (found["张伟"].status, found["张伟"].detail) == ("missed", "特殊时期（森林防火）：请假，未签到")
    assert found["陈芳"].detail == "特殊时期（森林防火）：已排班未签到"
    assert found["李秀英"].detail == "特殊时期（森林防火）：未签到"
    later = {f.cadre: f for f in r2_findings([TOMORROW], {TOMORROW: DutyDay(day=TOMORROW, rostered=[4])}, people,
                                             [FIRE], TODAY)}
    assert later["张伟"].detail.endswith("请假中") and later["陈芳"].detail.endswith("已排班")
    assert later["李秀英"].detail.endswith("未排班") and (later["陈芳"].actual, later["李秀英"].actual) == (1, 0)


def test_r2_today_rostered_and_not_yet_signed():
    [wang] = [f for f in r2_findings([TODAY], {TODAY: DutyDay(day=TODAY, rostered=[1])}, cadres(), [FIRE], TODAY)
              if f.cadre_id == 1]
    assert (wang.status, wang.detail) == ("open", "特殊时期（森林防火）：今天已排班，尚未签到")


@pytest.mark.parametrize(("archived_on", "judged"), [(TODAY, False), (TOMORROW, True)])
def test_r2_from_the_archive_day_on_nothing_is_asked(archived_on, judged):
    people = cadres()
    people[3].archived_on = archived_on
    found = r2_findings([TODAY], {}, people, [FIRE], TODAY)
    assert ("陈芳" in {f.cadre for f in found}) == judged


def test_period_on_skips_cancelled_periods():
    cancelled = SpecialPeriod(date(2026, 11, 1), date(2026, 11, 30), "防汛", cancelled=True)
    assert period_on(TODAY, [cancelled, FIRE]) is FIRE and period_on(date(2026, 11, 2), [cancelled, FIRE]) is None


# -- R3 ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("today", "status"), [(date(2026, 11, 30), "open"), (date(2026, 12, 1), "missed")])
def test_r3_a_main_cadre_without_duty_is_open_until_the_months_last_day(today, status):
    found = {f.cadre: f for f in r3_findings(month(), {}, cadres(), today)}
    assert set(found) == {"王建国", "李秀英"}
    assert (found["王建国"].status, found["王建国"].required, found["王建国"].actual) == (status, 1, 0)
    assert found["王建国"].detail == ("本月至今在任30天，值班0天（0%）；本月尚未值班" if status == "open"
                                     else "在任30天，值班0天（0%）；本月没有值班")


def test_r3_one_signed_day_holds_and_rostered_days_do_not_count():
    duty = {date(2026, 11, 3): signed(date(2026, 11, 3), 1, rostered=(2,)), date(2026, 11, 4): signed(date(2026, 11, 4), 1)}
    found = {f.cadre: f for f in r3_findings(month(), duty, cadres(), date(2026, 12, 1))}
    assert (found["王建国"].status, found["王建国"].actual, found["王建国"].detail) == ("met", 2, "在任30天，值班2天（7%）")
    assert found["李秀英"].status == "missed"


def test_r3_counts_only_the_days_as_main_cadre_and_skips_one_who_becomes_main_later():
    people = cadres()
    people[2] = Cadre("张伟", "书记", date(2021, 1, 1), id=3,
                      role_history=[DatedText(date(2021, 1, 1), "委员"), DatedText(date(2026, 11, 21), "书记")])
    duty = {date(2026, 11, 20): signed(date(2026, 11, 20), 3)}
    [zhang] = [f for f in r3_findings(month(), duty, people, date(2026, 12, 1)) if f.cadre_id == 3]
    assert zhang.status == "missed" and zhang.detail.startswith("在任10天，值班0天（0%）；本月部分时间任村主干，按在任天数计")
    assert [f.cadre_id for f in r3_findings(month(), duty, people, date(2026, 11, 20))] == [1, 2]
    assert 3 in [f.cadre_id for f in r3_findings(month(), duty, people, date(2026, 11, 21))]


def test_r3_a_main_cadre_archived_in_the_month_is_judged_on_the_days_before():
    people = cadres()
    people[0].archived_on = date(2026, 11, 11)
    duty = {date(2026, 11, 11): signed(date(2026, 11, 11), 1)}
    [wang] = [f for f in r3_findings(month(), duty, people, date(2026, 12, 1)) if f.cadre_id == 1]
    assert wang.status == "missed" and wang.detail.startswith("在任10天，值班0天")


def test_r3_an_empty_month_gives_nothing():
    assert r3_findings([], {}, cadres(), TODAY) == []


# -- duty counts, rotation, R4 planning -------------------------------------------------------

def test_duty_counts_per_cadre_over_the_days_in_office():
    people = cadres()
    people[3].archived_on = TODAY
    duty = {YESTERDAY: signed(YESTERDAY, 1), TODAY: signed(TODAY, 2, rostered=(1,)),
            TOMORROW: DutyDay(day=TOMORROW, rostered=[3])}
    counts = duty_counts([YESTERDAY, TODAY, TOMORROW], duty, people, TODAY)
    assert counts == {1: (2, 3), 2: (1, 3), 3: (1, 3), 4: (0, 1)}


def test_in_office_and_available_on_the_archive_day_and_leave_edges():
    person = Cadre("张伟", "委员", date(2021, 1, 1), id=3, archived_on=TOMORROW, leaves=[Leave(YESTERDAY, YESTERDAY)])
    assert in_office(person, TODAY) and not in_office(person, TOMORROW)
    assert not available(person, YESTERDAY) and available(person, TODAY)
    assert not in_office(Cadre("张伟", "委员", date(2021, 1, 1), archived=True, id=3), TODAY)


def test_rotation_puts_main_cadres_first_then_by_id():
    people = [Cadre("陈芳", "委员", date(2021, 1, 1), id=1), Cadre("王建国", "书记", date(2021, 1, 1), id=5),
              Cadre("无号", "委员", date(2021, 1, 1)), Cadre("李秀英", "主任", date(2021, 1, 1), id=2)]
    assert [c.name for c in rotation_order(people)] == ["李秀英", "王建国", "无号", "陈芳"]


def test_plan_rotation_one_a_day_in_turn_skipping_leave_and_continuing_after():
    people = cadres()
    people[2].leaves = [Leave(date(2026, 11, 3), date(2026, 11, 3))]
    days = [date(2026, 11, d) for d in range(1, 6)]
    plan = plan_roster(days, people, [], "轮班")
    assert [plan[d] for d in days] == [[1], [2], [4], [1], [2]]
    after = plan_roster(days[:2], people, [], "轮班", after_id=4)
    assert [after[d] for d in days[:2]] == [[1], [2]]
    after_two = plan_roster(days[:4], people, [], "轮班", after_id=2)
    assert [after_two[d] for d in days[:4]] == [[3], [4], [1], [2]]


def test_plan_daily_sitting_and_special_periods():
    days = [date(2026, 11, 25), date(2026, 11, 26)]
    plan = plan_roster(days, cadres(), [FIRE], "坐班", per_day=2)
    assert plan == {date(2026, 11, 25): [1, 2], date(2026, 11, 26): [1, 2, 3, 4]}
    assert plan_roster(days[:1], cadres(), [], "坐班", per_day=0) == {date(2026, 11, 25): [1]}
    assert plan_roster(days[:1], cadres(), [], "坐班", per_day=9) == {date(2026, 11, 25): [1, 2, 3, 4]}


def test_plan_gives_a_main_cadre_left_without_a_day_one_from_the_busiest():
    people = cadres()
    people[0].leaves = [Leave(date(2026, 11, 1), date(2026, 11, 2))]
    days = [date(2026, 11, d) for d in range(1, 4)]
    plan = plan_roster(days, people, [], "轮班", after_id=1)
    assert 1 in plan[date(2026, 11, 3)] and plan[date(2026, 11, 1)] == [2]
    archived = cadres()
    archived[3].archived = True
    assert 4 not in {i for ids in plan_roster(days, archived, [], "轮班").values() for i in ids}


def test_plan_a_main_cadre_never_available_is_not_given_a_day():
    people = cadres()
    people[1].leaves = [Leave(date(2026, 11, 1), date(2026, 11, 30))]
    days = [date(2026, 11, d) for d in range(1, 5)]
    plan = plan_roster(days, people, [], "轮班")
    assert all(2 not in ids for ids in plan.values())
    assert [plan[d] for d in days] == [[1], [3], [4], [1]]


def test_every_duty_finding_asks_for_one_and_a_full_month_is_100_percent():
    assert r1_day(YESTERDAY, signed(YESTERDAY, 1), by_id(), TODAY).required == 1
    assert r1_day(TOMORROW, None, by_id(), TODAY).required == 1
    assert {f.required for f in r2_findings([TODAY], {}, cadres(), [FIRE], TODAY)} == {1}
    days = month(2026, 10)
    duty = {d: signed(d, 1) for d in days}
    [wang] = [f for f in r3_findings(days, duty, cadres(), TODAY) if f.cadre_id == 1]
    assert wang.detail == "在任31天，值班31天（100%）"


def test_a_main_cadre_left_without_a_day_takes_one_from_the_busiest_other_and_the_loads_follow():
    from village_tui.domain.rules_duty import _give_main_share

    people = rotation_order(cadres())
    d1, d2, d3, d4 = (date(2026, 11, n) for n in (2, 3, 4, 5))
    plan = {d1: [3], d2: [4], d3: [3]}
    _give_main_share(plan, [d1, d2, d3], people)
    assert plan == {d1: [1], d2: [2], d3: [3]}, "after giving a day away 张伟 has one, as many as 陈芳: the first is taken"
    plan = {d1: [3], d2: [4], d3: [3], d4: [3]}
    _give_main_share(plan, [d1, d2, d3, d4], people)
    assert plan == {d1: [1], d2: [4], d3: [2], d4: [3]}, "张伟 still has two days after giving one: he gives another"
