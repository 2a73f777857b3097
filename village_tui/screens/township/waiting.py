"""待办事项: the items waiting at the township across its villages, the longest waiting first.

Each row is coloured by its deadline: green while there is time, amber with less than a
quarter of the time to the reply due day left, red when overdue. An item the county returned
(退回) is the township's again: it waits here marked 县退回, its clock and due day counted from the
return, coloured as any waiting item. The items the township no
longer holds (answered, forwarded, closed, returned) come last, in a muted colour. ``/`` searches village,
number, category, content and status; 回车 opens the item's detail; the action keys
(答复, 办结, 退回, 延期, 上报县, 重开) act on the highlighted item.
"""

from __future__ import annotations

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from village_tui.domain.models import TownshipItem
from village_tui.domain.safe_text import inert
from village_tui.domain.township import WAITING
from village_tui.domain.township_band import AMBER, BAND_WORDS, DONE, GREEN, RED
from village_tui.screens.township.actions import ACTION_BINDINGS, DeskActions
from village_tui.screens.township.desk_header import DeskHeader
from village_tui.service.township_board import BoardRow, board_rows
from village_tui.widgets.household_picker import SEARCH_CLASS
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.fitted_table import Col, FittedTable, RowMoreMixin
from village_tui.widgets.steady_footer import SteadyFooter

COLUMNS = (Col("村", min_width=4), Col("编号"), Col("类别", drop=3), Col("内容", flex=True, min_width=8),
           Col("上报日", drop=2), Col("期限"), Col("等待"), Col("状态"))
BAND_THEME = {GREEN: "success", AMBER: "warning", RED: "error", DONE: "foreground-darken-2"}
RETURNED_WORD = "县退回"  # waiting again at the township, its clock running from the county's return


def status_word(row: dict) -> str:
    """The status column: ``县退回`` for an item the county returned that waits at the township again."""
    return RETURNED_WORD if row.get("returned") and row["status"] == WAITING else row["status"]


def _short_day(iso: str) -> str:
    """``2026-10-20`` → ``10-20`` (the year is the running one in nearly every row; the detail has it whole)."""
    return iso[5:] if len(iso) == 10 else iso


class WaitingScreen(RowMoreMixin, DeskActions):
    """The desk's list of items (its first area)."""

    CSS_PATH = "township.tcss"
    BINDINGS = [
        # Priority, so the footer names it over the table's own (hidden) Enter; the search box keeps its Enter.
        Binding("enter", "open_item", "详情", priority=True),
        *ACTION_BINDINGS,
        Binding("slash", "app.focus_search", "查找", show=False),  # the search box's own hint names /
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[BoardRow] = []
        self._shown: list[BoardRow] = []

    def compose(self) -> ComposeResult:
        yield DeskHeader(id="desk-header")
        yield Static("", id="waiting-title", classes="desk-title")
        yield Input(placeholder="/ 查找：村名、编号、类别、内容或状态", id="waiting-search", classes=SEARCH_CLASS)
        yield FittedTable(COLUMNS, id="waiting-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="row-more", classes="row-more")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, keep: tuple[str, str] | None = None) -> None:
        """Read the items again and show the ones the search matches (the cursor stays on ``keep``)."""
        self._rows = board_rows(self.desk)
        self._show(keep)

    def _show(self, keep: tuple[str, str] | None = None) -> None:
        table = self.query_one(FittedTable)
        if keep is None and self._shown and table.cursor_row < len(self._shown):
            current = self._shown[table.cursor_row].row
            keep = (current["village"], current["item"])
        words = self.query_one("#waiting-search", Input).value.split()
        self._shown = [r for r in self._rows if all(w in self._haystack(r) for w in words)]
        styles = {band: Style(color=self.app.get_css_variables().get(name), bold=band in (AMBER, RED))
                  for band, name in BAND_THEME.items()}
        table.clear()
        at = 0
        for index, board in enumerate(self._shown):
            row, style = board.row, styles[board.band]
            table.add_row(Text(inert(row["village"])), Text(inert(row["item"])), Text(inert(row["category"])),
                          Text(inert(row["content"])), Text(_short_day(row["escalated_on"])),
                          Text(_short_day(row["due"]), style=style), Text(f"{row['waiting_days']}天", style=style),
                          Text(status_word(row), style=style), key=str(index))
            if keep == (row["village"], row["item"]):
                at = index
        if self._shown:
            table.move_cursor(row=at)
        self._title()

    def _title(self) -> None:
        counts = {band: sum(1 for r in self._rows if r.band == band) for band in BAND_THEME}
        found = f"，查到 {len(self._shown)} 条" if len(self._shown) != len(self._rows) else ""
        shown = (RED, AMBER, GREEN, DONE) if counts[DONE] else (RED, AMBER, GREEN)
        text = (f"待办事项 共 {len(self._rows)} 条{found}：" +
                "，".join(f"{BAND_WORDS[b]} {counts[b]}" for b in shown))
        if not self._rows:
            text = "待办事项：还没有村里上报的事项。用 village-tui township receive 接收各村导出后在这里答复。"
        self.query_one("#waiting-title", Static).update(Text(text))

    @staticmethod
    def _haystack(board: BoardRow) -> str:
        row = board.row
        return " ".join(str(row[k]) for k in ("village", "item", "category", "content", "status")) + \
            " " + BAND_WORDS[board.band] + " " + status_word(row)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_item":
            return not isinstance(self.focused, Input)
        return True

    @on(Input.Changed, "#waiting-search")
    def _search_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#waiting-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_item()

    def current_item(self) -> TownshipItem | None:
        table = self.query_one(FittedTable)
        if not self._shown or table.cursor_row >= len(self._shown):
            return None
        row = self._shown[table.cursor_row].row
        return self.desk.item(row["village"], row["item"])

    def items_changed(self, saved: TownshipItem) -> None:
        self.reload(keep=(saved.village, saved.item))

    def action_open_item(self) -> None:
        """回车: the highlighted item's detail."""
        from village_tui.screens.township.detail import ItemDetailScreen

        item = self.current_item()
        if item is not None:
            self.app.push_screen(ItemDetailScreen(item))
