"""A dialog to end a pairing (with its last day) or cancel one entered by mistake, with a reason."""

from __future__ import annotations

from datetime import date
from typing import Optional

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from village_tui.domain.models import Pairing
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import RequiredDate, text
from village_tui.screens.base import ServiceAccess


class PairingCloseDialog(ServiceAccess, FormDialog[tuple[Optional[date], str], Pairing]):
    """End (``cancel=False``) or cancel (``cancel=True``) a pairing; dismisses with it, or None.

    Args:
        pairing: The pairing.
        title: What is being closed, e.g. ``"陈明 帮扶 王秀英（01001）"``.
        cancel: Cancel the pairing instead of ending it.
    """

    CSS_PATH = "pairing.tcss"
    SAVE_LABEL = "确定 Ctrl+S"

    def __init__(self, pairing: Pairing, title: str, cancel: bool = False) -> None:
        super().__init__()
        self._pairing = pairing
        self._title = title
        self._cancel = cancel
        self._end = None if cancel else self.declare(RequiredDate("end", "最后一天", initial=self._last_day))
        self._reason = self.declare(text("reason", "原因", placeholder="如：已脱贫、户迁出、干部调整"))

    def _last_day(self) -> date:
        """Today, within the pairing's days."""
        today = self.service.today
        return max(self._pairing.start, min(today, self._pairing.end or today))

    def form_title(self) -> str:
        return f"{'作废结对' if self._cancel else '结束结对'}：{self._title}"

    def form_fields(self) -> ComposeResult:
        if self._cancel:
            yield Static("作废用于录错的结对；作废后不再计入考核。已结束的帮扶请用「结束结对」。", classes="form-hint")
        yield from super().form_fields()

    def first_field(self) -> Widget:
        return self._reason.widget

    def collect(self) -> tuple[date | None, str]:
        values = self.read_fields()
        return (values[self._end] if self._end else None), values[self._reason]

    def save(self, draft: tuple[date | None, str]) -> Pairing:
        end, reason = draft
        if end is None:
            return self.service.cancel_pairing(self._pairing.key, reason)
        return self.service.end_pairing(self._pairing.key, end, reason)
