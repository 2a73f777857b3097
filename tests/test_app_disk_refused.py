"""Issue 25 item 3: any OS error in a save keeps the app, the typed text and a consistent folder.

The disk is made to refuse the save's journal line (full, read-only, no permission, USB pulled);
the app must keep running, the form or dialog stays open with what was typed, the message says in
Chinese what happened and what to do, and the folder opened afresh holds the data before the save.
Once the disk takes writes again, the same Ctrl+S saves.
"""

from __future__ import annotations

import errno

import pytest
from textual.widgets import Input, OptionList, Select, Static

from app_fixtures import TODAY, make_village
from village_tui.app import VillageApp
from village_tui.service import VillageService
from village_tui.store.journal import Journal

REFUSALS = {
    errno.ENOSPC: ("磁盘空间不足", "腾出空间"),
    errno.EROFS: ("磁盘是只读的", "写保护"),
    errno.EACCES: ("没有权限", "写入权限"),
    errno.EIO: ("读写出错", "插好"),
}


class RefusingDisk:
    """Makes every journal append fail with one OS error until ``heal()``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
        self.code, self.refused = code, 0
        self._real = Journal.append
        self.healed = False

        def append(journal: Journal, change: dict) -> int:
            if self.healed:
                return self._real(journal, change)
            self.refused += 1
            raise OSError(self.code, errno.errorcode[self.code], str(journal.path))

        monkeypatch.setattr(Journal, "append", append)

    def heal(self) -> None:
        self.healed = True


def heads(path) -> list[str]:
    """The household heads a fresh read-only open of the folder finds."""
    service = VillageService.open(path, readonly=True, today=TODAY)
    try:
        return [h.head for h in service.households()]
    finally:
        service.close()


@pytest.mark.parametrize("code", sorted(REFUSALS), ids=lambda c: errno.errorcode[c])
async def test_a_form_save_refused_by_the_disk_keeps_the_app_the_form_and_the_text(tmp_path, monkeypatch, code):
    folder = tmp_path / "东风村"
    service = make_village(VillageService.open(folder, today=TODAY))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3", "n")
        await pilot.pause()
        form = app.screen
        form.query_one("#code", Input).value = "0005"
        form.query_one("#head", Input).value = "赵春生"
        form.query_one("#group", Select).value = "3组"
        await pilot.pause()
        disk = RefusingDisk(monkeypatch, code)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert disk.refused == 1
        assert app.is_running and app.screen is form, "the app and the form stay"
        message = str(form.query_one("#form-message", Static).content)
        reason, advice = REFUSALS[code]
        assert message.startswith("未保存：" + reason), message
        assert "刚才填写的内容还在" in message and advice in message and "Errno" not in message
        assert form.query_one("#head", Input).value == "赵春生", "what was typed is kept"
        assert "赵春生" not in [h.head for h in service.households()], "memory holds the data before the save"
        assert "赵春生" not in heads(folder), "the folder holds the data before the save"
        disk.heal()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    service.close()
    assert "赵春生" in heads(folder)


async def test_a_reason_dialog_refused_by_the_disk_stays_open_with_its_reason(tmp_path, monkeypatch):
    folder = tmp_path / "东风村"
    service = make_village(VillageService.open(folder, today=TODAY))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert "归档农户 0001 王大山" in str(dialog.query_one(".dialog-title", Static).content)
        RefusingDisk(monkeypatch, errno.ENOSPC)
        dialog.query_one("#reason", Input).value = "迁出本村"
        dialog.query_one("#reason", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.screen is dialog
        shown = str(dialog.query_one("#reason-error", Static).content)
        assert shown.startswith("磁盘空间不足。数据文件夹没有改动") and "腾出空间" in shown
        assert dialog.query_one("#reason", Input).value == "迁出本村"
    service.close()
    reopened = VillageService.open(folder, readonly=True, today=TODAY)
    assert not any(h.archived for h in reopened.households())
    reopened.close()


async def test_the_sign_in_whose_duty_sign_in_the_disk_refuses_keeps_the_app(tmp_path, monkeypatch):
    folder = tmp_path / "东风村"
    service = make_village(VillageService.open(folder, today=TODAY))
    service.set_roster(TODAY, [c.id for c in service.cadres()])
    app = VillageApp(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "SignInScreen"
        app.screen.query_one("#operators", OptionList).focus()
        RefusingDisk(monkeypatch, errno.EIO)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and service.operator is not None, "signed in all the same"
        shown = [str(n.message) for n in app._notifications]
        assert any("值班签到" in m and "读写出错" in m and "补记签到" in m for m in shown), shown
        await pilot.press("f3")
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdsScreen", "the app goes on working"
    service.close()
    reopened = VillageService.open(folder, readonly=True, today=TODAY)
    assert not reopened.duty_day(TODAY).signed_in()
    reopened.close()


async def test_a_list_action_refused_by_the_disk_says_so_and_changes_nothing(tmp_path, monkeypatch):
    """F9 b (办理中) saves from the list without a form: the app stays and names the reason."""
    from datetime import date

    from village_tui.domain.models import ServiceRequest

    folder = tmp_path / "东风村"
    service = make_village(VillageService.open(folder, today=TODAY))
    request = service.save_request(ServiceRequest(day=date(2026, 11, 20), kind="农村低保", applicant="曾小明"))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        desk = app.screen
        RefusingDisk(monkeypatch, errno.EROFS)
        await pilot.press("b")
        await pilot.pause()
        assert app.is_running and app.screen is desk
        shown = [str(n.message) for n in app._notifications]
        assert any("磁盘是只读的" in m and "写保护" in m for m in shown), shown
        assert service.request(request.id).status == "已受理"
    service.close()
    reopened = VillageService.open(folder, readonly=True, today=TODAY)
    assert reopened.request(request.id).status == "已受理"
    reopened.close()


async def test_an_import_refused_by_the_disk_keeps_the_app_and_says_why(tmp_path, monkeypatch):
    """F11's import: the disk refuses the import's journal line; the screen says so in Chinese."""
    from import_fixtures import write_workbook
    from village_tui.screens.exchange.import_screen import ImportScreen

    folder = tmp_path / "东风村"
    service = make_village(VillageService.open(folder, today=TODAY))
    book = write_workbook(tmp_path / "新户.xlsx", {"农户": [
        ["户编号", "户主", "身份证号", "组别", "人口", "电话", "外出", "困难类别", "住址"],
        ["0009", "孙二娘", "", "1组", 2, "", "否", "", ""]]}, village=False)
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.run_area_action("f11", "import_sheet")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#import-path", Input).value = str(book)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        RefusingDisk(monkeypatch, errno.ENOSPC)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        shown = [str(n.message) for n in app._notifications]
        assert any(m.startswith("导入失败：磁盘空间不足") and "腾出空间" in m for m in shown), shown
    service.close()
    assert "孙二娘" not in heads(folder)
