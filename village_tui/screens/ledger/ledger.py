"""F7 民情台账: the ledger of residents' concerns, the overdue list across years, and the way into the meeting."""

from __future__ import annotations

from datetime import date

from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from village_tui.domain import dates
from village_tui.domain import ledger as L
from village_tui.domain.ledger_deadline import Deadline, village_deadline
from village_tui.domain.models import LEDGER_STATUSES, LEVELS, LedgerItem
from village_tui.screens.ledger.ledger_item_form import LedgerItemForm
from village_tui.widgets.due_styles import due_styles
from village_tui.widgets.inert_text import Text, known_or_literal
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.widgets.lists.paged_list import PagedListScreen
from village_tui.screens.base import RefreshOnChange, ServiceAccess

PAGE = 100
# At 80 columns 内容 and 提醒 stay; 层级, 承办人, the due day, the entry day and the category step
# aside in that order (Enter shows everything; the status line names the hidden cells).
COLUMNS = (
    Col("编号"),
    Col("日期", drop=2),
    Col("类别", drop=1),
    Col("农户/反映人", flex=True, min_width=6),
    Col("内容", flex=True, min_width=16),
    Col("期限", drop=3),
    Col("提醒", flex=True, min_width=10),  # a long 「超期N天才报送，在乡镇等待M天」 is cut, whole in the line below
    Col("状态"),
    Col("层级", drop=5),
    Col("承办人", drop=4),
)
def item_row(item: LedgerItem, who: str, handler: str, deadline: Deadline, styles: dict[str, Style],
             today: date) -> list:
    """The cells of one item in a list (one per column of ``COLUMNS``): user text as Text.

    期限 is the due day (``12月5日``); 提醒 is the deadline as R10 reads it for an open item, coloured
    by it: ``还剩5天``, ``今天到期``, ``已超期12天``, and for an item escalated in time the upper
    level's waiting (``在乡镇等待20天``), which is not the village's 超期.
    """
    due = dates.short_cn(item.due, today.year) if item.due else ""
    reminder = deadline.reminder()
    style = styles.get(deadline.colour, "")
    return [item.id, dates.short_cn(item.day, today.year), Text(item.category), Text(who), Text(L.list_text(item)),
            Text(due, style=style), Text(reminder, style=style), known_or_literal(item.status, LEDGER_STATUSES),
            known_or_literal(item.level, LEVELS), Text(handler)]


