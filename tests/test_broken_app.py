"""The app on a broken or wrong-shaped data folder: the broken-file dialog, never a traceback (issue 17).

Pilot tests on copies of the demo village from the broken-folder catalogue. A
``reference.json`` that is empty, cut short, not UTF-8, of the wrong shape or missing
beside the year files leaves nothing to show: the dialog names it and closing it
ends the program. A wrong-shaped year file opens read-only: the dialog names the file
and the record, then the cadre signs in and the screens that do not need that file work.
"""

from __future__ import annotations

import pytest
from textual.widgets import Button, Static

from broken_folders import CATALOGUE, TODAY, broken_copy, make_demo
from village_tui.app import VillageApp
from village_tui.service import VillageService

REFERENCE_CASES = ["reference empty", "reference truncated", "reference not UTF-8", "households table is a list",
                   "reference missing beside year files", "settings emptied beside households",
                   "settings table removed", "a household id written twice", "NaN in a record"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The small demo village, generated once."""
    return make_demo(tmp_path_factory.mktemp("app-catalogue"))


def dialog_text(app) -> str:
    return str(app.screen.query_one("#broken-list", Static).render())


@pytest.mark.parametrize("case", REFERENCE_CASES)
async def test_a_broken_reference_file_shows_the_dialog_and_closing_it_ends_the_program(case, demo, tmp_path):
    damage = CATALOGUE[case]
    folder = broken_copy(demo, tmp_path / "村", damage)
    before = (folder / "reference.json").read_bytes() if (folder / "reference.json").exists() else None
    service = VillageService.open(folder, today=TODAY)
    app = VillageApp(service)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "BrokenFilesScreen"
            assert "reference.json" in dialog_text(app)
            for words in damage.says:
                assert words in dialog_text(app)
            assert len(app.screen_stack) == 2, "no first-run setup and no sign-in behind the dialog"
            close = app.screen.query_one("#close", Button)
            assert "退出" in str(close.label)
            await pilot.click("#close")
            await pilot.pause()
            assert not app.is_running
    finally:
        service.close()
    after = (folder / "reference.json").read_bytes() if (folder / "reference.json").exists() else None
    assert after == before, "the broken reference file is kept as it was (and no new one is made)"
    assert app.return_code in (0, None)


async def test_a_wrong_shaped_year_file_names_the_record_and_the_rest_opens_read_only(demo, tmp_path):
    damage = CATALOGUE["visit day 31/02"]
    folder = broken_copy(demo, tmp_path / "村", damage)
    before = (folder / damage.target).read_bytes()
    service = VillageService.open(folder, today=TODAY)
    app = VillageApp(service)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "BrokenFilesScreen"
            text = dialog_text(app)
            assert "2026/visits.json" in text and "第12条记录" in text and "31/02/2026" in text
            await pilot.click("#close")
            await pilot.pause()
            assert type(app.screen).__name__ == "SignInScreen"
            await pilot.press("enter")
            await pilot.pause()
            assert app.service.operator is not None
            await pilot.press("f3")  # 农户 live in reference.json, which is fine
            await pilot.pause()
            assert app.current_mode == "f3"
            await pilot.press("f5")  # 走访 of this year cannot be read: said, not crashed
            await pilot.pause()
            await pilot.pause()
            assert app.is_running
            said = [n.message for n in app._notifications]
            assert any("2026/visits.json" in m and "第12条记录" in m for m in said), said
            assert app.current_mode == "f2", "back on 首页"
            await pilot.press("f3")
            await pilot.pause()
            assert app.current_mode == "f3" and app.is_running
            assert service.readonly and "2026/visits.json" in service.readonly_reason
    finally:
        service.close()
    assert (folder / damage.target).read_bytes() == before


async def test_f11_export_refuses_a_wrong_shaped_older_year_and_writes_nothing_to_the_stick(demo, tmp_path):
    """An older year is first read by the export: named on the screen, nothing on the stick, no crash."""
    from textual.widgets import Input

    damage = CATALOGUE["last year's visits wrong"]
    folder = broken_copy(demo, tmp_path / "村", damage)
    usb = tmp_path / "usb"
    usb.mkdir()
    service = VillageService.open(folder, today=TODAY)
    assert not service.readonly, "older years are read when first needed"
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("f11")
            await pilot.pause()
            app.screen.query_one("#export-dest", Input).value = str(usb)
            await pilot.press("ctrl+e")
            await app.workers.wait_for_complete()
            await pilot.pause()
            result = str(app.screen.query_one("#export-result", Static).render())
            assert "导出失败" in result and damage.target in result and "household_id" in result
            assert app.is_running
    finally:
        service.close()
    assert list(usb.iterdir()) == []
