"""Issue 16: each case of the issue, judged as it was then, with the corrected result."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.cli import main
from village_tui.domain.models import (Cadre, Household, LedgerItem, Leave, Matter, MatterStep, Pairing,
                                       ServiceRequest, VillageSettings, Visit)
from village_tui.service import VillageService

TODAY = date(2026, 11, 30)
LONG_AGO = date(2020, 1, 1)


def village(today: date = TODAY) -> VillageService:
    """桃源村: secretary 王建国 (since 2021), member 张伟 for 2组 who can mentor, 12 households in 1组, 4 in 2组."""
    svc = VillageService.in_memory(today=today)
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组", "2组"]))
    svc.wang = svc.save_cadre(Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"]))
    svc.zhang = svc.save_cadre(Cadre("张伟", "委员", date(2021, 1, 1), groups=["2组"], can_mentor=True))
    svc.homes = [svc.save_household(Household(f"01{n:02d}", f"农户{n}", "1组", registered_on=LONG_AGO,
                                              away=n == 10)) for n in range(1, 13)]
    svc.needy = [svc.save_household(Household(f"02{n:02d}", f"困难户{n}", "2组", registered_on=LONG_AGO,
                                              needs=["低保户"] if n < 4 else [])) for n in range(1, 5)]
    svc.sign_in(svc.wang.id)
    return svc


def visit(svc, cadre, home, day, way="入户"):
    return svc.save_visit(Visit(day=day, cadre_id=cadre.id, household_id=home.id, way=way))


def of(findings, rule, **subject):
    return [f for f in findings if f.rule == rule and all(getattr(f, k) == v for k, v in subject.items())]


# -- facts in force then -----------------------------------------------------

def test_clearing_an_away_mark_today_keeps_the_october_phone_visit():
    svc = village()
    for n, home in enumerate(svc.homes[:10], start=1):
        visit(svc, svc.wang, home, date(2026, 10, n), "电话" if n == 10 else "入户")
    [before] = of(svc.month_findings(2026, 10), "R6")
    away = svc.household(svc.homes[9].id)
    away.away = False
    svc.save_household(away)
    [after] = of(svc.month_findings(2026, 10), "R6")
    assert (before.actual, after.actual, after.status) == (10, 10, "met"), "the call was to a household away then"


def test_archiving_a_cadre_who_left_in_june_keeps_their_may_failure():
    svc = village()
    svc.save_pairing(Pairing(cadre_id=svc.zhang.id, household_id=svc.needy[0].id, kind="帮扶",
                             start=date(2026, 1, 1)))
    [may_before] = of(svc.month_findings(2026, 5), "R12", household="0201")
    svc.archive_cadre(svc.zhang.id, "调任乡镇", day=date(2026, 7, 1))
    [may_after] = of(svc.month_findings(2026, 5), "R12", household="0201")
    assert may_before.status == may_after.status == "missed"
    assert of(svc.month_findings(2026, 8), "R12", cadre="张伟") == [], "nothing is asked after the archive day"
    r11 = of(svc.year_findings(2026), "R11", cadre="张伟")
    assert r11 and r11[0].status == "missed", "R11 is still judged for the months in office"
    [row] = [a for a in svc.yearly_assessment(2026) if a.cadre_id == svc.zhang.id]
    assert row.rules["R12"].text() != "不适用" and row.rules["R11"].total == 1


def test_registering_a_household_today_adds_nothing_to_a_window_closed_in_february():
    svc = village(today=date(2027, 11, 30))
    svc.save_cadre(Cadre("李秀英", "主任", date(2026, 3, 1)))  # first term year: 2026-03-01 .. 2027-02-28
    before = of(svc.year_findings(2027), "R5")
    svc.save_household(Household("0113", "新户", "1组"))  # registered today
    after = of(svc.year_findings(2027), "R5")
    assert len(after) == len(before) == 16 and "0113" not in {f.household for f in after}


def test_a_household_that_moved_out_before_the_window_ended_is_excused_and_the_window_is_open_while_it_runs():
    svc = village(today=date(2026, 11, 30))
    li = svc.save_cadre(Cadre("李秀英", "主任", date(2026, 3, 1)))
    svc.archive_household(svc.homes[0].id, "迁往县城", day=date(2026, 6, 1))
    svc.archive_household(svc.homes[1].id, "迁往县城", day=date(2026, 6, 1))
    visit(svc, li, svc.homes[2], date(2026, 5, 1))
    r5 = of(svc.visit_year_findings(2026), "R5")  # the window runs into 2027: shown open in 2026
    assert {f.household for f in r5}.isdisjoint({"0101", "0102"}), "moved out before the window ended: excused"
    assert {f.status for f in r5} == {"met", "open"} and of(r5, "R5", household="0103")[0].status == "met"


def test_a_second_cadre_of_the_same_name_is_listed_apart_by_id_role_and_term():
    svc = village()
    other = svc.save_cadre(Cadre("张伟", "副主任", date(2024, 1, 1), groups=["1组"]))
    for n, home in enumerate(svc.homes[:2], start=1):
        visit(svc, svc.zhang, svc.needy[0], date(2025, 3 * n, 1))
        visit(svc, other, home, date(2025, 5, n))
    rows = {a.cadre_id: a for a in svc.yearly_assessment(2025) if a.cadre == "张伟"}
    assert set(rows) == {svc.zhang.id, other.id}
    assert (rows[svc.zhang.id].role, rows[other.id].role) == ("委员", "副主任")
    assert rows[svc.zhang.id].term != rows[other.id].term
    assert (rows[svc.zhang.id].visits, rows[other.id].visits) == (2, 2)
    assert rows[svc.zhang.id].households_visited == 1 and rows[other.id].households_visited == 2
    r7 = of(svc.year_findings(2025), "R7")
    assert {f.cadre_id for f in r7 if f.household == "0201"} == {svc.zhang.id}


# -- running periods are open ---------------------------------------------------

def test_a_month_not_begun_gives_only_planning_findings():
    svc = village()
    svc.save_request(ServiceRequest(day=date(2026, 11, 20), kind="医疗保险", applicant="李四",
                                    handler_id=svc.wang.id, due=date(2026, 12, 9)))
    december = svc.month_findings(2026, 12)
    assert {f.rule for f in december} == {"R1"} and all(f.status == "open" and f.actual == 0 for f in december)
    assert len(december) == 31 and december[0].detail == "无人排班，请安排值班"


def test_nothing_is_overdue_before_its_due_day():
    svc = village(today=date(2026, 11, 15))
    request = svc.save_request(ServiceRequest(day=date(2026, 11, 2), kind="农村低保", applicant="王五",
                                              handler_id=svc.wang.id, due=date(2026, 11, 20)))
    [r13] = of(svc.month_findings(2026, 11), "R13")
    assert r13.item == request.id and r13.status == "open" and "已超期" not in r13.detail
    assert r13.date == date(2026, 11, 20), "the date is the due day"


def test_a_running_month_short_of_its_visits_is_open_and_check_exits_0(tmp_path, capsys, monkeypatch):
    svc = village()
    for home in svc.homes[:4]:
        visit(svc, svc.wang, home, date(2026, 11, 2))
    [r6] = of(svc.month_findings(2026, 11), "R6")
    assert (r6.actual, r6.required, r6.ok, r6.status) == (4, 10, True, "open")


def test_rostered_days_to_come_are_not_duty():
    svc = village(today=date(2026, 11, 10))
    for day in range(11, 31):
        svc.set_on_duty(date(2026, 11, day), svc.wang.id, True)
    [r3] = of(svc.month_findings(2026, 11), "R3", cadre="王建国")
    assert r3.actual == 0 and r3.status == "open"
    assert all(f.status == "open" for f in of(svc.month_findings(2026, 11), "R1") if f.date > date(2026, 11, 10))


# -- counting as the notice says ---------------------------------------------------

def test_walk_ins_are_not_household_visits():
    svc = village()
    for n, home in enumerate(svc.homes[:10], start=1):
        visit(svc, svc.wang, home, date(2026, 10, n), "来访")
    [r6] = of(svc.month_findings(2026, 10), "R6")
    assert (r6.actual, r6.status) == (0, "missed")
    [row] = [a for a in svc.yearly_assessment(2026) if a.cadre_id == svc.wang.id]
    assert row.visits == 0, "the assessment counts only what R6-R8 count"


def test_a_needy_pairing_counts_only_with_a_household_in_hardship_then():
    svc = village()
    svc.save_pairing(Pairing(cadre_id=svc.zhang.id, household_id=svc.needy[3].id, kind="帮扶",
                             start=date(2026, 1, 1)))  # 0204 has no hardship category
    visit(svc, svc.zhang, svc.needy[3], date(2026, 10, 5))
    r12 = of(svc.month_findings(2026, 10), "R12", cadre="张伟")
    assert [(f.household, f.status) for f in r12] == [(None, "missed")]


def test_moving_out_ends_a_pairing_and_fewer_than_15_days_is_noted_not_judged():
    svc = village()
    svc.save_pairing(Pairing(cadre_id=svc.zhang.id, household_id=svc.needy[0].id, kind="帮扶",
                             start=date(2026, 1, 1)))
    svc.archive_household(svc.needy[0].id, "迁往县城", day=date(2026, 9, 10))
    september = of(svc.month_findings(2026, 9), "R12", household="0201")
    assert september[0].status == "met" and september[0].required == 0 and "不足15天" in september[0].detail
    assert of(svc.month_findings(2026, 10), "R12", household="0201") == []


def test_mentoring_is_judged_at_each_month_end():
    svc = village(today=date(2027, 1, 5))
    steady = svc.zhang
    late = svc.save_cadre(Cadre("刘芳", "委员", date(2021, 1, 1), can_mentor=True))
    for n in range(3):
        svc.save_pairing(Pairing(cadre_id=steady.id, household_id=svc.homes[n].id, kind="帮带",
                                 start=date(2026, 1, 1)))
        svc.save_pairing(Pairing(cadre_id=late.id, household_id=svc.homes[n + 3].id, kind="帮带",
                                 start=date(2026, 12, 31)))
    r11 = {f.cadre: f for f in of(svc.year_findings(2026), "R11")}
    assert r11["张伟"].status == "met" and (r11["张伟"].required, r11["张伟"].required_max) == (3, 5)
    assert r11["刘芳"].status == "missed" and "1月0户" in r11["刘芳"].detail and "12月" not in r11["刘芳"].detail


def test_r6_names_leave_days_and_r7_is_pro_rata_rounded_up():
    svc = village(today=date(2027, 1, 5))
    wang = svc.cadre(svc.wang.id)
    wang.leaves = [Leave(date(2026, 10, 12), date(2026, 10, 16), "县委党校培训")]
    svc.save_cadre(wang)
    [r6] = of(svc.month_findings(2026, 10), "R6")
    assert r6.required == 10 and "请假：2026年10月12日至2026年10月16日（县委党校培训）" in r6.detail
    newcomer = svc.save_cadre(Cadre("陈红", "委员", date(2026, 10, 1), groups=["1组"]))
    r7 = of(svc.year_findings(2026), "R7", cadre_id=newcomer.id)
    assert r7 and {f.required for f in r7} == {1}, "2 x 92 / 365 rounded up"


def test_ledger_items_closed_late_once_and_escalated_ones_on_their_reply():
    svc = village()
    item = svc.save_ledger_item(LedgerItem(day=date(2026, 9, 1), source="来访", category="饮水", content="水管破裂",
                                           household_id=svc.homes[0].id, handler_id=svc.zhang.id,
                                           due=date(2026, 9, 20)))
    svc.close_item(item.id, "已修好", "", "满意", date(2026, 10, 3))
    assert [f.status for f in of(svc.month_findings(2026, 9), "R10")] == ["missed"]
    assert [f.status for f in of(svc.month_findings(2026, 10), "R10")] == ["missed"]
    assert of(svc.month_findings(2026, 11), "R10") == [], "closed late is reported once, when it closed"
    [row] = [a for a in svc.yearly_assessment(2026) if a.cadre_id == svc.zhang.id]
    assert row.items_handled == 1 and row.satisfaction["满意"] == 1


def test_items_opened_in_december_and_closed_in_january_count_for_the_year_they_were_handled():
    svc = village(today=date(2027, 2, 10))
    item = svc.save_ledger_item(LedgerItem(day=date(2026, 12, 20), source="来访", category="行路", content="路灯",
                                           reporter="李四", handler_id=svc.zhang.id, due=date(2027, 1, 10)))
    svc.close_item(item.id, "已修好", "", "基本满意", date(2027, 1, 5))
    [row] = [a for a in svc.yearly_assessment(2027) if a.cadre_id == svc.zhang.id]
    assert row.items_handled == 1 and row.satisfaction["基本满意"] == 1


def test_a_request_without_a_handler_and_deliberations_and_promises_are_findings():
    svc = village()
    # the desk gives a request the cadre on duty; one imported or kept from before may have none
    svc.records.insert(ServiceRequest(day=date(2026, 10, 5), kind="建房审批", applicant="赵六", due=date(2026, 10, 25)),
                       "王建国")
    october = svc.month_findings(2026, 10)
    assert any("没有经办人" in f.detail and f.status == "missed" for f in of(october, "R13"))
    matter = Matter(title="三组饮水改造", category="饮水", steps=[
        MatterStep(step="干群议事", day=date(2026, 9, 5), participants=[], content="改水"),
        MatterStep(step="集体定事", day=date(2026, 9, 10), outcome="同意"),
        MatterStep(step="承诺干事", day=date(2026, 9, 12), responsible_id=svc.wang.id, promised=date(2026, 9, 30))])
    svc.records.insert(matter, "王建国")
    september = of(svc.month_findings(2026, 9), "R14")
    assert [f.status for f in september] == ["missed"] and "缺少参与人员、议事结果" in september[0].detail
    [promise] = of(svc.month_findings(2026, 10), "R14")
    assert promise.status == "missed" and promise.date == date(2026, 9, 30) and "已过期" in promise.detail


# -- the assessment ------------------------------------------------------------

def test_assessment_reports_pairing_months_apart_and_leaves_the_running_month_out():
    svc = village()
    svc.save_pairing(Pairing(cadre_id=svc.zhang.id, household_id=svc.needy[0].id, kind="帮扶",
                             start=date(2026, 9, 1)))
    visit(svc, svc.zhang, svc.needy[0], date(2026, 9, 3))
    [row] = [a for a in svc.yearly_assessment(2026) if a.cadre_id == svc.zhang.id]
    assert row.rules["R12"].text() == "2/10", "has a pairing: September and October of the ten ended months"
    assert row.pairing_months.text() == "1/2", "visited in September, not in October; November still runs"
    assert row.rates["R12走访"] == 50 and row.score is not None
    svc.set_assessment_weights("R12走访 3")
    [weighted] = [a for a in svc.yearly_assessment(2026) if a.cadre_id == svc.zhang.id]
    assert weighted.weights["R12走访"] == 3 and weighted.score != row.score


# -- the command ---------------------------------------------------------------

@pytest.fixture
def pinned(monkeypatch):
    from village_tui.service import core

    original = core.ServiceBase.__init__

    def pin(self, folder, today=None):
        original(self, folder, today or TODAY)

    monkeypatch.setattr(core.ServiceBase, "__init__", pin)


def _check(capsys, folder, *args) -> tuple[int, str, str]:
    code = main(["check", "--data", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("args", [["--year", "0000"], ["--year", "2101"], ["--month", "2026-13"], ["--month", "26年"]])
def test_a_year_or_month_out_of_range_is_a_chinese_message_and_exit_2(tmp_path, capsys, pinned, args):
    svc = VillageService.open(tmp_path / "v", today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组"]))
    svc.close()
    code, out, err = _check(capsys, tmp_path / "v", *args)
    assert code == 2 and out == "" and err.startswith("错误：") and "Traceback" not in err


def test_a_past_month_stays_byte_identical_after_todays_changes(tmp_path, capsys, pinned):
    folder = tmp_path / "v"
    svc = VillageService.open(folder, today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组", "2组"]))
    wang = svc.save_cadre(Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"]))
    zhang = svc.save_cadre(Cadre("张伟", "委员", date(2021, 1, 1), groups=["2组"], can_mentor=True))
    homes = [svc.save_household(Household(f"01{n:02d}", f"农户{n}", "1组", registered_on=LONG_AGO, away=n == 10,
                                          needs=["低保户"] if n == 1 else [])) for n in range(1, 11)]
    svc.sign_in(wang.id)
    svc.save_pairing(Pairing(cadre_id=zhang.id, household_id=homes[0].id, kind="帮扶", start=date(2026, 1, 1)))
    for n, home in enumerate(homes, start=1):
        svc.save_visit(Visit(day=date(2026, 10, n), cadre_id=wang.id, household_id=home.id,
                             way="电话" if n == 10 else "入户"))
        svc.duty_sign_in(wang.id, date(2026, 10, n), "08:30")
    svc.close()
    code, first, _ = _check(capsys, folder, "--month", "2026-10", "--json")
    changes = [
        lambda s: s.save_household(
            __import__("dataclasses").replace(s.household(homes[9].id), away=False)),
        lambda s: s.archive_cadre(zhang.id, "调任乡镇"),
        lambda s: s.save_household(Household("0111", "新户", "1组")),
        lambda s: s.save_cadre(Cadre("张伟", "委员", date(2026, 11, 1), groups=["1组"])),
    ]
    for change in changes:
        svc = VillageService.open(folder, today=TODAY)
        change(svc)
        svc.close()
        code_after, again, _ = _check(capsys, folder, "--month", "2026-10", "--json")
        assert again == first and code_after == code


def test_the_current_month_of_the_demo_exits_0_unless_something_is_definitively_missed(tmp_path, capsys, pinned):
    from village_tui.demo import generate_demo

    generate_demo(tmp_path / "demo", scale="small", seed=1, until=TODAY)
    code, out, _ = _check(capsys, tmp_path / "demo", "--month", "2026-11", "--json")
    import json

    findings = json.loads(out)["findings"]
    missed = [f for f in findings if f["status"] == "missed"]
    assert code == (1 if missed else 0)
    assert all(f["ok"] == (f["status"] != "missed") for f in findings)
    for f in missed:  # only what can no longer be met: a past day, or a due day already passed
        assert f["rule"] in {"R1", "R2", "R10", "R13", "R14"} and f["date"] is not None and f["date"] < "2026-11-30", f


def test_two_cadres_of_one_name_get_two_scorecard_rows_and_two_report_lines(tmp_path, capsys, pinned):
    from village_tui.domain.scorecard import build_scorecard, cadre_labels

    svc = village()
    other = svc.save_cadre(Cadre("张伟", "副主任", date(2024, 1, 1), groups=["1组"]))
    for cadre in (svc.zhang, other):
        svc.save_pairing(Pairing(cadre_id=cadre.id, household_id=svc.needy[0].id, kind="帮扶",
                                 start=date(2026, 1, 1)))
    visit(svc, other, svc.needy[0], date(2026, 10, 9))
    rows = [r for r in build_scorecard(svc.month_findings(2026, 10), ["R12"], cadre_labels(svc.cadres()))
            if r.subject.startswith("张伟")]
    assert {r.subject: r.ok for r in rows} == {"张伟（委员）": False, "张伟（副主任）": True}


def test_import_refuses_a_row_naming_a_cadre_whose_name_two_cadres_share(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from import_fixtures import write_workbook
    from village_tui.imports import plan_file

    svc = village()
    svc.save_cadre(Cadre("张伟", "副主任", date(2024, 1, 1), groups=["1组"]))
    book = write_workbook(tmp_path / "走访.xlsx", {
        "走访": [["日期", "干部", "户编号", "方式", "情况", "诉求"],
                 ["2026-11-03", "张伟", "0101", "入户", "身体尚好", ""],
                 ["2026-11-04", "王建国", "0102", "入户", "", ""]],
        "民情": [["编号", "登记日期", "来源", "户编号", "类别", "内容", "层级", "状态", "承办人", "期限", "办结日期", "满意度"],
                 ["", "2026-10-08", "走访", "0101", "住房", "屋顶漏雨", "村", "已办结", "王建国", "2026-10-30",
                  "2026-10-20", ""]],
    }, village=False)
    plan = plan_file(svc, book)
    messages = [p.message for p in plan.problems]
    assert any("有2位干部都叫「张伟」" in m and "委员" in m and "副主任" in m for m in messages), messages
    assert any("满意度" in m for m in messages), "closing needs a satisfaction rating, also on import (R15)"
    assert len(plan.problems) == 2, "the row naming 王建国 is fine"


def test_assessment_visit_totals_leave_out_calls_r8_rejects():
    svc = village()
    visit(svc, svc.zhang, svc.homes[0], date(2026, 10, 3), "电话")  # 0101 is at home: R8 rejects the call
    visit(svc, svc.zhang, svc.homes[9], date(2026, 10, 4), "电话")  # 0110 is away: the call counts
    visit(svc, svc.zhang, svc.needy[0], date(2026, 10, 5))
    [row] = [a for a in svc.yearly_assessment(2026) if a.cadre_id == svc.zhang.id]
    assert (row.visits, row.households_visited) == (2, 2)
