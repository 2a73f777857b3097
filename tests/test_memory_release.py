"""Memory the app lets go of: what a screen the cadre left drew is freed with it."""

from __future__ import annotations

import gc
import weakref
from datetime import date

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, Household, VillageSettings, Visit
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


def _village() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组", "2组"]))
    wang = svc.save_cadre(Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"]))
    homes = [svc.save_household(Household(f"01{n:02d}", f"农户{n}", "1组")) for n in range(1, 6)]
    svc.sign_in(wang.id)
    for home in homes:
        svc.save_visit(Visit(day=date(2026, 11, 5), cadre_id=wang.id, household_id=home.id))
    return svc


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_lines_a_left_area_drew_are_freed_with_its_screen():
    service = _village()
    app = VillageApp(service, operator_id=service.operator.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await _settle(pilot)
        households = app.screen
        assert "农户1" in " ".join(str(strip.text) for widget in households.query("*")
                                     for strip in widget._styles_cache._cache.values()), "the 农户 list was drawn"
        drawn = [weakref.ref(widget._styles_cache) for widget in households.query("*")]
        del households
        for key in ("f5", "f10"):  # two other areas, each drawn
            await pilot.press(key)
            await _settle(pilot)
        gc.collect()
        kept = sum(1 for ref in drawn if ref() is not None)
        assert kept == 0, f"{kept} of the left 农户 screen's {len(drawn)} widgets still hold the lines they drew"
