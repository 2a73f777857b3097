"""No keystroke is lost, and Enter goes where the cadre types next (issue 28, items 1 and 3)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tests.app_fixtures import make_village
from village_tui.app import VillageApp
from village_tui.screens.ledger.ledger_item_form import LedgerItemForm
from village_tui.screens.visits.visits import VisitsScreen
from village_tui.widgets.forms.unsaved_dialog import UnsavedDialog


def type_burst(app, keys: str | list[str]) -> None:
    """Queue keys as a fast typist does: all of them before the app handles the first."""
    for key in keys:
        character = key if len(key) == 1 else ("\r" if key == "enter" else None)
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)  # as the terminal's reader hands them over


async def test_text_typed_right_after_choosing_the_household_lands_in_learned():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, VisitsScreen)
        type_burst(app, ["z", "x", "m", "enter", "看", "望", "一", "下"])
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#visit-learned", Input).value == "看望一下"


async def test_enter_on_the_household_in_the_ledger_form_goes_to_the_complaint():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f7", "n")
        await pilot.pause()
        assert isinstance(app.screen, LedgerItemForm)
        await pilot.press("z", "x", "m", "enter")
        await pilot.pause()
        await pilot.press(*"路灯坏了")
        assert app.screen.query_one("#content", Input).value == "路灯坏了"
        assert app.screen.query_one("#reporter", Input).value == ""


async def test_after_saving_a_phone_visit_esc_on_the_blank_form_asks_nothing():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press(*"zxm", "enter")  # 曾小明
        await pilot.press("shift+tab", "right", "space")  # 电话
        await pilot.pause()
        await pilot.press("tab", *"电话问候", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert [v.way for v in service.visits(2026).rows] == ["电话"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, UnsavedDialog)
        assert not isinstance(app.screen, VisitsScreen)


async def test_f11_starts_on_the_usb_path_and_an_empty_path_puts_the_cursor_there():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f11")
        await pilot.pause()
        await pilot.pause()
        dest = app.screen.query_one("#export-dest", Input)
        assert app.focused is dest
        app.screen.query_one("#export-mask").focus()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.focused is dest


async def test_keys_typed_while_a_form_opens_reach_its_first_field():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        type_burst(app, ["n", "z", "x", "m", "enter", "路", "灯", "坏", "了"])
        for _ in range(4):
            await pilot.pause()
        assert isinstance(app.screen, LedgerItemForm)
        assert app.screen.query_one("#content", Input).value == "路灯坏了"
