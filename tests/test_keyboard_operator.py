"""换操作员 from the palette and from 首页, without quitting (issue 28, item 6)."""

from __future__ import annotations

from textual.command import CommandPalette

from tests.app_fixtures import make_village, press_each
from village_tui.app import VillageApp
from village_tui.screens.shell.sign_in import SignInScreen


async def test_switch_operator_from_the_palette_without_quitting():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press_each(pilot, "f3", "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"hczy")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        await pilot.press("f3")  # the area keys wait until someone signed in
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running and service.operator.name == "李秀英"
        assert type(app.screen).__name__ == "HomeScreen"


async def test_switch_operator_from_home_with_o():
    service = make_village()
    app = VillageApp(service, operator_id=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert service.operator.name == "张建国"
