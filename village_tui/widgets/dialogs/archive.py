"""Archiving a household or a cadre: a reason, and the day from which nothing more is asked (default today)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from village_tui.domain.errors import DomainError, ValidationError
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.inert_text import Text


class ArchiveDialog(ModalScreen[bool]):
    """Asks for the archive day and a reason; dismisses True once ``save(reason, day)`` succeeded, False on Esc.

    Archiving ends obligations on the archive day and keeps every earlier one,
    so a household that moved out in June can be archived in November from June.

    Args:
        title: What is archived, in Chinese (``"归档农户 0012 王大山"``).
        save: Called with the reason and the day (None: today); a DomainError it raises is shown.
        today: Today, the default and the latest day allowed.
        placeholder: The hint in the empty reason.
    """

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, save: Callable[[str, date | None], object], today: date,
                 placeholder: str = "如 迁出本村、合户") -> None:
        super().__init__()
        self._title = title
        self._save = save
        self._today = today
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title), classes="dialog-title")
            yield Static("归档日期（留空为今天；从这天起不再计入，之前的仍按当时计）：")
            yield DateInput(None, today=self._today, allow_future=False, id="day")
            yield Static("请填写原因（必填），回车确认，Esc 取消：")
            yield Input(placeholder=self._placeholder, id="reason")
            yield Static("", id="reason-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "day":
            self.query_one("#reason", Input).focus()
            return
        error_line = self.query_one("#reason-error", Static)
        day_input = self.query_one("#day", DateInput)
        try:
            day = day_input.date if day_input.value.strip() else None
            self._save(self.query_one("#reason", Input).value, day)
        except (DomainError, ValidationError) as error:
            error_line.update(Text(str(error)))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
