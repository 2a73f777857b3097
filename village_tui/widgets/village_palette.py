"""The command palette in Chinese: a Chinese prompt and a plain ``>`` instead of the emoji magnifier."""

from __future__ import annotations

from textual.command import CommandPalette, SearchIcon

PROMPT = "输入中文名称、全拼或拼音首字母，如 xznh 新增农户、qj 请假"


class VillagePalette(CommandPalette):
    """Textual's command palette, worded for cadres; what it finds comes from the app's providers."""

    def __init__(self) -> None:
        super().__init__(placeholder=PROMPT, id="--command-palette")

    def on_mount(self) -> None:
        # Old consoles draw the emoji as two cells or as a box; a plain sign reads everywhere.
        self.query_one(SearchIcon).icon = ">"
