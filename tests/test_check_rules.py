"""The month and year checks: every judged rule kept and broken, one finding per rule and subject, edges."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date, timedelta

import pytest

from village_tui.domain.models import (Cadre, Household, LedgerItem, Meeting, Pairing, ServiceRequest,
                                       VillageSettings, Visit)
from village_tui.domain.scorecard import bar, build_scorecard
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)
SUBJECTS = {"R1": {"date"}, "R2": {"date", "cadre"}, "R3": {"cadre"}, "R5": {"cadre", "household"},
            "R6": {"cadre"}, "R7": {"cadre", "household"}, "R9": {"date"}, "R10": {"date", "item"},
            "R11": {"cadre"}, "R12": {"cadre", "household"}, "R13": {"date", "item"}, "R14": {"date", "item"}}
REGISTERED = date(2020, 1, 1)  # the households were there long before the records


def village(today: date = TODAY, secretary_start: date = date(2021, 1, 1),
            director_start: date = date(2026, 10, 16)) -> VillageService:
    """桃源村: a secretary, a director whose term starts mid-October, a member for 2组; 12 + 2 households."""
    svc = VillageService.in_memory(today=today)
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组", "2组"]))
    svc.wang = svc.save_cadre(Cadre("王建国", "书记", secretary_start))
    svc.li = svc.save_cadre(Cadre("李秀英", "主任", director_start))
    svc.zhang = svc.save_cadre(Cadre("张伟", "委员", date(2021, 1, 1), groups=["2组"], can_mentor=True))
    svc.homes = [svc.save_household(Household(f"01{n:02d}", f"农户{n}", "1组", registered_on=REGISTERED))
                 for n in range(1, 13)]
    svc.needy = svc.save_household(Household("0201", "曾小明", "2组", needs=["低保户"], registered_on=REGISTERED))
    svc.other = svc.save_household(Household("0202", "单丽华", "2组", registered_on=REGISTERED))
    svc.sign_in(svc.wang.id)
    return svc


def visit(svc: VillageService, cadre: Cadre, home: Household, day: date, way: str = "入户") -> Visit:
    return svc.save_visit(Visit(day=day, cadre_id=cadre.id, household_id=home.id, way=way))


def of(findings, rule):
    return [f for f in findings if f.rule == rule]


def assert_subjects(findings) -> None:
    """Each finding names exactly its rule's subject: the other subject fields are null."""
    for f in findings:
        named = {k for k in ("cadre", "household", "date", "item") if getattr(f, k) is not None}
        required = SUBJECTS[f.rule] - ({"household"} if f.rule == "R12" else set())  # R12 also per cadre
        assert required <= named <= SUBJECTS[f.rule], f


@pytest.fixture
def svc() -> VillageService:
    return village()


def test_r1_one_finding_per_day_holds_only_when_someone_signed_in(svc):
    for day in range(1, 31):
        svc.duty_sign_in(svc.wang.id, date(2026, 10, day), "08:30")
    r1 = of(svc.month_findings(2026, 10), "R1")
    assert [f.date for f in r1] == [date(2026, 10, 1) + timedelta(days=n) for n in range(31)]
    assert [f.date for f in r1 if not f.ok] == [date(2026, 10, 31)]
    assert r1[-1].detail == "无人签到值班" and r1[0].detail == "已签到：王建国"
    assert_subjects(r1)


def test_r2_every_cadre_in_office_on_each_special_day(svc):
    svc.add_special_period(date(2026, 10, 10), date(2026, 10, 11), "防汛", roster=False)
    for day in (10, 11):
        svc.duty_sign_in(svc.wang.id, date(2026, 10, day), "08:00")
    svc.duty_sign_in(svc.zhang.id, date(2026, 10, 10), "08:00")
    r2 = of(svc.month_findings(2026, 10), "R2")
    # 李秀英 takes office on 16 October: not judged on the 10th and 11th.
    assert [(f.date.day, f.cadre, f.ok) for f in r2] == [
        (10, "张伟", True), (10, "王建国", True), (11, "张伟", False), (11, "王建国", True)]
    assert "防汛" in r2[2].detail
    assert_subjects(r2)


def test_r3_main_cadre_without_duty_fails_and_mid_month_term_is_pro_rata(svc):
    svc.duty_sign_in(svc.wang.id, date(2026, 10, 5), "08:00")
    r3 = {f.cadre: f for f in of(svc.month_findings(2026, 10), "R3")}
    assert r3["王建国"].ok and r3["王建国"].actual == 1
    assert not r3["李秀英"].ok
    assert "在任16天" in r3["李秀英"].detail and "按在任天数计" in r3["李秀英"].detail
    assert "张伟" not in r3
    assert_subjects(r3.values())


