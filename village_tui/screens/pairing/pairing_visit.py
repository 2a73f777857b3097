"""A quick dialog to record a pairing visit (one cadre to one household) from the year matrix."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from village_tui.domain.errors import DomainError, ValidationError, ValidationErrors
from village_tui.domain.models import Household, Pairing, Visit
from village_tui.screens.pairing.pairing_form import date_field
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.inert_text import Text

WAYS = ("入户", "电话")


class PairingVisitDialog(ModalScreen[Visit | None]):
    """Record a visit by the pairing's cadre to its household, with the help given.

    A household away can be visited by phone (R8); others only in person.

    Args:
        pairing: The pairing.
        cadre: The cadre's name, for the title.
        household: The paired household.
        day: The day offered.
    """

    CSS_PATH = "pairing.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("escape", "close", "取消"),
    ]

    def __init__(self, pairing: Pairing, cadre: str, household: Household, day: date) -> None:
        super().__init__()
        self._pairing = pairing
        self._cadre = cadre
        self._household = household
        self._day = day
        self._way = "入户"

    def compose(self) -> ComposeResult:
        service = self.app.service
        title = f"登记结对走访：{self._cadre} 走访 {self._household.head}（{self._household.code}）"
        with VerticalScroll(id="pairing-visit"):
            yield Static(Text(title), classes="form-title")
            yield FormField("走访日期", date_field(self._day, today=service.today, allow_future=False, id="day"), "day")
            if self._household.away:
                with Horizontal(classes="choice-row"):
                    yield Label("走访方式", classes="choice-label")
                    for index, way in enumerate(WAYS):
                        yield Button(self._way_label(way), id=f"way-{index}", classes="way-choice", compact=True)
            yield FormField("帮扶内容", Input(placeholder="如：送去慰问金500元，联系技术员指导种植", id="help_given"),
                            "help_given")
            yield Static("", id="form-message")
            with Horizontal(classes="form-buttons"):
                yield Button("保存 Ctrl+S", id="save", variant="primary")
                yield Button("取消 Esc", id="cancel")

    def _way_label(self, way: str) -> Content:
        return Content(f"{'(*)' if way == self._way else '( )'} {way}")

    def on_mount(self) -> None:
        self.query_one("#help_given", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "save":
            self.action_save()
        elif button_id == "cancel":
            self.action_close()
        elif button_id.startswith("way-"):
            self._way = WAYS[int(button_id.removeprefix("way-"))]
            for index, way in enumerate(WAYS):
                self.query_one(f"#way-{index}", Button).label = self._way_label(way)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Save the visit and close."""
        message = self.query_one("#form-message", Static)
        for form_field in self.query(FormField):
            form_field.set_error(None)
        try:
            day = self.query_one("#day", DateInput).date
            visit = self.app.service.record_pairing_visit(
                self._pairing.id, day, self.query_one("#help_given", Input).value, self._way)
        except ValidationErrors as errors:
            self._show(errors.errors)
            return
        except ValidationError as error:
            self._show([error])
            return
        except DomainError as error:
            message.update(Text(str(error)))
            return
        self.dismiss(visit)

    def _show(self, errors: list[ValidationError]) -> None:
        fields = {f.name: f for f in self.query(FormField)}
        rest = []
        for error in errors:
            if error.field in fields:
                fields[error.field].set_error(error.message)
            else:
                rest.append(error.message)
        self.query_one("#form-message", Static).update(Text("；".join(rest)))

    def action_close(self) -> None:
        """Leave without saving."""
        self.dismiss(None)
