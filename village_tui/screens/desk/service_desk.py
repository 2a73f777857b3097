"""F9 便民服务: the service room's applications — receipt, handling, the printable receipt (R13)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, DataTable, Static, TextArea

from village_tui.domain import dates
from village_tui.domain import service_desk as desk
from village_tui.domain.errors import DomainError
from village_tui.domain.models import REQUEST_STATUSES, ServiceRequest
from village_tui.screens.desk.desk_forms import RequestTypesForm, ServiceRequestForm
from village_tui.widgets.dialogs.reason import ReasonDialog
from village_tui.widgets.inert_text import Text, known_or_literal
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.widgets.lists.paged_list import PagedListScreen
from village_tui.screens.base import RefreshOnChange, ServiceAccess

PAGE = 50
COLUMNS = (Col("回执编号"), Col("受理日期", drop=2), Col("申请人", flex=True, min_width=6),
           Col("办理事项", flex=True, min_width=8), Col("经办", drop=1), Col("状态"), Col("期限", drop=3), Col("提醒"))


class ServiceDeskScreen(RefreshOnChange, ServiceAccess, PagedListScreen):
    """This year's applications, newest first; forms to receive one, see its receipt and edit the types."""

    BINDINGS = [
        Binding("n", "new_request", "受理申请"),
        Binding("b", "set_status('办理中')", "办理中"),
        Binding("d", "close_request('已办结')", "办结"),
        Binding("r", "close_request('退回')", "退回"),
        Binding("o", "reopen_request", "恢复办理", show=False),
        Binding("u", "restore_cancelled", "恢复作废", show=False),
        Binding("p", "show_receipt", "回执"),
        Binding("x", "cancel_request", "作废", show=False),
        Binding("e", "edit_types", "事项设置", show=False),
        Binding("escape", "close_receipt", "返回"),
    ]

    def compose(self) -> ComposeResult:
        service = self.service
        with ContentSwitcher(initial="list"):
            with Vertical(id="list"):
                yield Static("", id="count", classes="status-line")
                yield FittedTable(COLUMNS, cursor_type="row", zebra_stripes=True, id="requests")
                yield Static("", id="row-more", classes="row-more")
                yield Static("n 受理 b 办理中 d 办结 r 退回 o 恢复办理 p 回执 x 作废 u 恢复作废 e 事项设置", classes="hint")
            with Vertical(id="receipt"):
                yield Static("回执（按 p 打印；Esc 返回）", classes="form-title")
                yield TextArea("", read_only=True, id="receipt-text")

    def on_mount(self) -> None:
        table = self.query_one("#requests", DataTable)
        self.reload()
        table.focus()

    # -- the list ----------------------------------------------------------

    PAGE_SIZE = PAGE
    UNIT = "件"
    SHOWS = ("requests", "households", "cadres")

    def refresh_shown(self) -> None:
        current = self.current
        self.reload(keep_id=str(current.id) if current is not None else None)

    def reload(self, keep_id: str | None = None) -> None:
        """Read the page shown again (the first when ``keep_id`` is not on it)."""
        self.mark_shown()
        service = self.service
        self._names = service.cadre_names()
        self.show_page()
        table = self.list_table
        if keep_id is not None and keep_id not in table.rows:
            self.show_page(0)
        if keep_id is not None and keep_id in table.rows:
            table.move_cursor(row=table.get_row_index(keep_id))
        self.page_shown()

    def page_shown(self) -> None:
        service = self.service
        overdue = len(service.overdue_requests(service.today))
        note = f"，已超期未办结{overdue}件" if overdue else ""
        self.query_one("#count", Static).update(f"{service.today.year}年受理：{self.page_text()}{note}")

    def fetch(self, offset: int, limit: int) -> tuple[list[ServiceRequest], int]:
        service = self.service
        year = service.today.year
        return service.requests(year, offset=offset, limit=limit), service.request_count(year)

    def row(self, request: ServiceRequest) -> tuple:
        today = self.service.today
        return (request.id, dates.short_cn(request.day, today.year), Text(request.applicant), Text(request.kind),
                Text(self._names.get(request.handler_id, "") if request.handler_id is not None else ""), known_or_literal(request.status, REQUEST_STATUSES),
                dates.short_cn(request.due, today.year) if request.due else "", self._reminder(request, today))

    def row_key(self, request: ServiceRequest) -> str:
        return request.key

    @staticmethod
    def _reminder(request: ServiceRequest, today: date) -> Text:
        """``还剩5天`` / ``今天到期`` for an open request, ``已超期12天`` in red once past its due day."""
        if request.due is None or not desk.is_open_on(request, today):
            return Text("")
        late = desk.days_overdue(request, today)
        return Text(dates.due_cn(request.due, today), style="bold red" if late else "")

    def _switch(self, pane: str) -> None:
        self.query_one(ContentSwitcher).current = pane

    async def action_close_receipt(self) -> None:
        """Esc: back to the list from the receipt, else the app's back."""
        if self.query_one(ContentSwitcher).current != "list":
            self._switch("list")
            self.query_one("#requests", DataTable).focus()
        else:
            await self.app.run_action("back")

    # -- status and receipt ---------------------------------------------------

    def action_set_status(self, status: str) -> None:
        """Move the request under the cursor to ``status`` (closing ones are dated today)."""
        request = self.current
        if request is None:
            return
        try:
            self.service.set_request_status(request.id, status)
        except DomainError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"{request.id} 已改为{status}")
        self.reload(keep_id=request.id)

    def facts(self, request: ServiceRequest) -> list[str]:
        """The lines naming ``request`` in a dialog that ends or reopens it."""
        service = self.service
        household = ""
        if request.household_id is not None:
            found = service.household(request.household_id)
            household = f"{found.code} {found.head}"
        missing = desk.missing_documents(request)
        lines = [f"回执编号：{request.id}", f"申请人：{request.applicant or '（未填）'}",
                 f"农户：{household or '（未填）'}", f"办理事项：{request.kind}",
                 f"受理日期：{dates.format_cn(request.day)}",
                 f"当前状态：{'已作废' if request.cancelled else request.status}"]
        if missing and request.is_open:
            lines.append(f"待补材料：{'、'.join(missing)}")
        return lines

    def action_close_request(self, status: str) -> None:
        """End the request under the cursor as 已办结 or 退回, in a dialog naming it and asking the result."""
        request = self.current
        if request is None:
            return
        service = self.service
        ask = "办理结果" if status == "已办结" else "退回原因"
        hint = "如 已报镇民政办审批，证件已发放" if status == "已办结" else "如 材料不全，请补齐户口簿后再来"

        def done(ok: bool | None) -> None:
            if ok:
                self.notify(f"{request.id} {request.applicant} 已改为{status}（可按 o 恢复办理）")
                self.reload(keep_id=request.id)

        self.app.push_screen(ReasonDialog(f"{'办结' if status == '已办结' else '退回'}申请 {request.id} {request.applicant}",
                                          lambda text: service.close_request(request.id, status, text),
                                          placeholder=hint, facts=self.facts(request), ask=ask), done)

    def action_reopen_request(self) -> None:
        """Undo the end (办结, 退回) of the request under the cursor, as a 更正 with a reason."""
        request = self.current
        if request is None:
            return
        if request.is_open:
            self.notify(f"{request.id} 还在办理中，不需要恢复", severity="warning")
            return
        self._ask_reopen(request)

    def action_restore_cancelled(self) -> None:
        """Choose one of this year's voided requests and restore it, as a 更正 with a reason."""
        from village_tui.widgets.dialogs.choose import ChooseDialog

        service = self.service
        voided = {r.key: r for r in service.cancelled_requests(service.today.year)}

        def chosen(key: str | None) -> None:
            if key in voided:
                self._ask_reopen(voided[key])

        self.app.push_screen(ChooseDialog("恢复哪一件已作废的申请？",
                                          [(k, f"{k}  {r.applicant}  {r.kind}  作废原因：{r.cancel_reason}")
                                           for k, r in voided.items()], empty="（今年没有已作废的申请）"), chosen)

    def _ask_reopen(self, request: ServiceRequest) -> None:
        """Ask, naming ``request``, for the reason to undo its end; then reopen it."""
        service = self.service

        def done(ok: bool | None) -> None:
            if ok:
                self.notify(f"{request.id} {request.applicant} 已恢复办理（更正已记入操作记录）")
                self.reload(keep_id=request.id)

        self.app.push_screen(ReasonDialog(f"恢复办理申请 {request.id} {request.applicant}（更正）",
                                          lambda reason: service.reopen_request(request.key, reason),
                                          placeholder="如 误按办结，材料还没齐", facts=self.facts(request),
                                          ask="更正原因"), done)

    def action_show_receipt(self, request_id: str | None = None) -> None:
        """Show the printable receipt of the request under the cursor (or of ``request_id``).

        With the receipt already shown, ``p`` prints it (:meth:`action_print_receipt`).
        """
        if request_id is None and self.query_one(ContentSwitcher).current == "receipt":
            self.action_print_receipt()
            return
        if request_id is None:
            request = self.current
            if request is None:
                return
            request_id = request.id
        text = self.service.receipt_text(request_id)
        self._receipt_id = request_id
        self.query_one("#receipt-text", TextArea).load_text(text)
        self._switch("receipt")
        self.query_one("#receipt-text", TextArea).focus()

    def action_print_receipt(self) -> None:
        """打印回执: write the receipt shown (or the one under the cursor) as an A4 page and open it to print."""
        from village_tui.exchange.print_page import lines_page_html
        from village_tui.screens.printing import print_page

        if self.query_one(ContentSwitcher).current != "receipt":
            self.action_show_receipt()
            if self.query_one(ContentSwitcher).current != "receipt":
                return
        request_id = self._receipt_id
        lines = self.service.receipt_text(request_id).split("\n")
        print_page(self, f"回执-{request_id}.html", lines_page_html(lines), f"回执 {request_id}")

    def show_request(self, request_id: str) -> None:
        """Put the cursor on request ``request_id`` when it is in the list and show its receipt.

        Raises:
            NotFoundError: No such request.
        """
        self._switch("list")
        self.reload(keep_id=request_id)
        self.action_show_receipt(request_id)

    def action_cancel_request(self) -> None:
        """Cancel the request under the cursor, with a reason."""
        request = self.current
        if request is None:
            return
        service = self.service
        self.app.push_screen(ReasonDialog(f"作废申请 {request.id} {request.applicant}",
                                          lambda reason: service.cancel_request(request.id, reason),
                                          placeholder="如 登记错误、重复登记", facts=self.facts(request),
                                          ask="作废原因"),
                             lambda ok: self.reload() if ok else None)

    # -- receiving a request ----------------------------------------------------

    def action_new_request(self) -> None:
        """Open the form to receive an application; its receipt is shown once saved."""
        self.app.push_screen(ServiceRequestForm(), self._received)

    def _received(self, saved: ServiceRequest | None) -> None:
        if saved is None:
            return
        self.notify(f"已受理，回执编号 {saved.id}")
        self.reload(keep_id=saved.id)
        self.action_show_receipt(saved.id)

    # -- request types and checklists ---------------------------------------------

    def action_edit_types(self) -> None:
        """Open the editor of request types, their checklists and the default days."""
        self.app.push_screen(RequestTypesForm(), self._types_saved)

    def _types_saved(self, saved: bool | None) -> None:
        if saved:
            self.notify("办理事项已保存")
        self.query_one("#requests", DataTable).focus()