def test_r6_ten_households_a_month_phone_only_for_away_and_pro_rata(svc):
    for home in svc.homes[:9]:
        visit(svc, svc.wang, home, date(2026, 10, 3))
    visit(svc, svc.wang, svc.homes[0], date(2026, 10, 9))  # the same household again counts once
    visit(svc, svc.wang, svc.homes[9], date(2026, 10, 9), way="电话")  # not away: a call does not count
    for home in svc.homes[:5]:
        visit(svc, svc.li, home, date(2026, 10, 20))
    r6 = {f.cadre: f for f in of(svc.month_findings(2026, 10), "R6")}
    assert (r6["王建国"].ok, r6["王建国"].required, r6["王建国"].actual) == (False, 10, 9)
    # 16 of 31 days in office: ceil(10 * 16 / 31) = 6 households.
    assert (r6["李秀英"].ok, r6["李秀英"].required, r6["李秀英"].actual) == (False, 6, 5)
    assert "16/31" in r6["李秀英"].detail
    visit(svc, svc.wang, svc.homes[10], date(2026, 10, 30))
    visit(svc, svc.li, svc.homes[6], date(2026, 10, 31))
    r6 = {f.cadre: f for f in of(svc.month_findings(2026, 10), "R6")}
    assert r6["王建国"].ok and r6["李秀英"].ok and set(r6) == {"王建国", "李秀英"}
    assert_subjects(r6.values())


def test_r9_one_finding_per_month_dated_by_its_meeting(svc):
    svc.save_meeting(Meeting(day=date(2026, 10, 20), attendees=[svc.wang.id, svc.zhang.id]))
    [october] = of(svc.month_findings(2026, 10), "R9")
    [september] = of(svc.month_findings(2026, 9), "R9")
    assert october.ok and not september.ok
    assert "10月20日" in october.detail and "没有民情分析会记录" in september.detail
    assert_subjects([october, september])


def _item(svc, day: date, content: str = "村道塌方") -> LedgerItem:
    return svc.save_ledger_item(LedgerItem(day=day, source="来访", category="行路", content=content,
                                           household_id=svc.homes[0].id))


def test_r10_only_items_open_past_due_at_month_end_one_finding_each(svc):
    late = _item(svc, date(2026, 10, 1))  # due 16 October, still open
    done = _item(svc, date(2026, 10, 2), "路灯不亮")
    svc.close_item(done.id, "已修好", "", "满意", date(2026, 10, 8))
    _item(svc, date(2026, 10, 25), "水沟堵塞")  # due in November
    r10 = of(svc.month_findings(2026, 10), "R10")
    assert [(f.item, f.ok) for f in r10] == [(late.id, False)]
    assert "超期15天" in r10[0].detail
    assert of(svc.month_findings(2026, 9), "R10") == []  # nothing open then: nothing to judge
    assert_subjects(r10)


def test_r12_needy_pairing_visited_in_each_month_it_is_active(svc):
    svc.save_pairing(Pairing(cadre_id=svc.zhang.id, household_id=svc.needy.id, kind="帮扶",
                             start=date(2026, 9, 1)))
    visit(svc, svc.zhang, svc.needy, date(2026, 10, 12))
    october = of(svc.month_findings(2026, 10), "R12")
    assert [(f.cadre, f.household, f.ok) for f in october] == [
        ("张伟", None, True), ("张伟", "0201", True), ("李秀英", None, False), ("王建国", None, False)]
    september = of(svc.month_findings(2026, 9), "R12")
    assert ("张伟", "0201", False) in [(f.cadre, f.household, f.ok) for f in september]
    assert "李秀英" not in {f.cadre for f in september}  # not yet in office
    november = of(svc.month_findings(2026, 11), "R12")
    assert ("张伟", "0201", True) in [(f.cadre, f.household, f.ok) for f in november]  # due, month runs
    assert_subjects(october + september)


