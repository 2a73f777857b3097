"""Archiving a household or a cadre: a reason, and the day from which nothing more is asked (default today)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Static

from village_tui.widgets.date_input import DateInput
from village_tui.widgets.dialogs.reason import ReasonDialog


class ArchiveDialog(ReasonDialog):
    """Asks for the archive day and a reason; dismisses True once ``save(reason, day)`` succeeded, False on Esc.

    Archiving ends obligations on the archive day and keeps every earlier one,
    so a household that moved out in June can be archived in November from June.

    Args:
        title: What is archived, in Chinese (``"归档农户 0012 王大山"``).
        save: Called with the reason and the day (None: today); a DomainError it raises is shown.
        today: Today, the default and the latest day allowed.
        placeholder: The hint in the empty reason.
        facts: Lines naming the record (``"户编号：0012"``, ``"户主：王大山"``).
    """

    def __init__(self, title: str, save: Callable[[str, date | None], object], today: date,
                 placeholder: str = "如 迁出本村、合户", facts: Sequence[str] = ()) -> None:
        super().__init__(title, lambda reason: save(reason, self._day()), placeholder, facts=facts, ask="归档原因")
        self._today = today

    def compose_before_reason(self) -> ComposeResult:
        yield Static("归档日期（留空为今天；从这天起不再计入，之前的仍按当时计）：")
        yield DateInput(None, today=self._today, allow_future=False, id="day")

    def _day(self) -> date | None:
        """The typed archive day, None when left empty; raises ValidationError for a bad one."""
        day_input = self.query_one("#day", DateInput)
        return day_input.date if day_input.value.strip() else None
