"""Import of history (issue 16 item 8): the 农户变动 sheet and the 农户 sheet's 登记日期.

A workbook says that 王大山 (0001) went away on 2026-10-01 and came back on 2026-11-10,
that 曾小明 (0002) became a 低保户 on 2026-03-01 and that 单丽华 (0003) moved out on
2026-10-20. The month checks of the past then judge by the facts of the time: a phone
call to 0001 counts in October (away then) but not in November, and the 帮扶 pairing with
0002 counts in March but not in February.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from import_fixtures import VILLAGE, write_workbook
from village_tui.cli import main
from village_tui.domain import dates
from village_tui.imports import apply_plan, plan_file
from village_tui.imports.readers import Sheet
from village_tui.imports.plan import build_plan
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)
VILLAGE_ARGS = ["--village", VILLAGE[0], "--township", VILLAGE[1], "--county", VILLAGE[2]]
CHANGES = [["户编号", "变动日期", "项目", "新值"],
           ["0001", "2026-10-01", "外出", "是"],
           ["0001", "2026年11月10日", "外出", "否"],
           ["0002", "2026-03-01", "困难类别", "低保户"],
           ["0003", "2026-10-20", "迁出", ""],
           ["0004", "2026-10-05", "组别", "1组"]]


def _book(tmp_path, changes=CHANGES):
    return write_workbook(tmp_path / "历史.xlsx", {
        "干部": [["姓名", "职务", "任期开始", "负责组别"],
                 ["张建国", "书记", "2024-01-05", "1组"],
                 ["李秀英", "委员", "2024-01-05", "2组"]],
        "农户": [["户编号", "户主", "组别", "外出", "困难类别", "登记日期"],
                 ["0001", "王大山", "1组", "否", "", ""],
                 ["0002", "曾小明", "1组", "否", "", ""],
                 ["0003", "单丽华", "2组", "否", "", ""],
                 ["0004", "赵四", "2组", "否", "", "2026-09-01"]],
        "农户变动": changes,
        "走访": [["日期", "干部", "户编号", "方式"],
                 ["2026-10-15", "张建国", "0001", "电话"],
                 ["2026-11-15", "张建国", "0001", "电话"]],
        "帮扶": [["干部", "户编号", "类型", "开始日期"],
                 ["张建国", "0002", "帮扶", "2026-01-01"]],
    })


@pytest.fixture
def imported(tmp_path, clock, capsys):
    clock.set(TODAY)
    data = tmp_path / "data"
    assert main(["import", str(_book(tmp_path)), "--data", str(data), *VILLAGE_ARGS]) == 0
    assert "农户变动 新增 5 条" in capsys.readouterr().out
    return data


def _findings(capsys, data, month: str) -> list[dict]:
    capsys.readouterr()
    main(["check", "--month", month, "--data", str(data), "--json"])
    return json.loads(capsys.readouterr().out)["findings"]


def _r6(findings) -> dict:
    return next(f for f in findings if f["rule"] == "R6" and f["cadre"] == "张建国")


def _r12(findings) -> list[dict]:
    return [f for f in findings if f["rule"] == "R12" and f["cadre"] == "张建国"]


def test_past_months_are_judged_by_the_imported_facts_of_the_time(imported, capsys):
    assert _r6(_findings(capsys, imported, "2026-10"))["actual"] == 1  # 0001 was away: the call counts
    assert _r6(_findings(capsys, imported, "2026-11"))["actual"] == 0  # back home since 11-10: it does not
    february, march = _findings(capsys, imported, "2026-02"), _findings(capsys, imported, "2026-03")
    assert [f["detail"] for f in _r12(february)] == ["本月没有结对帮扶的困难户"]  # 0002 was not yet a 低保户
    assert "0002" in [f["household"] for f in _r12(march)]  # now it was: the pairing is judged (not visited)


def test_the_households_keep_their_dated_facts(imported):
    service = VillageService.open(imported, readonly=True, today=TODAY)
    try:
        by_code = {h.code: h for h in service.households(include_archived=True)}
    finally:
        service.close()
    wang, zeng, shan, zhao = (by_code[c] for c in ("0001", "0002", "0003", "0004"))
    assert (wang.away_on(date(2026, 9, 30)), wang.away_on(date(2026, 10, 1)), wang.away_on(date(2026, 11, 10))) \
        == (False, True, False)
    assert wang.away is False  # the latest value
    assert zeng.needs_on(date(2026, 2, 28)) == [] and zeng.needs_on(date(2026, 3, 1)) == ["低保户"]
    assert shan.left_on == date(2026, 10, 20) and shan.archived
    assert shan.resident_on(date(2026, 10, 19)) and not shan.resident_on(date(2026, 10, 20))
    assert zhao.registered_on == date(2026, 9, 1) and wang.registered_on is None  # empty: there before every record
    assert zhao.group == "1组" and [m.group for m in zhao.group_history] == ["2组"]


def test_importing_the_same_workbook_again_changes_nothing(imported, tmp_path, capsys):
    def saved():  # the reference file and the saves not yet compacted into it
        return [(imported / name).read_bytes() for name in ("reference.json", "journal.jsonl")
                if (imported / name).exists()]

    before = saved()
    assert main(["import", str(tmp_path / "历史.xlsx"), "--data", str(imported)]) == 0
    assert "没有需要新增或更新的记录" in capsys.readouterr().out
    assert saved() == before


def test_changes_for_households_already_kept_and_bad_rows(imported, tmp_path, capsys):
    changes_only = write_workbook(tmp_path / "变动.xlsx", {"农户变动": [
        ["户编号", "变动日期", "项目", "新值"],
        ["0002", "2026-06-01", "外出", "是"],
        ["0009", "2026-06-01", "外出", "是"],
        ["0001", "2026-06-01", "外出", ""],
        ["0001", "2026-06-01", "户主", "王小山"],
        ["0002", "2026-06-01", "困难类别", "低保户、五保户"],
        ["0004", "2026-08-01", "外出", "是"]]}, village=False)
    service = VillageService.open(imported, today=TODAY)
    try:
        plan = plan_file(service, changes_only)
        problems = {(p.row, p.column): p.message for p in plan.problems}
        assert "没有户编号为 0009 的农户" in problems[(3, "户编号")]
        assert problems[(4, "新值")] == "外出的新值应填「是」或「否」"
        assert problems[(5, "项目")].startswith("项目应为：外出、困难类别、组别、迁出")
        assert "五保户" in problems[(6, "新值")]
        assert "早于这户的登记日期" in problems[(7, "变动日期")]
        apply_plan(service, plan, skip_bad=True)
        zeng = next(h for h in service.households() if h.code == "0002")
        assert zeng.away_on(date(2026, 5, 31)) is False and zeng.away_on(date(2026, 6, 1)) is True
        assert zeng.needs_on(date(2026, 3, 1)) == ["低保户"]  # the earlier import's change is kept
    finally:
        service.close()


def test_a_change_in_a_reported_month_is_refused(tmp_path):
    service = VillageService.in_memory(today=TODAY)
    plan = build_plan(service, [Sheet("农户", ["户编号", "户主", "组别"], [(2, {"户编号": "0001", "户主": "王大山",
                                                                          "组别": "1组"})])],
                      village=VILLAGE)
    apply_plan(service, plan)
    settings = service.settings()
    settings.locked_before = date(2026, 11, 1)
    service.save_settings(settings)
    plan = build_plan(service, [Sheet("农户变动", ["户编号", "变动日期", "项目", "新值"],
                                      [(2, {"户编号": "0001", "变动日期": "2026-10-01", "项目": "迁出", "新值": ""})])])
    assert [str(p) for p in plan.problems] == ["农户变动表第2行「变动日期」列：2026年11月1日以前的记录已随上报锁定，不能导入"]


def test_the_template_has_the_changes_sheet_and_its_example_imports(tmp_path, clock, capsys):
    from village_tui.imports.readers import read_file

    clock.set(TODAY)
    assert main(["template", str(tmp_path / "模板")]) == 0
    sheets = {s.name: s for s in read_file(tmp_path / "模板" / "导入模板.xlsx")}
    assert sheets["农户变动"].headers == ["户编号", "变动日期", "项目", "新值"]
    assert "登记日期" in sheets["农户"].headers
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "模板" / "导入模板.xlsx")
    assert "迁出不填" in book["农户变动"]["D1"].comment.text  # what 新值 takes, on its header
    assert "空白表示一直住在村里" in book["农户"]["J1"].comment.text
    data = tmp_path / "data"
    assert main(["import", str(tmp_path / "模板" / "导入模板.xlsx"), "--data", str(data), *VILLAGE_ARGS]) == 0
    service = VillageService.open(data, readonly=True, today=TODAY)
    try:
        (household,) = service.households()
        assert household.away_on(date(2026, 2, 28)) is False and household.away_on(date(2026, 3, 1)) is True
    finally:
        service.close()
