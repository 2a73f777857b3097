"""The row of buttons under every form: save, cancel, and any buttons of the form's own."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

SAVE_ID = "form-save"
CANCEL_ID = "form-cancel"


class SaveRow(Horizontal):
    """保存 and 取消 buttons; the form base handles their presses.

    Args:
        save_label: The save button's label (``"保存 Ctrl+S"``).
        cancel_label: The cancel button's label, or ``""`` for no cancel button.
        danger: Draw the save button in the error colour (作废 and the like).
        extra: Buttons of the form's own, after 保存 and before 取消.
    """

    DEFAULT_CSS = """
    SaveRow {
        height: auto;
        padding-top: 1;
    }
    SaveRow > Button {
        margin-right: 2;
    }
    """

    def __init__(self, save_label: str = "保存 Ctrl+S", cancel_label: str = "取消 Esc", *,
                 danger: bool = False, extra: list[Button] | None = None) -> None:
        super().__init__(classes="save-row")
        self._extra = extra or []
        self._save_label = save_label
        self._cancel_label = cancel_label
        self._danger = danger

        self.save_button = Button(self._save_label, id=SAVE_ID, variant="error" if self._danger else "primary")

    def compose(self) -> ComposeResult:
        yield self.save_button
        yield from self._extra
        if self._cancel_label:
            yield Button(self._cancel_label, id=CANCEL_ID)
