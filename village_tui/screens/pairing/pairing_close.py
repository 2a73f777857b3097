"""A dialog to end a pairing (with its last day) or cancel one entered by mistake, with a reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from village_tui.domain.errors import DomainError, ValidationError
from village_tui.domain.models import Pairing
from village_tui.screens.pairing.pairing_form import date_field
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.inert_text import Text


class PairingCloseDialog(ModalScreen[Pairing | None]):
    """End (``cancel=False``) or cancel (``cancel=True``) a pairing; dismisses with it, or None.

    Args:
        pairing: The pairing.
        title: What is being closed, e.g. ``"陈明 帮扶 王秀英（01001）"``.
        cancel: Cancel the pairing instead of ending it.
    """

    CSS_PATH = "pairing.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "确定", priority=True),
        Binding("escape", "close", "取消"),
    ]

    def __init__(self, pairing: Pairing, title: str, cancel: bool = False) -> None:
        super().__init__()
        self._pairing = pairing
        self._title = title
        self._cancel = cancel

    def compose(self) -> ComposeResult:
        service = self.app.service
        verb = "作废结对" if self._cancel else "结束结对"
        with VerticalScroll(id="pairing-close"):
            yield Static(Text(f"{verb}：{self._title}"), classes="form-title")
            if self._cancel:
                yield Static("作废用于录错的结对；作废后不再计入考核。已结束的帮扶请用「结束结对」。",
                             classes="form-hint")
            else:
                day = max(self._pairing.start, min(service.today, self._pairing.end or service.today))
                yield FormField("最后一天", date_field(day, today=service.today, id="end"), "end")
            yield FormField("原因", Input(placeholder="如：已脱贫、户迁出、干部调整", id="reason"), "reason")
            yield Static("", id="form-message")
            with Horizontal(classes="form-buttons"):
                yield Button("确定 Ctrl+S", id="save", variant="error" if self._cancel else "primary")
                yield Button("取消 Esc", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_close()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """End or cancel the pairing and close."""
        service = self.app.service
        fields = {f.name: f for f in self.query(FormField)}
        for form_field in fields.values():
            form_field.set_error(None)
        reason = self.query_one("#reason", Input).value
        try:
            if self._cancel:
                pairing = service.cancel_pairing(self._pairing.id, reason)
            else:
                pairing = service.end_pairing(self._pairing.id, self.query_one("#end", DateInput).date, reason)
        except ValidationError as error:
            if error.field in fields:
                fields[error.field].set_error(error.message)
            else:
                self.query_one("#form-message", Static).update(Text(error.message))
            return
        except DomainError as error:
            self.query_one("#form-message", Static).update(Text(str(error)))
            return
        self.dismiss(pairing)

    def action_close(self) -> None:
        """Leave without a change."""
        self.dismiss(None)