def test_r13_one_finding_per_request_late_ones_fail(svc):
    slow = svc.save_request(ServiceRequest(day=date(2026, 10, 1), kind="医疗保险", household_id=svc.homes[1].id,
                                           due=date(2026, 10, 10)))
    svc.finish_request(slow.id, date(2026, 10, 15))
    quick = svc.save_request(ServiceRequest(day=date(2026, 10, 5), kind="医疗保险", applicant="李四",
                                            due=date(2026, 10, 20)))
    svc.finish_request(quick.id, date(2026, 10, 18))
    stuck = svc.save_request(ServiceRequest(day=date(2026, 10, 8), kind="涉农补贴", applicant="王五",
                                            due=date(2026, 10, 28)))
    r13 = {f.item: f for f in of(svc.month_findings(2026, 10), "R13")}
    assert {k: f.ok for k, f in r13.items()} == {slow.id: False, quick.id: True, stuck.id: False}
    assert "户编号：0102" in r13[slow.id].detail and "经办人：王建国" in r13[slow.id].detail
    assert_subjects(r13.values())


def test_month_check_judges_only_the_month_rules(svc):
    svc.save_pairing(Pairing(cadre_id=svc.zhang.id, household_id=svc.other.id, kind="帮带", start=date(2026, 1, 1)))
    rules = {f.rule for f in svc.month_findings(2026, 10)}
    assert rules <= {"R1", "R2", "R3", "R6", "R9", "R10", "R12", "R13", "R14"}
    assert {"R1", "R3", "R6", "R9", "R12"} <= rules


def test_r7_twice_a_year_per_household_of_the_groups_counted_in_the_calendar_year(svc):
    visit(svc, svc.zhang, svc.needy, date(2025, 12, 31))  # last year: does not count for 2026
    visit(svc, svc.zhang, svc.needy, date(2026, 1, 1))
    visit(svc, svc.zhang, svc.needy, date(2026, 6, 1))
    visit(svc, svc.zhang, svc.other, date(2025, 12, 31))
    visit(svc, svc.zhang, svc.other, date(2026, 3, 1))
    r7 = of(svc.year_findings(2026), "R7")
    assert [(f.cadre, f.household, f.status, f.actual) for f in r7] == [
        ("张伟", "0201", "met", 2), ("张伟", "0202", "open", 1)], "2026 still runs: one more visit can come"
    [(last_year_other)] = [f for f in of(svc.year_findings(2025), "R7") if f.household == "0202"]
    assert last_year_other.actual == 1 and not last_year_other.ok
    assert_subjects(r7)


def test_r11_mentor_keeps_three_to_five(svc):
    for home in svc.homes[:2]:
        svc.save_pairing(Pairing(cadre_id=svc.zhang.id, household_id=home.id, kind="帮带", start=date(2026, 2, 1)))
    [r11] = of(svc.year_findings(2026), "R11")
    assert (r11.cadre, r11.ok, r11.actual) == ("张伟", False, 2) and "少于3户" in r11.detail
    assert (r11.required, r11.required_max) == (3, 5)
    svc.save_pairing(Pairing(cadre_id=svc.zhang.id, household_id=svc.homes[2].id, kind="帮带",
                             start=date(2026, 5, 1)))
    [r11] = of(svc.year_findings(2026), "R11")
    # judged at each month's end: January to April had fewer than 3, May to October kept 3
    assert r11.status == "missed" and "1月0户" in r11.detail and "4月2户" in r11.detail and "5月" not in r11.detail
    assert r11.date is None
    assert_subjects([r11])


def test_r5_first_term_year_ending_in_the_year_checked():
    svc = village(secretary_start=date(2025, 3, 1))  # first term year: 2025-03-01 .. 2026-02-28
    for home in [*svc.homes, svc.needy]:
        visit(svc, svc.wang, home, date(2025, 6, 1))
    visit(svc, svc.wang, svc.other, date(2026, 3, 1))  # a day too late
    all_r5 = of(svc.year_findings(2026), "R5")
    assert {f.status for f in all_r5 if f.cadre == "李秀英"} == {"open"}  # her window runs: shown open
    r5 = [f for f in all_r5 if f.cadre == "王建国"]
    assert len(r5) == 14
    assert [f.household for f in r5 if not f.ok] == ["0202"]
    assert of(svc.year_findings(2025), "R5") == []  # the window ends in 2026, judged then
    assert_subjects(r5)


