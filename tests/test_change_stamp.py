"""The service tells what changed: 首页 shown again draws what it computed unless a save touched the records."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, Household, LedgerItem, VillageSettings, Visit
from village_tui.screens.home.home import HomeScreen
from village_tui.screens.home.parts import home_parts
from village_tui.screens.visits.visits import VisitsScreen
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组"]))
    svc.save_cadre(Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"]))
    for n in range(1, 4):
        svc.save_household(Household(f"01{n:02d}", f"农户{n}", "1组"))
    svc.sign_in(1)
    return svc


def test_the_stamp_moves_with_a_save_of_its_kinds_only(service):
    everything, visits, ledger = service.change_stamp(), service.change_stamp("visits"), service.change_stamp("ledger")
    service.save_visit(Visit(day=date(2026, 11, 20), cadre_id=1, household_id=1, learned="家中老人身体好"))
    assert service.change_stamp() != everything
    assert service.change_stamp("visits") != visits
    assert service.change_stamp("ledger") == ledger
    service.save_ledger_item(LedgerItem(day=date(2026, 11, 21), source="来访", category="行路", content="村道坑洼", household_id=1))
    assert service.change_stamp("ledger") != ledger


async def _home(app, pilot) -> HomeScreen:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    return app.screen


async def test_home_shown_again_without_a_save_is_not_computed_again(service):
    computed = home_parts(service).computed  # how often each part of 首页 was computed
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(app, pilot)
        assert computed["rules:visits"] == 1
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, VisitsScreen)
        await pilot.press("f2")
        home = await _home(app, pilot)
        assert computed["rules:visits"] == 1  # nothing was saved: what was computed is drawn again
        r6 = next(row for row in home.data.rows if row.rule == "R6")
        assert r6.count == 0

        await pilot.press("f5")
        await pilot.pause()
        service.save_visit(Visit(day=date(2026, 11, 20), cadre_id=1, household_id=2, learned="问了医保"))
        await pilot.press("f2")
        home = await _home(app, pilot)
        assert computed["rules:visits"] == 2  # a visit was saved: 首页 counts it
        r6 = next(row for row in home.data.rows if row.rule == "R6")
        assert r6.count == 1

        await pilot.press("r")  # 刷新 always computes again
        await _home(app, pilot)
        assert computed["rules:visits"] == 3
