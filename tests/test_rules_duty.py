"""R1–R3 and the roster planner, without a screen or a data folder."""

from __future__ import annotations

from datetime import date

from village_tui.domain.dates import month_days
from village_tui.domain.models import Cadre, DutyDay, Leave, SignIn, SpecialPeriod
from village_tui.domain.rules_duty import plan_roster, r1_findings, r2_findings, r3_findings

TODAY = date(2026, 11, 27)


def make_cadres() -> list[Cadre]:
    return [
        Cadre("王建国", "书记", date(2021, 1, 1), id=1),
        Cadre("李秀英", "主任", date(2021, 1, 1), id=2),
        Cadre("张伟", "委员", date(2021, 1, 1), id=3),
        Cadre("陈芳", "委员", date(2021, 1, 1), id=4),
    ]


def signed(day: date, *ids: int, rostered: tuple[int, ...] = ()) -> DutyDay:
    return DutyDay(day=day, rostered=list(rostered), signins=[SignIn(cadre_id=i, time="08:30") for i in ids])


def test_r1_past_days_need_a_sign_in_and_coming_days_a_roster():
    cadres = make_cadres()
    duty = {
        date(2026, 11, 25): signed(date(2026, 11, 25), 3),
        date(2026, 11, 26): DutyDay(day=date(2026, 11, 26), rostered=[1]),
        date(2026, 11, 28): DutyDay(day=date(2026, 11, 28), rostered=[4]),
    }
    days = [date(2026, 11, d) for d in (25, 26, 27, 28, 29)]
    result = {f.date: f for f in r1_findings(days, duty, cadres, TODAY)}
    assert result[date(2026, 11, 25)].ok and "张伟" in result[date(2026, 11, 25)].detail
    assert not result[date(2026, 11, 26)].ok  # rostered but nobody signed in
    assert "王建国" in result[date(2026, 11, 26)].detail
    # today and coming days are open until someone signs in; nobody rostered is a planning finding
    assert result[date(2026, 11, 27)].status == "open" and result[date(2026, 11, 27)].actual == 0
    assert result[date(2026, 11, 28)].status == "open" and result[date(2026, 11, 28)].actual == 1
    assert result[date(2026, 11, 29)].status == "open" and result[date(2026, 11, 29)].detail == "无人排班，请安排值班"


def test_r1_today_holds_on_the_roster_until_the_day_is_over():
    cadres = make_cadres()
    duty = {TODAY: DutyDay(day=TODAY, rostered=[2])}
    [finding] = r1_findings([TODAY], duty, cadres, TODAY)
    assert finding.ok and "尚未签到" in finding.detail


def test_r1_a_rostered_cadre_on_leave_does_not_count():
    cadres = make_cadres()
    cadres[3].leaves = [Leave(date(2026, 12, 1), date(2026, 12, 5), "培训")]
    duty = {date(2026, 12, 2): DutyDay(day=date(2026, 12, 2), rostered=[4])}
    [finding] = r1_findings([date(2026, 12, 2)], duty, cadres, TODAY)
    assert finding.status == "open" and finding.actual == 0 and "无人排班" in finding.detail


def test_r1_covers_every_day_of_31_30_and_leap_february():
    cadres = make_cadres()
    assert len(r1_findings(month_days(2026, 12), {}, cadres, TODAY)) == 31
    assert len(r1_findings(month_days(2026, 11), {}, cadres, TODAY)) == 30
    leap = r1_findings(month_days(2024, 2), {date(2024, 2, 29): signed(date(2024, 2, 29), 1)}, cadres, TODAY)
    assert len(leap) == 29 and leap[-1].date == date(2024, 2, 29) and leap[-1].ok
    assert len(r1_findings(month_days(2025, 2), {}, cadres, TODAY)) == 28


def test_r2_every_cadre_in_office_on_each_day_of_a_period_crossing_the_month_end():
    cadres = make_cadres()
    cadres[3].term_end = date(2026, 11, 29)  # leaves office before December
    period = SpecialPeriod(date(2026, 11, 26), date(2026, 12, 2), "森林防火", id=1)
    duty = {date(2026, 11, 26): signed(date(2026, 11, 26), 1, 2, 3, 4)}
    november = r2_findings(month_days(2026, 11), duty, cadres, [period], TODAY)
    december = r2_findings(month_days(2026, 12), duty, cadres, [period], TODAY)
    assert {f.date for f in november} == {date(2026, 11, d) for d in range(26, 31)}
    assert {f.date for f in december} == {date(2026, 12, d) for d in (1, 2)}
    assert all(f.ok for f in november if f.date == date(2026, 11, 26))
    assert {f.cadre for f in november if f.date == date(2026, 11, 30)} == {"王建国", "李秀英", "张伟"}
    assert {f.cadre for f in december} == {"王建国", "李秀英", "张伟"}
    assert all(f.status == "open" for f in december), "coming days are open, not failed"
    assert "森林防火" in december[0].detail and "未排班" in december[0].detail


def test_r2_ignores_cancelled_periods_and_reports_leave():
    cadres = make_cadres()
    cadres[2].leaves = [Leave(date(2026, 12, 1), date(2026, 12, 3), "病假")]
    cancelled = SpecialPeriod(date(2026, 12, 10), date(2026, 12, 12), "防汛", cancelled=True)
    flood = SpecialPeriod(date(2026, 12, 1), date(2026, 12, 1), "防汛")
    duty = {date(2026, 12, 1): DutyDay(day=date(2026, 12, 1), rostered=[1, 2, 3, 4])}
    found = r2_findings(month_days(2026, 12), duty, cadres, [cancelled, flood], TODAY)
    assert {f.date for f in found} == {date(2026, 12, 1)}
    by_name = {f.cadre: f for f in found}
    assert by_name["王建国"].actual == 1 and by_name["张伟"].actual == 0 and "请假" in by_name["张伟"].detail
    assert {f.status for f in found} == {"open"}


