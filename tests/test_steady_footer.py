"""The footer follows the keys the focused field offers, and keeps its keys while they stay the same (issue 30)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from village_tui.widgets.steady_footer import SteadyFooter


class SearchBox(Input):
    """A field with a key of its own, shown in the footer while it has the cursor."""

    BINDINGS = [Binding("f3", "pick", "选户")]

    def action_pick(self) -> None:
        self.value = "王大山"


class FooterApp(App):
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+s", "save", "保存")]

    def compose(self) -> ComposeResult:
        yield Input(id="name")
        yield Input(id="phone")
        yield SearchBox(id="household")
        yield SteadyFooter()


def shown(app: App) -> dict[str, str]:
    return {key.key: key.description for key in app.screen.query("FooterKey")}


async def test_the_footer_shows_the_focused_fields_keys_and_drops_them_after():
    app = FooterApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app) == {"ctrl+s": "保存"}
        app.screen.query_one("#household").focus()
        await pilot.pause()
        await pilot.pause()
        assert shown(app) == {"f3": "选户", "ctrl+s": "保存"}
        app.screen.query_one("#name").focus()
        await pilot.pause()
        await pilot.pause()
        assert shown(app) == {"ctrl+s": "保存"}


async def test_tab_between_fields_with_the_same_keys_keeps_the_footers_keys():
    app = FooterApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        keys = list(app.screen.query("FooterKey"))
        assert [key.key for key in keys] == ["ctrl+s"]
        await pilot.press("tab")  # 名字 -> 电话: the same keys
        await pilot.pause()
        await pilot.pause()
        assert app.focused.id == "phone"
        assert list(app.screen.query("FooterKey")) == keys, "the footer built the same keys again"
