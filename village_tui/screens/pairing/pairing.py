"""F6 结对: pairings with needy households (帮扶, R12) and mentoring (帮带, R11), and the year matrix."""

from __future__ import annotations

from datetime import date

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from village_tui.domain import dates
from village_tui.domain.models import PAIRING_KINDS, Pairing
from village_tui.domain.rules_pairing import DUE, INACTIVE, MISSED, NOT_YET, VISITED, MatrixRow, PairingMatrix
from village_tui.screens.pairing.pairing_close import PairingCloseDialog
from village_tui.screens.pairing.pairing_form import PairingForm, PairingResult
from village_tui.screens.pairing.pairing_visit import PairingVisitDialog
from village_tui.widgets.inert_text import Text, known_or_literal
from village_tui.widgets.lists.fitted_table import Col, FittedTable, RowMoreMixin
from village_tui.screens.base import RefreshOnChange, ServiceAccess

# One character per cell keeps twelve months inside 80 columns. A month not yet
# begun asks nothing of the cadre, so it looks like one outside the pairing.
CELL_TEXT = {VISITED: "访", DUE: "待", MISSED: "未", INACTIVE: "-", NOT_YET: "-"}
STATE_COLOUR = {VISITED: "success", DUE: "warning", MISSED: "error"}
FIXED_COLUMNS = 3
KIND_FILTERS = ("帮扶", "帮带", None)
VIEWS = ("matrix-tab", "list-tab", "totals-tab")
VIEW_TABLES = {"matrix-tab": "#matrix", "list-tab": "#list", "totals-tab": "#totals"}
PAIRING_ACTIONS = frozenset({"edit_pairing", "record_visit", "end_pairing", "cancel_pairing"})
# No matrix column steps aside: the month under the cursor is its column's place.
MATRIX_COLUMNS = (Col("干部", key="cadre"), Col("农户", key="household", flex=True, min_width=6),
                  Col("类型", key="kind"), *(Col(str(month), key=f"m{month}") for month in range(1, 13)))
TOTAL_COLUMNS = tuple(Col(label) for label in ("干部", "结对户数", "已走访(月)", "待走访(月)", "未走访(月)"))
LIST_COLUMNS = (Col("干部"), Col("类型"), Col("户编号"), Col("户主"), Col("开始", drop=2), Col("结束", drop=1),
                Col("帮扶措施", flex=True, min_width=8), Col("目标", flex=True, min_width=10))


