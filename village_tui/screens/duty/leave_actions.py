"""Cancelling a leave and restoring a cancelled one: each asked in the reason dialog, naming the leave.

Neither ends nor brings back a leave on one key: the dialog names the cadre, the dates and the
事由, and its focus starts in the empty reason. A cancelled leave is kept (marked 【已取消】 in the
leave list) and restored as an audited 更正; a restore that would overlap a leave in force is
refused in the dialog, in words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from village_tui.domain import dates
from village_tui.domain.models import CancelledLeave, Leave
from village_tui.widgets.dialogs.reason import ReasonDialog

if TYPE_CHECKING:
    from village_tui.screens.duty.leave_dialog import LeaveDialog


def _span(leave: Leave | CancelledLeave) -> str:
    """``2026年12月1日 至 2026年12月5日（5天）``."""
    days = (leave.end - leave.start).days + 1
    return f"{dates.format_cn(leave.start)} 至 {dates.format_cn(leave.end)}（{days}天）"


def ask_cancel(dialog: LeaveDialog, leave: Leave) -> None:
    """Ask for the 撤销原因 and cancel ``leave`` of the dialog's cadre.

    Args:
        dialog: The open leave dialog (its service, cadre and list are used).
        leave: The leave in force chosen in the list.
    """
    service = dialog.service
    name = service.cadre(dialog.cadre_id).name

    def done(cancelled: bool | None) -> None:
        if cancelled:
            dialog.leave_changed(service.cadre(dialog.cadre_id),
                                 f"已撤销{name} {dates.format_cn(leave.start)}起的请假（仍列在这里，可按 Ctrl+O 恢复）",
                                 leave)

    dialog.app.push_screen(ReasonDialog(
        f"撤销请假：{name} {dates.format_cn(leave.start)} 至 {dates.format_cn(leave.end)}",
        lambda reason: service.cancel_leave(dialog.cadre_id, leave.start, reason),
        placeholder="如 录入有误、提前返岗", ask="撤销原因", facts=[
            f"干部：{name}", f"请假：{_span(leave)}", f"事由：{leave.reason or '（未填）'}",
            "撤销后仍列在请假列表里，标【已取消】；撤销错了可选中它按 Ctrl+O 恢复"]), done)


def ask_restore(dialog: LeaveDialog, leave: CancelledLeave) -> None:
    """Ask for the 更正原因 and restore the cancelled ``leave``; then offer re-rostering, as a new leave does.

    Args:
        dialog: The open leave dialog (its service, cadre and list are used).
        leave: The cancelled leave chosen in the list.
    """
    service = dialog.service
    name = service.cadre(dialog.cadre_id).name
    cancelled = (f"撤销：{dates.format_cn(leave.cancelled_on)}，" if leave.cancelled_on else "撤销：") + \
        f"原因：{leave.cancel_reason or '（未填）'}"

    def done(restored: bool | None) -> None:
        if restored:
            dialog.leave_changed(service.cadre(dialog.cadre_id),
                                 f"已恢复请假：{name} {dates.format_cn(leave.start)}至{dates.format_cn(leave.end)}",
                                 leave, restored=leave.as_leave())

    dialog.app.push_screen(ReasonDialog(
        f"恢复请假（更正）：{name} {dates.format_cn(leave.start)} 至 {dates.format_cn(leave.end)}",
        lambda reason: service.restore_leave(dialog.cadre_id, leave.start, leave.end, reason),
        placeholder="如 误撤销、请假照常", ask="更正原因", facts=[
            f"干部：{name}", f"请假：{_span(leave)}", f"事由：{leave.reason or '（未填）'}", cancelled,
            "恢复后自动排班会再跳过这些日子"]), done)
