"""The desk's header line: township, today, the desk's operator, the folder and the 只读 badge."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from village_tui.domain import dates
from village_tui.domain.safe_text import inert
from village_tui.screens.base import township_desk


class DeskHeader(Static):
    """Names where the desk's work goes, on every desk screen."""

    DEFAULT_CSS = """
    DeskHeader {
        height: auto;
        background: $primary;
        color: $text;
    }
    """

    def render(self) -> Text:
        desk = township_desk(self.app)
        settings = desk.settings()
        text = Text(no_wrap=not desk.readonly, overflow="ellipsis")
        text.append(f" {inert(settings.name)}民情处理站", style="bold")
        text.append(f"  {dates.format_cn(desk.today)}  经办人：{inert(desk.operator_name)}")
        if desk.readonly:
            text.append("  ")
            text.append(" 只读 ", style="bold reverse")
            text.append(f" {desk.readonly_reason}")
        text.append(f"\n 数据：{desk.folder.display_path()}")
        return text
