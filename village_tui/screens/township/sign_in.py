"""The desk's sign-in: who works the 民情处理站 today; every answer is audited and signed under this name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from village_tui.domain.validation import validate_required
from village_tui.screens.base import DeskAccess
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import TextField


class DeskSignIn(DeskAccess, FormDialog[str, str]):
    """Asks the operator's name (the desk's default operator is filled in); dismisses with it, or None."""

    CSS_PATH = "township.tcss"
    SAVE_LABEL = "登录 Ctrl+S"
    CANCEL_LABEL = "退出 Esc"

    def __init__(self) -> None:
        super().__init__()
        self._operator = self.declare(TextField(
            "operator", "经办人", to_text=str, blank="", placeholder="如：李站长",
            from_text=lambda typed: validate_required(typed, "operator", "经办人", 20),
            initial=lambda: self.desk.desk_operator or self.desk.settings().desk_operator))

    def form_title(self) -> str:
        return f"{self.desk.settings().name}民情处理站：请登录"

    def form_fields(self) -> ComposeResult:
        yield Static("答复、办结、退回、延期、上报县都记在经办人名下，并写入回复包的签名。", classes="form-hint")
        yield from super().form_fields()

    def collect(self) -> str:
        return self.read_fields()[self._operator]

    def save(self, draft: str) -> str:
        self.desk.desk_operator = draft
        return draft
