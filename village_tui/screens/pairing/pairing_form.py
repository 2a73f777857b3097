"""The form for a new or changed pairing (结对帮扶 or 帮带)."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.widgets import Input, RadioButton, RadioSet, Select

from village_tui.domain.models import HELP_KINDS, PAIRING_KINDS, Pairing
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.household_picker import HouseholdPicker
from village_tui.widgets.inert_text import Text
from village_tui.widgets.tick_list import TickList
from village_tui.screens.base import ServiceAccess

PairingResult = tuple[Pairing, list[str]]


class PairingForm(ServiceAccess, FormDialog):
    """Enter or change a pairing; dismisses with the saved pairing and its warnings, or None.

    The first Ctrl+S shows the warnings (no need tag, mentor count); a second
    Ctrl+S saves anyway.

    Args:
        pairing: The pairing to change, or None for a new one.
    """

    CSS_PATH = "pairing.tcss"

    def __init__(self, pairing: Pairing | None = None) -> None:
        super().__init__()
        self._editing = pairing

    def form_title(self) -> str:
        return "修改结对" if self._editing else "新增结对"

    def form_fields(self) -> ComposeResult:
        service = self.service
        pairing = self._editing
        kind = pairing.kind if pairing else PAIRING_KINDS[0]
        helps = set(pairing.help_planned) if pairing else set()
        chosen = pairing.cadre_id if pairing else getattr(service.operator, "id", None)
        cadres = [(Text(f"{c.name}（{c.role}）"), c.id) for c in service.cadres()]
        ids = [cid for _, cid in cadres]
        yield FormField("结对干部", Select(cadres, value=chosen if chosen in ids else Select.NULL,
                                         prompt="选择干部", id="cadre"), "cadre_id")
        yield FormField("结对农户", HouseholdPicker(search=service.search_households, id="household"),
                        "household_id")
        yield FormField("结对类型", RadioSet(*[RadioButton(k, value=k == kind) for k in PAIRING_KINDS],
                                           id="kind", classes="inline"), "kind")
        # One above the other: side by side, the right one ran past the dialog at 80 columns.
        yield FormField("开始日期", DateInput(pairing.start if pairing else service.today, today=service.today,
                                            id="start"), "start")
        yield FormField("结束日期", DateInput(pairing.end if pairing else None, today=service.today, id="end"), "end")
        yield FormField("帮扶措施", TickList(*[(h, h, h in helps) for h in HELP_KINDS], id="help_planned"),
                        "help_planned")
        yield FormField("帮扶目标", Input(pairing.goals if pairing else "", placeholder="如：年底前人均增收2000元",
                                          id="goals"), "goals")

    def first_field(self):
        return self.query_one(HouseholdPicker)

    def on_mount(self) -> None:
        if self._editing:
            self.query_one(HouseholdPicker).set_household(self.service.household(self._editing.household_id))

    def collect(self) -> Pairing:
        """The pairing as typed; date fields that do not parse raise ValidationErrors."""
        days = self.read_dates("start", "end", required=("start",))
        cadre = self.query_one("#cadre", Select).value
        household = self.query_one(HouseholdPicker).household
        kind = PAIRING_KINDS[max(0, self.query_one("#kind", RadioSet).pressed_index)]
        base = self._editing or Pairing(cadre_id=0, household_id=0, kind=kind, start=days.day("start"))
        return dataclasses.replace(
            base, cadre_id=cadre if isinstance(cadre, int) else None,
            household_id=household.id if household else None, kind=kind, start=days.day("start"), end=days["end"],
            help_planned=[h for h in HELP_KINDS if h in self.query_one("#help_planned", TickList).selected],
            goals=self.query_one("#goals", Input).value)

    def warnings(self, draft: Pairing) -> list[str]:
        """No need tag on the household, a mentor over five households, and the like."""
        return self.service.check_pairing(draft)

    def save(self, draft: Pairing) -> PairingResult:
        return self.service.save_pairing(draft)
