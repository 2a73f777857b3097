"""首页 is told of every save: it shows the new figure and computes again only the parts a save touched."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, Household, VillageSettings, Visit
from village_tui.screens.home.home import HomeScreen
from village_tui.screens.home.parts import PARTS, home_parts
from village_tui.screens.visits.visits import VisitsScreen
from village_tui.service import VillageService
from village_tui.service.checks import MONTH_PARTS

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组"],
                                      started_on=date(2026, 1, 1)))
    svc.save_cadre(Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"]))
    for n in range(1, 5):
        svc.save_household(Household(f"{n:02d}", f"农户{n}", "1组", registered_on=date(2020, 1, 1)))
    svc.sign_in(1)
    svc.save_visit(Visit(day=date(2026, 11, 5), cadre_id=1, household_id=1, learned="老人身体好"))
    return svc


async def _home(pilot) -> HomeScreen:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    return pilot.app.screen


def _r6(home: HomeScreen) -> int:
    assert home.data is not None
    return next(row.count for row in home.data.rows if row.rule == "R6" and row.subject == "王建国")


def _trend(home: HomeScreen, month: int) -> int:
    assert home.data is not None
    return next(visits for _, m, visits, _ in home.data.trend if m == month)


async def _to_visits(pilot) -> VisitsScreen:
    await pilot.press("f5")
    await pilot.pause()
    assert isinstance(pilot.app.screen, VisitsScreen)
    return pilot.app.screen


async def test_a_visit_typed_on_f5_shows_on_home_and_only_the_visit_parts_are_computed_again(service):
    parts = home_parts(service)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await _home(pilot)
        assert _r6(home) == 1 and _trend(home, 11) == 1
        before = parts.computed.copy()
        await _to_visits(pilot)
        await pilot.press(*"02", "enter", *"ok", "ctrl+s")  # 户编号 02, what was learned, save
        await pilot.pause()
        assert service.visits(2026, 11).total == 2
        await pilot.press("f2")
        home = await _home(pilot)
        assert _r6(home) == 2 and _trend(home, 11) == 2  # the new figure shows
        again = parts.computed - before
        assert set(again) == {"rules:visits", "rules:pairing", "trend"}
        assert all(n == 1 for n in again.values())


async def test_a_visit_of_an_earlier_month_leaves_this_months_rules_be(service):
    parts = home_parts(service)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        before = parts.computed.copy()
        await _to_visits(pilot)
        service.save_visit(Visit(day=date(2026, 10, 9), cadre_id=1, household_id=3, learned="问了医保"))
        await pilot.press("f2")
        home = await _home(pilot)
        assert _r6(home) == 1 and _trend(home, 10) == 1  # October counts in the trend only
        assert set(parts.computed - before) == {"trend"}


async def test_a_save_home_does_not_show_computes_nothing_and_a_trip_without_saves_neither(service):
    parts = home_parts(service)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await _home(pilot)
        shown = first.data
        before = parts.computed.copy()
        await _to_visits(pilot)
        service.set_roster(date(2026, 12, 3), [1])  # December's roster: 首页 shows November
        await pilot.press("f2")
        home = await _home(pilot)
        assert parts.computed == before  # not one part computed again
        assert home.data is shown  # drawn from what was kept


async def test_a_settings_save_computes_every_part_again(service):
    parts = home_parts(service)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        before = parts.computed.copy()
        await _to_visits(pilot)
        settings = service.settings()
        settings.name = "桃花村"
        service.save_settings(settings)
        await pilot.press("f2")
        await _home(pilot)
        assert set(parts.computed - before) == set(PARTS)


async def test_a_save_in_a_worker_while_home_shows_is_drawn_at_once(service):
    parts = home_parts(service)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await _home(pilot)
        before = parts.computed.copy()
        saver = threading.Thread(target=service.save_matter, args=("修建村口便桥", "行路"))
        saver.start()
        saver.join()
        home = await _home(pilot)  # nobody left 首页: the notice reached it
        assert home.data is not None and [m.title for m in home.data.matters] == ["修建村口便桥"]
        assert set(parts.computed - before) == {"matters", "rules:desk"}
        saver = threading.Thread(target=service.save_visit,
                                 args=(Visit(day=date(2026, 11, 26), cadre_id=1, household_id=4, learned="好"),))
        saver.start()
        saver.join()
        home = await _home(pilot)
        assert _r6(home) == 2


async def test_refresh_computes_everything_again(service):
    parts = home_parts(service)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        before = parts.computed.copy()
        await pilot.press("r")
        await _home(pilot)
        assert set(parts.computed - before) == set(PARTS)


def test_the_month_check_asked_part_by_part_is_the_check_asked_at_once(service):
    service.save_matter("修建村口便桥", "行路")
    whole = service.month_findings(2026, 11)
    by_part = [f for part in MONTH_PARTS for f in service.month_findings(2026, 11, parts=(part,))]
    assert sorted(map(repr, by_part)) == sorted(map(repr, whole))
    rules = [{f.rule for f in service.month_findings(2026, 11, parts=(part,))} for part in MONTH_PARTS]
    assert all(not (a & b) for n, a in enumerate(rules) for b in rules[n + 1:])  # each rule from one part
