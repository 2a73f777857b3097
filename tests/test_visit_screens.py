"""Pilot tests of the F5 走访 screens: keyboard-only entry, the visit list and the worklist."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, RadioSet, Select, Static

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, Household, VillageSettings, Visit
from village_tui.screens.visits.visit_list import VisitListScreen
from village_tui.screens.visits.visit_worklist import VisitWorklistScreen
from village_tui.screens.visits.visits import VisitsScreen
from village_tui.service import VillageService
from village_tui.widgets.household_picker import HouseholdPicker
from village_tui.widgets.worklist_summary import WorklistSummary

TODAY = date(2026, 11, 27)
HEADS = ["王大山", "李春花", "张秋生", "陈冬梅", "林木生", "黄水英", "吴金福", "郑玉兰", "周火旺", "徐土根", "孙银凤",
         "胡明亮"]


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", township="桃源镇", groups=["1组", "2组"]))
    svc.save_cadre(Cadre("刘建华", "书记", date(2026, 3, 1)))
    svc.save_cadre(Cadre("陈海峰", "委员", date(2024, 1, 1), groups=["1组"]))
    for i, head in enumerate(HEADS, start=1):
        # Registered long before: the test visits them in March (a household registered today owes no
        # visit for the first half, issue 24).
        svc.save_household(Household(f"{i:02d}", head, "1组" if i <= 6 else "2组", away=i == 12,
                                     registered_on=date(2020, 1, 1)))
    return svc


async def _open_visits(app, pilot) -> VisitsScreen:
    await pilot.press("f5")
    await pilot.pause()
    assert isinstance(app.screen, VisitsScreen)
    return app.screen


def _summary(screen) -> str:
    return screen.query_one(WorklistSummary).plain


async def test_ten_visits_in_a_row_with_the_keyboard(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_visits(app, pilot)
        assert "本月走访 0/10 户" in _summary(screen)
        for i in range(1, 11):
            await pilot.press(*f"{i:02d}", "enter")  # the 户编号 picks the household
            if i <= 2:
                await pilot.press(*"ok", "enter")  # what was learned, then on to requests
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert f"本月走访 {i}/10 户" in _summary(screen)
            assert app.focused in screen.query_one(HouseholdPicker).query(Input)
        assert "[已完成]" in _summary(screen)
        assert "本次已登记10条" in str(screen.query_one("#form-message", Static).content)
        page = service.visits(2026, 11)
        assert page.total == 10
        assert {v.cadre_id for v in page.rows} == {1} and {v.day for v in page.rows} == {TODAY}
        assert service.worklist(1).r6.actual == 10


async def test_missing_household_shows_an_error_and_keeps_the_entry(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_visits(app, pilot)
        screen.query_one("#visit-learned", Input).value = "[b]修路[/b]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "请在农户栏" in str(screen.query_one("#form-message", Static).content)
        assert screen.query_one("#visit-learned", Input).value == "[b]修路[/b]"
        assert service.visits(2026).total == 0


async def test_date_and_cadre_are_kept_and_phone_note_is_shown(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_visits(app, pilot)
        day = screen.query_one("#visit-day", Input)
        day.value = "11-20"
        screen.query_one("#visit-cadre", Select).value = 2
        await pilot.pause()
        assert "陈海峰" in _summary(screen)
        screen.query_one(HouseholdPicker).focus()
        await pilot.press(*"wds", "enter")  # 王大山 by pinyin initials
        await pilot.press("shift+tab", "right", "space")  # back to the way: Space picks 电话
        await pilot.pause()
        assert "电话走访不计入" in str(screen.query_one("#visit-household-note", Static).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [visit] = service.visits(2026).rows
        assert (visit.day, visit.cadre_id, visit.way) == (date(2026, 11, 20), 2, "电话")
        assert day.value == "11-20" and screen.query_one("#visit-cadre", Select).value == 2
        assert "本年走访满2次 0/6 户" in _summary(screen)  # a phone visit to a household at home
        ways = screen.query_one("#visit-way", RadioSet)
        await pilot.press(*"12", "enter")  # 胡明亮 works away: a phone call by default (R8)
        await pilot.pause()
        assert ways.pressed_button.label.plain == "电话"
        assert "电话走访计入" in str(screen.query_one("#visit-household-note", Static).content)
        screen.query_one(HouseholdPicker).clear()
        screen.query_one(HouseholdPicker).focus()
        await pilot.press(*"01", "enter")  # 王大山 is at home: 入户 again
        await pilot.pause()
        assert ways.pressed_button.label.plain == "入户"


async def test_visit_list_filters_pages_and_cancels(service):
    for i in range(1, 61):
        service.save_visit(Visit(day=date(2026, 11, 1 + i % 27), cadre_id=1 + i % 2, household_id=1 + i % 12,
                                 way="来访" if i % 5 == 0 else "入户", learned=f"第{i}次"))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_visits(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VisitListScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 50
        await pilot.press("pagedown")
        assert table.row_count == 10
        screen.query_one("#list-cadre", Select).value = 2
        await pilot.pause()
        assert table.row_count == 30
        screen.query_one("#list-group", Select).value = "2组"
        await pilot.pause()
        assert table.row_count == service.visits(2026, 11, cadre_id=2, group="2组").total > 0
        before = table.row_count
        table.focus()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press(*"chongfu", "enter")
        await pilot.pause()
        assert isinstance(app.screen, VisitListScreen)
        assert table.row_count == before - 1


async def test_worklist_screen_lists_households_left_in_status_colours(service):
    service.save_visit(Visit(day=date(2026, 3, 3), cadre_id=2, household_id=1))
    app = VillageApp(service, operator_id=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_visits(app, pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VisitWorklistScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 6
        statuses = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
        assert statuses == ["已逾期"] * 5 + ["待走访"]
        deadline_and_last = [[str(c) for c in table.get_row_at(r)][7:9] for r in (0, 5)]
        # 已逾期 names the due day that passed (30 June), not 31 December (issue 24)
        assert deadline_and_last == [["2026-06-30", "未走访"], ["2026-12-31", "8个月前走访"]]
        assert "逾期 5 户" in _summary(screen)
        screen.query_one("#work-cadre", Select).value = 1
        await pilot.pause()
        assert table.row_count == 12 and "还剩 94 天" in _summary(screen)
        table.focus()
        await pilot.press("down", "enter")  # visit the second household on the list
        await pilot.pause()
        assert isinstance(app.screen, VisitsScreen)
        assert app.screen.query_one(HouseholdPicker).household.code == "02"
        await pilot.press(*"ok", "ctrl+s")
        await pilot.pause()
        assert service.visits(2026, household_id=2, cadre_id=1).total == 1


async def test_request_becomes_a_ledger_item_in_one_step(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_visits(app, pilot)
        await pilot.press(*"03", "enter", *"ok", "enter", *"xiulu")
        await pilot.press("tab", "tab", "tab", "space")  # past 矛盾纠纷 and 情绪疏导 to 诉求转民情台账
        await pilot.press("ctrl+s")
        await pilot.pause()
        [visit] = service.visits(2026).rows
        assert visit.requests == "xiulu" and visit.ledger_item_id
        assert "诉求已转入民情台账" in str(screen.query_one("#form-message", Static).content)
        assert service.ledger_item(visit.ledger_item_id).visit_id == visit.id


async def test_palette_actions_open_the_entry_and_the_worklist(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_area_action("f5", "new_visit")
        await pilot.pause()
        assert isinstance(app.screen, VisitsScreen)
        assert app.focused in app.screen.query_one(HouseholdPicker).query(Input)
        await app.run_area_action("f5", "worklist")
        await pilot.pause()
        assert isinstance(app.screen, VisitWorklistScreen)
        assert app.screen.worklist.cadre.name == "刘建华"


async def test_list_household_filter_is_cleared_by_deleting_it(service):
    for i in range(1, 4):
        service.save_visit(Visit(day=date(2026, 11, i), cadre_id=1, household_id=i))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_visits(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        app.screen.query_one(HouseholdPicker).focus()
        await pilot.press(*"02", "enter")
        await pilot.pause()
        assert table.row_count == 1 and app.focused is table
        app.screen.query_one(HouseholdPicker).focus()
        await pilot.press("backspace", "backspace", "tab")
        await pilot.pause()
        assert table.row_count == 3
