"""走访任务: one cadre's worklist (R5 first term year, R6 this month, R7 twice a year), paged."""

from __future__ import annotations

from datetime import date

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Select, Static

from village_tui.domain import dates
from village_tui.domain.models import Household
from village_tui.domain.visit_worklist import DONE, WorkItem, Worklist
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.widgets.lists.paged_list import PagedListScreen
from village_tui.widgets.worklist_summary import STATUS_VARIABLES, WorklistSummary
from village_tui.screens.base import ServiceAccess

PAGE_SIZE = 50
# 说明 keeps the room; the counts, the group and the rule step aside at 80 columns (shown under the list).
COLUMNS = (
    Col("状态"), Col("规则", drop=3), Col("户编号"), Col("户主"), Col("组", drop=4), Col("已走访", drop=5),
    Col("应走访", drop=6), Col("期限"), Col("上次", drop=2), Col("说明", flex=True, min_width=12),
)


class VisitWorklistScreen(ServiceAccess, PagedListScreen[tuple[int, Household]]):
    """The households a cadre still has to visit, overdue first, in status colours.

    Enter on a row dismisses the screen with ``(cadre id, household)``, so the
    entry form can start that cadre's visit to that household.

    Args:
        cadre_id: The cadre to show; None shows the operator.
    """

    CSS_PATH = "visits.tcss"
    BINDINGS = [Binding("ctrl+a", "show_all", "含已完成")]
    PAGE_SIZE = PAGE_SIZE
    UNIT = "户"

    def __init__(self, cadre_id: int | None = None) -> None:
        super().__init__()
        self._cadre_id = cadre_id
        self._work: Worklist | None = None
        self._items: list[WorkItem] = []
        self._show_done = False


    def compose(self) -> ComposeResult:
        service = self.service
        cadres = [(Text(f"{c.name} {c.role}"), c.id) for c in service.cadres()]
        chosen = self._cadre_id or (service.operator.id if service.operator else None)
        yield Static(f"走访任务（{dates.format_cn(service.today)}）", classes="form-title")
        with Horizontal(classes="filters"):
            yield FormField("干部", Select(cadres, value=chosen if chosen is not None else Select.NULL,
                                           allow_blank=chosen is None, id="work-cadre"), "cadre")
        yield WorklistSummary(id="work-summary")
        yield FittedTable(COLUMNS, id="work-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="row-more", classes="row-more")
        yield Static("", id="work-status", classes="status-line")

    def on_mount(self) -> None:
        self._load()
        self.query_one(DataTable).focus()

    @on(Select.Changed, "#work-cadre")
    def _cadre_changed(self) -> None:
        if self.is_mounted:
            self._load()

    def _load(self) -> None:
        cadre = self.query_one("#work-cadre", Select).selection
        self._work = None if cadre is None else self.service.worklist(cadre)
        self.query_one(WorklistSummary).show(self._work)
        if self._work is None:
            self._items = []
        elif self._show_done:
            done = [i for i in (*self._work.r5, *self._work.r7) if i.status == DONE]
            self._items = self._work.open_items() + done
        else:
            self._items = self._work.open_items()
        self._draw()

    def _draw(self, offset: int = 0) -> None:
        self._colours = self.app.get_css_variables()
        self.show_page(offset)
        self.page_shown()

    def fetch(self, offset: int, limit: int) -> tuple[list[WorkItem], int]:
        return self._items[offset:offset + limit], len(self._items)

    def row(self, item: WorkItem) -> tuple:
        household = item.household
        if household is None:
            raise ValueError("a worklist item names its household")
        style = Style(color=self._colours.get(STATUS_VARIABLES[item.status]), bold=True)
        return (Text(item.status, style=style), item.rule, Text(household.code), Text(household.head),
                Text(household.group), str(item.actual), str(item.required), item.deadline.isoformat(),
                self._last_visit(item, self.service.today), Text(item.detail))

    def page_shown(self) -> None:
        status = f"{self.page_text()}。回车 登记走访" if self.total else "没有待走访的农户"
        status += "，Ctrl+A " + ("只看未完成" if self._show_done else "包括已完成")
        self.query_one("#work-status", Static).update(Text(status))

    @staticmethod
    def _last_visit(item: WorkItem, today: date) -> str:
        """``3天前走访``, or ``未走访`` when the cadre has not visited the household in the period read."""
        return f"{dates.ago_cn(item.last_visit, today)}走访" if item.last_visit else "未走访"

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        item = self.current
        if item is not None and self._work is not None:
            self.dismiss((self._work.cadre.key, item.household))

    def action_show_all(self) -> None:
        """Switch between open items only and every item."""
        self._show_done = not self._show_done
        self._load()

    @property
    def worklist(self) -> Worklist | None:
        """The worklist shown."""
        return self._work
