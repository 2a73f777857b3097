"""Pilot tests of the form base: the unsaved-changes guard, Enter, errors that name and focus the field, read-only."""

from __future__ import annotations

from textual.widgets import Button, Input, Select

from app_fixtures import TODAY, make_village
from village_tui.app import VillageApp
from village_tui.service import VillageService
from village_tui.widgets.dialogs.confirm import ConfirmDialog
from village_tui.widgets.forms.unsaved_dialog import UnsavedDialog


def _app(service=None):
    service = service or make_village()
    return service, VillageApp(service, operator_id=service.cadres()[0].id)


async def _new_household(pilot, app):
    await pilot.press("f3")
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    await pilot.pause()
    assert type(app.screen).__name__ == "HouseholdFormScreen"
    return app.screen


async def _answer(pilot, app, button: str) -> None:
    await pilot.pause()
    assert isinstance(app.screen, UnsavedDialog), type(app.screen).__name__
    assert app.screen.focused.id == "stay"  # 继续编辑 is the default
    app.screen.query_one(f"#{button}", Button).press()
    await pilot.pause()
    await pilot.pause()


async def test_esc_fkey_and_quit_ask_before_dropping_typed_text():
    service, app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_household(pilot, app)
        assert not form.is_dirty  # the suggested 户编号 is not a change
        form.query_one("#code", Input).focus()  # (the form starts on 户主)
        await pilot.pause()
        await pilot.press("end", *"9")
        typed = form.query_one("#code", Input).value
        assert typed.endswith("9") and form.is_dirty
        for key in ("escape", "f5", "ctrl+q", "ctrl+c"):
            await pilot.press(key)
            await _answer(pilot, app, "stay")
            assert app.screen is form and form.query_one("#code", Input).value == typed, key
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # Enter on the focused 继续编辑
        await pilot.pause()
        assert app.screen is form
        await pilot.press("escape")
        await _answer(pilot, app, "discard")
        assert type(app.screen).__name__ == "HouseholdsScreen"
        assert len(service.households()) == 4


async def test_leaving_with_save_saves_and_switches_area():
    service, app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_household(pilot, app)
        form.query_one("#code", Input).value = "0009"
        form.query_one("#head", Input).value = "赵春生"
        form.query_one("#group", Select).value = "3组"
        await pilot.press("f5")
        await _answer(pilot, app, "save")
        assert service.household_by_code("0009").head == "赵春生"
        assert app.current_mode == "f5"


async def test_save_refused_on_leave_keeps_the_form():
    service, app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_household(pilot, app)
        form.query_one("#head", Input).value = "赵春生"
        await pilot.press("escape")
        await _answer(pilot, app, "save")
        assert app.screen is form
        assert form.query_one("#head", Input).value == "赵春生"


async def test_clean_form_leaves_without_asking_and_ctrl_c_asks_in_chinese():
    service, app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _new_household(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdsScreen"
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "退出程序" in text and "quit" not in text
        assert app.screen.focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdsScreen"
        assert app.is_running


async def test_enter_moves_on_from_select_checkbox_and_list_and_space_opens_select():
    service, app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_household(pilot, app)
        form.query_one("#group", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert form.focused.id == "members"
        assert not form.query_one("#group", Select).expanded
        form.query_one("#away").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert form.focused.id == "needs" and form.query_one("#away").value is False
        await pilot.press("enter")
        await pilot.pause()
        assert form.focused.id == "address" and not form.query_one("#needs").selected
        form.query_one("#group", Select).focus()
        await pilot.press("space")
        await pilot.pause()
        assert form.query_one("#group", Select).expanded


async def test_failed_save_focuses_first_bad_field_and_names_it():
    service, app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_household(pilot, app)
        form.query_one("#code", Input).value = ""
        form.query_one("#members", Input).value = "很多"
        form.query_one("#address").focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.focused.id == "code"  # 户编号 comes first on screen
        message = str(form.query_one("#form-message").render())
        assert "户编号" in message and "户主" in message and "人口" in message


async def test_readonly_form_says_so_before_typing(tmp_path):
    writable = make_village(VillageService.open(tmp_path / "村", today=TODAY))
    writable.close()
    service = VillageService.open(tmp_path / "村", readonly=True, today=TODAY)
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        app.screen.query_one("DataTable").focus()
        from village_tui.screens.cadres.cadre_form import CadreFormScreen

        await app.push_screen(CadreFormScreen(service.cadres()[0]))
        await pilot.pause()
        try:
            banner = str(app.screen.query_one("#readonly-banner").render())
            assert "只读" in banner and "不能保存" in banner
            assert app.screen.query_one("#form-save", Button).disabled
        finally:
            service.close()


async def test_a_new_household_starts_on_the_head_so_typing_keeps_the_offered_code():
    """户主 first (issue 28 walk): a name typed at once went over the offered 户编号, the ID number into 户主."""
    service, app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_household(pilot, app)
        offered = form.query_one("#code", Input).value
        await pilot.press(*"王秀英", "tab", *"350425196001011234")
        await pilot.pause()
        assert form.query_one("#code", Input).value == offered != ""
        assert form.query_one("#head", Input).value == "王秀英"
        assert form.query_one("#id_number", Input).value == "350425196001011234"


async def test_an_id_number_typed_with_spaces_keeps_every_digit():
    """「110105 19491231 002X」 (as printed on many forms): the spaces used up the 18-character limit and cut
    the last two digits, so the number was refused as 16 digits (issue 28 walk)."""
    service, app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_household(pilot, app)
        form.query_one("#id_number", Input).focus()
        await pilot.pause()
        await pilot.press(*"110105 19491231 002X")
        await pilot.pause()
        assert "".join(form.query_one("#id_number", Input).value.split()) == "11010519491231002X"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "身份证号" not in str(form.query_one("#form-message").render())
