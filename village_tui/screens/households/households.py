"""F3 农户: the household list with filters, search, add, edit, archive and the profile."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Select, Static

from village_tui.domain.models import NEED_TAGS, Household
from village_tui.domain.privacy import mask_id_number, mask_phone
from village_tui.domain.safe_text import inert
from village_tui.widgets.household_picker import SEARCH_CLASS, HouseholdPicker
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.widgets.lists.paged_list import PagedListScreen
from village_tui.screens.base import RefreshOnChange, ServiceAccess

AWAY_CHOICES = [("外出", "away"), ("在家", "home")]
# At 80 columns the ID number steps aside first (the line under the list shows it), then 人口.
COLUMNS = (
    Col("户编号"),
    Col("户主", flex=True, min_width=6),
    Col("组"),
    Col("人口", drop=1),
    Col("身份证号", drop=2),
    Col("电话"),
    Col("外出"),
    Col("困难类别", flex=True),
)


class HouseholdsScreen(RefreshOnChange, ServiceAccess, PagedListScreen):
    """All households, one page of at most 200 rows at a time (PgDn/PgUp turn the page).

    Only the ids of the filtered households are kept; a page's rows are read when it is shown,
    so thousands of households never become thousands of table rows.
    """

    BINDINGS = [
        Binding("slash", "find_household", "查找"),
        Binding("enter", "open_profile", "档案", show=True),
        Binding("n", "new_household", "新增"),
        Binding("e", "edit_household", "修改"),
        Binding("r", "archive_household", "归档"),
        Binding("u", "unarchive_household", "恢复归档", show=False),
        Binding("t", "show_phone", "电话"),
    ]
    PAGE_SIZE = 200
    UNIT = "户"
    SHOWS = ("households",)
    EDIT_ACTIONS = frozenset({"new_household", "edit_household", "archive_household"})

    def compose(self) -> ComposeResult:
        service = self.service
        yield HouseholdPicker(service.search_households, id="find").add_class(SEARCH_CLASS)
        with Horizontal(classes="filters"):
            yield Select([(Text(g), g) for g in service.settings().groups], prompt="全部组", id="group")
            yield Select([(t, t) for t in NEED_TAGS], prompt="全部类别", id="tag")
            yield Select(AWAY_CHOICES, prompt="外出/在家", id="away")
        yield Static("", id="count", classes="status-line")
        yield FittedTable(COLUMNS, cursor_type="row", zebra_stripes=True, id="households")
        yield Static("", id="row-more", classes="row-more")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.reload()
        table.focus()

    def refresh_shown(self) -> None:
        # Households were saved elsewhere since this list was read (the profile, a worker).
        current = self.current
        self.reload(current.id if current else None)

    def reload(self, keep_id: int | None = None) -> None:
        """Read the households again with the current filters, keeping the cursor on ``keep_id`` if listed."""
        self.mark_shown()
        service = self.service
        group = self.query_one("#group", Select).value
        tag = self.query_one("#tag", Select).value
        away = self.query_one("#away", Select).value
        self._ids: list[int] = [h.key for h in service.households(
            group=group if isinstance(group, str) else None,
            tag=tag if isinstance(tag, str) else None,
            away=None if not isinstance(away, str) else away == "away")]
        self.show_record(self._ids.index(keep_id) if keep_id in self._ids else 0)
        self._count()

    def fetch(self, offset: int, limit: int) -> tuple[list[Household], int]:
        service = self.service
        return [service.household(i) for i in self._ids[offset:offset + limit]], len(self._ids)

    def row(self, h: Household) -> tuple:
        return (Text(inert(h.code)), Text(inert(h.head)), Text(inert(h.group)), str(h.members),
                mask_id_number(h.id_number), mask_phone(h.phone), "外出" if h.away else "",
                Text(inert("、".join(h.needs))))

    def _count(self) -> None:
        total = len(self._ids)
        readonly = "  只读：不能新增或修改" if self.service.readonly else ""
        empty = "  按 n 新增农户" if not total and not readonly else ""
        self.query_one("#count", Static).update(f"{self.page_text()}{empty}{readonly}  回车打开档案，/ 查找")

    page_shown = _count

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_profile()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.reload()

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        self.open_profile(event.household)

    def action_show_phone(self) -> None:
        """t: the full phone number of the household under the cursor (the viewing is audited)."""
        from village_tui.screens.households.household_profile import reveal_phone

        if self.current is not None:
            reveal_phone(self, self.current)

    def action_find_household(self) -> None:
        """Put the cursor in the search box."""
        self.query_one(HouseholdPicker).focus()

    def action_open_profile(self) -> None:
        """Open the profile of the household under the cursor."""
        if self.current is not None:
            self.open_profile(self.current)

    def open_profile(self, household: Household) -> None:
        from village_tui.screens.households.household_profile import HouseholdProfileScreen

        self.app.push_screen(HouseholdProfileScreen(household.key))

    def action_new_household(self) -> None:
        """Open an empty household form."""
        if self.refuse_readonly():
            return
        from village_tui.screens.households.household_form import HouseholdFormScreen

        self.app.push_screen(HouseholdFormScreen(), self._saved)

    def action_edit_household(self) -> None:
        """Edit the household under the cursor."""
        if self.refuse_readonly() or self.current is None:
            return
        from village_tui.screens.households.household_form import HouseholdFormScreen

        household = self.service.household(self.current.id)
        self.app.push_screen(HouseholdFormScreen(household), self._saved)

    def _saved(self, household: Household | None) -> None:
        if household is not None:
            self.notify(f"已保存：{household.code} {household.head}")
            self.reload(keep_id=household.id)

    def action_archive_household(self) -> None:
        """Archive the household under the cursor, asking for a reason."""
        household = self.current
        if self.refuse_readonly() or household is None:
            return
        from village_tui.widgets.dialogs.archive import ArchiveDialog

        service = self.service

        def done(archived: bool | None) -> None:
            if archived:
                self.notify(f"已归档：{household.code} {household.head}")
                self.reload()

        self.app.push_screen(ArchiveDialog(f"归档农户 {household.code} {household.head}（不会删除，可在档案中查到）",
                                           lambda reason, day: service.archive_household(household.id, reason, day),
                                           service.today, facts=[
                                               f"户编号：{household.code}", f"户主：{household.head}",
                                               f"组：{household.group}", "归档错了可按 u 恢复"]), done)

    def action_unarchive_household(self) -> None:
        """Choose an archived household and restore it, as a 更正 with a reason."""
        if self.refuse_readonly():
            return
        from village_tui.widgets.dialogs.choose import ChooseDialog
        from village_tui.widgets.dialogs.reason import ReasonDialog

        service = self.service
        archived = {str(h.id): h for h in service.households(include_archived=True) if h.archived}

        def chosen(key: str | None) -> None:
            household = archived.get(key or "")
            if household is None:
                return
            facts = [f"户编号：{household.code}", f"户主：{household.head}", f"组：{household.group}",
                     f"归档原因：{household.archive_reason}"]

            def done(ok: bool | None) -> None:
                if ok:
                    self.notify(f"已恢复：{household.code} {household.head}（更正已记入操作记录）")
                    self.reload()

            self.app.push_screen(ReasonDialog(f"恢复已归档的农户 {household.code} {household.head}（更正）",
                                              lambda reason: service.unarchive_household(household.key, reason),
                                              placeholder="如 误归档，仍在本村居住", facts=facts, ask="更正原因"), done)

        self.app.push_screen(ChooseDialog("恢复哪一户？（已归档的农户）",
                                          [(k, f"{h.code}  {h.head}  {h.group}  {h.archive_reason}")
                                           for k, h in archived.items()], empty="（没有已归档的农户）"), chosen)
