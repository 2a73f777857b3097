"""The desk's sign-in: who works the 民情处理站 today; every answer is audited and signed under this name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from village_tui.domain.validation import validate_required
from village_tui.screens.base import DeskAccess
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog


class DeskSignIn(DeskAccess, FormDialog):
    """Asks the operator's name (the desk's default operator is filled in); dismisses with it, or None."""

    CSS_PATH = "township.tcss"
    SAVE_LABEL = "登录 Ctrl+S"
    CANCEL_LABEL = "退出 Esc"

    def form_title(self) -> str:
        return f"{self.desk.settings().name}民情处理站：请登录"

    def form_fields(self) -> ComposeResult:
        yield Static("答复、办结、退回、延期、上报县都记在经办人名下，并写入回复包的签名。", classes="form-hint")
        name = self.desk.desk_operator or self.desk.settings().desk_operator
        yield FormField("经办人", Input(name, placeholder="如：李站长", id="operator"), "operator")

    def collect(self) -> str:
        return validate_required(self.query_one("#operator", Input).value, "operator", "经办人", 20)

    def save(self, draft: str) -> str:
        self.desk.desk_operator = draft
        return draft
