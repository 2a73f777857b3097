"""Keys are named on screen as a Windows clerk knows them: Esc, Ctrl+S, Del, 空格, 回车, F1 (issue 28, item 2)."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.app_fixtures import make_village
from village_tui.app import VillageApp
from village_tui.widgets.chinese_keys import key_name


def footer_keys(app) -> dict[str, str]:
    """The footer's keys as shown: label → key name."""
    footer = app.screen.query_one(Footer)
    return {key.description: key.key_display for key in footer.query(FooterKey)}


def test_one_mapping_names_keys_as_windows_does():
    assert [key_name(k) for k in ("escape", "ctrl+s", "ctrl+p", "delete", "space", "enter", "f12", "n")] == [
        "Esc", "Ctrl+S", "Ctrl+P", "Del", "空格", "回车", "F12", "n"]


async def test_footers_name_esc_ctrl_del_and_space_in_windows_words():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        keys = footer_keys(app)
        assert keys["返回"] == "Esc", keys
        await pilot.press("f5")
        await pilot.pause()
        assert footer_keys(app)["保存并下一条"] == "Ctrl+S"
        await pilot.press("f7", "m")
        await pilot.pause()
        keys = footer_keys(app)
        assert keys["选中"] == "空格" and keys["会议记录"] == "Ctrl+S"
        assert "^s" not in str(keys) and "esc" not in keys.values()


async def test_visit_list_footer_says_del():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5", "ctrl+r")
        await pilot.pause()
        assert footer_keys(app)["作废"] == "Del"
