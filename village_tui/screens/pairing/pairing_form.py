"""The form for a new or changed pairing (结对帮扶 or 帮带)."""

from __future__ import annotations

import dataclasses
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from village_tui.domain.errors import DomainError, ValidationError, ValidationErrors
from village_tui.domain.models import HELP_KINDS, PAIRING_KINDS, Pairing
from village_tui.domain.safe_text import inert
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.household_picker import HouseholdPicker
from village_tui.widgets.inert_text import Text

PairingResult = tuple[Pairing, list[str]]


def date_field(value: date | None, *, today: date, id: str, allow_future: bool = True) -> DateInput:
    """A DateInput holding ``value``.

    The value is set after construction: the shared DateInput reads its
    reference day while Input's constructor assigns the initial text.
    """
    field = DateInput(None, today=today, allow_future=allow_future, id=id)
    if value is not None:
        field.value = value.isoformat()
    return field


def _choice_label(text: str, on: bool, multi: bool) -> Content:
    """``(*) 帮扶`` / ``[x] 资金`` in plain ASCII, never parsed as markup."""
    mark = ("[x]" if on else "[ ]") if multi else ("(*)" if on else "( )")
    return Content(f"{mark} {inert(text)}")


class PairingForm(ModalScreen[PairingResult | None]):
    """Enter or change a pairing; dismisses with the saved pairing and its warnings, or None.

    The first Ctrl+S shows the warnings (no need tag, mentor count); a second
    Ctrl+S saves anyway.

    Args:
        pairing: The pairing to change, or None for a new one.
    """

    CSS_PATH = "pairing.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("escape", "close", "取消"),
    ]

    def __init__(self, pairing: Pairing | None = None) -> None:
        super().__init__()
        self._editing = pairing
        self._kind = pairing.kind if pairing else PAIRING_KINDS[0]
        self._help = set(pairing.help_planned) if pairing else set()
        self._confirmed: list[str] | None = None

    def compose(self) -> ComposeResult:
        service = self.app.service
        pairing = self._editing
        start = pairing.start if pairing else service.today
        with VerticalScroll(id="pairing-form"):
            yield Static("修改结对" if pairing else "新增结对", classes="form-title")
            cadres = OptionList(*(Option(Text(f"{c.name}（{c.role}）"), id=str(c.id)) for c in service.cadres()),
                                id="cadre")
            yield FormField("结对干部", cadres, "cadre_id")
            yield FormField("结对农户", HouseholdPicker(search=service.search_households, id="household"),
                            "household_id")
            with Horizontal(id="kind-row", classes="choice-row"):
                yield Label("结对类型", classes="choice-label")
                for index, kind in enumerate(PAIRING_KINDS):
                    yield Button(_choice_label(kind, kind == self._kind, False), id=f"kind-{index}",
                                 classes="kind-choice", compact=True)
            with Horizontal(classes="date-row"):
                yield FormField("开始日期", date_field(start, today=service.today, id="start"), "start")
                yield FormField("结束日期", date_field(pairing.end if pairing else None, today=service.today,
                                                   id="end"), "end")
            with Horizontal(id="help-row", classes="choice-row"):
                yield Label("帮扶措施", classes="choice-label")
                for index, kind in enumerate(HELP_KINDS):
                    yield Button(_choice_label(kind, kind in self._help, True), id=f"help-{index}",
                                 classes="help-choice", compact=True)
            yield FormField("帮扶目标", Input(pairing.goals if pairing else "", placeholder="如：年底前人均增收2000元",
                                              id="goals"), "goals")
            yield Static("", id="form-message")
            with Horizontal(classes="form-buttons"):
                yield Button("保存 Ctrl+S", id="save", variant="primary")
                yield Button("取消 Esc", id="cancel")

    def on_mount(self) -> None:
        cadres = self.query_one("#cadre", OptionList)
        chosen = self._editing.cadre_id if self._editing else getattr(self.app.service.operator, "id", None)
        for index in range(cadres.option_count):
            if cadres.get_option_at_index(index).id == str(chosen):
                cadres.highlighted = index
        if self._editing:
            self.query_one(HouseholdPicker).set_household(self.app.service.household(self._editing.household_id))
        self.query_one(HouseholdPicker).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "save":
            self.action_save()
        elif button_id == "cancel":
            self.action_close()
        elif button_id.startswith("kind-"):
            self._kind = PAIRING_KINDS[int(button_id.removeprefix("kind-"))]
            for index, kind in enumerate(PAIRING_KINDS):
                self.query_one(f"#kind-{index}", Button).label = _choice_label(kind, kind == self._kind, False)
        elif button_id.startswith("help-"):
            kind = HELP_KINDS[int(button_id.removeprefix("help-"))]
            self._help ^= {kind}
            event.button.label = _choice_label(kind, kind in self._help, True)

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        event.stop()
        self.query_one("#kind-row").query_one(Button).focus()

    def _pairing(self) -> Pairing:
        """The pairing as typed; date fields that do not parse raise ValidationErrors."""
        cadres = self.query_one("#cadre", OptionList)
        cadre_id = None
        if cadres.highlighted is not None:
            cadre_id = int(cadres.get_option_at_index(cadres.highlighted).id or 0)
        household = self.query_one(HouseholdPicker).household
        errors = []
        start = end = None
        try:
            start = self.query_one("#start", DateInput).date
        except ValidationError as error:
            errors.append(ValidationError("start", error.message))
        end_input = self.query_one("#end", DateInput)
        if end_input.value.strip():
            try:
                end = end_input.date
            except ValidationError as error:
                errors.append(ValidationError("end", error.message))
        if errors:
            raise ValidationErrors(errors)
        base = self._editing or Pairing(cadre_id=0, household_id=0, kind=self._kind, start=start)
        return dataclasses.replace(
            base, cadre_id=cadre_id, household_id=household.id if household else None, kind=self._kind,
            start=start, end=end, help_planned=[h for h in HELP_KINDS if h in self._help],
            goals=self.query_one("#goals", Input).value)

    def _show_errors(self, errors: ValidationErrors | None) -> None:
        for form_field in self.query(FormField):
            form_field.set_error(errors.for_field(form_field.name or "") if errors else None)
        message = self.query_one("#form-message", Static)
        others = [e.message for e in errors.errors if e.field in ("kind", "help_planned", "")] if errors else []
        message.set_class(bool(others), "-error")
        message.update(Text("；".join(others)))

    def action_save(self) -> None:
        """Check the form; show warnings once, then save."""
        service = self.app.service
        message = self.query_one("#form-message", Static)
        try:
            pairing = self._pairing()
            warnings = service.check_pairing(pairing)
        except ValidationErrors as errors:
            self._show_errors(errors)
            return
        self._show_errors(None)
        if warnings and warnings != self._confirmed:
            self._confirmed = warnings
            message.set_class(True, "-warning")
            message.update(Text("请注意：" + "；".join(warnings) + "。再按 Ctrl+S 仍然保存。"))
            return
        try:
            saved, warnings = service.save_pairing(pairing)
        except ValidationErrors as errors:
            self._show_errors(errors)
            return
        except DomainError as error:
            message.set_class(True, "-error")
            message.update(Text(str(error)))
            return
        self.dismiss((saved, warnings))

    def action_close(self) -> None:
        """Leave without saving."""
        self.dismiss(None)
