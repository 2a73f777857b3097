"""The service desk part of the service (便民服务室 / 农事村办, R13)."""

from __future__ import annotations

import dataclasses
from datetime import date

from village_tui.domain import service_desk as desk
from village_tui.domain.errors import NotFoundError, ValidationError
from village_tui.domain.findings import Finding
from village_tui.domain.models import REQUEST_STATUSES, ServiceRequest
from village_tui.domain.office import office_refusal
from village_tui.domain.record_validation import validate_reason
from village_tui.domain.rules_desk import deliberation_findings, promise_findings, publication_findings, request_findings
from village_tui.domain.validation import validate_int, validate_text
from village_tui.service.duty import DutyService

NOTE_MAX = 200


class DeskService(DutyService):
    """Residents' applications: receipt, handling, receipts to take home, R13 checks."""

    def _duty_cadre(self, day: date) -> int | None:
        """Who sits at the office on ``day``: the first to sign in, else the first rostered."""
        record = self.duty_day(day)
        if record is not None and record.signins:
            return record.signins[0].cadre_id
        if record is not None and record.rostered:
            return record.rostered[0]
        return self.operator.id if self.operator else None

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
        settings = self.settings()
        if request.kind not in settings.request_types and request.id is None:
            raise ValidationError("kind", f"没有这个办理事项：{request.kind or '（未选）'}")
        if request.day > self.today:
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
            request.handler_id = self.operator.id if self.operator else self._duty_cadre(request.day)
        if request.due is None:
            request.due = desk.default_due(request.day, settings.request_due_days)
        if request.due < request.day:
            raise ValidationError("due", "办结期限不能早于受理日期")
        if not request.documents:
            request.documents = {name: False for name in desk.checklist_for(request.kind, settings)}
        if request.id is None:
            return self._insert(request, reason)
        return self._update(request, reason)

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
            done = day or self.today
            if done < request.day:
                raise ValidationError("done_day", "办结日期不能早于受理日期")
            if done > self.today:
                raise ValidationError("done_day", "办结日期不能晚于今天")
            self._handled_in_office(request.handler_id, done)
            request.done_day = done
        if note.strip():
            extra = validate_text(note, "note", "备注", NOTE_MAX)
            request.note = f"{request.note}；{extra}" if request.note else extra
        return self._update(request, action=status)

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
        return self._update(request, action="作废")

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
        return self._update(request, why, action="更正")

    def request_count(self, year: int) -> int:
        """How many requests (not cancelled) were received in ``year``."""
        return sum(1 for r in self.records.peek("requests", year) if not r.cancelled)

    def requests(self, year: int, month: int | None = None, status: str | None = None,
                 offset: int = 0, limit: int = 50) -> list[ServiceRequest]:
        """Requests received in a year (or one month of it), newest first, one page at a time."""
        found = [r for r in self.records.peek("requests", year) if not r.cancelled
                 and (month is None or r.day.month == month) and (status is None or r.status == status)]
        found.sort(key=lambda r: (r.day, r.id or ""), reverse=True)
        return [self.copy(r) for r in found[offset:offset + limit]]

    def cancelled_requests(self, year: int) -> list[ServiceRequest]:
        """The requests of ``year`` that were voided (作废), newest first, to restore one."""
        found = [r for r in self.records.peek("requests", year) if r.cancelled]
        return [self.copy(r) for r in sorted(found, key=lambda r: (r.day, r.id or ""), reverse=True)]

    def overdue_requests(self, on_day: date) -> list[ServiceRequest]:
        """Requests open at the end of ``on_day`` and past their due date, oldest due first.

        Looks at ``on_day``'s year and the older requests still open in it.
        """
        found = [r for r in self._requests_for(on_day.year) if desk.is_overdue(r, on_day)]
        return [self.copy(r) for r in sorted(found, key=lambda r: (r.due, r.id or ""))]

    def _requests_for(self, year: int) -> list[ServiceRequest]:
        """Requests of ``year`` and those of earlier years still open (or due) in it, not copied.

        Earlier years are read only when the store's open index lists one of their
        requests, so the cost does not grow with years of history.
        """
        found: list[ServiceRequest] = []
        index = self.records.open_index("requests")
        for old in self.records.open_years("requests", year):  # oldest first, as the findings list them
            found += [r for r in self.records.scan("requests", old, lambda doc: not doc.get("cancelled"))
                      if index.get(str(r.id), 0) >= year]
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
        return desk.receipt_text(request, village=self.settings().name, household=household,
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
        settings = self.settings()
        settings.request_types = types
        settings.request_checklists = checklists
        settings.request_due_days = validate_int(due_days, "request_due_days", "办结期限天数", 1, 365)
        self.save_settings(settings)

    def desk_month_findings(self, year: int, month: int) -> list[Finding]:
        """R13 for requests due by the month's end, R14 for matters past their promised date, R15 for evaluations."""
        names = {c.id: c.name for c in self.records.peek("cadres")}
        requests = self._requests_for(year)
        codes = {r.household_id for r in requests if r.household_id is not None}
        households = {h.id: h.code for h in self.records.peek("households") if h.id in codes}
        matters = list(self.records.peek("matters"))
        return [*request_findings(requests, year, month, names, households, self.today),
                *deliberation_findings(matters, year, month, self.today),
                *promise_findings(matters, year, month, names, self.today),
                *publication_findings(matters, year, month)]
