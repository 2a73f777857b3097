"""F3 农户: the household list with filters, search, add, edit, archive and the profile."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Select, Static

from village_tui.domain.models import NEED_TAGS, Household
from village_tui.domain.privacy import mask_id_number, mask_phone
from village_tui.widgets.household_picker import HouseholdPicker

PAGE = 200
AWAY_CHOICES = [("外出", "away"), ("在家", "home")]
EDIT_ACTIONS = {"new_household", "edit_household", "archive_household"}


class HouseholdsScreen(Screen):
    """All households; thousands of rows are added a page at a time as the cursor nears the end."""

    BINDINGS = [
        Binding("slash", "find_household", "查找"),
        Binding("enter", "open_profile", "档案", show=True),
        Binding("n", "new_household", "新增"),
        Binding("e", "edit_household", "修改"),
        Binding("r", "archive_household", "归档"),
    ]

    def compose(self) -> ComposeResult:
        service = self.app.service  # type: ignore[attr-defined]
        yield HouseholdPicker(service.search_households, id="find")
        with Horizontal(classes="filters"):
            yield Select([(Text(g), g) for g in service.settings().groups], prompt="全部组", id="group")
            yield Select([(t, t) for t in NEED_TAGS], prompt="全部类别", id="tag")
            yield Select(AWAY_CHOICES, prompt="外出/在家", id="away")
        yield Static("", id="count", classes="status-line")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="households")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("户编号", "户主", "组", "人口", "身份证号", "电话", "外出", "困难类别")
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        # Households may have been imported on F11 or changed elsewhere since this list was read.
        current = self.current if hasattr(self, "_rows") else None
        self.reload(current.id if current else None)

    def reload(self, keep_id: int | None = None) -> None:
        """Read the households again with the current filters."""
        service = self.app.service  # type: ignore[attr-defined]
        group = self.query_one("#group", Select).value
        tag = self.query_one("#tag", Select).value
        away = self.query_one("#away", Select).value
        self._rows: list[Household] = service.households(
            group=group if isinstance(group, str) else None,
            tag=tag if isinstance(tag, str) else None,
            away=None if not isinstance(away, str) else away == "away")
        table = self.query_one(DataTable)
        table.clear()
        self._shown = 0
        self._more()
        if keep_id is not None:
            for index, h in enumerate(self._rows):
                if h.id == keep_id:
                    while self._shown <= index:
                        self._more()
                    table.move_cursor(row=index)
                    break
        self._count()

    def _more(self) -> None:
        """Add the next page of rows to the table."""
        table = self.query_one(DataTable)
        page = self._rows[self._shown:self._shown + PAGE]
        table.add_rows([
            (Text(h.code), Text(h.head), Text(h.group), str(h.members), mask_id_number(h.id_number),
             mask_phone(h.phone), "外出" if h.away else "", Text("、".join(h.needs)))
            for h in page])
        self._shown += len(page)

    def _count(self) -> None:
        total = len(self._rows)
        shown = f"（已列出 {self._shown} 户，向下翻自动加载）" if self._shown < total else ""
        readonly = "  只读：不能新增或修改" if self.app.service.readonly else ""  # type: ignore[attr-defined]
        empty = "  按 n 新增农户" if not total and not readonly else ""
        self.query_one("#count", Static).update(f"共 {total} 户{shown}{empty}{readonly}  回车打开档案，/ 查找")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._shown < len(self._rows) and event.cursor_row >= self._shown - 20:
            self._more()
            self._count()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_profile()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.reload()

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        self.open_profile(event.household)

    @property
    def current(self) -> Household | None:
        """The household under the cursor."""
        table = self.query_one(DataTable)
        if not self._rows or table.cursor_row >= self._shown:
            return None
        return self._rows[table.cursor_row]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in EDIT_ACTIONS and self.app.service.readonly:  # type: ignore[attr-defined]
            return False
        return True

    def _refuse_readonly(self) -> bool:
        service = self.app.service  # type: ignore[attr-defined]
        if service.readonly:
            self.notify(f"只读：{service.readonly_reason}。不能修改。", severity="error")
            return True
        return False

    def action_find_household(self) -> None:
        """Put the cursor in the search box."""
        self.query_one(HouseholdPicker).focus()

    def action_open_profile(self) -> None:
        """Open the profile of the household under the cursor."""
        if self.current is not None:
            self.open_profile(self.current)

    def open_profile(self, household: Household) -> None:
        from village_tui.screens.household_profile import HouseholdProfileScreen

        self.app.push_screen(HouseholdProfileScreen(household.id))

    def action_new_household(self) -> None:
        """Open an empty household form."""
        if self._refuse_readonly():
            return
        from village_tui.screens.household_form import HouseholdFormScreen

        self.app.push_screen(HouseholdFormScreen(), self._saved)

    def action_edit_household(self) -> None:
        """Edit the household under the cursor."""
        if self._refuse_readonly() or self.current is None:
            return
        from village_tui.screens.household_form import HouseholdFormScreen

        household = self.app.service.household(self.current.id)  # type: ignore[attr-defined]
        self.app.push_screen(HouseholdFormScreen(household), self._saved)

    def _saved(self, household: Household | None) -> None:
        if household is not None:
            self.notify(f"已保存：{household.code} {household.head}")
            self.reload(keep_id=household.id)

    def action_archive_household(self) -> None:
        """Archive the household under the cursor, asking for a reason."""
        household = self.current
        if self._refuse_readonly() or household is None:
            return
        from village_tui.screens.reason_dialog import ReasonDialog

        service = self.app.service  # type: ignore[attr-defined]

        def done(archived: bool | None) -> None:
            if archived:
                self.notify(f"已归档：{household.code} {household.head}")
                self.reload()

        self.app.push_screen(ReasonDialog(f"归档农户 {household.code} {household.head}（不会删除，可在档案中查到）",
                                          lambda reason: service.archive_household(household.id, reason)), done)
