"""走访记录: the visits of a month (or a year), filtered by cadre, group and household, one page at a time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select, Static

from village_tui.domain import dates
from village_tui.domain.errors import DomainError, ValidationError
from village_tui.domain.models import VISIT_WAYS
from village_tui.widgets.dialogs.reason import ReasonDialog
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.household_picker import SEARCH_CLASS, HouseholdPicker
from village_tui.widgets.inert_text import Text, known_or_literal
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.widgets.lists.paged_list import PagedListScreen
from village_tui.screens.base import RefreshOnChange, ServiceAccess

PAGE_SIZE = 50
# 了解情况 keeps the room; the ticks, the ids and 诉求 step aside at 80 columns (the line under the list shows them).
COLUMNS = (
    Col("日期"), Col("干部"), Col("户编号", drop=3), Col("户主"), Col("方式"),
    Col("了解情况", flex=True, min_width=24), Col("诉求", flex=True, drop=2),
    Col("纠纷", drop=5), Col("疏导", drop=6), Col("台账", drop=4), Col("编号", drop=7),
)


class VisitListScreen(RefreshOnChange, ServiceAccess, PagedListScreen):
    """A paged list of visits; never draws more than one page of rows."""

    CSS_PATH = "visits.tcss"
    BINDINGS = [
        Binding("delete", "cancel_visit", "作废"),
        Binding("ctrl+u", "restore_visit", "恢复作废", show=False),
        Binding("ctrl+g", "to_ledger", "转台账"),
    ]

    PAGE_SIZE = PAGE_SIZE
    SHOWS = ("visits", "households", "cadres")

    def __init__(self) -> None:
        super().__init__()
        self._household_id: int | None = None
        self._period_shown: tuple[int, int | None] = (0, None)


    def compose(self) -> ComposeResult:
        service = self.service
        cadres = [(Text(c.name), c.id) for c in service.cadres(include_archived=True)]
        groups = [(Text(g), g) for g in service.settings().groups]
        yield Static("走访记录", classes="form-title")
        with Horizontal(classes="filters"):
            yield FormField("月份", Input(dates.month_key(service.today), placeholder="2026-11 或 2026",
                                          id="list-month"), "month")
            yield FormField("干部", Select(cadres, prompt="全部干部", id="list-cadre"), "cadre")
            yield FormField("组", Select(groups, prompt="全部组", id="list-group"), "group")
        yield FormField("农户", HouseholdPicker(search=service.search_households, placeholder="全部农户（可输入查找）",
                                                id="list-household").add_class(SEARCH_CLASS), "household")
        yield FittedTable(COLUMNS, id="visit-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="row-more", classes="row-more")
        yield Static("", id="list-status", classes="status-line")

    def on_mount(self) -> None:
        self._load()
        self.query_one(DataTable).focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "to_ledger":
            return hasattr(self.service, "ledger_item_from_visit")
        return super().check_action(action, parameters)

    def _period(self) -> tuple[int, int | None]:
        text = self.query_one("#list-month", Input).value.strip()
        field = next(f for f in self.query(FormField) if f.name == "month")
        try:
            if text.isdigit() and len(text) == 4:
                result: tuple[int, int | None] = (int(text), None)
            else:
                result = dates.parse_month(text, "month")
        except ValidationError as error:
            field.set_error(error.message)
            today = self.service.today
            return today.year, today.month
        field.set_error(None)
        return result

    def fetch(self, offset: int, limit: int) -> tuple[list, int]:
        year, month = self._period_shown
        cadre = self.query_one("#list-cadre", Select).selection
        group = self.query_one("#list-group", Select).selection
        page = self.service.visits(year, month, cadre_id=cadre, group=group,
                                   household_id=self._household_id, offset=offset, limit=limit)
        return page.rows, page.total

    def row(self, visit) -> tuple:
        household = self.service.household(visit.household_id)
        return (visit.day.isoformat(), Text(self._names.get(visit.cadre_id, "")), Text(household.code),
                Text(household.head), known_or_literal(visit.way, VISIT_WAYS), Text(visit.learned), Text(visit.requests),
                "是" if visit.dispute else "", "是" if visit.calmed else "", Text(visit.ledger_item_id or ""),
                visit.id)

    def row_key(self, visit) -> str:
        return visit.id

    def _load(self, offset: int | None = None) -> None:
        """Read the page at ``offset`` (the first when None) with the filters as they are now."""
        self.mark_shown()
        self._period_shown = self._period()
        household = self.query_one(HouseholdPicker).household
        self._household_id = household.id if household else None
        self._names = self.service.cadre_names()
        self.show_page(offset or 0)
        self.page_shown()

    def refresh_shown(self) -> None:
        """Read the page shown again (visits saved elsewhere), the cursor staying on its row."""
        self.mark_shown()
        self._names = self.service.cadre_names()
        self.show_page(None, cursor=self.list_table.cursor_row)
        self.page_shown()

    def page_shown(self) -> None:
        year, month = self._period_shown
        period = f"{year}年{month}月" if month else f"{year}年"
        if self.total:
            status = f"{period}{self.page_text()}。Delete 作废"
        else:
            status = f"{period}没有符合条件的走访记录"
        self.query_one("#list-status", Static).update(Text(status))

    # -- filters ----------------------------------------------------------

    @on(Input.Submitted, "#list-month")
    def _month_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._load()

    @on(Select.Changed, "#list-cadre, #list-group")
    def _filter_changed(self) -> None:
        if self.is_mounted:
            self._load()

    def on_household_picker_chosen(self, _event: HouseholdPicker.Chosen) -> None:
        self._load()
        self.query_one(DataTable).focus()

    def on_descendant_focus(self, event) -> None:
        # The picker posts nothing when its text is deleted, so a cleared household
        # filter is noticed when the cursor leaves it.
        household = self.query_one(HouseholdPicker).household
        if isinstance(event.widget, DataTable) and (household.id if household else None) != self._household_id:
            self._load()

    # -- actions ----------------------------------------------------------

    def _current_id(self) -> str | None:
        visit = self.current
        return visit.id if visit is not None else None

    def action_cancel_visit(self) -> None:
        """作废 the visit under the cursor, with a reason."""
        visit = self.current
        if visit is None or visit.id is None:
            return
        visit_id = visit.id
        household = self.service.household(visit.household_id)
        facts = [f"编号：{visit_id}", f"日期：{dates.format_cn(visit.day)}",
                 f"农户：{household.code} {household.head}", f"走访干部：{self.service.cadre(visit.cadre_id).name}",
                 f"方式：{visit.way}"]
        self.app.push_screen(
            ReasonDialog(f"作废走访记录 {visit_id}（{household.head}）",
                         lambda reason: self.service.cancel_visit(visit_id, reason),
                         placeholder="如 重复登记、登记错户", facts=facts, ask="作废原因"),
            lambda done: self._load(self.page_offset) if done else None)

    def action_restore_visit(self) -> None:
        """Choose a voided visit of the period and filters shown and restore it, as a 更正 with a reason."""
        from village_tui.widgets.dialogs.restore import Ended, ask_restore

        year, month = self._period_shown
        page = self.service.visits(year, month, household_id=self._household_id, limit=10_000, include_cancelled=True)
        ended = []
        for visit in (v for v in page.rows if v.cancelled):
            household = self.service.household(visit.household_id)
            facts = [f"编号：{visit.id}", f"日期：{dates.format_cn(visit.day)}", f"农户：{household.code} {household.head}",
                     f"走访干部：{self.service.cadre(visit.cadre_id).name}", f"作废原因：{visit.cancel_reason}"]
            ended.append(Ended(str(visit.id), f"{visit.id}  {dates.format_cn(visit.day)}  {household.head}  {visit.cancel_reason}",
                               f"恢复走访记录 {visit.id}（{household.head}，更正）", facts))

        def done(record) -> None:
            self._load(self.page_offset)
            self.notify(f"已恢复走访记录 {record.key}（更正已记入操作记录）")

        ask_restore(self, "恢复哪一条已作废的走访记录？", ended, self.service.restore_visit, done,
                    empty="（所显示的月份里没有已作废的走访记录）")

    def action_to_ledger(self) -> None:
        """Turn the request of the visit under the cursor into a ledger item (once the ledger exists)."""
        visit_id = self._current_id()
        if visit_id is None or not hasattr(self.service, "ledger_item_from_visit"):
            return
        status = self.query_one("#list-status", Static)
        try:
            item = self.service.ledger_item_from_visit(visit_id)
        except DomainError as error:
            status.update(Text(f"转台账未成功：{error}"))
            return
        self._load(self.page_offset)
        status.update(Text(f"走访 {visit_id} 的诉求已转入民情台账 {getattr(item, 'id', item)}"))
