"""F2 首页: today's duty, the scorecard, the findings behind a cell, jumps to a household and a day, R16."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import ContentSwitcher, DataTable, TextArea

from village_tui.app import VillageApp
from village_tui.domain.models import (Cadre, Household, LedgerItem, Meeting, Pairing, ServiceRequest,
                                       VillageSettings, Visit)
from village_tui.screens.home.assessment import AssessmentScreen
from village_tui.screens.duty.duty import DutyScreen
from village_tui.screens.home.findings import FindingsScreen
from village_tui.screens.home.home import HomeScreen
from village_tui.screens.households.household_profile import HouseholdProfileScreen
from village_tui.screens.ledger.ledger import LedgerScreen
from village_tui.screens.ledger.ledger_item_form import LedgerItemForm
from village_tui.screens.desk.service_desk import ServiceDeskScreen
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组", "2组"]))
    svc.wang = svc.save_cadre(Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"]))
    svc.li = svc.save_cadre(Cadre("李秀英", "主任", date(2021, 1, 1)))
    svc.zhang = svc.save_cadre(Cadre("张伟", "委员", date(2021, 1, 1), groups=["2组"]))
    homes = [svc.save_household(Household(f"01{n:02d}", f"农户{n}", "1组")) for n in range(1, 5)]
    svc.needy = svc.save_household(Household("0201", "曾小明", "2组", needs=["低保户"]))
    svc.sign_in(svc.zhang.id)
    svc.set_roster(TODAY, [svc.wang.id, svc.li.id])
    svc.duty_sign_in(svc.li.id, TODAY, "08:10")
    for home in homes[:3]:
        svc.save_visit(Visit(day=date(2026, 11, 5), cadre_id=svc.wang.id, household_id=home.id))
    svc.save_pairing(Pairing(cadre_id=svc.zhang.id, household_id=svc.needy.id, kind="帮扶", start=date(2026, 1, 1)))
    svc.save_visit(Visit(day=date(2026, 11, 20), cadre_id=svc.zhang.id, household_id=svc.needy.id))
    svc.save_ledger_item(LedgerItem(day=date(2026, 10, 1), source="来访", category="行路", content="[b]村道[/b]塌方",
                                    household_id=homes[0].id))
    return svc


async def open_home(pilot) -> HomeScreen:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    return pilot.app.screen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def row_of(home: HomeScreen, rule: str, subject: str) -> int:
    return next(n for n, row in enumerate(home.data.rows) if row.rule == rule and row.subject == subject)


async def choose(pilot, table: DataTable, row: int) -> None:
    table.focus()
    table.move_cursor(row=row)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_home_opens_after_sign_in_with_duty_meeting_and_scorecard(service):
    app = VillageApp(service, operator_id=service.zhang.id)
    async with app.run_test(size=(80, 24)) as pilot:
        home = await open_home(pilot)
        today = text_of(home, "#home-today")
        assert "王建国 未签到" in today and "李秀英 已签到" in today
        assert "尚未召开（本月还剩3天）" in text_of(home, "#home-meeting")
        table = home.query_one("#scorecard", DataTable)
        wang = table.get_row_at(row_of(home, "R6", "王建国"))
        assert [str(c) for c in wang[:6]] == ["R6", "王建国", "3", "10户", "30%", "###-------"]
        assert row_of(home, "R12", "张伟") >= 0
        await pilot.press("2")
        overdue = home.query_one("#overdue-table", DataTable)
        assert str(overdue.get_row_at(0)[2]) == "行路：[b]村道[/b]塌方"  # typed text shown as typed
        assert [str(c) for c in overdue.get_row_at(0)[3:]] == ["2026年10月16日", "已超期42天"]
        service.save_meeting(Meeting(day=date(2026, 11, 26), attendees=[service.wang.id]))
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "已于2026年11月26日召开" in text_of(home, "#home-meeting")


async def test_failing_cell_lists_its_findings_and_a_household_jumps_to_its_profile(service):
    app = VillageApp(service, operator_id=service.zhang.id)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await open_home(pilot)
        await choose(pilot, home.query_one("#scorecard", DataTable), row_of(home, "R6", "王建国"))
        screen = app.screen
        assert isinstance(screen, FindingsScreen)
        head = text_of(screen, "#findings-head")
        assert "R6（通知第二、4条）村主干每月入户走访不少于10户" in head and "1项进行中" in head
        row = screen.query_one("#findings-table", DataTable).get_row_at(0)
        assert str(row[0]) == "进行中" and "走访3户，应不少于10户" in str(row[-1])
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        await choose(pilot, home.query_one("#scorecard", DataTable), row_of(home, "R12", "张伟"))
        findings = app.screen
        assert isinstance(findings, FindingsScreen)
        table = findings.query_one("#findings-table", DataTable)
        household_row = next(n for n, f in enumerate(findings.shown) if f.household == "0201")
        table.move_cursor(row=household_row)
        await pilot.pause()
        assert "农户 0201 的档案" in text_of(findings, "#findings-detail")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HouseholdProfileScreen)
        assert app.screen.household_id == service.needy.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is findings
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_day_opens_the_duty_calendar_on_that_day(service):
    app = VillageApp(service, operator_id=service.zhang.id)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await open_home(pilot)
        await choose(pilot, home.query_one("#scorecard", DataTable), row_of(home, "R1", "全村"))
        assert isinstance(app.screen, FindingsScreen)
        assert "值班（F4）的11月1日" in text_of(app.screen, "#findings-detail")
        await pilot.press("g")
        await settle(pilot)
        assert app.current_mode == "f4"
        assert isinstance(app.screen, DutyScreen)
        assert app.screen.calendar.cursor == date(2026, 11, 1)  # not today, the 27th
        assert "2026年11月1日" in text_of(app.screen, "#day-detail")


async def test_a_past_months_day_opens_the_calendar_on_that_month(service):
    app = VillageApp(service, operator_id=service.zhang.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_home(pilot)
        october = [f for f in service.month_findings(2026, 10) if f.rule == "R1"]
        await app.push_screen(FindingsScreen("R1", october, "全村，2026年10月"))
        await pilot.pause()
        findings = app.screen
        table = findings.query_one("#findings-table", DataTable)
        table.move_cursor(row=next(n for n, f in enumerate(findings.shown) if f.date == date(2026, 10, 14)))
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        duty = app.screen
        assert isinstance(duty, DutyScreen)
        assert (duty.calendar.year, duty.calendar.month, duty.calendar.cursor) == (2026, 10, date(2026, 10, 14))
        assert duty.calendar.border_title == "2026年10月"
        detail = text_of(duty, "#day-detail")
        assert "2026年10月14日" in detail and "R1 不达标" in detail
        assert "本月坐班：无人值班31天" in text_of(duty, "#month-summary")


async def test_an_overdue_ledger_item_opens_its_form(service):
    app = VillageApp(service, operator_id=service.zhang.id)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await open_home(pilot)
        await choose(pilot, home.query_one("#scorecard", DataTable), row_of(home, "R10", "全村"))
        findings = app.screen
        assert isinstance(findings, FindingsScreen)
        assert "民情事项 2026-0001" in text_of(findings, "#findings-detail")
        await pilot.press("g")
        await settle(pilot)
        assert app.current_mode == "f7"
        form = app.screen
        assert isinstance(form, LedgerItemForm) and form.item.id == "2026-0001"
        assert "民情事项 2026-0001" in str(form.query_one(".dialog-title").render())
        await pilot.press("escape")
        await pilot.pause()
        ledger = app.screen
        assert isinstance(ledger, LedgerScreen)
        assert (ledger.year, ledger.month_number) == (2026, 10)  # the item's month, cursor on it
        table = ledger.query_one(DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "2026-0001"


async def test_an_overdue_request_shows_its_receipt(service):
    request = service.save_request(ServiceRequest(day=date(2026, 9, 1), kind=service.settings().request_types[0],
                                                  household_id=service.needy.id))
    app = VillageApp(service, operator_id=service.zhang.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_home(pilot)
        r13 = [f for f in service.month_findings(2026, 11) if f.rule == "R13" and f.item == request.id]
        assert r13 and not r13[0].ok
        await app.push_screen(FindingsScreen("R13", r13, "全村，2026年11月"))
        await pilot.pause()
        await pilot.press("g")
        await settle(pilot)
        desk = app.screen
        assert isinstance(desk, ServiceDeskScreen)
        assert desk.query_one(ContentSwitcher).current == "receipt"
        assert request.id in desk.query_one("#receipt-text", TextArea).text
        await pilot.press("escape")
        await pilot.pause()
        assert desk.current.id == request.id


async def test_an_item_on_the_overdue_tab_opens_its_form(service):
    app = VillageApp(service, operator_id=service.zhang.id)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await open_home(pilot)
        await pilot.press("2")
        await choose(pilot, home.query_one("#overdue-table", DataTable), 0)
        await settle(pilot)
        assert app.current_mode == "f7"
        form = app.screen
        assert isinstance(form, LedgerItemForm) and form.item.id == "2026-0001"


async def test_yearly_assessment_from_home(service):
    app = VillageApp(service, operator_id=service.zhang.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_home(pilot)
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        table = screen.query_one("#assess-table", DataTable)
        names = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
        assert names == ["王建国", "李秀英", "张伟"]
        # the visits are all in November, which still runs: the assessment counts ended months only
        assert text_of(screen, "#assess-detail").startswith("王建国（书记，2021年1月1日起）：坐班0天，走访0次（0户）")
        assert str(table.get_row_at(2)[2]) == "0/0"
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2025年度考核" in text_of(screen, "#assess-head")


async def test_a_left_home_screen_is_freed_not_kept_by_its_finished_worker_thread(service):
    import gc
    import weakref

    app = VillageApp(service, operator_id=service.zhang.id)
    async with app.run_test(size=(100, 30)) as pilot:
        home = weakref.ref(await open_home(pilot))
        assert home().data is not None and home().data.rows, "its scorecard worker ran in a thread"
        await pilot.press("f3")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.current_mode == "f3"
        gc.collect()
        assert home() is None, "首页 (with its tables) is gone once the cadre left it"
