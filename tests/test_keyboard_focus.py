"""Focus where work starts: a failed save lands on the bad field without selecting it; errors clear when fixed
(issue 28, item 3)."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.app_fixtures import make_village
from village_tui.app import VillageApp
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.unsaved_dialog import UnsavedDialog


def field(form, name: str) -> FormField:
    return next(f for f in form.query(FormField) if f.name == name)


async def open_new_household(pilot, app):
    await pilot.pause()
    await pilot.press("f3", "n")
    await pilot.pause()
    form = app.screen
    assert type(form).__name__ == "HouseholdFormScreen"
    form.query_one("#code", Input).value = "0005"
    form.query_one("#head", Input).value = "赵春生"
    form.query_one("#group").value = "3组"
    return form


async def test_failed_save_puts_the_cursor_after_the_text_and_one_key_adds_to_it():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_new_household(pilot, app)
        form.query_one("#members", Input).value = "三口"
        form.query_one("#code", Input).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        members = form.query_one("#members", Input)
        assert app.focused is members
        assert members.selection.is_empty and members.cursor_position == len("三口")
        await pilot.press("人")
        assert members.value == "三口人", "a key typed after the failed save replaced the field"


async def test_an_error_clears_as_soon_as_the_field_is_changed_and_the_message_names_only_what_is_left():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_new_household(pilot, app)
        form.query_one("#members", Input).value = "三口"
        form.query_one("#head", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert field(form, "members").error and field(form, "head").error
        form.query_one("#head", Input).focus()
        await pilot.press("赵")
        await pilot.pause()
        assert field(form, "head").error is None
        message = str(form.query_one("#form-message", Static).content)
        assert "户主" not in message and "人口" in message
        form.query_one("#members", Input).value = "3"
        await pilot.pause()
        assert str(form.query_one("#form-message", Static).content) == ""


async def test_saving_from_the_leave_question_says_not_saved_once():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_new_household(pilot, app)
        form.query_one("#members", Input).value = "三口"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        app.screen.query_one("#save").press()
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said and all("未保存：未保存" not in m for m in said), said
        assert any(m.startswith("未保存，请改正") for m in said), said


async def test_f12_opens_with_the_cursor_after_the_village_name_and_one_key_adds_to_it():
    """F12 starts on 村名 with nothing selected: a stray key is added to 「东风村」, never typed over it."""
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        name = app.screen.query_one("#name", Input)
        assert app.focused is name and name.value == "东风村"
        assert name.selection.is_empty and name.cursor_position == len("东风村")
        await pilot.press("二")
        assert name.value == "东风村二"
