"""The desk's forms, each on the form base: 答复, 办结, 退回, 延期 and 上报县.

Each names the item it acts on (village, number, the content's start). Those that end the
item at the township or move it away (办结, 退回, 上报县) ask first, naming it again; a wrong
one is undone with 重新打开 (audited). Each dismisses with the saved item, or None.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.widgets import Static

from village_tui.domain import township as T
from village_tui.domain.errors import ValidationErrors
from village_tui.domain.models import TownshipItem
from village_tui.screens.base import DeskAccess
from village_tui.screens.township.naming import item_name
from village_tui.service.township_corrections import extend_item
from village_tui.widgets.dialogs.confirm import ConfirmDialog
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import RequiredDate, required_text
from village_tui.widgets.inert_text import Text


DraftT = TypeVar("DraftT")


class DeskForm(DeskAccess, FormDialog[DraftT, TownshipItem]):
    """An action on one item: the base of the desk's forms.

    Args:
        item: The item acted on.
    """

    CSS_PATH = "township.tcss"
    ACTION: ClassVar[str] = ""
    #: The question asked before saving (None: saved at once); ``{name}`` is the item's name.
    CONFIRM: ClassVar[str | None] = None
    CONFIRM_YES: ClassVar[str] = "确定"

    def __init__(self, item: TownshipItem) -> None:
        super().__init__()
        self.item = item

    def form_title(self) -> str:
        return f"{self.ACTION}：{item_name(self.item)}"

    def action_save(self) -> None:
        """Ctrl+S: check the fields; then ask first (naming the item) when the action ends or moves it."""
        if self.CONFIRM is None or self.village.readonly:
            self.save_now()
            return
        try:
            self._checked_draft()
        except ValidationErrors as errors:
            self.show_errors(errors)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_now()

        question = (self.CONFIRM or "").format(name=item_name(self.item))
        self.app.push_screen(ConfirmDialog(question, "改错时可在列表中按 o 重新打开（记入操作记录）。",
                                           yes=self.CONFIRM_YES, danger=True), answered)


class TextForm(DeskForm[str]):
    """A desk form of one required text (答复, 办结, 退回, 上报县): ``TEXT`` is its label, placeholder and name."""

    TEXT: ClassVar[tuple[str, str, str]] = ("", "", "text")
    HINT: ClassVar[str] = ""

    def __init__(self, item: TownshipItem) -> None:
        super().__init__(item)
        label, placeholder, name = self.TEXT
        self._text = self.declare(required_text(name, label, placeholder=placeholder))

    def form_fields(self) -> ComposeResult:
        if self.HINT:
            yield Static(self.HINT, classes="form-hint")
        yield from super().form_fields()

    def collect(self) -> str:
        return self.read_fields()[self._text]


class ReplyForm(TextForm):
    """答复: the township's answer to the village (the item waits no more at the township)."""

    ACTION = "答复"
    SAVE_LABEL = "答复 Ctrl+S"
    TEXT = ("答复内容", "如：已列入明年村道硬化计划", "text")

    def save(self, draft: str) -> TownshipItem:
        return self.desk.reply(self.item.village, self.item.item, "答复", draft)


class CloseForm(TextForm):
    """办结: the township settled the item; the result goes back to the village."""

    ACTION = "办结"
    SAVE_LABEL = "办结 Ctrl+S"
    SAVE_DANGER = True
    CONFIRM = "办结 {name}？"
    CONFIRM_YES = "办结"
    TEXT = ("办理结果", "如：已协调交通站修复路面", "text")

    def save(self, draft: str) -> TownshipItem:
        return self.desk.reply(self.item.village, self.item.item, "办结", draft)


class ReturnForm(TextForm):
    """退回: the item is within the village's own remit; it goes back with the reason."""

    ACTION = "退回村里"
    SAVE_LABEL = "退回 Ctrl+S"
    SAVE_DANGER = True
    CONFIRM = "把 {name} 退回村里办理？"
    CONFIRM_YES = "退回"
    HINT = "属于村里职责范围内的事项，退回村里办理，写明原因。"
    TEXT = ("退回原因", "如：属村内道路日常维护，由村里组织", "text")

    def save(self, draft: str) -> TownshipItem:
        return self.desk.reply(self.item.village, self.item.item, "退回", draft)


class ForwardForm(TextForm):
    """上报县: the township cannot settle it; the county's 民情处理中心 takes it, with a note."""

    ACTION = "上报县"
    SAVE_LABEL = "上报县 Ctrl+S"
    SAVE_DANGER = True
    CONFIRM = "把 {name} 上报县民情处理中心？"
    CONFIRM_YES = "上报县"
    HINT = "上报后乡镇的答复期限停止计算，由县里办理；村里会收到「已上报县」的答复。"
    TEXT = ("上报说明", "如：涉及县道改造，需县交通局统筹", "note")

    def save(self, draft: str) -> TownshipItem:
        return self.desk.reply(self.item.village, self.item.item, "上报县", draft, draft)


class ExtendForm(DeskForm[tuple[date, str]]):
    """延期: a later reply due day, with the reason."""

    ACTION = "延期"
    SAVE_LABEL = "延期 Ctrl+S"

    def __init__(self, item: TownshipItem) -> None:
        super().__init__(item)
        self._until = self.declare(RequiredDate("until", "新的期限"))
        self._reason = self.declare(required_text("reason", "延期原因", placeholder="如：需等待县交通局现场勘查"))

    def form_fields(self) -> ComposeResult:
        yield Static(Text(f"现在的答复期限：{self.current_due()}"), classes="form-hint", id="current-due")
        yield from super().form_fields()

    def current_due(self) -> str:
        """The item's reply due day now, ``2026-11-04``."""
        return T.reply_due(self.item, self.desk.settings().reply_due_days).isoformat()

    def collect(self) -> tuple[date, str]:
        values = self.read_fields()
        return values[self._until], values[self._reason]

    def save(self, draft: tuple[date, str]) -> TownshipItem:
        until, reason = draft
        return extend_item(self.desk, self.item.village, self.item.item, until, reason)
