"""Pilot tests of the ledger item form: the due-date hint follows the category and the day."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select, Static

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, Household, LedgerItem, VillageSettings
from village_tui.screens.ledger.ledger import LedgerScreen
from village_tui.screens.ledger.ledger_item_form import LedgerItemForm
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组"], category_due_days={"饮水": 10}))
    svc.save_cadre(Cadre("王建国", "书记", date(2024, 3, 1)))
    svc.save_household(Household("H001", "张秀英", "1组"))
    svc.sign_in(1)
    return svc


def hint(form: LedgerItemForm) -> str:
    return str(form.query_one("#due-hint", Static).render())


async def open_new_form(pilot, app) -> LedgerItemForm:
    await pilot.pause()
    await pilot.press("f7")
    await pilot.pause()
    assert isinstance(app.screen, LedgerScreen)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, LedgerItemForm)
    return app.screen


async def test_hint_shows_the_default_due_date_of_the_category(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_new_form(pilot, app)
        assert form.query_one("#category", Select).value == Select.NULL  # the cadre picks one (issue 28)
        assert "请先选择类别" in hint(form)
        form.query_one("#category", Select).value = "增收致富"
        await pilot.pause()
        assert "留空则为 2026-12-12（增收致富 15 天" in hint(form)
        form.query_one("#category", Select).value = "矛盾纠纷"
        await pilot.pause()
        assert "留空则为 2026-12-04（矛盾纠纷 7 天" in hint(form)
        form.query_one("#category", Select).value = "增收致富"
        form.query_one("#category", Select).focus()
        await pilot.press("space", "down", "down", "enter")  # Space opens: 增收致富 -> 子女上学 -> 饮水
        await pilot.pause()
        assert form.query_one("#category", Select).value == "饮水"  # the village's own days
        assert "留空则为 2026-12-07（饮水 10 天" in hint(form)
        form.query_one("#day", Input).value = "2026-11-01"
        await pilot.pause()
        assert "留空则为 2026-11-11（饮水 10 天" in hint(form)
        form.query_one("#day", Input).value = "不是日期"
        await pilot.pause()
        assert "留空则按类别默认天数（饮水 10 天" in hint(form)
        form.query_one("#day", Input).value = "2026-11-01"
        form.query_one("#household").focus()
        await pilot.press(*"zxy", "enter")
        form.query_one("#content", Input).value = "自来水浑浊"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LedgerScreen)
    [item] = service.ledger_items(2026)
    assert item.category == "饮水" and item.due == date(2026, 11, 11)


async def test_hint_for_an_item_being_edited(service):
    saved = service.save_ledger_item(LedgerItem(day=date(2026, 11, 20), source="来访", category="住房",
                                                content="危房改造", household_id=1))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(LedgerItemForm(service.ledger_item(saved.id)))
        await pilot.pause()
        assert "留空则为 2026-12-20（住房 30 天" in hint(app.screen)


async def test_escalating_from_the_form_asks_naming_the_office(service):
    settings = service.settings()
    settings.township, settings.county = "武陵乡", "田县"
    service.save_settings(settings)
    item = service.save_ledger_item(LedgerItem(day=TODAY, source="来访", category="饮水", household_id=1,
                                               content="自来水管冻裂，全组停水"))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        form = LedgerItemForm(service.ledger_item(item.id))
        await app.push_screen(form)
        await pilot.pause()
        form.handle("escalate")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert f"把 {item.id} 上报到武陵乡民情处理站（乡镇）？" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("enter")  # 取消 has the focus
        await pilot.pause()
        assert app.screen is form and not service.ledger_item(item.id).escalations
        form.handle("escalate")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert service.ledger_item(item.id).escalations[-1].office == "武陵乡民情处理站"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        for button in form.query("#handling-buttons Button"):  # 办结 and 重新打开 too, without scrolling
            region = button.region
            assert region.width > 0 and region.right <= 80 and region.bottom <= 24, str(button.label)
