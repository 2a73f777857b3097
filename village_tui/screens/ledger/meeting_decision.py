"""The dialog for the meeting's decision on one ledger item: what was decided and what to do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from village_tui.domain import ledger as L
from village_tui.domain.models import SATISFACTION, LedgerItem
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess

ACTION_LABELS = {"": "继续办理", "指定承办人": "指定承办人", "改期限": "改期限", "上报乡镇": "上报乡镇",
                 "上报县": "上报县", "办结": "办结"}


@dataclass
class DecisionInput:
    """What the dialog hands back to the meeting screen for ``service.decide``."""

    item_id: str
    decision: str
    action: str
    handler_id: int | None
    due: date | None
    satisfaction: str
    feedback: str


class MeetingDecisionDialog(ServiceAccess, FormDialog):
    """Enter the decision on one agenda item; Ctrl+S records it through ``save``, Esc cancels.

    Dismisses with the decision once ``save`` succeeded; a DomainError it
    raises is shown in the dialog, which stays open.

    Args:
        item: The item discussed.
        who: The household or reporter, for the title.
        save: Records the decision (the meeting screen calls ``service.decide``).
    """

    CSS_PATH = "ledger.tcss"
    SAVE_LABEL = "记录 Ctrl+S"

    def __init__(self, item: LedgerItem, who: str, save: Callable[[DecisionInput], object]) -> None:
        super().__init__()
        self.item = item
        self.who = who
        self._record = save

    def form_title(self) -> str:
        item = self.item
        return f"议定 {item.id} {item.category} {self.who}  {item.status} {item.level}级"

    def form_fields(self) -> ComposeResult:
        service, item = self.service, self.item
        level = L.next_level(item)
        actions = [a for a in ACTION_LABELS if not a.startswith("上报") or a == f"上报{level}"]
        if not item.is_open:
            actions = [""]
        cadres = [(Text(f"{c.name} {c.role}"), c.id) for c in service.cadres()]
        yield Static(Text(L.list_text(item)))
        yield FormField("议定意见", Input(placeholder="如：由陈海峰负责，月底前修复", id="decision"), "decision")
        yield FormField("处理方式", Select([(ACTION_LABELS[a], a) for a in actions], allow_blank=False, value="",
                                           id="action"), "action")
        yield FormField("承办人", Select(cadres, prompt="未指定", id="handler",
                                         value=item.handler_id if item.handler_id else Select.NULL), "handler_id")
        yield FormField("新期限", DateInput(None, today=service.today, id="due"), "due")
        yield FormField("满意度", Select([(s, s) for s in SATISFACTION], prompt="办结时必选", id="satisfaction"),
                        "satisfaction")
        yield FormField("群众意见", Input(placeholder="办结时填写", id="feedback"), "feedback")
        yield Static("改期限时填新期限；办结时议定意见即办理结果", classes="hint")

    def collect(self) -> DecisionInput:
        due = self.read_dates("due")["due"]
        handler = self.query_one("#handler", Select).value
        satisfaction = self.query_one("#satisfaction", Select).value
        return DecisionInput(
            item_id=str(self.item.id), decision=self.query_one("#decision", Input).value,
            action=str(self.query_one("#action", Select).value),
            handler_id=handler if isinstance(handler, int) else None, due=due,
            satisfaction=satisfaction if isinstance(satisfaction, str) else "",
            feedback=self.query_one("#feedback", Input).value)

    def save(self, draft: DecisionInput) -> DecisionInput:
        """Record the decision through the meeting screen; a DomainError keeps the dialog open."""
        self._record(draft)
        return draft
