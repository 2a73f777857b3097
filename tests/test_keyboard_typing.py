"""Hotkeys never fire while a cadre types, and / goes to the screen's search (issue 28, item 4)."""

from __future__ import annotations

from textual.widgets import Input

from tests.app_fixtures import make_village
from village_tui.app import VillageApp
from village_tui.screens.ledger.meeting import MeetingScreen
from village_tui.screens.visits.visit_list import VisitListScreen


async def test_meeting_slash_then_typing_looks_up_a_household_without_firing_d():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f7", "m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("slash", "w", "d", "s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen), "d opened 议定 while typing"
        assert app.screen.query_one("#meeting-picker Input", Input).value == "wds"


async def test_visit_list_slash_goes_to_the_household_search():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f5", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, VisitListScreen)
        app.screen.query_one("#visit-table").focus()
        await pilot.press("slash", "w", "d", "s")
        await pilot.pause()
        assert app.screen.query_one("#list-household Input", Input).value == "wds"