def test_r3_flags_a_main_cadre_without_any_duty_day():
    cadres = make_cadres()
    days = month_days(2026, 10)
    duty = {d: signed(d, 1 if d.day % 2 else 3) for d in days}
    found = {f.cadre: f for f in r3_findings(days, duty, cadres, TODAY)}
    assert set(found) == {"王建国", "李秀英"}
    assert found["王建国"].ok and found["王建国"].actual == 16 and "在任31天" in found["王建国"].detail
    assert not found["李秀英"].ok and found["李秀英"].actual == 0


def test_r3_judges_a_cadre_who_joins_mid_month_only_on_days_in_office():
    cadres = make_cadres()
    cadres[1] = Cadre("赵刚", "主任", date(2026, 10, 20), id=5)
    days = month_days(2026, 10)
    duty = {date(2026, 10, 5): signed(date(2026, 10, 5), 1), date(2026, 10, 21): signed(date(2026, 10, 21), 5)}
    found = {f.cadre: f for f in r3_findings(days, duty, cadres, TODAY)}
    assert found["赵刚"].ok and "在任12天" in found["赵刚"].detail and "按在任天数计" in found["赵刚"].detail
    # A sign-in before taking office does not count.
    duty = {date(2026, 10, 5): signed(date(2026, 10, 5), 1, 5)}
    found = {f.cadre: f for f in r3_findings(days, duty, cadres, TODAY)}
    assert not found["赵刚"].ok


def test_r3_a_cadre_who_left_before_the_month_is_not_judged_and_one_finding_for_both_roles():
    cadres = [Cadre("王建国", "书记兼主任", date(2021, 1, 1), id=1),
              Cadre("刘强", "主任", date(2018, 1, 1), term_end=date(2026, 9, 30), id=2)]
    days = month_days(2026, 10)
    found = r3_findings(days, {}, cadres, TODAY)
    assert [f.cadre for f in found] == ["王建国"]


def test_planner_rotates_one_a_day_under_rotation_and_skips_leave():
    cadres = make_cadres()
    cadres[2].leaves = [Leave(date(2026, 12, 1), date(2026, 12, 10), "培训")]
    days = month_days(2026, 12)
    plan = plan_roster(days, cadres, [], "轮班")
    assert all(len(plan[d]) == 1 for d in days)
    assert all(3 not in plan[d] for d in days[:10])
    assert [plan[d][0] for d in days[:4]] == [1, 2, 4, 1]
    counts = {cid: sum(plan[d] == [cid] for d in days) for cid in (1, 2, 3, 4)}
    assert counts[3] > 0 and max(counts.values()) - min(counts.values()) <= 6


def test_planner_sits_several_a_day_and_continues_the_rotation():
    cadres = make_cadres()
    days = month_days(2026, 12)
    plan = plan_roster(days, cadres, [], "坐班", per_day=2, after_id=2)
    assert plan[days[0]] == [3, 4] and plan[days[1]] == [1, 2]
    assert all(len(plan[d]) == 2 for d in days)


def test_planner_puts_everyone_on_in_special_periods_and_skips_people_out_of_office():
    cadres = make_cadres()
    cadres.append(Cadre("周敏", "委员", date(2026, 12, 15), id=6))
    period = SpecialPeriod(date(2026, 11, 30), date(2026, 12, 3), "抗震减灾")
    days = month_days(2026, 12)
    plan = plan_roster(days, cadres, [period], "轮班")
    assert all(plan[d] == [1, 2, 3, 4] for d in days[:3])
    assert all(6 not in plan[d] for d in days[:14])
    assert any(6 in plan[d] for d in days[14:])


def test_planner_gives_the_secretary_a_share_even_when_mostly_away():
    cadres = make_cadres()
    cadres[0].leaves = [Leave(date(2026, 12, 1), date(2026, 12, 30), "党校学习")]
    days = month_days(2026, 12)
    for after_id in (None, 1, 2, 3, 4):
        plan = plan_roster(days, cadres, [], "轮班", after_id=after_id)
        assert [d for d in days if 1 in plan[d]] == [date(2026, 12, 31)]
        assert all(len(plan[d]) == 1 for d in days)


def test_planner_leaves_a_day_empty_when_nobody_is_available():
    cadres = make_cadres()[:1]
    cadres[0].leaves = [Leave(date(2024, 2, 28), date(2024, 2, 29), "病假")]
    plan = plan_roster(month_days(2024, 2), cadres, [], "轮班")
    assert plan[date(2024, 2, 29)] == [] and plan[date(2024, 2, 27)] == [1]


def test_r3_share_in_the_running_month_counts_only_the_days_that_have_come():
    cadres = make_cadres()
    days = month_days(2026, 12)
    today = date(2026, 12, 7)
    duty = {date(2026, 12, 2): signed(date(2026, 12, 2), 1), date(2026, 12, 5): signed(date(2026, 12, 5), 1)}
    found = {f.cadre: f for f in r3_findings(days, duty, cadres, today)}
    # 2 of the 7 days so far, not 2 of 31: the 24 coming days are not yet duty days missed.
    assert "本月至今在任7天，值班2天（29%）" in found["王建国"].detail
    assert "按在任天数计" not in found["王建国"].detail
