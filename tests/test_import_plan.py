"""Importing a whole workbook into an empty folder, and what the checks then find."""

from __future__ import annotations

import pytest

from village_tui.imports import ImportRefused, apply_plan, plan_file
from village_tui.service import VillageService

from import_fixtures import TODAY, VILLAGE, sheets, write_workbook


@pytest.fixture
def service():
    return VillageService.in_memory(today=TODAY)


def test_workbook_sets_up_an_empty_folder(service, tmp_path):
    book = write_workbook(tmp_path / "台账.xlsx")
    plan = plan_file(service, book)
    assert plan.problems == []
    assert any("备注" in n and "忽略" in n for n in plan.notes)
    apply_plan(service, plan)
    settings = service.settings()
    assert (settings.name, settings.township, settings.county) == VILLAGE
    assert settings.groups == ["1组", "2组", "3组"]
    assert [h.group for h in service.households()] == ["1组", "1组", "2组", "3组"]
    li = next(c for c in service.cadres() if c.name == "李秀英")
    assert li.groups == ["2组", "3组"] and li.can_mentor
    assert service.household_by_code("0003").away


def test_month_and_year_checks_report_what_the_sheets_imply(service, tmp_path):
    apply_plan(service, plan_file(service, write_workbook(tmp_path / "台账.xlsx")))
    november = service.month_findings(2026, 11)
    r1 = {f.date.day: f for f in november if f.rule == "R1"}
    assert r1[1].ok and r1[2].ok and r1[10].ok  # serial 46327, 20261102, 2026-11-10 were sign-ins
    assert not r1[3].ok
    assert r1[30].ok  # a coming day with a rostered cadre
    r2 = {(f.date.day, f.cadre): f.ok for f in november if f.rule == "R2"}
    assert r2 == {(10, "张建国"): True, (10, "李秀英"): True, (11, "张建国"): False, (11, "李秀英"): False}
    r9 = [f for f in november if f.rule == "R9"]
    assert r9[0].ok and "议定1件" in r9[0].detail
    r6 = next(f for f in november if f.rule == "R6" and f.cadre == "张建国")
    assert r6.status == "open" and r6.actual == 1  # November still runs
    r12 = [f for f in november if f.rule == "R12" and f.household == "0002"]
    assert {f.cadre: f.actual for f in r12} == {"张建国": 0, "李秀英": 1}
    october = service.month_findings(2026, 10)
    assert [f.ok for f in october if f.rule == "R12" and f.household == "0002"] == [False, False]
    r9 = [f for f in october if f.rule == "R9"]
    assert r9[0].ok
    r10 = [f for f in november if f.rule == "R10"]
    # due 11-10 but escalated to the township on 11-03: judged on the escalation and the reply, not as overdue
    assert any(f.item == "2026-0003" and f.status == "open" and "等待答复" in f.detail for f in r10)
    year = service.year_findings(2026)
    r7 = {(f.cadre, f.household): f for f in year if f.rule == "R7"}
    assert r7[("李秀英", "0003")].actual == 1  # the phone call counts: the household is away
    assert r7[("李秀英", "0003")].status == "open"  # 2026 still runs: the second visit can come


def test_ledger_numbers_are_kept_and_gaps_held_by_placeholders(service, tmp_path):
    plan = plan_file(service, write_workbook(tmp_path / "台账.xlsx"))
    assert any("2026-0002" in n for n in plan.notes)
    apply_plan(service, plan)
    assert service.ledger_item("2026-0001").content == "屋顶漏雨"
    item = service.ledger_item("2026-0003")
    assert item.content == "村道破损" and item.level == "乡镇" and item.escalations[0].level == "乡镇"
    assert service.ledger_item("2026-0002").cancelled
    assert [i.id for i in service.ledger_items(2026)] == ["2026-0003", "2026-0001"]


def test_filling_a_placeholder_later(service, tmp_path):
    apply_plan(service, plan_file(service, write_workbook(tmp_path / "台账.xlsx")))
    data = sheets()
    data["民情"].append(["2026-0002", "2026-10-09", "来访", "0002", "饮水", "水管漏水", "", "受理", "", "", "", ""])
    plan = plan_file(service, write_workbook(tmp_path / "补充.xlsx", data))
    assert plan.kinds["民情"].adds == 0 and len(plan.kinds["民情"].update) == 1
    apply_plan(service, plan)
    item = service.ledger_item("2026-0002")
    assert not item.cancelled and item.content == "水管漏水"


def test_importing_twice_adds_nothing(service, tmp_path):
    book = write_workbook(tmp_path / "台账.xlsx")
    apply_plan(service, plan_file(service, book))
    again = plan_file(service, book)
    assert again.ok and again.empty
    assert all(k.adds == 0 and not k.update for k in again.kinds.values())
    assert again.kinds["走访"].unchanged == 3


def test_changed_rows_update_matched_records(service, tmp_path):
    apply_plan(service, plan_file(service, write_workbook(tmp_path / "台账.xlsx")))
    data = sheets()
    data["农户"][1][1] = "王大水"
    data["农户"][1][3] = "2"
    data["走访"][1][4] = "身体好多了"
    plan = plan_file(service, write_workbook(tmp_path / "改.xlsx", data))
    assert len(plan.kinds["农户"].update) == 1 and plan.kinds["农户"].adds == 0
    apply_plan(service, plan)
    household = service.household_by_code("0001")
    assert household.head == "王大水" and household.group == "2组"
    assert household.group_history[0].group == "1组"
    assert service.visits(2026, 11, household_id=household.id).rows[0].learned == "身体好多了"


def test_first_import_needs_the_village(service, tmp_path):
    plan = plan_file(service, write_workbook(tmp_path / "台账.xlsx", village=False))
    assert any(p.sheet == "村" and "--village" in p.message for p in plan.problems)
    with pytest.raises(ImportRefused):
        apply_plan(service, plan, skip_bad=True)
    assert not service.is_set_up()
    plan = plan_file(service, tmp_path / "台账.xlsx", village=VILLAGE)
    assert plan.ok


def test_unknown_group_refused_once_the_village_has_people(service, tmp_path):
    apply_plan(service, plan_file(service, write_workbook(tmp_path / "台账.xlsx")))
    data = {"农户": [sheets()["农户"][0], ["0009", "钱五", "", "九组", 1, "", "", "", ""]]}
    plan = plan_file(service, write_workbook(tmp_path / "新.xlsx", data, village=False))
    assert [(p.row, p.column) for p in plan.problems] == [(2, "组别")]
    assert "9组" in plan.problems[0].message
