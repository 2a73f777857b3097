"""A quick dialog to record a pairing visit (one cadre to one household) from the year matrix."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, RadioButton, RadioSet

from village_tui.domain.models import Household, Pairing, Visit
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.screens.base import ServiceAccess

WAYS = ("入户", "电话")


class PairingVisitDialog(ServiceAccess, FormDialog):
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
        self._day = day

    def form_title(self) -> str:
        return f"登记结对走访：{self._cadre} 走访 {self._household.head}（{self._household.code}）"

    def form_fields(self) -> ComposeResult:
        today = self.service.today
        yield FormField("走访日期", DateInput(self._day, today=today, allow_future=False, id="day"), "day")
        if self._household.away:
            yield FormField("走访方式", RadioSet(*[RadioButton(w, value=i == 0) for i, w in enumerate(WAYS)],
                                               id="way", classes="inline"), "way")
        yield FormField("帮扶内容", Input(placeholder="如：送去慰问金500元，联系技术员指导种植", id="help_given"),
                        "help_given")

    def first_field(self):
        return self.query_one("#help_given", Input)

    def collect(self) -> tuple[date, str, str]:
        day = self.read_dates("day", required=("day",)).day("day")
        way = WAYS[max(0, self.query_one("#way", RadioSet).pressed_index)] if self.query("#way") else WAYS[0]
        return day, self.query_one("#help_given", Input).value, way

    def save(self, draft: tuple[date, str, str]) -> Visit:
        day, help_given, way = draft
        return self.service.record_pairing_visit(self._pairing.key, day, help_given, way)
