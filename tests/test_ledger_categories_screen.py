"""Pilot tests of 民情类别设置 in F7: edit the list, then register an item in a new category."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, Select, TextArea

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, Household, LedgerItem, VillageSettings
from village_tui.screens.ledger.ledger import LedgerScreen
from village_tui.screens.ledger.ledger_categories import LedgerCategoriesDialog
from village_tui.screens.ledger.ledger_item_form import LedgerItemForm
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


def populate(svc: VillageService) -> VillageService:
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组", "2组"]))
    svc.save_cadre(Cadre("王建国", "书记", date(2024, 3, 1)))
    svc.save_household(Household("H001", "张秀英", "1组"))
    svc.save_household(Household("H002", "李国强", "2组"))
    svc.sign_in(1)
    svc.save_ledger_item(LedgerItem(day=date(2026, 11, 2), source="来访", category="饮水", content="自来水浑浊",
                                    household_id=1))
    return svc


@pytest.fixture
def service() -> VillageService:
    return populate(VillageService.in_memory(today=TODAY))


async def open_dialog(pilot, app) -> LedgerCategoriesDialog:
    await pilot.pause()
    await pilot.press("f7")
    await pilot.pause()
    assert isinstance(app.screen, LedgerScreen)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, LedgerCategoriesDialog)
    return app.screen


async def test_a_new_category_is_offered_with_its_default_due_date(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, app)
        area = dialog.query_one("#categories", TextArea)
        assert area.text.splitlines()[:3] == ["增收致富 15", "子女上学 15", "饮水 15"]
        assert app.focused is area
        area.move_cursor(area.document.end)
        await pilot.press("enter", *"护林防火", "space", "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LedgerScreen)
        assert service.settings().ledger_categories[-1] == "护林防火"
        assert any(str(n.message) == "民情类别已保存" for n in app._notifications)

        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LedgerItemForm)
        category = form.query_one("#category", Select)
        category.value = "护林防火"  # Select refuses a value it does not offer
        assert category.value == "护林防火"
        await pilot.press(*"lgq", "enter")
        form.query_one("#content", Input).value = "后山林区需要防火巡查"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LedgerScreen)
        item = service.ledger_item("2026-0002")
        assert item.category == "护林防火" and item.due == date(2026, 12, 2)
        row = app.screen.query_one(DataTable).row_texts(0)
        assert row["编号"] == "2026-0002" and row["类别"] == "护林防火" and row["期限"] == "12月2日"


async def test_errors_are_shown_in_the_dialog_and_nothing_is_saved(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, app)
        dialog.query_one("#categories", TextArea).load_text("行路 10\n其他")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        message = str(dialog.query_one("#form-message").render())
        assert "「饮水」还有未办结的事项2026-0001" in message
        dialog.query_one("#categories", TextArea).load_text("饮水 400")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "应在1到365之间" in str(dialog.query_one("#form-message").render())
        await pilot.press("escape")  # the refused text is still there: asked first, 不保存 drops it
        await pilot.pause()
        app.screen.query_one("#discard").press()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LedgerScreen)
        assert "增收致富" in service.settings().ledger_categories


async def test_the_palette_action_opens_the_dialog(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.run_area_action("f7", "edit_categories")
        await pilot.pause()
        assert isinstance(app.screen, LedgerCategoriesDialog)


async def test_read_only_refuses(tmp_path):
    populate(VillageService.open(tmp_path, today=TODAY)).close()
    service = VillageService.open(tmp_path, readonly=True, today=TODAY)
    app = VillageApp(service, operator_id=1)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f7")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, LedgerScreen)
            assert any("只读" in str(n.message) and "类别设置" in str(n.message) for n in app._notifications)
    finally:
        service.close()
