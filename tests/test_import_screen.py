"""Pilot tests of the import screen on F11 and in the first-run setup: preview, problems, confirm, skip bad rows."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input, Select, Static

from app_fixtures import TODAY, make_village
from import_fixtures import write_workbook
from village_tui.app import VillageApp
from village_tui.screens.exchange.exchange import ExchangeScreen
from village_tui.screens.exchange.import_screen import SKIP_BAD, ImportScreen
from village_tui.service import VillageService

HEADERS = ["户编号", "户主", "身份证号", "组别", "人口", "电话", "外出", "困难类别", "住址"]


def _book(tmp_path, *rows):
    return write_workbook(tmp_path / "新户.xlsx", {"农户": [HEADERS, *rows]}, village=False)


async def _open_import(app, pilot, path):
    await pilot.pause()
    await app.run_area_action("f11", "import_sheet")
    await pilot.pause()
    return await _check(app, pilot, path)


async def _check(app, pilot, path):
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
        await pilot.pause()
        await pilot.press("f3")  # the list is read before the import and read again when shown after it
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 4
        screen = await _open_import(app, pilot, path)
        text = _summary(screen)
        assert "农户：新增1条，更新1条" in text and "Ctrl+S" in text
        assert screen.query_one(DataTable).row_count == 0
        assert [h.code for h in service.households()] == ["0001", "0002", "0003", "0004"]  # nothing yet
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExchangeScreen"
        assert service.household_by_code("0005").group == "3组"
        assert service.household_by_code("0001").members == 5
        await pilot.press("f3")
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdsScreen"
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
        assert "找不到" in _summary(screen) and "这个文件或文件夹不存在" in _summary(screen)
        assert screen.query_one("#import-confirm", Button).disabled


async def test_f11_opens_the_import_and_esc_comes_back(tmp_path):
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f11")
        await pilot.pause()
        assert isinstance(app.screen, ExchangeScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExchangeScreen)
        app.screen.query_one("#import-open", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)


async def test_first_run_imports_a_workbook_instead_of_typing(tmp_path):
    service = VillageService.in_memory(today=TODAY)
    path = write_workbook(tmp_path / "台账.xlsx")
    app = VillageApp(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        assert "名为「村」的表" in _summary(screen)
        screen.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "新建村庄：田县青山镇东风村" in _summary(screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SignInScreen"
        assert service.settings().name == "东风村"
        assert [c.name for c in service.cadres()] == ["张建国", "李秀英"]
        assert len(service.households()) == 4


async def test_first_run_uses_the_typed_village_and_asks_for_cadres(tmp_path):
    service = VillageService.in_memory(today=TODAY)
    path = _book(tmp_path, ["0005", "赵春生", "", "三组", 2, "", "否", "", ""])
    app = VillageApp(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        setup = app.screen
        for selector, value in (("#name", "西山村"), ("#township", "青山镇"), ("#county", "田县")):
            setup.query_one(selector, Input).value = value
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = await _check(app, pilot, path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is setup
        assert service.settings().name == "西山村" and service.household_by_code("0005").group == "3组"
        assert setup.query_one("#groups", Input).value == "3组"
        assert "请在下面至少添加一名村干部" in str(setup.query_one("#form-message", Static).render())
        assert screen is not app.screen
