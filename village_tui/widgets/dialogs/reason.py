"""A dialog asking for a reason (archiving, cancelling) and running the save with it."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from village_tui.domain.errors import DomainError, ValidationError
from village_tui.widgets.dialogs.keys import dialog_keys
from village_tui.widgets.inert_text import Text


class ReasonDialog(ModalScreen[bool]):
    """Asks for a reason; dismisses True once ``save(reason)`` succeeded, False on Esc.

    Args:
        title: What is being done, in Chinese (``"归档农户 0012 王大山"``).
        save: Called with the reason; a DomainError it raises is shown in the dialog.
        placeholder: The hint in the empty input.
    """

    BINDINGS = dialog_keys("cancel", "取消")

    def __init__(self, title: str, save: Callable[[str], object], placeholder: str = "如 迁出本村、合户") -> None:
        super().__init__()
        self._title = title
        self._save = save
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title), classes="dialog-title")
            yield from self.compose_before_reason()
            yield Static("请填写原因（必填），回车确认，Esc 取消：")
            yield Input(placeholder=self._placeholder, id="reason")
            yield Static("", id="reason-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def compose_before_reason(self) -> ComposeResult:
        """Fields shown above the reason (none here; the archive dialog adds its day)."""
        return iter(())

    def run_save(self, reason: str) -> None:
        """Save with the typed reason (and whatever else the dialog asks)."""
        self._save(reason)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "reason":  # Enter in a field above the reason moves on to it
            self.query_one("#reason", Input).focus()
            return
        try:
            self.run_save(event.value)
        except (DomainError, ValidationError) as error:
            self.query_one("#reason-error", Static).update(Text(str(error)))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
