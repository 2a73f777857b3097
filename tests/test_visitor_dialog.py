"""Pilot tests of 登记来访诉求 on F4: a visitor's concern goes to the ledger or the service desk in one step."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select, Static

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, Household, VillageSettings
from village_tui.screens.duty.duty import DutyScreen
from village_tui.screens.duty.visitor_dialog import VisitorDialog
from village_tui.service import VillageService
from village_tui.widgets.household_picker import HouseholdPicker

TODAY = date(2026, 11, 27)


def make_service() -> VillageService:
    service = VillageService.in_memory(today=TODAY)
    service.save_settings(VillageSettings(name="桃源村", township="桃源镇", county="田县", groups=["1组"]))
    service.save_cadre(Cadre(name="王建国", role="书记", term_start=date(2021, 1, 1)))
    service.save_cadre(Cadre(name="李秀英", role="主任", term_start=date(2021, 1, 1)))
    service.save_household(Household(code="0001", head="赵春生", group="1组", phone="13812345678"))
    return service


async def open_dialog(app, pilot) -> VisitorDialog:
    await pilot.press("f4")
    await pilot.pause()
    assert isinstance(app.screen, DutyScreen)
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(app.screen, VisitorDialog)
    return app.screen


async def test_concern_of_a_household_goes_to_the_ledger():
    service = make_service()
    wang = service.cadres()[0]
    service.duty_sign_in(wang.id, TODAY, "08:30", 1)
    app = VillageApp(service, operator_id=wang.id)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(app, pilot)
        assert dialog.query_one("#cadre", Select).value == wang.id
        await pilot.press("z", "c", "s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.query_one(HouseholdPicker).household.head == "赵春生"
        assert dialog.query_one("#concern", Input).has_focus
        await pilot.press(*"路灯坏了")
        dialog.query_one("#category", Select).value = "行路"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DutyScreen)
        detail = str(app.screen.query_one("#day-detail", Static).render())
        assert "王建国 08:30 接待2人次" in detail
        assert any("已转民情台账：编号 2026-" in str(n.message) for n in app._notifications)
    [item] = service.ledger_items(2026, 11)
    assert (item.source, item.category, item.content, item.household_id) == ("来访", "行路", "路灯坏了", 1)


async def test_named_visitor_goes_to_the_service_desk_and_mistakes_are_shown():
    service = make_service()
    li = service.cadres()[1]
    app = VillageApp(service, operator_id=li.id)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(app, pilot)
        dialog.query_one("#route", Select).value = "便民服务"
        await pilot.pause()
        dialog.query_one("#concern", Input).value = "想办新农合"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "请选择办理事项" in str(dialog.query_one("#form-message", Static).render())
        dialog.query_one("#category", Select).value = "医疗保险"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "请选择农户或填写来访人姓名" in str(dialog.query_one("#form-message", Static).render())
        dialog.query_one("#reporter", Input).value = "[b]钱五[/b]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DutyScreen)
    [request] = service.requests(2026, 11)
    assert (request.kind, request.applicant, request.note) == ("医疗保险", "[b]钱五[/b]", "想办新农合")
    [signin] = service.duty_day(TODAY).signins
    assert (signin.cadre_id, signin.visitors) == (li.id, 1)


async def test_future_day_is_refused():
    service = make_service()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("right")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, DutyScreen)
        assert any("以后" in str(n.message) for n in app._notifications)
