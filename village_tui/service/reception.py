"""Visitors received at the village office on duty (接待来访), turned into a ledger item or a service request.

A cadre on duty who receives a resident records the concern once; it becomes a
民情台账 item (source 来访) or a 便民服务 request, and the visit counts toward
that day's 接待人次 of the cadre's sign-in.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import DutyDay, LedgerItem, ServiceRequest, SignIn
from village_tui.domain.office import office_refusal
from village_tui.domain.rules_duty import in_office
from village_tui.domain.validation import validate_required, validate_text
from village_tui.service.core import one_transaction
from village_tui.service.desk import DeskService
from village_tui.service.duty import DutyService
from village_tui.service.ledger import LedgerService

ROUTE_LEDGER, ROUTE_DESK = "民情台账", "便民服务"
RECEPTION_ROUTES = (ROUTE_LEDGER, ROUTE_DESK)
CONCERN_MAX = 500
NOTE_MAX = 200  # the sign-in's note, where a concern that goes nowhere else is kept
VISITORS_MAX = 999


class ReceptionService(DeskService, DutyService, LedgerService):
    """Registering a visitor's concern from the duty desk in one step."""

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
        self._require_writable()
        if day > self.today:
            raise ValidationError("day", "不能登记以后日子的来访")
        if route is not None and route not in RECEPTION_ROUTES:
            raise ValidationError("route", f"转办去向应为：{'、'.join(RECEPTION_ROUTES)}")
        cadre = self.records.get("cadres", cadre_id)
        if not in_office(cadre, day):
            raise ValidationError("cadre", office_refusal(cadre, day, "接待来访") or "")
        record = self.duty_day(day) or DutyDay(day=day)
        signin = next((s for s in record.signins if s.cadre_id == cadre_id), None)
        if signin is None and day != self.today:
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
            created = self.save_ledger_item(LedgerItem(
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
            record.signins = [*record.signins, SignIn(cadre_id=cadre_id, time=self.now_time(), visitors=1, note=note)]
        else:
            updated = dataclasses.replace(signin, visitors=signin.visitors + 1, note=note)
            record.signins = [updated if s.cadre_id == cadre_id else s for s in record.signins]
        return self.save_duty_day(record, "值班接待来访")
