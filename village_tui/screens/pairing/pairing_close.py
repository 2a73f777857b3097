"""A dialog to end a pairing (with its last day) or cancel one entered by mistake, with a reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from village_tui.domain.models import Pairing
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.screens.base import ServiceAccess


class PairingCloseDialog(ServiceAccess, FormDialog):
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

    def form_title(self) -> str:
        return f"{'作废结对' if self._cancel else '结束结对'}：{self._title}"

    def form_fields(self) -> ComposeResult:
        today = self.service.today
        if self._cancel:
            yield Static("作废用于录错的结对；作废后不再计入考核。已结束的帮扶请用「结束结对」。", classes="form-hint")
        else:
            day = max(self._pairing.start, min(today, self._pairing.end or today))
            yield FormField("最后一天", DateInput(day, today=today, id="end"), "end")
        yield FormField("原因", Input(placeholder="如：已脱贫、户迁出、干部调整", id="reason"), "reason")

    def first_field(self):
        return self.query_one("#reason", Input)

    def collect(self) -> tuple:
        end = None if self._cancel else self.read_dates("end", required=("end",)).day("end")
        return end, self.query_one("#reason", Input).value

    def save(self, draft: tuple) -> Pairing:
        end, reason = draft
        if self._cancel:
            return self.service.cancel_pairing(self._pairing.key, reason)
        return self.service.end_pairing(self._pairing.key, end, reason)
