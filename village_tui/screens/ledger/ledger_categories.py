"""The dialog that edits the ledger categories and their default days to resolve (民情类别设置)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from village_tui.domain.ledger import DEFAULT_DUE_DAYS
from village_tui.domain.ledger_categories import NAME_MAX, format_categories
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import NoteField
from village_tui.screens.base import ServiceAccess

HINT = ("每行一个类别，后面可写默认天数（1到365），如：饮水 10 或 饮水：10天\n"
        f"不写天数按{DEFAULT_DUE_DAYS}天；类别名称不超过{NAME_MAX}个字；已登记的事项类别不变。")


class LedgerCategoriesDialog(ServiceAccess, FormDialog[str, bool]):
    """Edit the village's ledger categories in one text; Ctrl+S saves, Esc leaves (asking when changed).

    Dismisses with True when the categories were saved, None otherwise.
    """

    CSS_PATH = "ledger_categories.tcss"
    FORM_TITLE = "民情类别设置"

    def __init__(self) -> None:
        super().__init__()
        self._categories = self.declare(NoteField("categories", "类别",
                                                  initial=lambda: format_categories(self.service.settings())))

    def form_fields(self) -> ComposeResult:
        yield Static(HINT, classes="hint")
        yield from super().form_fields()

    def collect(self) -> str:
        return self.read_fields()[self._categories]

    def save(self, draft: str) -> bool:
        self.service.save_ledger_categories(draft)
        return True