class PairingScreen(RefreshOnChange, ServiceAccess, RowMoreMixin, Screen):
    """The pairings of the year: the township's visit matrix and the list of pairings."""

    CSS_PATH = "pairing.tcss"
    BINDINGS = [
        Binding("n", "new_pairing", "新增"),
        Binding("e", "edit_pairing", "修改"),
        Binding("v", "record_visit", "走访"),
        Binding("x", "end_pairing", "结束"),
        Binding("d", "cancel_pairing", "作废", show=False),
        Binding("u", "restore_pairing", "恢复结对", show=False),
        Binding("left_square_bracket", "year(-1)", "上年", show=False),
        Binding("right_square_bracket", "year(1)", "下年", show=False),
        Binding("k", "kind_filter", "类型"),
        Binding("t", "switch_view", "切换"),
    ]

    # The matrix counts the pairings' visits; names and codes come from cadres and households.
    SHOWS = ("pairings", "visits", "households", "cadres", "settings")

    def __init__(self) -> None:
        super().__init__()
        self.year = 0
        # The township's matrix is about 帮扶 (R12); k shows 帮带 or both.
        self.kind: str | None = "帮扶"
        self.matrix: PairingMatrix | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="pairing-title")
        with TabbedContent(initial="matrix-tab"):
            with TabPane("年度走访矩阵", id="matrix-tab"):
                yield FittedTable(MATRIX_COLUMNS, id="matrix", cursor_type="cell", zebra_stripes=True)
                yield Static("访=已走访  待=待走访（本月未完）  未=未走访  -=不在结对期内或未到", id="legend")
                yield Static("", id="cell-detail")
            with TabPane("结对名单", id="list-tab"):
                yield FittedTable(LIST_COLUMNS, id="list", cursor_type="row", zebra_stripes=True)
                yield Static("", id="row-more", classes="row-more")
            with TabPane("干部汇总", id="totals-tab"):
                yield FittedTable(TOTAL_COLUMNS, id="totals", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.year = self.service.today.year
        matrix = self.query_one("#matrix", DataTable)
        matrix.fixed_columns = FIXED_COLUMNS
        self.refresh_data()
        matrix.focus()

    # -- drawing ----------------------------------------------------------

    def _styles(self) -> dict[str, Style]:
        theme = self.app.get_css_variables()
        styles = {state: Style(color=theme.get(name), bold=True) for state, name in STATE_COLOUR.items()}
        styles[INACTIVE] = styles[NOT_YET] = Style(dim=True)
        return styles

    def refresh_data(self) -> None:
        """Reload the year's pairings and visits and redraw both views."""
        self.mark_shown()
        service = self.service
        self.matrix = service.pairing_matrix(self.year, self.kind)
        kind = self.kind or "帮扶与帮带"
        self.query_one("#pairing-title", Static).update(
            Text(f"{self.year}年 结对{kind}（按 [ ] 换年份，k 换类型）    共 {len(self.matrix.rows)} 对"))
        self._draw_matrix()
        self._draw_list()
        self._show_cell()

    def refresh_shown(self) -> None:
        self.refresh_data()

    def _draw_matrix(self) -> None:
        assert self.matrix is not None
        table = self.query_one("#matrix", DataTable)
        cursor = table.cursor_coordinate
        table.clear()
        styles = self._styles()
        for row in self.matrix.rows:
            cells = [Text(CELL_TEXT[state], style=styles[state]) for state in row.cells]
            table.add_row(Text(row.cadre), Text(f"{row.household_head} {row.household_code}"),
                          row.pairing.kind, *cells, key=str(row.pairing.id))
        if self.matrix.rows:
            table.cursor_coordinate = table.validate_cursor_coordinate(cursor)
        totals = self.query_one("#totals", DataTable)
        totals.clear()
        for t in self.matrix.totals:
            totals.add_row(Text(t.cadre), str(t.pairings), str(t.visited), str(t.due),
                           Text(str(t.missed), style=styles[MISSED] if t.missed else ""))

    def _draw_list(self) -> None:
        service = self.service
        names = service.cadre_names()
        table = self.query_one("#list", DataTable)
        table.clear()
        for p in service.pairings(self.year):
            if self.kind and p.kind != self.kind:
                continue
            household = service.household(p.household_id)
            table.add_row(Text(names.get(p.cadre_id, "")), known_or_literal(p.kind, PAIRING_KINDS), Text(household.code), Text(household.head),
                          p.start.isoformat(), p.end.isoformat() if p.end else "", "、".join(p.help_planned),
                          Text(p.goals), key=str(p.id))

    def _current_row(self) -> MatrixRow | None:
        """The matrix row under the cursor."""
        table = self.query_one("#matrix", DataTable)
        if self.matrix is None or not self.matrix.rows or table.row_count == 0:
            return None
        return self.matrix.rows[table.cursor_row]

    def _current_month(self) -> int | None:
        column = self.query_one("#matrix", DataTable).cursor_column
        return column - FIXED_COLUMNS + 1 if column >= FIXED_COLUMNS else None

    def _current_pairing(self) -> Pairing | None:
        """The pairing under the cursor of the view shown."""
        if self.query_one(TabbedContent).active == "list-tab":
            table = self.query_one("#list", DataTable)
            if table.row_count == 0:
                return None
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            return self.service.pairing(int(key or ""))
        row = self._current_row()
        return self.service.pairing(row.pairing.key) if row else None

    def _show_cell(self) -> None:
        row, month = self._current_row(), self._current_month()
        detail = self.query_one("#cell-detail", Static)
        if row is None:
            detail.update("本年度没有结对。按 n 新增结对。")
            return
        text = f"{row.cadre} {row.pairing.kind} {row.household_head}（{row.household_code}）"
        visited = [d for days in row.visit_days.values() for d in days]
        if visited:
            last, today = max(visited), self.service.today
            text += f"  上次{dates.ago_cn(last, today)}走访（{last.month}月{last.day}日）"
        if month is not None:
            state = row.cells[month - 1]
            days = "、".join(f"{d.month}月{d.day}日" for d in row.visit_days.get(month, []))
            text += f"  {month}月：{state}" + (f"（{days}）" if days else "")
        detail.update(Text(text + "    按 v 登记走访"))

    @on(DataTable.CellHighlighted, "#matrix")
    def _cell_highlighted(self) -> None:
        self._show_cell()

    # -- actions ----------------------------------------------------------

    def action_year(self, step: int) -> None:
        """Show the previous or next year."""
        self.year += step
        self.refresh_data()

    def action_kind_filter(self) -> None:
        """Cycle through both kinds, 帮扶 only and 帮带 only."""
        self.kind = KIND_FILTERS[(KIND_FILTERS.index(self.kind) + 1) % len(KIND_FILTERS)]
        self.refresh_data()

    def action_switch_view(self) -> None:
        """Switch to the next view: the matrix, the list of pairings, the totals per cadre."""
        tabs = self.query_one(TabbedContent)
        tabs.active = VIEWS[(VIEWS.index(tabs.active) + 1) % len(VIEWS)] if tabs.active in VIEWS else VIEWS[0]
        self.query_one(VIEW_TABLES[tabs.active], DataTable).focus()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # the totals view has no pairing under the cursor: e, v, x step aside

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in PAIRING_ACTIONS and self.is_mounted and self.query_one(TabbedContent).active == "totals-tab":
            return False
        return True

    def action_pairing_matrix(self) -> None:
        """Show the year matrix of 帮扶 pairings (palette: 帮扶矩阵)."""
        self.kind = "帮扶"
        self.query_one(TabbedContent).active = "matrix-tab"
        self.refresh_data()
        self.query_one("#matrix", DataTable).focus()

    def action_new_pairing(self) -> None:
        """Open the form for a new pairing."""
        self.app.push_screen(PairingForm(), self._after_save)

    def action_edit_pairing(self) -> None:
        """Open the form for the pairing under the cursor."""
        pairing = self._current_pairing()
        if pairing is None:
            self.notify("请先选中一个结对", severity="warning")
            return
        self.app.push_screen(PairingForm(pairing), self._after_save)

    def _after_save(self, result: PairingResult | None) -> None:
        if result is None:
            return
        _, warnings = result
        self.refresh_data()
        self.notify("结对已保存")
        for warning in warnings:
            self.notify(Text(warning).plain, severity="warning", markup=False)

    def _title_of(self, pairing: Pairing) -> str:
        household = self.service.household(pairing.household_id)
        cadre = self.service.cadre_names().get(pairing.cadre_id, "")
        return f"{cadre} {pairing.kind} {household.head}（{household.code}）"

    def action_end_pairing(self) -> None:
        """End the pairing under the cursor."""
        pairing = self._current_pairing()
        if pairing is not None:
            self.app.push_screen(PairingCloseDialog(pairing, self._title_of(pairing)), self._after_close)

    def action_cancel_pairing(self) -> None:
        """Cancel the pairing under the cursor (entered by mistake)."""
        pairing = self._current_pairing()
        if pairing is not None:
            self.app.push_screen(PairingCloseDialog(pairing, self._title_of(pairing), cancel=True), self._after_close)

    def action_restore_pairing(self) -> None:
        """Choose an ended or voided pairing of the year and restore it, as a 更正 with a reason."""
        from village_tui.widgets.dialogs.restore import Ended, ask_restore

        service = self.service
        ended = []
        for pairing in service.pairings(self.year, include_cancelled=True):
            if not pairing.cancelled and pairing.end is None:
                continue
            state = f"已作废：{pairing.cancel_reason}" if pairing.cancelled else f"已于{dates.format_cn(pairing.end) if pairing.end else ''}结束"
            title = self._title_of(pairing)
            ended.append(Ended(str(pairing.id), f"{title}  {state}", f"恢复结对：{title}（更正）",
                               [f"结对：{title}", f"开始：{dates.format_cn(pairing.start)}", f"状态：{state}"]))

        def done(record) -> None:
            self.refresh_data()
            self.notify("结对已恢复（更正已记入操作记录）")

        ask_restore(self, "恢复哪一个已结束或已作废的结对？", ended,
                    lambda key, reason: service.restore_pairing(int(key), reason), done,
                    empty="（今年没有已结束或已作废的结对）")

    def _after_close(self, result: Pairing | None) -> None:
        if result is not None:
            self.refresh_data()
            self.notify("结对已作废" if result.cancelled else f"结对已于{dates.format_cn(result.end or self.service.today)}结束")

    def action_record_visit(self) -> None:
        """Record a visit for the pairing and month under the cursor."""
        row = self._current_row()
        if row is None:
            self.notify("请先选中一个结对", severity="warning")
            return
        day = self._visit_day(row.pairing, self._current_month())
        if day is None:
            self.notify("这个月还没到，不能登记走访", severity="warning")
            return
        household = self.service.household(row.pairing.household_id)
        self.app.push_screen(PairingVisitDialog(row.pairing, row.cadre, household, day), self._after_visit)

    def _visit_day(self, pairing: Pairing, month: int | None) -> date | None:
        """The day offered for a visit in ``month``: today in the current month, else the month's last day
        inside the pairing; None for a month not yet begun."""
        today = self.service.today
        if month is None:
            return today if today.year == self.year else None
        first, last = dates.month_bounds(self.year, month)
        if first > today:
            return None
        day = min(last, today, pairing.end or last)
        return max(day, pairing.start) if pairing.start <= last else day

    def _after_visit(self, visit) -> None:
        if visit is not None:
            self.refresh_data()
            self.notify(f"已登记{dates.format_cn(visit.day)}的走访")