def test_december_to_january_each_month_judged_on_its_own_visits(svc):
    svc.save_pairing(Pairing(cadre_id=svc.zhang.id, household_id=svc.needy.id, kind="帮扶",
                             start=date(2025, 12, 1)))
    visit(svc, svc.zhang, svc.needy, date(2025, 12, 31))
    for home in svc.homes[:10]:
        visit(svc, svc.wang, home, date(2025, 12, 31))
    dec, jan = svc.month_findings(2025, 12), svc.month_findings(2026, 1)
    pair = lambda fs: [f.ok for f in of(fs, "R12") if f.household == "0201"]  # noqa: E731
    assert pair(dec) == [True] and pair(jan) == [False]
    assert [f.ok for f in of(dec, "R6")] == [True] and [f.actual for f in of(jan, "R6")] == [0]
    assert len(of(dec, "R1")) == 31 and of(dec, "R1")[-1].date == date(2025, 12, 31)
    assert of(jan, "R1")[0].date == date(2026, 1, 1)


def test_february_of_a_leap_year_and_a_term_starting_mid_february():
    svc = village(today=date(2024, 3, 10), secretary_start=date(2020, 1, 1), director_start=date(2024, 2, 15))
    for home in svc.homes[:6]:
        visit(svc, svc.li, home, date(2024, 2, 29))
    findings = svc.month_findings(2024, 2)
    assert len(of(findings, "R1")) == 29 and of(findings, "R1")[-1].date == date(2024, 2, 29)
    [li] = [f for f in of(findings, "R6") if f.cadre == "李秀英"]
    assert (li.required, li.actual, li.ok) == (6, 6, True)  # ceil(10 * 15 / 29)
    assert "15/29" in li.detail


def test_r5_window_of_a_term_starting_on_29_february():
    svc = village(today=date(2025, 3, 5), secretary_start=date(2024, 2, 29))
    for home in [*svc.homes, svc.needy, svc.other]:
        visit(svc, svc.wang, home, date(2024, 3, 1))
    assert of(svc.year_findings(2024), "R5") == []
    r5 = of(svc.year_findings(2025), "R5")
    assert len(r5) == 14 and all(f.ok for f in r5)


def test_findings_serialise_with_the_keys_in_order(svc):
    svc.duty_sign_in(svc.wang.id, date(2026, 10, 5), "08:00")
    body = of(svc.month_findings(2026, 10), "R1")[4].to_json()
    assert list(body) == ["rule", "ok", "cadre", "household", "date", "item", "required", "actual", "detail",
                          "status", "cadre_id", "household_id", "required_max"]
    assert body["date"] == "2026-10-05" and body["ok"] is True


def test_yearly_assessment_sums_the_year_per_cadre(svc):
    svc.duty_sign_in(svc.wang.id, date(2026, 10, 5), "08:00")
    visit(svc, svc.zhang, svc.needy, date(2026, 3, 1))
    visit(svc, svc.zhang, svc.needy, date(2026, 4, 1))
    item = _item(svc, date(2026, 10, 1))
    svc.save_ledger_item(dataclasses.replace(item, handler_id=svc.zhang.id))
    svc.close_item(item.id, "已修好", "群众认可", "基本满意", date(2026, 10, 20))
    rows = {a.cadre: a for a in svc.yearly_assessment(2026)}
    assert set(rows) == {"王建国", "李秀英", "张伟"}
    assert rows["王建国"].duty_days >= 1
    assert (rows["张伟"].visits, rows["张伟"].households_visited) == (2, 1)
    r7 = rows["张伟"].rules["R7"]
    assert (r7.ok, r7.total) == (1, 1), "0201 visited twice is met; 0202 (once) is open while 2026 runs, not judged"
    assert rows["张伟"].items_handled == 1 and rows["张伟"].satisfaction["基本满意"] == 1
    assert rows["张伟"].rules["R5"].text() == "不适用"


def test_scorecard_rows_per_rule_and_cadre(svc):
    for home in svc.homes[:7]:
        visit(svc, svc.wang, home, date(2026, 10, 3))
    rows = build_scorecard(svc.month_findings(2026, 10), ["R1", "R2", "R6", "R9"])
    by_key = {(r.rule, r.subject): r for r in rows}
    wang = by_key[("R6", "王建国")]
    assert (wang.count, wang.goal, wang.percent, wang.ok) == (7, 10, 70, False)
    assert bar(wang.percent) == "#######---"
    assert wang.state(month_running=False) == "bad", "October has ended: 7 of 10 is missed"
    visit(svc, svc.wang, svc.homes[0], date(2026, 11, 3))
    [november] = [r for r in build_scorecard(svc.month_findings(2026, 11), ["R6"]) if r.subject == "王建国"]
    assert november.state(month_running=True) == "progress", "November runs: short of 10 is in progress"
    assert by_key[("R1", "全村")].goal == 31
    assert by_key[("R2", "全村")].findings == []  # no special period: an empty row
