"""F6 结对 in the app: create pairings, record visits from the matrix and see the matrix change."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, Select, Static

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, Household, Pairing, VillageSettings
from village_tui.screens.pairing.pairing import PairingScreen
from village_tui.screens.pairing.pairing_close import PairingCloseDialog
from village_tui.screens.pairing.pairing_form import PairingForm
from village_tui.screens.pairing.pairing_visit import PairingVisitDialog
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)
SIZE = (100, 30)


@pytest.fixture
def service():
    s = VillageService.in_memory(today=TODAY)
    s.save_settings(VillageSettings(name="桃源村", township="均溪镇", groups=["1组", "2组"]))
    s.chen = s.save_cadre(Cadre(name="陈明", role="书记", term_start=date(2024, 1, 1), can_mentor=True))
    s.wang = s.save_household(Household(code="01001", head="王秀英", group="1组", needs=["孤寡老人"]))
    s.li = s.save_household(Household(code="01002", head="李[b]建国", group="1组"))
    return s


async def open_pairing(pilot) -> PairingScreen:
    await pilot.press("f6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PairingScreen)
    return screen


def cell(screen: PairingScreen, row: int, month: int) -> str:
    table = screen.query_one("#matrix", DataTable)
    return table.get_cell_at((row, 2 + month)).plain


async def test_matrix_shows_the_year_and_changes_with_a_visit(service):
    service.save_pairing(Pairing(cadre_id=service.chen.id, household_id=service.wang.id, kind="帮扶",
                                 start=date(2026, 3, 15)))
    app = VillageApp(service, operator_id=service.chen.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pairing(pilot)
        assert [cell(screen, 0, m) for m in (1, 2, 3, 10, 11, 12)] == ["-", "-", "未", "未", "待", "-"]
        table = screen.query_one("#matrix", DataTable)
        table.cursor_coordinate = (0, 2 + 10)
        await pilot.press("v")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PairingVisitDialog)
        assert dialog.query_one("#day", Input).value == "2026-10-31"
        await pilot.press(*"送去米油")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert cell(screen, 0, 10) == "访"
        assert "10月31日" in str(screen.query_one("#cell-detail", Static).render())
        assert "上次4周前走访（10月31日）" in str(screen.query_one("#cell-detail", Static).render())
        totals = screen.query_one("#totals", DataTable)
        # 待走访 counts November only: December has not begun.
        assert [c.plain if hasattr(c, "plain") else c for c in totals.get_row_at(0)] == ["陈明", "1", "1", "1", "7"]
    [visit] = service.records.all("visits", 2026)
    assert visit.help_given == "送去米油" and visit.household_id == service.wang.id


async def test_december_seen_on_november_27_is_not_yet_due(service):
    service.save_pairing(Pairing(cadre_id=service.chen.id, household_id=service.wang.id, kind="帮扶",
                                 start=date(2026, 1, 1)))
    app = VillageApp(service, operator_id=service.chen.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pairing(pilot)
        assert cell(screen, 0, 11) == "待" and cell(screen, 0, 12) == "-"
        assert "-=不在结对期内或未到" in str(screen.query_one("#legend", Static).render())
        screen.query_one("#matrix", DataTable).cursor_coordinate = (0, 2 + 12)
        await pilot.pause()
        assert "12月：未到" in str(screen.query_one("#cell-detail", Static).render())
        totals = screen.query_one("#totals", DataTable)
        assert [c.plain if hasattr(c, "plain") else c for c in totals.get_row_at(0)] == ["陈明", "1", "0", "1", "10"]
        await pilot.press("v")
        await pilot.pause()
        assert app.screen is screen


async def test_new_pairing_through_the_form_warns_then_saves(service):
    app = VillageApp(service, operator_id=service.chen.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pairing(pilot)
        assert screen.query_one("#matrix", DataTable).row_count == 0
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PairingForm)
        assert form.query_one("#cadre", Select).value == service.chen.id
        await pilot.press(*"01002")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form.query_one("#start", Input).value = "2026-11-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = str(form.query_one("#form-message", Static).render())
        assert "没有困难类别标记" in message and "再按 Ctrl+S" in message
        assert service.pairings() == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        table = screen.query_one("#matrix", DataTable)
        assert table.row_count == 1
        assert table.get_cell_at((0, 1)).plain == "李[b]建国 01002"
        # a 帮扶 pairing counts only while its household has a hardship category: November is not counted
        assert cell(screen, 0, 11) == "-" and cell(screen, 0, 10) == "-"
    [pairing] = service.pairings()
    assert pairing.kind == "帮扶" and pairing.start == date(2026, 11, 1)


async def test_form_shows_field_errors(service):
    app = VillageApp(service, operator_id=service.chen.id)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#end", Input).value = "2026-01-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = {f.name: f.error for f in form.query("FormField")}
        assert errors["household_id"] == "请选择结对农户"
        assert errors["end"] == "结束日期不能早于开始日期"
        await pilot.press("escape")  # the end date is typed: the form asks before dropping it
        await pilot.pause()
        app.screen.query_one("#discard").press()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PairingScreen)
    assert service.pairings() == []


async def test_year_keys_and_kind_filter(service):
    service.save_pairing(Pairing(cadre_id=service.chen.id, household_id=service.wang.id, kind="帮扶",
                                 start=date(2025, 6, 1)))
    service.save_pairing(Pairing(cadre_id=service.chen.id, household_id=service.li.id, kind="帮带",
                                 start=date(2026, 2, 1)))
    app = VillageApp(service, operator_id=service.chen.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pairing(pilot)
        table = screen.query_one("#matrix", DataTable)
        assert screen.year == 2026 and table.row_count == 1
        await pilot.press("left_square_bracket")
        assert screen.year == 2025 and cell(screen, 0, 5) == "-" and cell(screen, 0, 6) == "未"
        await pilot.press("right_square_bracket", "k")
        assert screen.kind == "帮带" and table.get_cell_at((0, 2)) == "帮带"
        await pilot.press("k")
        assert screen.kind is None and table.row_count == 2


async def test_end_and_cancel_from_the_list(service):
    saved, _ = service.save_pairing(Pairing(cadre_id=service.chen.id, household_id=service.wang.id,
                                            kind="帮扶", start=date(2026, 1, 1)))
    app = VillageApp(service, operator_id=service.chen.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pairing(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one("#list", DataTable).row_count == 1
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PairingCloseDialog)
        app.screen.query_one("#end", Input).value = "2026-06-30"
        await pilot.press(*"已脱贫", "enter", "enter")  # Enter moves on to 确定, a second Enter presses it
        await pilot.pause()
        assert service.pairing(saved.id).end == date(2026, 6, 30)
        await pilot.press("t", "t")  # the list, the totals per cadre, the matrix again
        await pilot.pause()
        assert cell(screen, 0, 7) == "-"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert "作废原因不能为空" in app.screen.query_one("FormField").error
        await pilot.press(*"录错了", "enter", "enter")
        await pilot.pause()
        assert screen.query_one("#matrix", DataTable).row_count == 0
    assert service.pairing(saved.id).cancelled
