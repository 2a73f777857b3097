"""F10 干部: the cadre list with add, edit and archive."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from village_tui.domain import dates
from village_tui.domain.models import Cadre
from village_tui.domain.privacy import mask_phone
from village_tui.domain.safe_text import inert
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.paged_list import PagedListScreen
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.screens.base import ServiceAccess

COLUMNS = (Col("姓名"), Col("职务"), Col("任期开始", drop=2), Col("任期结束", drop=1), Col("责任组", flex=True),
           Col("帮带"), Col("电话"), Col("干部编号", drop=3),  # the import's 干部编号
           Col("请假", flex=True))



def leave_text(cadre: Cadre, today: date) -> str:
    """The cadre's current or next leave (``请假至12月5日``, ``12月1日起请假``), or empty."""
    for leave in cadre.leaves:
        if leave.start <= today <= leave.end:
            return f"请假至{dates.format_cn(leave.end)}"
        if leave.start > today:
            return f"{dates.format_cn(leave.start)}起请假"
    return ""


class CadresScreen(ServiceAccess, PagedListScreen):
    """The 两委 members: role, term, groups covered, able to mentor, phone."""

    BINDINGS = [
        Binding("n", "new_cadre", "新增"),
        Binding("e", "edit_cadre", "修改"),
        Binding("r", "archive_cadre", "归档"),
        Binding("u", "unarchive_cadre", "恢复归档", show=False),
        Binding("l", "leaves", "请假"),
    ]
    PAGE_SIZE = 200
    UNIT = "名"
    EDIT_ACTIONS = frozenset({"new_cadre", "edit_cadre", "archive_cadre", "leaves"})

    def compose(self) -> ComposeResult:
        yield Static("", id="count", classes="status-line")
        yield FittedTable(COLUMNS, cursor_type="row", zebra_stripes=True, id="cadres")
        yield Static("", id="row-more", classes="row-more")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Read the cadres again, the cursor staying on its row."""
        service = self.service
        self.show_page(0, self.list_table.cursor_row or 0)
        readonly = "  只读：不能新增或修改" if service.readonly else ""
        self.query_one("#count", Static).update(f"共 {self.total} 名村干部{readonly}")

    def fetch(self, offset: int, limit: int) -> tuple[list[Cadre], int]:
        cadres = self.service.cadres()
        return cadres[offset:offset + limit], len(cadres)

    def row(self, c: Cadre) -> tuple:
        today = self.service.today
        return (Text(inert(c.name)), Text(inert(c.role)), dates.format_cn(c.term_start),
                dates.format_cn(c.term_end) if c.term_end else "在任", Text(inert("、".join(c.groups))),
                "能" if c.can_mentor else "", mask_phone(c.phone), str(c.id), leave_text(c, today))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_cadre()

    def action_new_cadre(self) -> None:
        """Open an empty cadre form."""
        if self.refuse_readonly():
            return
        from village_tui.screens.cadres.cadre_form import CadreFormScreen

        self.app.push_screen(CadreFormScreen(), self._saved)

    def action_edit_cadre(self) -> None:
        """Edit the cadre under the cursor."""
        if self.refuse_readonly() or self.current is None:
            return
        from village_tui.screens.cadres.cadre_form import CadreFormScreen

        cadre = self.service.cadre(self.current.id)
        self.app.push_screen(CadreFormScreen(cadre), self._saved)

    def _saved(self, cadre: Cadre | None) -> None:
        if cadre is not None:
            self.notify(f"已保存：{cadre.name}")
            self.reload()

    def action_leaves(self) -> None:
        """List, add and cancel the leaves of the cadre under the cursor."""
        cadre = self.current
        if self.refuse_readonly() or cadre is None:
            return
        from village_tui.screens.duty.leave_dialog import LeaveDialog

        self.app.push_screen(LeaveDialog(cadre.id), lambda changed: self.reload() if changed else None)

    def action_archive_cadre(self) -> None:
        """Archive the cadre under the cursor (left office), asking for a reason."""
        cadre = self.current
        if self.refuse_readonly() or cadre is None:
            return
        from village_tui.widgets.dialogs.archive import ArchiveDialog

        service = self.service

        def done(archived: bool | None) -> None:
            if archived:
                self.notify(f"已归档：{cadre.name}")
                self.reload()

        self.app.push_screen(ArchiveDialog(f"归档干部 {cadre.name}（不会删除，记录仍保留）",
                                           lambda reason, day: service.archive_cadre(cadre.id, reason, day),
                                           service.today, placeholder="如 换届离任、调离", facts=[
                                               f"姓名：{cadre.name}", f"职务：{cadre.role}", "归档错了可按 u 恢复"]), done)

    def action_unarchive_cadre(self) -> None:
        """Choose an archived cadre and restore them, as a 更正 with a reason."""
        if self.refuse_readonly():
            return
        from village_tui.widgets.dialogs.choose import ChooseDialog
        from village_tui.widgets.dialogs.reason import ReasonDialog

        service = self.service
        archived = {str(c.id): c for c in service.cadres(include_archived=True) if c.archived}

        def chosen(key: str | None) -> None:
            cadre = archived.get(key or "")
            if cadre is None:
                return

            def done(ok: bool | None) -> None:
                if ok:
                    self.notify(f"已恢复：{cadre.name}（更正已记入操作记录）")
                    self.reload()

            self.app.push_screen(ReasonDialog(f"恢复已归档的干部 {cadre.name}（更正）",
                                              lambda reason: service.unarchive_cadre(cadre.key, reason),
                                              placeholder="如 误归档，仍在任", ask="更正原因", facts=[
                                                  f"姓名：{cadre.name}", f"职务：{cadre.role}",
                                                  f"归档原因：{cadre.archive_reason}"]), done)

        self.app.push_screen(ChooseDialog("恢复哪一位干部？（已归档的干部）",
                                          [(k, f"{c.name}  {c.role}  {c.archive_reason}") for k, c in archived.items()],
                                          empty="（没有已归档的干部）"), chosen)
