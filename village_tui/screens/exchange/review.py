"""The township's scorecard: villages × rules for a month or a year; Enter opens a village read-only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from village_tui.domain.safe_text import inert
from village_tui.exchange.review import DISAGREES, NOT_CHECKED, RULES, VillageScore
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.fitted_table import Col, FittedTable, RowMoreMixin
from village_tui.widgets.steady_footer import SteadyFooter

# On a narrow screen the last rules step aside first; the line under the table shows them.
COLUMNS = (Col("村", flex=True, min_width=6), Col("校验"), Col("不符合"), Col("上报结果"),
           *(Col(rule, drop=index + 1) for index, rule in enumerate(RULES)))


class ReviewScreen(RowMoreMixin, Screen):
    """The scorecard of the villages under review (read-only).

    Args:
        rows: One scored village per row.
        period: The period shown, ``2026年10月``.
        summary: An extra line (the SQLite roll-up), or empty.
        start: The row to put the cursor on.
    """

    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("enter", "open_village", "查看该村（只读）", show=True)]

    def __init__(self, rows: list[VillageScore], period: str, summary: str = "", start: int = 0) -> None:
        super().__init__()
        self.rows = rows
        self.period = period
        self.summary = summary
        self.start = start

    def compose(self) -> ComposeResult:
        yield Static(f"乡镇审阅（只读）：{self.period}，共{len(self.rows)}个村。格中为「符合项/已判定项」，"
                     f"「进行中N」为尚未到期的项（不算符合），「{NOT_CHECKED}」为未检查，「不适用」为只记录不考核；已上报的月份为上报时的结果，「上报→现在」为上报后有更正。"
                     "回车查看该村（在村里按 Esc 回到本表），Ctrl+Q 退出。", classes="form-title")
        yield FittedTable(COLUMNS, id="scorecard", cursor_type="row", zebra_stripes=True)
        yield Static("", id="row-more", classes="row-more")
        yield Static("", id="village-notes", classes="hint")
        if self.summary:
            yield Static(Text(inert(self.summary, multiline=True)), classes="hint")
        yield SteadyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for index, row in enumerate(self.rows):
            verified = Text(row.verified, style="bold red" if row.verified == "校验失败" else "")
            problems = Text(str(row.problems), style="bold yellow" if row.problems else "")
            reported = Text(row.reported, style="bold red" if row.reported == DISAGREES else "")
            cells = [self._cell(row.cells.get(rule, NOT_CHECKED)) for rule in RULES]
            table.add_row(Text(inert(row.name)), verified, problems, reported, *cells, key=str(index))
        if self.rows:
            table.move_cursor(row=min(self.start, len(self.rows) - 1))
        table.focus()

    @staticmethod
    def _cell(value: str) -> Text:
        if value == NOT_CHECKED:
            return Text(value)
        if "→" in value:  # reported, then today's: the village's data changed after it reported
            return Text(value, style="bold red")
        ok, _, rest = value.partition("/")
        judged = rest.partition("，")[0]
        return Text(value, style="bold yellow" if judged and ok != judged else "")

    def _current(self) -> tuple[int, VillageScore] | None:
        table = self.query_one(DataTable)
        if not self.rows:
            return None
        index = table.cursor_row
        return index, self.rows[index]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        current = self._current()
        if current is None:
            return
        _, row = current
        notes = [f"文件夹：{row.folder}"]
        if row.manifest is not None:
            masked = "已遮盖个人信息" if row.manifest.masked else "未遮盖个人信息"
            notes.append(f"导出：{row.manifest.time}，{row.manifest.operator}，{masked}")
        notes += row.notes
        self.query_one("#village-notes", Static).update(Text("\n".join(inert(note) for note in notes)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_village()

    def action_open_village(self) -> None:
        """Leave the scorecard to open the highlighted village read-only."""
        current = self._current()
        if current is None:
            return
        index, row = current
        if any(note.startswith("打不开") for note in row.notes):
            self.notify(f"{inert(row.name)}的数据打不开，不能查看", severity="error")
            return
        self.app.exit(index)
