"""The one dialog that ends (or reopens) a record: it names the record, asks for the reason or
result the rule needs, and runs the save with it. Its focus starts in the empty text, where
Enter only says the text is required, so no stray key ends a record."""

from __future__ import annotations

from collections.abc import Sequence
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
        facts: Lines naming the record (``"回执编号：2026-0093"``, ``"申请人：王大山"``, ``"事项：低保"``).
        ask: What is asked, named as the rule names it (``"作废原因"``, ``"办理结果"``).
    """

    BINDINGS = dialog_keys("cancel", "取消")

    def __init__(self, title: str, save: Callable[[str], object], placeholder: str = "如 迁出本村、合户",
                 facts: Sequence[str] = (), ask: str = "原因") -> None:
        super().__init__()
        self._title = title
        self._save = save
        self._placeholder = placeholder
        self._facts = list(facts)
        self._ask = ask

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title), classes="dialog-title")
            if self._facts:
                yield Static(Text("\n".join(self._facts)), id="record-facts", classes="dialog-message")
            yield from self.compose_before_reason()
            yield Static(f"请填写{self._ask}（必填），回车确认，Esc 取消：")
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
