"""A village's obligations start on the day it was set up (issue 24, "Nothing before it could happen").

A village set up on 2026-12-06 is not judged for 1–5 December, and its first export does not
freeze November; history imported from before moves the start to the earliest imported record;
a folder from before the day was kept takes its earliest record.
"""

from __future__ import annotations

import json
from datetime import date

from textual.widgets import Input

from import_fixtures import VILLAGE, write_workbook
from village_tui.app import VillageApp
from village_tui.cli import main
from village_tui.domain.models import Cadre, VillageSettings
from village_tui.service import VillageService

SET_UP = date(2026, 12, 6)
VILLAGE_ARGS = ["--village", VILLAGE[0], "--township", VILLAGE[1], "--county", VILLAGE[2]]


def _new_village(folder) -> None:
    """Set up as the first-run screen does, on 2026-12-06, with one cadre in office since 2024."""
    service = VillageService.open(folder)
    service.set_up_village(VillageSettings(name="新村", township="武陵乡", county="大田县", groups=["1组"]))
    service.save_cadre(Cadre("陈新", "书记", date(2024, 1, 5), groups=["1组"]))
    service.close()


def _check(capsys, folder, month: str) -> list[dict]:
    capsys.readouterr()
    main(["check", "--data", str(folder), "--month", month, "--json"])
    return json.loads(capsys.readouterr().out)["findings"]


async def test_the_first_run_setup_stores_the_day_the_village_starts(clock):
    clock.set(SET_UP)
    service = VillageService.in_memory(today=SET_UP)
    app = VillageApp(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for selector, value in (("#name", "东风村"), ("#township", "青山镇"), ("#county", "田县"),
                                ("#groups", "1组"), ("#cadre_name", "张建国"), ("#cadre_term", "2024-01-05")):
            app.screen.query_one(selector, Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert service.settings().started_on == SET_UP
    assert service.obligations_start() == SET_UP


def test_days_before_the_set_up_are_not_judged(tmp_path, capsys, clock):
    """Measured on main: a village set up on 12-06 reported R1 不符合 for 12-01 to 12-05."""
    clock.set(SET_UP)
    _new_village(tmp_path / "data")
    r1 = [f for f in _check(capsys, tmp_path / "data", "2026-12") if f["rule"] == "R1"]
    assert [f["date"] for f in r1][:1] == ["2026-12-06"] and len(r1) == 26
    assert not any(f["status"] == "missed" for f in r1)
    assert _check(capsys, tmp_path / "data", "2026-11") == [], "November: the village was not in the program yet"
    r3 = [f for f in _check(capsys, tmp_path / "data", "2026-12") if f["rule"] == "R3"]
    assert r3 and "本月至今在任1天" in r3[0]["detail"], "R3 counts the days from the set-up that have come"


def test_the_first_export_does_not_freeze_a_month_before_the_set_up(tmp_path, capsys, clock):
    """Measured on main: the first export froze November, with 38 不符合, before the village existed here."""
    clock.set(SET_UP)
    _new_village(tmp_path / "data")
    (tmp_path / "U盘").mkdir()
    assert main(["export", str(tmp_path / "U盘"), "--data", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    assert "2026-11 的检查结果已保存" not in out
    assert not list((tmp_path / "data").glob("findings-*.json"))


def test_history_imported_moves_the_start_to_its_earliest_record(tmp_path, capsys, clock):
    clock.set(SET_UP)
    _new_village(tmp_path / "data")
    book = write_workbook(tmp_path / "历史.xlsx", {
        "农户": [["户编号", "户主", "组别", "外出", "困难类别", "登记日期"], ["0001", "王大山", "1组", "否", "", ""]],
        "走访": [["日期", "干部", "户编号", "方式"], ["2026-10-15", "陈新", "0001", "入户"]],
    })
    assert main(["import", str(book), "--data", str(tmp_path / "data")]) == 0
    service = VillageService.open(tmp_path / "data", readonly=True)
    try:
        assert service.settings().started_on == date(2026, 10, 15)
    finally:
        service.close()
    october = [f for f in _check(capsys, tmp_path / "data", "2026-10") if f["rule"] == "R1"]
    assert october[0]["date"] == "2026-10-15" and len(october) == 17


def test_a_folder_from_before_takes_its_earliest_record(clock):
    service = VillageService.in_memory(today=date(2026, 11, 27))
    service.save_settings(VillageSettings(name="旧村", township="武陵乡", county="大田县", groups=["1组"]))
    assert service.settings().started_on is None
    service.save_cadre(Cadre("王建国", "书记", date(2026, 10, 10), groups=["1组"]))
    assert service.obligations_start() == date(2026, 10, 10)
    r1 = [f for f in service.month_findings(2026, 10) if f.rule == "R1"]
    assert r1[0].date == date(2026, 10, 10)
    service.save_cadre(Cadre("李秀英", "主任", date(2021, 1, 1)))
    assert service.obligations_start() == date(2021, 1, 1), "a record added earlier moves the derived start"


def test_the_assessment_says_from_which_day_it_counts(tmp_path, capsys, clock):
    clock.set(date(2026, 3, 10))
    _new_village(tmp_path / "data")
    clock.set(date(2026, 12, 6))
    main(["check", "--data", str(tmp_path / "data"), "--year", "2026", "--assess", "--json"])
    body = json.loads(capsys.readouterr().out)
    assert body["coverage"] == "自2026年3月10日（本村开始使用本系统）起；统计至2026年11月；12月尚未结束，不计入"


def test_targets_are_pro_rata_from_the_set_up(tmp_path, clock):
    """A village set up on 12-06 owes each household one visit in 2026 (2 × 26/365, rounded up), not two."""
    from village_tui.domain.models import Household, Visit

    clock.set(SET_UP)
    service = VillageService.open(tmp_path / "data")
    service.set_up_village(VillageSettings(name="新村", township="武陵乡", county="大田县", groups=["1组"]))
    member = service.save_cadre(Cadre("林芳", "委员", date(2024, 1, 5), groups=["1组"]))
    home = service.save_household(Household("0001", "王大山", "1组", registered_on=date(2020, 1, 1)))
    clock.set(date(2026, 12, 8))
    service.save_visit(Visit(day=date(2026, 12, 8), cadre_id=member.id, household_id=home.id))
    service.close()
    clock.set(date(2027, 1, 5))
    service = VillageService.open(tmp_path / "data", readonly=True)
    try:
        [r7] = [f for f in service.year_findings(2026) if f.rule == "R7"]
    finally:
        service.close()
    assert (r7.required, r7.actual, r7.status) == (1, 1, "met")
