"""The import never merges two people: a 干部 row is a cadre by 干部编号, or by a name whose role and term agree.

The village has 刘雪 (委员, 1组, since 2024-03-01, 干部编号 2). A new 主任 also called 刘雪
starts on 2026-11-01: without 干部编号 the row is a problem naming both; 「新」 adds her;
her number updates the one already kept.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

from import_fixtures import write_workbook
from village_tui.cli import main
from village_tui.domain.models import Cadre, VillageSettings
from village_tui.imports import apply_plan, plan_file
from village_tui.imports.template import write_templates
from village_tui.service import VillageService

HEADERS = ["姓名", "职务", "任期开始", "任期结束", "负责组别", "帮带", "电话", "干部编号"]


def build(service: VillageService) -> VillageService:
    service.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组", "2组"]))
    service.save_cadre(Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"]))
    service.save_cadre(Cadre("刘雪", "委员", date(2024, 3, 1), groups=["1组"]))
    return service


@pytest.fixture
def service():
    return build(VillageService.in_memory())


def _book(tmp_path, *rows, name: str = "干部.xlsx"):
    return write_workbook(tmp_path / name, {"干部": [HEADERS, *rows]}, village=False)


def test_a_row_with_a_known_name_but_another_role_and_term_is_a_problem_naming_both(service, tmp_path):
    plan = plan_file(service, _book(tmp_path, ["刘雪", "主任", "2026-11-01", "", "2组", "否", "", ""]))
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("干部", 2, "姓名")]
    message = plan.problems[0].message
    assert message == ("已有干部刘雪（干部编号 2，委员，任期自2024年3月1日起），这一行的刘雪（主任，任期自2026年11月1日起）"
                       "职务或任期与之不同，无法确定是不是同一个人：是同一人请在「干部编号」列填 2，是另一个人请填「新」")
    assert plan.kinds["干部"].update == [] and plan.kinds["干部"].add == []


def test_the_same_row_without_the_column_is_a_problem_too(service, tmp_path):
    book = write_workbook(tmp_path / "旧模板.xlsx", {"干部": [HEADERS[:-1], ["刘雪", "委员", "2026-01-01", "", "2组", "否", ""]]},
                          village=False)
    plan = plan_file(service, book)
    assert len(plan.problems) == 1 and "任期自2026年1月1日起" in plan.problems[0].message
    liu = service.cadre(2)
    assert (liu.term_start, liu.groups, liu.past_terms) == (date(2024, 3, 1), ["1组"], [])


def test_new_in_the_number_column_adds_another_person_and_keeps_the_first(service, tmp_path):
    plan = plan_file(service, _book(tmp_path, ["刘雪", "主任", "2026-11-01", "", "2组", "否", "", "新"]))
    assert plan.ok and len(plan.kinds["干部"].add) == 1 and plan.kinds["干部"].update == []
    apply_plan(service, plan)
    both = sorted((c.id, c.role, c.term_start, c.groups) for c in service.cadres() if c.name == "刘雪")
    assert both == [(2, "委员", date(2024, 3, 1), ["1组"]), (3, "主任", date(2026, 11, 1), ["2组"])]
    assert service.cadre(2).past_terms == [] and service.cadre(2).groups_on(date(2026, 11, 27)) == ["1组"]


def test_the_number_updates_that_cadre(service, tmp_path):
    plan = plan_file(service, _book(tmp_path, ["刘雪", "委员", "2024-03-01", "", "1组、2组", "否", "13800001111", 2]))
    assert plan.ok and len(plan.kinds["干部"].update) == 1 and plan.kinds["干部"].add == []
    apply_plan(service, plan)
    liu = service.cadre(2)
    assert liu.groups == ["1组", "2组"] and liu.phone == "13800001111"
    assert [c.name for c in service.cadres()].count("刘雪") == 1


def test_a_number_that_names_another_cadre_or_nobody_is_a_problem(service, tmp_path):
    plan = plan_file(service, _book(tmp_path, ["刘雪", "委员", "2024-03-01", "", "1组", "否", "", "1"],
                                    ["赵明", "委员", "2026-11-01", "", "2组", "否", "", "9"]))
    found = {(p.row, p.column): p.message for p in plan.problems}
    assert found == {
        (2, "干部编号"): "干部编号 1 是王建国（干部编号 1，书记，任期自2021年1月1日起），不是「刘雪」，请核对",
        (3, "干部编号"): "没有干部编号为 9 的干部（新增一位干部请填「新」，或不填）",
    }


def test_a_row_that_agrees_with_the_cadre_kept_still_matches_by_name(service, tmp_path):
    plan = plan_file(service, _book(tmp_path, ["刘雪", "委员", "2024-03-01", "2026-12-31", "1组", "否", "", ""]))
    assert plan.ok and len(plan.kinds["干部"].update) == 1
    apply_plan(service, plan)
    assert service.cadre(2).term_end == date(2026, 12, 31)


def test_after_a_new_namesake_the_other_sheets_cannot_name_her(service, tmp_path):
    book = write_workbook(tmp_path / "台账.xlsx", {
        "干部": [HEADERS, ["刘雪", "主任", "2026-11-01", "", "2组", "否", "", "新"]],
        "值班": [["日期", "值班干部", "签到时间", "接待人次", "备注"], ["2026-11-02", "刘雪", "08:30", "", ""]],
    }, village=False)
    plan = plan_file(service, book)
    assert [(p.sheet, p.column) for p in plan.problems] == [("值班", "值班干部")]
    assert "有2位干部都叫「刘雪」" in plan.problems[0].message


def test_the_import_command_names_both_and_writes_nothing(tmp_path, capsys):
    folder = tmp_path / "data"
    build(VillageService.open(folder)).close()
    book = _book(tmp_path, ["刘雪", "主任", "2026-11-01", "", "2组", "否", "", ""])
    assert main(["import", str(book), "--data", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "干部表第2行「姓名」列：已有干部刘雪（干部编号 2" in out and "是另一个人请填「新」" in out
    assert "更新 1 条" not in out
    service = VillageService.open(folder)
    assert sorted((c.id, c.name, c.role, c.term_start) for c in service.cadres()) == [
        (1, "王建国", "书记", date(2021, 1, 1)), (2, "刘雪", "委员", date(2024, 3, 1))]
    service.close()


def test_the_template_has_the_number_column_with_its_note(tmp_path):
    import openpyxl

    written = write_templates(tmp_path)
    sheet = openpyxl.load_workbook(written[0])["干部"]
    headers = [c.value for c in sheet[1]]
    assert headers[-1] == "干部编号"
    assert "「新」" in sheet.cell(row=1, column=len(headers)).comment.text
    with (tmp_path / "干部.csv").open(encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f))[-1] == "干部编号"


async def test_f10_shows_each_cadres_number_for_the_import():
    from textual.widgets import DataTable

    from village_tui.app import VillageApp
    from village_tui.screens.cadres.cadres import CadresScreen

    service = build(VillageService.in_memory())
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, CadresScreen)
        table = app.screen.query_one(DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        number = labels.index("干部编号")
        shown = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[number]) for i in range(table.row_count)}
        assert shown == {"王建国": "1", "刘雪": "2"}
