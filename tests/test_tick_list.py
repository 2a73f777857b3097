"""The tick list shows the chosen state by its glyph, so it reads the same in 16 colours."""

from __future__ import annotations

from textual.app import App, ComposeResult

from village_tui.widgets.narrow_glyphs import use_narrow_glyphs
from village_tui.widgets.tick_list import TickList


class TickApp(App):
    def compose(self) -> ComposeResult:
        yield TickList(("孤寡老人", "孤寡老人", True), ("留守儿童", "留守儿童", False))


def line_texts(widget: TickList) -> list[str]:
    return [widget.render_line(y).text for y in range(2)]


async def test_chosen_items_show_x_and_others_a_space():
    use_narrow_glyphs()
    app = TickApp()
    async with app.run_test(size=(40, 6)) as pilot:
        ticks = app.query_one(TickList)
        await pilot.pause()
        first, second = line_texts(ticks)
        assert first.startswith("[X] 孤寡老人") and second.startswith("[ ] 留守儿童")
        ticks.focus()
        await pilot.press("down", "space")
        await pilot.pause()
        assert line_texts(ticks)[1].startswith("[X] 留守儿童")
        assert ticks.selected == ["孤寡老人", "留守儿童"]
