"""The header on every screen: village, today's date, operator, data folder and the 只读 badge.

The date's weekday (``2026年11月30日 星期一``) is formatted by pendulum, which the
app loads in a thread after its first frame; until then the header shows the
date alone and the app refreshes it when pendulum is ready.
"""

from __future__ import annotations

from rich.cells import chop_cells
from textual.widget import Widget

from village_tui.domain import dates
from village_tui.domain.errors import DomainError
from village_tui.domain.safe_text import inert
from village_tui.widgets.inert_text import Text
from village_tui.widgets.workbench import workbench


class VillageHeader(Widget):
    """Two lines at the top of a screen; reads ``app.service`` each time it is drawn."""

    DEFAULT_CSS = """
    VillageHeader {
        dock: top;
        height: 2;
        width: 1fr;
        background: $primary;
        color: $text;
    }
    VillageHeader.-readonly {
        height: auto;
    }
    """

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._on_screen_change)
        self._follow_readonly()

    def _on_screen_change(self, _screen) -> None:
        self._follow_readonly()
        self.refresh()

    def _follow_readonly(self) -> None:
        """Read-only: the header grows to show the whole reason (it was cut at 80 columns)."""
        self.set_class(workbench(self.app).readonly, "-readonly")

    def render(self) -> Text:
        service = workbench(self.app)
        try:
            settings = service.settings()
        except DomainError:  # the reference file turned out broken (the app is naming it): never a traceback
            village = "（村庄设置无法读取）"
        else:
            village = inert(settings.name) or "（未设置村名）"
            if settings.township:
                village = f"{inert(settings.township)} {village}"
        text = Text(no_wrap=not service.readonly, overflow="ellipsis" if not service.readonly else "fold")
        text.append(f" {village}", style="bold")
        today = service.today
        text.append(f"  {dates.format_cn_long(today) if dates.loaded() else dates.format_cn(today)}")
        if service.viewer:  # the township looks at a village: no cadre of the village is at the keyboard
            text.append(f"  {inert(service.viewer)}")
        else:
            operator = inert(service.operator.name) if service.operator else "未登录"
            text.append(f"  操作员：{operator}")
        if service.readonly:
            text.append("  ")
            text.append(" 只读 ", style="bold reverse")
        text.append("\n")
        data = f" 数据：{service.folder.display_path()}"
        if service.readonly:
            text.append(f" 只读原因：{service.readonly_reason}", style="bold")
            # The folder on rows of its own, folded at the edge: wrapped as words it broke at the space
            # of 「U盘 E」 and showed 「数据：…/U盘」 as if that were the folder.
            text.append("\n" + "\n".join(chop_cells(data, max(self.size.width, 10))))
        else:
            text.append(data)
        return text
