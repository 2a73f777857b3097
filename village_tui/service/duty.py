"""The duty roster part of the service: who is rostered on a day and who signed in."""

from __future__ import annotations

from datetime import date

from village_tui.domain.models import DutyDay, SignIn
from village_tui.service.core import ServiceBase


class DutyService(ServiceBase):
    """Duty days and sign-ins (R1–R4)."""

    def duty_day(self, day: date) -> DutyDay | None:
        """The duty record of ``day``, or None when nothing is planned or recorded."""
        for record in self.records.peek("duty", day.year):
            if record.day == day:
                return self.copy(record)
        return None

    def duty_days(self, first: date, last: date) -> dict[date, DutyDay]:
        """Duty records from ``first`` to ``last`` (inclusive), by day."""
        found = {}
        for year in range(first.year, last.year + 1):
            for record in self.records.peek("duty", year):
                if first <= record.day <= last:
                    found[record.day] = self.copy(record)
        return found

    def save_duty_day(self, record: DutyDay, reason: str = "") -> DutyDay:
        """Save a day's roster and sign-ins."""
        return self._update(record, reason) if record.id is not None else self._insert(record, reason)

    def duty_sign_in(self, cadre_id: int, day: date, time: str = "", visitors: int = 0, note: str = "") -> DutyDay:
        """Record that a cadre sat at the village office on ``day``.

        Signing in twice updates the time and the visitors received.
        """
        record = self.duty_day(day) or DutyDay(day=day)
        signins = [s for s in record.signins if s.cadre_id != cadre_id]
        signins.append(SignIn(cadre_id=cadre_id, time=time, visitors=visitors, note=note))
        record.signins = signins
        return self.save_duty_day(record)
