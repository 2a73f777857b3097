"""The dialog for the meeting's decision on one ledger item: what was decided and what to do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Static

from village_tui.domain import ledger as L
from village_tui.domain.models import SATISFACTION, LedgerItem
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import ChoiceField, DateField, Label, text
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


class MeetingDecisionDialog(ServiceAccess, FormDialog[DecisionInput, DecisionInput]):
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
        self._decision = self.declare(text("decision", "议定意见", placeholder="如：由陈海峰负责，月底前修复"))
        self._action = self.declare(ChoiceField("action", "处理方式", self._actions, blank="", allow_blank=False,
                                                initial=""))
        self._handler = self.declare(ChoiceField("handler_id", "承办人", self._cadres, blank=None, prompt="未指定",
                                                 id="handler", initial=item.handler_id or None))
        self._due = self.declare(DateField("due", "新期限"))
        self._satisfaction = self.declare(ChoiceField("satisfaction", "满意度", [(s, s) for s in SATISFACTION],
                                                      blank="", prompt="办结时必选"))
        self._feedback = self.declare(text("feedback", "群众意见", placeholder="办结时填写"))

    def _actions(self) -> list[tuple[Label, str]]:
        level = L.next_level(self.item)
        actions = [a for a in ACTION_LABELS if not a.startswith("上报") or a == f"上报{level}"]
        return [(ACTION_LABELS[a], a) for a in (actions if self.item.is_open else [""])]

    def _cadres(self) -> list[tuple[Label, int | None]]:
        return [(Text(f"{c.name} {c.role}"), c.id) for c in self.service.cadres()]

    def form_title(self) -> str:
        item = self.item
        return f"议定 {item.id} {item.category} {self.who}  {item.status} {item.level}级"

    def form_fields(self) -> ComposeResult:
        yield Static(Text(L.list_text(self.item)))
        yield from super().form_fields()
        yield Static("改期限时填新期限；办结时议定意见即办理结果", classes="hint")

    def collect(self) -> DecisionInput:
        values = self.read_fields()
        return DecisionInput(item_id=str(self.item.id), decision=values[self._decision], action=values[self._action],
                             handler_id=values[self._handler], due=values[self._due],
                             satisfaction=values[self._satisfaction], feedback=values[self._feedback])

    def save(self, draft: DecisionInput) -> DecisionInput:
        """Record the decision through the meeting screen; a DomainError keeps the dialog open."""
        self._record(draft)
        return draft
