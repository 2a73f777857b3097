"""The form for a new or changed pairing (结对帮扶 or 帮带)."""

from __future__ import annotations

from textual.widget import Widget

from village_tui.domain.models import HELP_KINDS, PAIRING_KINDS, Pairing
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import (ChoiceField, DateField, HouseholdField, Label, RadioField, RequiredDate,
                                            TicksField, text)
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess

PairingResult = tuple[Pairing, list[str]]


class PairingForm(ServiceAccess, FormDialog[Pairing, PairingResult]):
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
        self.declare(ChoiceField("cadre_id", "结对干部", self._cadre_choices, blank=None, prompt="选择干部", id="cadre",
                                 initial=lambda: self.service.operator.id if self.service.operator else None))
        self._household = self.declare(HouseholdField("household_id", "结对农户", id="household",
                                                      search=lambda typed: self.service.search_households(typed),
                                                      lookup=lambda key: self.service.household(key)))
        self.declare(RadioField("kind", "结对类型", PAIRING_KINDS))
        # One above the other: side by side, the right one ran past the dialog at 80 columns.
        self.declare(RequiredDate("start", "开始日期", initial=lambda: self.service.today))
        self.declare(DateField("end", "结束日期"))
        self.declare(TicksField("help_planned", "帮扶措施", [(h, h) for h in HELP_KINDS]))
        self.declare(text("goals", "帮扶目标", placeholder="如：年底前人均增收2000元"))

    def _cadre_choices(self) -> list[tuple[Label, int | None]]:
        return [(Text(f"{c.name}（{c.role}）"), c.id) for c in self.service.cadres()]

    def form_title(self) -> str:
        return "修改结对" if self._editing else "新增结对"

    def form_record(self) -> Pairing | None:
        return self._editing

    def first_field(self) -> Widget:
        return self._household.widget

    def collect(self) -> Pairing:
        """The pairing as typed; date fields that do not parse raise ValidationErrors."""
        base = self._editing or Pairing(cadre_id=0, household_id=0, kind=PAIRING_KINDS[0], start=self.service.today)
        return self.read_fields().into(base)

    def warnings(self, draft: Pairing) -> list[str]:
        """No need tag on the household, a mentor over five households, and the like."""
        return self.service.check_pairing(draft)

    def save(self, draft: Pairing) -> PairingResult:
        return self.service.save_pairing(draft)
