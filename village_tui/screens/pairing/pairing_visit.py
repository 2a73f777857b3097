"""A quick dialog to record a pairing visit (one cadre to one household) from the year matrix."""

from __future__ import annotations

from datetime import date

from textual.widget import Widget

from village_tui.domain.models import Household, Pairing, Visit
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import RadioField, RequiredDate, text
from village_tui.screens.base import ServiceAccess

WAYS = ("入户", "电话")


class PairingVisitDialog(ServiceAccess, FormDialog[tuple[date, str, str], Visit]):
    """Record a visit by the pairing's cadre to its household, with the help given; dismisses with the visit.

    A household away can be visited by phone (R8); others only in person.

    Args:
        pairing: The pairing.
        cadre: The cadre's name, for the title.
        household: The paired household.
        day: The day offered.
    """

    CSS_PATH = "pairing.tcss"

    def __init__(self, pairing: Pairing, cadre: str, household: Household, day: date) -> None:
        super().__init__()
        self._pairing = pairing
        self._cadre = cadre
        self._household = household
        self._day = self.declare(RequiredDate("day", "走访日期", initial=day, allow_future=False))
        self._way = self.declare(RadioField("way", "走访方式", WAYS)) if household.away else None
        self._help_given = self.declare(text("help_given", "帮扶内容",
                                             placeholder="如：送去慰问金500元，联系技术员指导种植"))

    def form_title(self) -> str:
        return f"登记结对走访：{self._cadre} 走访 {self._household.head}（{self._household.code}）"

    def first_field(self) -> Widget:
        return self._help_given.widget

    def collect(self) -> tuple[date, str, str]:
        values = self.read_fields()
        return values[self._day], values[self._help_given], values[self._way] if self._way else WAYS[0]

    def save(self, draft: tuple[date, str, str]) -> Visit:
        day, help_given, way = draft
        return self.service.record_pairing_visit(self._pairing.key, day, help_given, way)
