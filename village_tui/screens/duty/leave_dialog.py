"""A cadre's leaves (请假): the list, adding one, and cancelling one with a reason.

The duty planner skips a cadre on the days of their leaves (``fill_month``,
``roster_everyone``), so a leave entered here changes the next automatic roster.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from village_tui.domain import dates
from village_tui.domain.errors import DomainError, ValidationErrors
from village_tui.domain.models import Cadre, Leave
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import RequiredDate, text
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess


def leave_line(leave: Leave) -> Text:
    """One leave for the list: start, end and the reason (user text, never markup)."""
    days = (leave.end - leave.start).days + 1
    return Text(f"{dates.format_cn(leave.start)} 至 {dates.format_cn(leave.end)}（{days}天）  {leave.reason}")


LeaveDraft = tuple[date, date, str]


class LeaveDialog(ServiceAccess, FormDialog):  # dismisses with whether a leave changed, not the cadre
    """The leaves of one cadre; dismisses True when a leave was added or cancelled.

    Ctrl+S adds the leave typed in the fields (Enter only moves on: a leave spans
    many days); Enter on a leave in the list asks for a reason and cancels it.

    Args:
        cadre_id: The cadre whose leaves are shown.
        start: The day the new leave's dates start on (today when None; F4 passes the chosen day).
    """

    CSS_PATH = "leave_dialog.tcss"
    SAVE_LABEL = "添加请假 Ctrl+S"
    CANCEL_LABEL = "关闭 Esc"

    def __init__(self, cadre_id: int, start: date | None = None) -> None:
        super().__init__()
        self.cadre_id = cadre_id
        self.changed = False
        first = start
        self._first = self.declare(RequiredDate("start", "开始", initial=lambda: first or self.service.today))
        self._last = self.declare(RequiredDate("end", "结束", initial=lambda: first or self.service.today))
        self._reason = self.declare(text("reason", "事由", placeholder="如 外出培训、病假"))
        self._list = OptionList(id="leaves")
        self._hint = Static("", id="leave-hint", classes="hint")
        self._leaves: list[Leave] = []

    @property
    def cadre(self) -> Cadre:
        """The cadre as stored now."""
        return self.service.cadre(self.cadre_id)

    def form_title(self) -> str:
        return f"{self.cadre.name} 的请假（自动排班会跳过请假的日子）"

    def form_fields(self) -> ComposeResult:
        yield self._list
        yield self._hint
        yield from super().form_fields()

    def form_buttons(self) -> Iterator[Button]:
        yield Button("撤销选中的请假", id="cancel-leave")

    def on_mount(self) -> None:
        self.reload()

    def first_field(self) -> Widget:
        return self._first.widget

    def reload(self) -> None:
        """List the cadre's leaves again, earliest first."""
        self._leaves = list(self.cadre.leaves)
        options = self._list
        options.clear_options()
        options.add_options([Option(leave_line(leave)) for leave in self._leaves])
        options.display = bool(self._leaves)
        if self._leaves:
            options.highlighted = 0
        hint = ("在列表中选中一条请假按回车可撤销；" if self._leaves else "（还没有请假记录）")
        self._hint.update(hint + "下面填写新的请假：")

    def enter_moves_on(self, widget: Widget | None) -> bool:
        # Enter on a leave in the list cancels it (after asking for a reason).
        return widget is not self._list and super().enter_moves_on(widget)

    def action_next_field(self) -> None:
        # Enter in 事由 moves to the add button and says how many days the leave spans.
        was_reason = self.focused is self._reason.widget
        super().action_next_field()
        if was_reason:
            self.show_message(self._days_text() + "核对无误后按回车或 Ctrl+S 添加。", error=False)

    def _days_text(self) -> str:
        """``共12天（11月28日至12月9日）。`` for the dates typed, or empty while they do not parse."""
        try:
            start, end, _ = self.collect()
        except ValidationErrors:
            return ""
        if end < start:
            return ""
        return f"共{(end - start).days + 1}天（{dates.format_cn(start)}至{dates.format_cn(end)}）。"

    @on(Button.Pressed, "#cancel-leave")
    def _cancel_leave_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel_leave()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_cancel_leave()

    def collect(self) -> LeaveDraft:
        values = self.read_fields()
        return values[self._first], values[self._last], values[self._reason]

    def save(self, draft: LeaveDraft) -> Cadre:
        """Add the leave (an overlapping one is refused by the service)."""
        start, end, reason = draft
        return self.service.add_leave(self.cadre_id, start, end, reason)

    def after_save(self, cadre: Cadre) -> None:
        start, end, _ = self.collect()
        self.changed = True
        self._reason.value = ""
        self.reload()
        self.notify(f"已添加请假：{cadre.name} {dates.format_cn(start)}至{dates.format_cn(end)}")
        self._offer_reroster(cadre, start, end)

    def _offer_reroster(self, cadre: Cadre, start: date, end: date) -> None:
        """Warn when the leave covers days the cadre is rostered, and offer to hand those turns on."""
        rostered = self.service.rostered_days(self.cadre_id, start, end)
        if not rostered:
            return
        from village_tui.widgets.dialogs.confirm import ConfirmDialog

        days = "、".join(dates.format_cn(day) for day in rostered[:6]) + ("等" if len(rostered) > 6 else "")
        self.show_message(f"注意：{cadre.name}请假期间有{len(rostered)}天排了值班（{days}）")

        def answered(reroster: bool | None) -> None:
            if not reroster:
                return
            try:
                changed = self.service.reroster_leave(self.cadre_id, start, end)
            except DomainError as error:
                self.show_message(str(error))
                return
            self.show_message(f"已重新排班{len(changed)}天（{days}）", error=False)

        self.app.push_screen(ConfirmDialog(
            f"{cadre.name}请假期间有{len(rostered)}天排了值班",
            f"{days}。重新排班：把这些天的值班换给其他干部（按轮班顺序）？选「先不改」可以以后在值班表里换班。",
            yes="重新排班", no="先不改"), answered)

    def action_cancel_leave(self) -> None:
        """Ask for a reason and cancel the leave highlighted in the list."""
        index = self._list.highlighted
        if not self._leaves or index is None:
            self.show_message("请先在列表中选中要撤销的请假")
            return
        leave = self._leaves[index]
        from village_tui.widgets.dialogs.reason import ReasonDialog

        def done(cancelled: bool | None) -> None:
            if cancelled:
                self.changed = True
                self.reload()
                self.notify(f"已撤销{dates.format_cn(leave.start)}起的请假")

        self.app.push_screen(ReasonDialog(
            f"撤销请假：{dates.format_cn(leave.start)} 至 {dates.format_cn(leave.end)}",
            lambda reason: self.service.cancel_leave(self.cadre_id, leave.start, reason),
            placeholder="如 录入有误、提前返岗", ask="撤销原因", facts=[
                f"干部：{self.service.cadre(self.cadre_id).name}",
                f"请假：{dates.format_cn(leave.start)} 至 {dates.format_cn(leave.end)}",
                f"事由：{leave.reason or '（未填）'}", "撤销错了可以再登记这段请假"]), done)

    def leave(self) -> None:
        """Close; the cadre list reloads when something changed."""
        self.dismiss(self.changed)
