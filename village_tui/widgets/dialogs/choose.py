"""Choosing one record from a short list (which special period, which archived household)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from village_tui.widgets.dialogs.keys import dialog_keys
from village_tui.widgets.inert_text import Text


class ChooseDialog(ModalScreen["str | None"]):
    """Lists records; Enter on the highlighted one dismisses with its id, Esc with None.

    Choosing only picks: whatever is done to the record next is asked in a dialog that names it.

    Args:
        title: The question, in Chinese (``"作废或恢复哪个特殊时期？"``).
        options: ``(id, label)`` pairs, in the order shown.
        hint: A line under the list saying what Enter does.
        empty: Shown instead of the list when there is nothing to choose.
    """

    BINDINGS = dialog_keys("cancel", "关闭")

    def __init__(self, title: str, options: Sequence[tuple[str, str]], hint: str = "上下键选择，回车确认，Esc 关闭",
                 empty: str = "（没有可选的记录）") -> None:
        super().__init__()
        self._title = title
        self._options = list(options)
        self._hint = hint
        self._empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title), classes="dialog-title")
            if self._options:
                yield OptionList(*[Option(Text(label), id=key) for key, label in self._options], id="choices")
                yield Static(self._hint, classes="hint")
            else:
                yield Static(self._empty, id="choices-empty")

    def on_mount(self) -> None:
        if self._options:
            self.query_one("#choices", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Esc: close without choosing."""
        self.dismiss(None)
