"""The desk's action keys, shared by the waiting list and an item's detail.

r 答复, c 办结, b 退回, e 延期, u 上报县 open their forms on the current item; o 重新打开
undoes a wrong answer with a reason (audited). A screen using this gives ``current_item``
and ``items_changed``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.screen import Screen

from village_tui.domain import township as T
from village_tui.domain.errors import NotFoundError
from village_tui.domain.models import TownshipItem
from village_tui.screens.base import DeskAccess
from village_tui.screens.township.naming import item_name
from village_tui.service.township_corrections import reopen_item
from village_tui.widgets.dialogs.reason import ReasonDialog

if TYPE_CHECKING:
    from village_tui.screens.township.forms import DeskForm

ACTION_BINDINGS: list[BindingType] = [
    Binding("r", "act('reply')", "答复"),
    Binding("c", "act('close')", "办结"),
    Binding("b", "act('return')", "退回"),
    Binding("e", "act('extend')", "延期"),
    Binding("u", "act('forward')", "上报县"),
    Binding("o", "reopen", "重开"),
]
#: Answers that end the item at the township: a new answer needs 重新打开 first.
ENDED = (T.CLOSED, T.RETURNED, T.FORWARDED)


class DeskActions(DeskAccess, Screen):
    """A screen showing one current item, with the action keys."""

    def current_item(self) -> TownshipItem | None:
        """The item the keys act on, or None."""
        raise NotImplementedError

    def items_changed(self, saved: TownshipItem) -> None:
        """Show the items again after ``saved`` changed."""
        raise NotImplementedError

    def _form(self, kind: str, item: TownshipItem) -> DeskForm:
        from village_tui.screens.township import forms

        classes: dict[str, type[DeskForm]] = {"reply": forms.ReplyForm, "close": forms.CloseForm,
                                              "return": forms.ReturnForm, "extend": forms.ExtendForm,
                                              "forward": forms.ForwardForm}
        return classes[kind](item)

    def action_act(self, kind: str) -> None:
        """Open the form of one action on the current item."""
        app = self.app
        item = self.current_item()
        if item is None:
            app.notify("没有选中的事项", severity="warning")
            return
        if self.desk.readonly:
            app.notify(f"只读：{self.desk.readonly_reason}。不能修改。", severity="error")
            return
        if item.status in ENDED and kind != "extend" and not T.returned_waiting(item):
            app.notify(f"{item_name(item)}{item.status}；如需改正，请先按 o 重新打开", severity="warning")
            return

        def done(saved: TownshipItem | None) -> None:
            if saved is not None:
                app.notify(f"{T.desk_state(saved).status}：{item_name(saved)}，下次发送回复包时发给该村")
                self.items_changed(saved)

        app.push_screen(self._form(kind, item), done)

    def action_reopen(self) -> None:
        """o: reopen a wrongly answered item, with the reason (audited)."""
        app = self.app
        item = self.current_item()
        if item is None or self.desk.readonly:
            if item is not None:
                app.notify(f"只读：{self.desk.readonly_reason}。不能修改。", severity="error")
            return
        if item.status == T.WAITING or T.returned_waiting(item):
            app.notify(f"{item_name(item)}正在等待答复，不需要重新打开", severity="warning")
            return
        village, number = item.village, item.item

        def save(reason: str) -> None:
            reopen_item(self.desk, village, number, reason)

        def done(reopened: bool | None) -> None:
            if reopened:
                app.notify(f"已重新打开：{item_name(item)}")
                try:
                    self.items_changed(self.desk.item(village, number))
                except NotFoundError:
                    pass

        app.push_screen(ReasonDialog(f"重新打开 {item_name(item)}", save, placeholder="如：误点办结，实际尚未办理",
                                     facts=[f"现在：{item.status}", f"答复：{item.reply or '（无）'}"],
                                     ask="重新打开的原因"), done)
