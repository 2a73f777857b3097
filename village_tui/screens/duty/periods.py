"""Voiding a special period, or restoring a void one: chosen from the list, asked in a dialog naming it."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from village_tui.domain import dates
from village_tui.domain.models import SpecialPeriod
from village_tui.screens.base import village_service
from village_tui.widgets.dialogs.choose import ChooseDialog
from village_tui.widgets.dialogs.reason import ReasonDialog


def period_label(period: SpecialPeriod) -> str:
    """``2026年12月1日 至 2027年2月28日  冬季森林防火`` (``【已作废】`` before a void one)."""
    mark = "【已作废】" if period.cancelled else ""
    return f"{mark}{dates.format_cn(period.start)} 至 {dates.format_cn(period.end)}  {period.reason}"


def choose_period(screen: Screen, changed: Callable[[], None]) -> None:
    """Open the list of special periods; Enter on the highlighted one asks to void (or restore) that one.

    Args:
        screen: The duty screen (its app and service are used).
        changed: Called once a period was voided or restored.
    """
    service = village_service(screen.app)
    periods = {str(p.id): p for p in service.special_periods(include_cancelled=True)}

    def chosen(key: str | None) -> None:
        period = periods.get(key or "")
        if period is None:
            return
        facts = [f"事由：{period.reason}", f"起止：{dates.format_cn(period.start)} 至 {dates.format_cn(period.end)}",
                 f"编号：{period.id}"]
        if period.cancelled:
            dialog = ReasonDialog(f"恢复特殊时期「{period.reason}」（更正）",
                                  lambda reason: service.restore_special_period(period.key, reason),
                                  placeholder="如 误作废", facts=facts, ask="更正原因")
            said = f"已恢复特殊时期：{period.reason}"
        else:
            dialog = ReasonDialog(f"作废特殊时期「{period.reason}」", lambda reason: service.cancel_special_period(
                period.key, reason), placeholder="如 登记错误、重复登记", facts=[
                *facts, "作废后这段日子不再要求全员在岗；可再按 x 选中它恢复"], ask="作废原因")
            said = f"已作废特殊时期：{period.reason}（可再按 x 恢复）"

        def done(ok: bool | None) -> None:
            if ok:
                screen.notify(said)
                changed()

        screen.app.push_screen(dialog, done)

    screen.app.push_screen(ChooseDialog("特殊时期：选中一项后回车，作废它（已作废的：恢复它）",
                                        [(key, period_label(p)) for key, p in periods.items()],
                                        empty="（还没有特殊时期；按 t 新增）"), chosen)
