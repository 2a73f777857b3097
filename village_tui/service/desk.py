"""The service desk area (便民服务室 / 农事村办, R13), with visitors received on duty (接待来访).

A cadre on duty who receives a resident records the concern once (:meth:`DeskService.receive_visitor`);
it becomes a 民情台账 item (source 来访) or a 便民服务 request, and the visit counts toward that day's
接待人次 of the cadre's sign-in.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from village_tui.domain import dates
from village_tui.domain import service_desk as desk
from village_tui.domain.errors import NotFoundError, ValidationError
from village_tui.domain.findings import Finding
from village_tui.domain.models import REQUEST_STATUSES, DutyDay, LedgerItem, ServiceRequest, SignIn
from village_tui.domain.office import office_refusal
from village_tui.domain.record_validation import validate_reason
from village_tui.domain.rules_desk import deliberation_findings, promise_findings, publication_findings, request_findings
from village_tui.domain.rules_duty import in_office
from village_tui.domain.validation import validate_int, validate_required, validate_text
from village_tui.service.core import Area, ServiceContext, one_transaction
from village_tui.service.duty import DutyService
from village_tui.service.ledger import LedgerService

NOTE_MAX = 200  # a request's note, and the sign-in's note where a concern that goes nowhere else is kept
ROUTE_LEDGER, ROUTE_DESK = "民情台账", "便民服务"
RECEPTION_ROUTES = (ROUTE_LEDGER, ROUTE_DESK)
CONCERN_MAX = 500
VISITORS_MAX = 999


class DeskService(Area):
    """Residents' applications: receipt, handling, receipts to take home, R13 checks; visitors received on duty.

    Args:
        context: The opened folder's shared state.
        duty: The duty area: who sits at the office, and the sign-in a visitor counts toward.
        ledger: The ledger area, where a visitor's concern can go.
    """

    def __init__(self, context: ServiceContext, duty: DutyService, ledger: LedgerService) -> None:
        super().__init__(context)
        self._duty = duty
        self._ledger = ledger

    def _duty_cadre(self, day: date) -> int | None:
        """Who sits at the office on ``day``: the first to sign in, else the first rostered."""
        record = self._duty.duty_day(day)
        if record is not None and record.signins:
            return record.signins[0].cadre_id
        if record is not None and record.rostered:
            return record.rostered[0]
        return self._ctx.operator.id if self._ctx.operator else None

    def request(self, request_id: str) -> ServiceRequest:
        """One request by its receipt number ``"2026-0007"``.

        Raises:
            NotFoundError: No such request.
        """
        return self.records.get("requests", request_id)

    def save_request(self, request: ServiceRequest, reason: str = "") -> ServiceRequest:
        """Validate and save a new or changed request.

        A new request without a handler gets the operator (else the duty cadre), the default due date and the
        type's checklist (nothing received) when those are left empty; the applicant
        defaults to the household head.

        Raises:
            ValidationError: Unknown type, no applicant, a future or misordered date.
        """
        request = dataclasses.replace(request, documents=dict(request.documents))
        settings = self._ctx.settings()
        if request.kind not in settings.request_types and request.id is None:
            raise ValidationError("kind", f"没有这个办理事项：{request.kind or '（未选）'}")
        if request.day > self._ctx.today:
            raise ValidationError("day", "受理日期不能晚于今天")
        request.applicant = validate_text(request.applicant, "applicant", "申请人", 30)
        if request.household_id is not None:
            household = self.records.get("households", request.household_id)
            request.applicant = request.applicant or household.head
        if not request.applicant:
            raise ValidationError("applicant", "请填写申请人或选择农户")
        request.note = validate_text(request.note, "note", "备注", NOTE_MAX, multiline=True)
        if request.status not in REQUEST_STATUSES:
            raise ValidationError("status", f"没有这个状态：{request.status}")
        if request.handler_id is None:  # the form always names one; an import or a script may not
            request.handler_id = self._ctx.operator.id if self._ctx.operator else self._duty_cadre(request.day)
        if request.due is None:
            request.due = desk.default_due(request.day, settings.request_due_days)
        if request.due < request.day:
            raise ValidationError("due", "办结期限不能早于受理日期")
        if not request.documents:
            request.documents = {name: False for name in desk.checklist_for(request.kind, settings)}
        if request.id is None:
            return self._ctx.insert(request, reason)
        return self._ctx.update(request, reason)

    def set_request_status(self, request_id: str, status: str, note: str = "", day: date | None = None) -> ServiceRequest:
        """Move a request to another status (已受理 → 办理中 → 已办结 / 退回).

        Closing (已办结, 退回) records ``day`` (default today) as the done date.

        Raises:
            ValidationError: The change is not allowed, or the day is before the receipt.
        """
        request = self.request(request_id)
        if request.cancelled:
            raise ValidationError("status", "该申请已作废")
        desk.check_transition(request.status, status)
        request.status = status
        if status in desk.CLOSED_STATUSES:
            done = day or self._ctx.today
            if done < request.day:
                raise ValidationError("done_day", "办结日期不能早于受理日期")
            if done > self._ctx.today:
                raise ValidationError("done_day", "办结日期不能晚于今天")
            self._handled_in_office(request.handler_id, done)
            request.done_day = done
        if note.strip():
            extra = validate_text(note, "note", "备注", NOTE_MAX)
            request.note = f"{request.note}；{extra}" if request.note else extra
        return self._ctx.update(request, action=status)

    def _handled_in_office(self, handler_id: int | None, day: date) -> None:
        """Refuse a closing dated outside the handler's office (RULEBOOK, "Office bounds")."""
        if handler_id is None:
            return
        try:
            handler = self.records.get("cadres", handler_id)
        except NotFoundError:
            return
        refusal = office_refusal(handler, day, "办结")
        if refusal:
            raise ValidationError("handler_id", refusal + "，请先改由在任的干部经办")

    def finish_request(self, request_id: str, done_day: date) -> ServiceRequest:
        """Mark a request done (已办结) on ``done_day``."""
        return self.set_request_status(request_id, "已办结", day=done_day)

    def cancel_request(self, request_id: str, reason: str) -> ServiceRequest:
        """Cancel a request entered by mistake (never deleted)."""
        request = self.request(request_id)
        request.cancelled, request.cancel_reason = True, validate_reason(reason, "作废原因")
        return self._ctx.update(request, action="作废")

    def close_request(self, request_id: str, status: str, result: str, day: date | None = None) -> ServiceRequest:
        """End a request as 已办结 (with its 办理结果) or 退回 (with its 退回原因), added to its note.

        Raises:
            ValidationError: No result or reason, or the change is not allowed.
        """
        if status not in desk.CLOSED_STATUSES:
            raise ValidationError("status", f"「{status}」不是办结或退回")
        label = "办理结果" if status == "已办结" else "退回原因"
        text = validate_reason(result, label)
        return self.set_request_status(request_id, status, f"{label}：{text}", day)

    def reopen_request(self, request_id: str, reason: str) -> ServiceRequest:
        """Undo the end of a request (已办结, 退回 or 作废) as an audited 更正 with a reason.

        A done or returned request goes back to 办理中 (its done date cleared); a cancelled one is
        no longer cancelled and keeps its status. Inside a month locked by an export the reason is
        what the 更正 rules ask for anyway.

        Raises:
            ValidationError: No reason, or the request is still open.
        """
        request = self.request(request_id)
        why = validate_reason(reason, "更正原因")
        if request.cancelled:
            request.cancelled, request.cancel_reason = False, ""
        elif request.status in desk.CLOSED_STATUSES:
            request.status, request.done_day = "办理中", None
        else:
            raise ValidationError("status", f"申请 {request_id} 还在办理中，不需要恢复")
        return self._ctx.update(request, why, action="更正")

    def request_count(self, year: int) -> int:
        """How many requests (not cancelled) were received in ``year``."""
        return sum(1 for r in self.records.peek("requests", year) if not r.cancelled)

    def requests(self, year: int, month: int | None = None, status: str | None = None,
                 offset: int = 0, limit: int = 50) -> list[ServiceRequest]:
        """Requests received in a year (or one month of it), newest first, one page at a time."""
        found = [r for r in self.records.peek("requests", year) if not r.cancelled
                 and (month is None or r.day.month == month) and (status is None or r.status == status)]
        found.sort(key=lambda r: (r.day, r.id or ""), reverse=True)
        return [self._ctx.copy(r) for r in found[offset:offset + limit]]

    def cancelled_requests(self, year: int) -> list[ServiceRequest]:
        """The requests of ``year`` that were voided (作废), newest first, to restore one."""
        found = [r for r in self.records.peek("requests", year) if r.cancelled]
        return [self._ctx.copy(r) for r in sorted(found, key=lambda r: (r.day, r.id or ""), reverse=True)]

    def overdue_requests(self, on_day: date) -> list[ServiceRequest]:
        """Requests open at the end of ``on_day`` and past their due date, oldest due first.

        Looks at ``on_day``'s year and the older requests still open in it.
        """
        found = [r for r in self.judged_requests(on_day.year) if desk.is_overdue(r, on_day)]
        return [self._ctx.copy(r) for r in sorted(found, key=lambda r: (r.due, r.id or ""))]

    def judged_requests(self, year: int) -> list[ServiceRequest]:
        """Requests of ``year`` and those of earlier years still open (or due) in it, not copied.

        Earlier years are read only when the store's open index lists one of their
        requests, so the cost does not grow with years of history.
        """
        found: list[ServiceRequest] = []
        index = self.records.open_index("requests")
        still_open = {record_id for record_id, through in index.items() if through >= year}
        for old in self.records.open_years("requests", year):  # oldest first, as the findings list them
            found += self.records.scan("requests", old, lambda doc: not doc.get("cancelled"), ids=still_open)
        return found + list(self.records.peek("requests", year))

    def receipt_text(self, request_id: str) -> str:
        """The printable receipt (回执) of a request, plain text."""
        request = self.request(request_id)
        household = ""
        if request.household_id is not None:
            h = self.records.get("households", request.household_id)
            household = f"{h.code} {h.head}"
        handler = phone = ""
        if request.handler_id is not None:
            cadre = self.records.get("cadres", request.handler_id)
            handler, phone = cadre.name, cadre.phone
        return desk.receipt_text(request, village=self._ctx.settings().name, household=household,
                                 handler=handler, phone=phone)

    def save_request_settings(self, types: list[str], checklists_text: str, due_days: str | int) -> None:
        """Save the editable request types, their checklists and the default days to finish.

        Raises:
            ValidationError: No type, a bad line in the checklists, or a bad number of days.
        """
        checklists = desk.parse_checklists(checklists_text)
        types = [t for t in dict.fromkeys([*types, *checklists]) if t]
        if not types:
            raise ValidationError("request_types", "至少要有一个办理事项")
        settings = self._ctx.settings()
        settings.request_types = types
        settings.request_checklists = checklists
        settings.request_due_days = validate_int(due_days, "request_due_days", "办结期限天数", 1, 365)
        self._ctx.save_settings(settings)

    def desk_month_findings(self, year: int, month: int) -> list[Finding]:
        """R13 for requests due by the month's end, R14 for matters past their promised date, R15 for evaluations."""
        names = {c.id: c.name for c in self.records.peek("cadres")}
        requests = self.judged_requests(year)
        codes = {r.household_id for r in requests if r.household_id is not None}
        households = {h.id: h.code for h in self.records.peek_ids("households", codes).values()}
        matters = list(self.records.peek("matters"))
        return [*request_findings(requests, year, month, names, households, self._ctx.today),
                *deliberation_findings(matters, year, month, self._ctx.today),
                *promise_findings(matters, year, month, names, self._ctx.today),
                *publication_findings(matters, year, month)]

    # -- visitors received on duty (接待来访) ------------------------------------

    @one_transaction
    def receive_visitor(self, day: date, cadre_id: int, household_id: int | None, reporter: str, concern: str,
                        route: str | None, category: str = "") -> LedgerItem | ServiceRequest | DutyDay:
        """Record a visitor received on duty and pass the concern on.

        The cadre's sign-in of ``day`` gets one more 接待人次; a cadre not yet
        signed in today is signed in now. The concern becomes a ledger item
        (source 来访, handled by the receiving cadre) for ``route="民情台账"``, a
        service request for ``route="便民服务"``, or, with no route, is added to
        the sign-in's note.

        Args:
            day: The day of the visit (not after today).
            cadre_id: The cadre on duty who received the visitor.
            household_id: The visitor's household, or None when only a name is known.
            reporter: The visitor's name (the household head is used when empty).
            concern: What the visitor raised.
            route: ``"民情台账"``, ``"便民服务"`` or None.
            category: The ledger category, or the service request type.

        Returns:
            The ledger item or service request created, or the duty day when there is no route.

        Raises:
            ValidationError: A future day, a cadre out of office or not signed in on a past day,
                no concern, no household or reporter, an unknown route, category or type.
        """
        self._ctx.require_writable()
        if day > self._ctx.today:
            raise ValidationError("day", "不能登记以后日子的来访")
        if route is not None and route not in RECEPTION_ROUTES:
            raise ValidationError("route", f"转办去向应为：{'、'.join(RECEPTION_ROUTES)}")
        cadre = self.records.get("cadres", cadre_id)
        if not in_office(cadre, day):
            raise ValidationError("cadre", office_refusal(cadre, day, "接待来访") or "")
        record = self._duty.duty_day(day) or DutyDay(day=day)
        signin = next((s for s in record.signins if s.cadre_id == cadre_id), None)
        if signin is None and day != self._ctx.today:
            raise ValidationError("cadre", f"{cadre.name}在{dates.format_cn(day)}没有值班签到，请先补签到")
        if signin is not None and signin.visitors >= VISITORS_MAX:
            raise ValidationError("cadre", f"接待人次不能超过{VISITORS_MAX}")
        concern = validate_required(concern, "concern", "来访诉求", NOTE_MAX if route != ROUTE_LEDGER else CONCERN_MAX,
                                    True)
        reporter = validate_text(reporter, "reporter", "来访人", 20)
        if household_id is None and not reporter:
            raise ValidationError("household_id", "请选择农户或填写来访人姓名")
        created: LedgerItem | ServiceRequest | None = None
        if route == ROUTE_LEDGER:
            created = self._ledger.save_ledger_item(LedgerItem(
                day=day, source="来访", category=category, content=concern, household_id=household_id,
                reporter=reporter, handler_id=cadre_id), "值班接待来访")
        elif route == ROUTE_DESK:
            created = self.save_request(ServiceRequest(
                day=day, kind=category, household_id=household_id, applicant=reporter, handler_id=cadre_id,
                note=concern), "值班接待来访")
        saved = self._count_visitor(record, cadre_id, None if created else concern)
        return created if created is not None else saved

    def _count_visitor(self, record: DutyDay, cadre_id: int, concern: str | None) -> DutyDay:
        """Add one visitor to the cadre's sign-in of the day (signing in now when there is none)."""
        signin = next((s for s in record.signins if s.cadre_id == cadre_id), None)
        note = signin.note if signin else ""
        if concern:
            note = "；".join(part for part in (note, f"来访：{concern}") if part)
            if len(note) > NOTE_MAX:
                raise ValidationError("concern", f"当天值班备注已满{NOTE_MAX}字，请把这条诉求转民情台账")
        if signin is None:
            signin = SignIn(cadre_id=cadre_id, time=self._ctx.now_time(), visitors=1, note=note)
            record.signins = [*record.signins, signin]
        else:
            updated = dataclasses.replace(signin, visitors=signin.visitors + 1, note=note)
            record.signins = [updated if s.cadre_id == cadre_id else s for s in record.signins]
        return self._duty.save_duty_day(record, "值班接待来访")
