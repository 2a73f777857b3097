"""The dialog that edits the ledger categories and their default days to resolve (民情类别设置)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from village_tui.domain.errors import DomainError
from village_tui.domain.ledger import DEFAULT_DUE_DAYS
from village_tui.domain.ledger_categories import NAME_MAX, format_categories
from village_tui.widgets.inert_text import Text

HINT = ("每行一个类别，后面可写默认天数（1到365），如：饮水 10 或 饮水：10天\n"
        f"不写天数按{DEFAULT_DUE_DAYS}天；类别名称不超过{NAME_MAX}个字；已登记的事项类别不变。")


class LedgerCategoriesDialog(ModalScreen[bool]):
    """Edit the village's ledger categories in one text; Ctrl+S saves, Esc leaves without saving.

    Dismisses with True when the categories were saved, False otherwise.
    """

    CSS_PATH = "ledger_categories.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("escape", "cancel", "取消"),
    ]

    def compose(self) -> ComposeResult:
        settings = self.app.service.settings()  # type: ignore[attr-defined]
        with Vertical(classes="dialog", id="categories-dialog"):
            yield Static("民情类别设置", classes="dialog-title")
            yield Static(HINT, classes="hint")
            yield TextArea(format_categories(settings), id="categories")
            yield Static("", id="categories-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("保存 Ctrl+S", id="save", variant="primary")
                yield Button("取消 Esc", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#categories", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Save the categories; stay open with the reason (in Chinese) when they cannot be saved."""
        text = self.query_one("#categories", TextArea).text
        try:
            self.app.service.save_ledger_categories(text)  # type: ignore[attr-defined]
        except DomainError as error:
            self.query_one("#categories-error", Static).update(Text(str(error)))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Leave without saving."""
        self.dismiss(False)
