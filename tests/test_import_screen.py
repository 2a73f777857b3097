"""Pilot tests of the import screen: preview, problems, confirm, skip bad rows."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input, Select, Static

from app_fixtures import make_village
from import_fixtures import write_workbook
from village_tui.app import VillageApp
from village_tui.screens.import_screen import SKIP_BAD, ImportScreen

HEADERS = ["户编号", "户主", "身份证号", "组别", "人口", "电话", "外出", "困难类别", "住址"]


def _book(tmp_path, *rows):
    return write_workbook(tmp_path / "新户.xlsx", {"农户": [HEADERS, *rows]}, village=False)


async def _open_import(app, pilot, path):
    await pilot.pause()
    await app.run_area_action("f3", "import_sheet")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-path", Input).value = str(path)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def _summary(screen) -> str:
    return str(screen.query_one("#import-summary", Static).render())


async def test_preview_then_confirm(tmp_path):
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    path = _book(tmp_path, ["0005", "赵春生", "", "三组", 2, "", "否", "", ""],
                 ["0001", "王大山", "", "1组", 5, "13812345678", "否", "", ""])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_import(app, pilot, path)
        text = _summary(screen)
        assert "农户：新增 1 条，更新 1 条" in text and "Ctrl+S" in text
        assert screen.query_one(DataTable).row_count == 0
        assert [h.code for h in service.households()] == ["0001", "0002", "0003", "0004"]  # nothing yet
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdsScreen"
        assert service.household_by_code("0005").group == "3组"
        assert service.household_by_code("0001").members == 5
        assert app.screen.query_one(DataTable).row_count == 5


async def test_problems_are_listed_and_skip_bad_imports_the_rest(tmp_path):
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    path = _book(tmp_path, ["0005", "赵春生", "", "三组", 2, "", "否", "", ""],
                 ["0006", "[b]钱五[/b]", "", "九组", 1, "", "也许", "", ""])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_import(app, pilot, path)
        table = screen.query_one(DataTable)
        cells = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["农户", "3", "组别", "没有这个组：9组（请先在设置中添加）"] in cells
        assert any(row[2] == "外出" and "是" in row[3] for row in cells)
        assert screen.query_one("#import-confirm", Button).disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and len(service.households()) == 4  # all or nothing
        screen.query_one("#import-mode", Select).value = SKIP_BAD
        await pilot.pause()
        assert not screen.query_one("#import-confirm", Button).disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.household_by_code("0005").head == "赵春生"
        assert len(service.households()) == 5
        assert (tmp_path / "农户-有问题的行.csv").read_text(encoding="utf-8-sig").count("钱五") == 1


async def test_unreadable_file_is_explained(tmp_path):
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_import(app, pilot, tmp_path / "没有这个文件.xlsx")
        assert "找不到文件" in _summary(screen)
        assert screen.query_one("#import-confirm", Button).disabled
