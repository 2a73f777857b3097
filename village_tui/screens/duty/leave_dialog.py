"""A cadre's leaves (请假): the list, adding one, cancelling one with a reason and restoring a cancelled one.

The duty planner skips a cadre on the days of their leaves (``fill_month``,
``roster_everyone``), so a leave entered here changes the next automatic roster.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from village_tui.domain import dates
from village_tui.domain.errors import DomainError, ValidationErrors
from village_tui.domain.models import Cadre, CancelledLeave, Leave
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import RequiredDate, text
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess
from village_tui.screens.duty.leave_actions import ask_cancel, ask_restore

CANCELLED_MARK = "【已取消】"


def leave_line(leave: Leave | CancelledLeave) -> Text:
    """One leave for the list: start, end and the reason (user text, never markup).

    A cancelled leave is drawn dim, marked 【已取消】, with the day and the reason it was cancelled.
    """
    days = (leave.end - leave.start).days + 1
    line = f"{dates.format_cn(leave.start)} 至 {dates.format_cn(leave.end)}（{days}天）  {leave.reason}"
    if not isinstance(leave, CancelledLeave):
        return Text(line)
    when = f"{dates.format_cn(leave.cancelled_on)}撤销，" if leave.cancelled_on else ""
    return Text(f"{CANCELLED_MARK}{line}  （{when}撤销原因：{leave.cancel_reason}）", style="dim")


LeaveDraft = tuple[date, date, str]


class LeaveDialog(ServiceAccess, FormDialog):  # dismisses with whether a leave changed, not the cadre
    """The leaves of one cadre; dismisses True when a leave was added, cancelled or restored.

    Ctrl+S adds the leave typed in the fields (Enter only moves on: a leave spans
    many days); Enter on a leave in the list asks for a reason and cancels it. A
    cancelled leave stays in the list, dim and marked 【已取消】; Enter or Ctrl+O on
    it asks, naming it, for a reason and restores it.

    Args:
        cadre_id: The cadre whose leaves are shown.
        start: The day the new leave's dates start on (today when None; F4 passes the chosen day).
    """

    CSS_PATH = "leave_dialog.tcss"
    SAVE_LABEL = "添加请假 Ctrl+S"
    CANCEL_LABEL = "关闭 Esc"
    BINDINGS = [Binding("ctrl+o", "restore_leave", "恢复请假", priority=True)]

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
        self._leaves: list[Leave | CancelledLeave] = []

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Ctrl+O shows in the footer only while there is a cancelled leave to restore.
        if action == "restore_leave":
            return any(isinstance(leave, CancelledLeave) for leave in self._leaves)
        return super().check_action(action, parameters)

    def on_mount(self) -> None:
        self.reload()

    def first_field(self) -> Widget:
        return self._first.widget

    def reload(self, keep: Leave | CancelledLeave | None = None) -> None:
        """List the cadre's leaves again, earliest first, cancelled ones (dim) among them.

        Args:
            keep: A leave just cancelled or restored: the highlight goes to it as it is listed now.
        """
        cadre = self.cadre
        self._leaves = sorted([*cadre.leaves, *cadre.cancelled_leaves],
                              key=lambda leave: (leave.start, isinstance(leave, CancelledLeave)))
        options = self._list
        options.clear_options()
        options.add_options([Option(leave_line(leave)) for leave in self._leaves])
        options.display = bool(self._leaves)
        if self._leaves:
            spans = [(leave.start, leave.end) for leave in self._leaves]
            options.highlighted = spans.index((keep.start, keep.end)) if keep and (keep.start, keep.end) in spans \
                else 0
        hint = ("回车撤销选中的请假（已取消的按 Ctrl+O 恢复）；" if self._leaves else "（还没有请假记录）")
        self._hint.update(hint + "下面填新的请假：")
        self._label_button()
        self.refresh_bindings()

    def _highlighted(self) -> Leave | CancelledLeave | None:
        index = self._list.highlighted
        return self._leaves[index] if self._leaves and index is not None and index < len(self._leaves) else None

    def _label_button(self) -> None:
        """The list's button says what Enter on the highlighted leave does: 撤销 it or 恢复 it."""
        restoring = isinstance(self._highlighted(), CancelledLeave)
        for button in self.query("#cancel-leave").results(Button):
            button.label = "恢复选中的请假" if restoring else "撤销选中的请假"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._label_button()

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
        self._act_on_highlighted()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._act_on_highlighted()

    def _act_on_highlighted(self) -> None:
        """Enter on the list or its button: cancel the highlighted leave, or restore it when cancelled."""
        if isinstance(self._highlighted(), CancelledLeave):
            self.action_restore_leave()
        else:
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

    def leave_changed(self, cadre: Cadre, said: str, leave: Leave | CancelledLeave,
                      restored: Leave | None = None) -> None:
        """After a cancel or a restore: list again (``leave`` highlighted), say what was done, and offer
        re-rostering a restored leave."""
        self.changed = True
        self.reload(keep=leave)
        self.show_message(said, error=False)  # in place of what the message line asked before
        self.notify(said)
        if restored is not None:
            self._offer_reroster(cadre, restored.start, restored.end)

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
        leave = self._highlighted()
        if not isinstance(leave, Leave):
            self.show_message("请先在列表中选中要撤销的请假" if leave is None else "这条请假已撤销；要恢复请按 Ctrl+O")
            return
        ask_cancel(self, leave)

    def action_restore_leave(self) -> None:
        """Ctrl+O: ask, naming it, for a reason and restore the cancelled leave highlighted in the list.

        When the highlight is on a leave in force, it moves to the first cancelled one and says so:
        the next Ctrl+O (or Enter) asks about that one.
        """
        leave = self._highlighted()
        if isinstance(leave, CancelledLeave):
            ask_restore(self, leave)
            return
        first = next((i for i, row in enumerate(self._leaves) if isinstance(row, CancelledLeave)), None)
        if first is None:
            self.show_message("没有已撤销的请假可以恢复")
            return
        self._list.highlighted = first
        self._list.focus()
        self.show_message("已选中标【已取消】的请假；再按 Ctrl+O 或回车恢复它", error=False)

    def leave(self) -> None:
        """Close; the cadre list reloads when something changed."""
        self.dismiss(self.changed)