class LedgerScreen(RefreshOnChange, ServiceAccess, PagedListScreen):
    """The ledger of a month or a year, filtered by status and category; ``o`` shows every overdue item."""

    CSS_PATH = "ledger.tcss"
    BINDINGS = [
        Binding("n", "new_ledger_item", "登记"),
        Binding("enter", "open_item", "查看办理"),
        Binding("e", "edit_categories", "类别设置", show=False),
        Binding("left_square_bracket", "month(-1)", "上月", show=False),
        Binding("right_square_bracket", "month(1)", "下月", show=False),
        Binding("y", "whole_year", "全年/本月"),
        Binding("s", "status_filter", "状态"),
        Binding("c", "category_filter", "类别", show=False),
        Binding("o", "overdue_items", "超期事项"),
        Binding("m", "meeting", "分析会"),
    ]
    PAGE_SIZE = PAGE
    SHOWS = ("ledger", "households", "cadres")

    def __init__(self) -> None:
        super().__init__()
        self.year = self.month_number = 0
        self.whole_year = False
        self.status: str | None = None
        self.category: str | None = None
        self.overdue_mode = False


    def compose(self) -> ComposeResult:
        yield Static("", id="ledger-title")
        yield FittedTable(COLUMNS, id="ledger-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="row-more", classes="row-more")
        yield Static("", id="ledger-status", classes="status-line")

    def on_mount(self) -> None:
        today = self.service.today
        self.year, self.month_number = today.year, today.month
        table = self.query_one(DataTable)
        self.refresh_data()
        table.focus()

    # -- drawing ----------------------------------------------------------

    def fetch(self, offset: int, limit: int) -> tuple[list[LedgerItem], int]:
        service = self.service
        if self.overdue_mode:
            items = service.overdue_items()
            return items[offset:offset + limit], len(items)
        month = None if self.whole_year else self.month_number
        total = service.ledger_item_count(self.year, month, self.status, self.category)
        return service.ledger_items(self.year, month, self.status, self.category, offset, limit), total

    def row(self, item: LedgerItem) -> tuple:
        service = self.service
        if item.household_id is not None and item.household_id not in self._households:
            self._households[item.household_id] = service.household(item.household_id)
        h = self._households.get(item.household_id)
        who = f"{h.head} {h.group}" if h else item.reporter
        handler = self._names.get(item.handler_id, "") if item.handler_id is not None else ""
        return tuple(item_row(item, who, handler, village_deadline(item, service.today), self._styles, service.today))

    def row_key(self, item: LedgerItem) -> str:
        return str(item.id)

    def refresh_shown(self) -> None:
        current = self.current
        self.refresh_data(keep=str(current.id) if current is not None else None)

    def refresh_data(self, keep: str | None = None, offset: int | None = None) -> None:
        """Reload the list with the current filters, keeping the cursor on item ``keep`` when given."""
        self.mark_shown()
        service = self.service
        self._names = service.cadre_names()
        self._households: dict = {}
        self._styles = due_styles(self.app)
        self.show_page(offset)
        table = self.list_table
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        if self.overdue_mode:
            title = f"超期未办结事项（所有年份，截至{service.today.isoformat()}；在乡镇、县等待的天数算上级，不计入）"
        else:
            title = f"{self.year}年" + ("全年" if self.whole_year else f"{self.month_number}月") + " 民情台账"
            title += f"  状态：{self.status or '全部'}  类别：{self.category or '全部'}"
        self.query_one("#ledger-title", Static).update(Text(title))
        self.page_shown()

    def page_shown(self) -> None:
        page = self.page_text() if self.total else "没有符合条件的事项"
        self.query_one("#ledger-status", Static).update(Text(f"{page}  回车查看办理  提醒：黄=将到期 红=超期"))

    def _current(self) -> LedgerItem | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.service.ledger_item(key or "")

    # -- actions ----------------------------------------------------------

    def action_month(self, step: int) -> None:
        """Show the previous or next month (or year, in whole-year view)."""
        self.overdue_mode = False
        if self.whole_year:
            self.year += step
        else:
            index = self.year * 12 + self.month_number - 1 + step
            self.year, self.month_number = divmod(index, 12)
            self.month_number += 1
        self.refresh_data(offset=0)

    def action_whole_year(self) -> None:
        """Switch between the month and the whole year."""
        self.whole_year, self.overdue_mode = not self.whole_year, False
        self.refresh_data(offset=0)

    def action_status_filter(self) -> None:
        """Cycle the status filter: all, then each status."""
        choices = [None, *LEDGER_STATUSES]
        self.status = choices[(choices.index(self.status) + 1) % len(choices)]
        self.overdue_mode = False
        self.refresh_data(offset=0)

    def action_category_filter(self) -> None:
        """Cycle the category filter through the village's categories."""
        choices = [None, *self.service.settings().ledger_categories]
        index = choices.index(self.category) if self.category in choices else 0
        self.category = choices[(index + 1) % len(choices)]
        self.overdue_mode = False
        self.refresh_data(offset=0)

    def action_overdue_items(self) -> None:
        """Show every open item past due, from all years (palette: 超期事项); again to go back."""
        self.overdue_mode = not self.overdue_mode
        self.refresh_data(offset=0)

    def action_new_ledger_item(self) -> None:
        """Register a new concern (palette: 登记民情)."""
        self.app.push_screen(LedgerItemForm(), self._saved)

    def action_open_item(self) -> None:
        """Open the item under the cursor: details, escalation history and handling."""
        item = self._current()
        if item is not None:
            self.app.push_screen(LedgerItemForm(item), self._saved)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_item()

    def show_item(self, item_id: str) -> None:
        """Show the month of item ``item_id`` with the cursor on it, and open its form.

        Raises:
            NotFoundError: No such item.
        """
        item = self.service.ledger_item(item_id)
        self.year, self.month_number = item.day.year, item.day.month
        self.whole_year = self.overdue_mode = False
        self.status = self.category = None
        self.refresh_data(keep=item.id, offset=0)
        self.app.push_screen(LedgerItemForm(item), self._saved)

    def _saved(self, item: LedgerItem | None) -> None:
        if item is not None:
            self.refresh_data(keep=item.id)
            self.notify(f"已保存 {item.id}")

    def action_edit_categories(self) -> None:
        """Edit the categories and their default days (palette: 民情类别设置); read-only refuses."""
        if self.service.readonly:
            self.notify(f"只读：{self.service.readonly_reason}。不能修改类别设置。", severity="error")
            return
        from village_tui.screens.ledger.ledger_categories import LedgerCategoriesDialog

        self.app.push_screen(LedgerCategoriesDialog(), self._categories_saved)

    def _categories_saved(self, saved: bool | None) -> None:
        if not saved:
            return
        if self.category not in self.service.settings().ledger_categories:
            self.category = None
        self.refresh_data()
        self.notify("民情类别已保存")

    def action_meeting(self) -> None:
        """Open meeting mode on the current month (palette: 民情分析会)."""
        from village_tui.screens.ledger.meeting import MeetingScreen

        self.app.push_screen(MeetingScreen())
