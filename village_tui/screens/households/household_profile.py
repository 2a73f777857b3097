"""A household's profile: the household and everything recorded about it, newest first.

The current year is read at once; older years are added one by one by a worker,
so the profile opens immediately however long the history.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from village_tui.domain import dates
from village_tui.domain import ledger as L
from village_tui.domain.errors import DomainError
from village_tui.domain.facts import household_changes_text
from village_tui.domain.models import Household
from village_tui.domain.privacy import mask_id_number, mask_phone
from village_tui.service import HouseholdHistory
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.fitted_table import Col, FittedTable, RowMoreMixin
from village_tui.screens.base import ServiceAccess, village_service

COLUMNS = (Col("日期"), Col("类别", flex=True), Col("干部", drop=1), Col("内容", flex=True, min_width=10), Col("状态"))


def reveal_phone(screen: Screen[Any], household: Household) -> str | None:
    """Show a household's full phone number in a notice (the service records the viewing); None if refused."""
    service = village_service(screen.app)
    try:
        phone = service.reveal_phone(household.key)
    except DomainError as error:
        screen.notify(str(error), severity="error")
        return None
    screen.notify(f"{household.head}户的电话：{phone or '未登记'}（查看已记入审计日志）", timeout=15)
    return phone


class HouseholdProfileScreen(ServiceAccess, RowMoreMixin, Screen):
    """The profile of one household; any area may push it.

    Args:
        household_id: The household to show.
    """

    BINDINGS = [Binding("t", "show_phone", "完整电话")]

    def __init__(self, household_id: int) -> None:
        super().__init__()
        self.household_id = household_id
        self.history: HouseholdHistory | None = None

    @property
    def loaded(self) -> HouseholdHistory:
        """The household's history, read when the screen mounts.

        Raises:
            LookupError: The screen has not mounted yet.
        """
        if self.history is None:
            raise LookupError("the history is read when the screen mounts")
        return self.history

    def compose(self) -> ComposeResult:
        yield Static("", id="profile-head", classes="status-line")
        yield Static("", id="profile-pairings", classes="status-line")
        yield Static("", id="profile-years", classes="status-line")
        yield FittedTable(COLUMNS, cursor_type="row", zebra_stripes=True, id="profile-events")
        yield Static("", id="row-more", classes="row-more")

    def on_mount(self) -> None:
        service = self.service
        self.history = service.household_history(self.household_id)
        table = self.query_one(DataTable)
        self._show_head()
        self._show_events()
        table.focus()
        self.load_older_years()

    def action_show_phone(self) -> None:
        """t: the full phone number, its viewing recorded in the audit log."""
        if self.history is not None:
            phone = reveal_phone(self, self.loaded.household)
            if phone is not None:
                self._show_head(phone)

    def _show_head(self, full_phone: str | None = None) -> None:
        h = self.loaded.household
        text = Text()
        text.append(f"{h.code}  {h.head}", style="bold")
        phone = full_phone if full_phone is not None else mask_phone(h.phone)
        text.append(f"  {h.group}  {h.members}人  身份证 {mask_id_number(h.id_number) or '无'}"
                    f"  电话 {phone or '无'}")
        if h.away:
            text.append("  外出务工")
        text.append(f"\n困难类别：{'、'.join(h.needs) or '无'}  住址：{h.address or '无'}")
        changes = household_changes_text(h)
        if changes:
            text.append(f"\n变动：{'；'.join(changes)}")
        if h.archived:
            text.append(f"\n已归档：{h.archive_reason}", style="bold")
        self.query_one("#profile-head", Static).update(text)
        names = self.service.cadre_names()
        pairings = [p for p in self.loaded.pairings if not p.cancelled]
        line = "；".join(
            f"{p.kind} {names.get(p.cadre_id, '?')} {dates.format_cn(p.start)}起"
            + (f"至{dates.format_cn(p.end)}" if p.end else "") for p in pairings)
        self.query_one("#profile-pairings", Static).update(Text(f"结对：{line or '无'}"))

    def _events(self) -> list[tuple]:
        """All records as table rows, newest first."""
        names = self.service.cadre_names()
        rows = []
        # A visit that led to a sensitive item tells the same story, so it is hidden too.
        sensitive = {item.id for item in self.loaded.ledger if item.sensitive}
        for v in self.loaded.visits:
            what = "；".join(x for x in (v.learned, v.requests, v.help_given) if x)
            if v.ledger_item_id in sensitive:
                what = L.SENSITIVE_TEXT
            rows.append((v.day, f"走访（{v.way}）", names.get(v.cadre_id, ""), what, "已取消" if v.cancelled else ""))
        for item in self.loaded.ledger:
            rows.append((item.day, f"民情台账（{item.category}）", (names.get(item.handler_id, "") if item.handler_id is not None else ""),
                         L.list_text(item), "已取消" if item.cancelled else item.status))
        for r in self.loaded.requests:
            rows.append((r.day, f"便民服务（{r.kind}）", (names.get(r.handler_id, "") if r.handler_id is not None else ""), r.note,
                         "已取消" if r.cancelled else r.status))
        rows.sort(key=lambda row: row[0], reverse=True)
        return rows

    def _show_events(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for day, kind, cadre, what, status in self._events():
            table.add_row(dates.format_cn(day), Text(kind), Text(cadre), Text(what), status)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        years = "、".join(str(y) for y in self.loaded.years)
        self.query_one("#profile-years", Static).update(
            f"共 {table.row_count} 条记录（已读 {years} 年）" if table.row_count else f"暂无记录（已读 {years} 年）")

    @work(exclusive=True, group="profile-history")
    async def load_older_years(self) -> None:
        """Read older years one at a time, refreshing the table after each."""
        service = self.service
        for year in service.history_years():
            if year in self.loaded.years:
                continue
            await asyncio.sleep(0)
            service.extend_history(self.loaded, year)
            self._show_events()
