"""The yearly assessment of every cadre (R16, clause 三、(三)): duty, visits, R5–R7, R12, items handled, satisfaction."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable

from village_tui.domain.error_words import error_words
from village_tui.domain.assessment import RUNNING_NOTE, CadreAssessment, RuleScore
from village_tui.domain.findings import CLAUSES, RULE_TITLES
from village_tui.widgets.cjk_static import CjkStatic
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.screens.base import ServiceAccess

SHOWN_RULES = ("R5", "R6", "R7", "R12")
# Cells of measures still running are wider (「47/47，进行中49」): on a narrow screen the visit and item
# totals step aside first; the line under the table names them whole.
COLUMNS = (Col("干部", flex=True, min_width=6), Col("坐班"), Col("走访/户", drop=2), *(Col(rule) for rule in SHOWN_RULES),
           Col("办结", drop=1), Col("得分"))


def score_cell(score: RuleScore | None, colours: dict[str, str]) -> Text:
    """``"11/12"`` coloured red when a finding was missed, ``"47/47，进行中50"`` in the warning colour while
    findings are open, or ``不适用``."""
    if score is None or not score.shown:
        return Text("不适用")
    state = "error" if score.ok < score.total else "warning" if score.open else "success"
    return Text(score.text(), style=colours.get(state, ""))


def row_detail(row: CadreAssessment, coverage: str = "") -> str:
    """One cadre's year in a sentence, under the table (role and term tell cadres of one name apart)."""
    rules = "，".join(f"{rule} {score.text()}" for rule, score in row.rules.items() if score.shown)
    sat = "、".join(f"{k}{v}" for k, v in row.satisfaction.items())
    pairing = f"，结对户月走访{row.pairing_months.text()}" if row.pairing_months.shown else ""
    score = "不适用" if row.score is None else f"{row.score:g}"
    return (f"{row.cadre}（{row.role}，{row.term}）：坐班{row.duty_days}天，走访{row.visits}次（{row.households_visited}户）；"
            f"{rules or '没有已考核的规则'}{pairing}；办结民情{row.items_handled}件（{sat}）；综合得分{score}"
            + (f"（{coverage}）" if coverage else ""))


class AssessmentScreen(ServiceAccess, Screen):
    """Per cadre, the year the township assesses; p and n move a year.

    Args:
        year: The year shown first.
    """

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("p", "year(-1)", "上一年"),
        Binding("n", "year(1)", "下一年"),
    ]

    def __init__(self, year: int) -> None:
        super().__init__()
        self.year = year
        self.rows: list[CadreAssessment] = []
        self.coverage = ""


    def compose(self) -> ComposeResult:
        # Wrapped by the Chinese rules: a line of them started with 「）」 at 80 columns.
        yield CjkStatic(id="assess-head")
        yield FittedTable(COLUMNS, id="assess-table", cursor_type="row", zebra_stripes=True)
        yield CjkStatic(id="assess-detail")

    def on_mount(self) -> None:
        table = self.query_one("#assess-table", DataTable)
        # Fixed widths: the table fits 80 columns and does not jump when the year changes.
        table.focus()
        self.load_year()

    def load_year(self) -> None:
        """Show the heading and compute the year in a worker."""
        title = RULE_TITLES["R16"]
        self.query_one("#assess-head", CjkStatic).show(
            f"{self.year}{title}（R16，通知{CLAUSES['R16']}）  正在统计……")
        self.compute(self.year)

    @work(thread=True, exclusive=True, group="assessment")
    def compute(self, year: int) -> None:
        """The assessment of ``year`` (twelve month checks and the year check), off the UI thread."""
        try:
            rows = self.service.yearly_assessment(year)
        except Exception as error:  # noqa: BLE001 - shown to the user instead of closing the app
            self.app.call_from_thread(self.notify, f"统计失败：{error_words(error)}", severity="error")
            return
        self.app.call_from_thread(self.show, year, rows)

    def show(self, year: int, rows: list[CadreAssessment]) -> None:
        """Draw one year's rows."""
        if year != self.year:
            return
        self.rows = rows
        self.coverage = self.service.assessment_coverage(year)
        self.query_one("#assess-head", CjkStatic).show(
            f"{year}{RULE_TITLES['R16']}（R16，通知{CLAUSES['R16']}）  {len(rows)}名干部  p 上一年  n 下一年\n"
            f"{self.coverage}；{RUNNING_NOTE}")
        table = self.query_one("#assess-table", DataTable)
        table.clear()
        colours = self.app.theme_variables
        for n, row in enumerate(rows):
            table.add_row(
                Text(row.cadre), str(row.duty_days), f"{row.visits}/{row.households_visited}",
                *(score_cell(row.rules.get(rule), colours) for rule in SHOWN_RULES), str(row.items_handled),
                "-" if row.score is None else f"{row.score:g}", key=str(n))
        if not rows:
            self.query_one("#assess-detail", CjkStatic).show(f"{year}年没有在任的干部")
        else:
            self._describe(table.cursor_row)

    def _describe(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.query_one("#assess-detail", CjkStatic).show(row_detail(self.rows[index], self.coverage))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(event.cursor_row)

    def action_year(self, step: int) -> None:
        """Show the year before or after."""
        if self.year + step > self.service.today.year:
            self.notify("还没有到这一年")
            return
        self.year += step
        self.query_one("#assess-table", DataTable).clear()
        self.query_one("#assess-detail", CjkStatic).show("")
        self.load_year()
