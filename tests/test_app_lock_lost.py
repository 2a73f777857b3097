"""Issue 17.7 through the app: a deleted ``.lock`` stops saving, the form keeps what was typed and says why."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from app_fixtures import TODAY, make_village
from village_tui.app import VillageApp
from village_tui.service import VillageService


async def test_a_deleted_lock_file_refuses_the_save_and_keeps_the_form(tmp_path):
    service = make_village(VillageService.open(tmp_path / "东风村", today=TODAY))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "HouseholdFormScreen"
        form.query_one("#code", Input).value = "0005"
        form.query_one("#head", Input).value = "赵春生"
        form.query_one("#group", Select).value = "3组"
        await pilot.pause()
        (tmp_path / "东风村" / ".lock").unlink()  # someone deletes the lock behind the program's back
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form stays open"
        message = str(form.query_one("#form-message", Static).content)
        assert message.startswith("未保存：") and "锁文件（.lock）被删除或替换" in message
        assert form.query_one("#head", Input).value == "赵春生", "what was typed is kept"
        assert service.readonly and ".lock" in service.folder.readonly_reason
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "锁文件（.lock）" in str(form.query_one("#form-message", Static).content)
    service.close()
    reopened = VillageService.open(tmp_path / "东风村", readonly=True, today=TODAY)
    assert [h.code for h in reopened.households()] == ["0001", "0002", "0003", "0004"]
    reopened.close()
