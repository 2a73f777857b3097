"""Dialogs of the duty screen: roster a day, fill a month, sign in, swap, special periods.

Each dialog is a form (widgets/forms): it saves through the service, shows a
refused save on its fields and message line, and dismisses with True once
something was saved.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, Static

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.domain.rules_duty import available, in_office, rotation_order
from village_tui.domain.validation import validate_int
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.inert_text import Text
from village_tui.widgets.tick_list import TickList
from village_tui.screens.base import ServiceAccess


class DutyDialog(ServiceAccess, FormDialog):
    """A duty form: the form base with 保存/取消; subclasses give ``form_fields`` and ``store``.

    Dismisses True once something was saved, False when left without saving.
    """

    TITLE_TEXT = ""

    def form_title(self) -> str:
        return self.TITLE_TEXT

    def collect(self) -> None:
        """The duty dialogs read their fields in ``store``."""
        return None

    def store(self) -> None:
        """Save through the service; raise DomainError to refuse."""

    def save(self, draft: None) -> bool:
        self.store()
        return True

    def after_save(self, saved: bool) -> None:
        self.dismiss(True)

    def leave(self) -> None:
        self.dismiss(bool(self.saved_record))

    def cadre_options(self, day: date, only_free: bool = True, exclude: tuple[int, ...] = ()) -> list:
        """(label, id) pairs of cadres in office on ``day`` (and not on leave when ``only_free``)."""
        found = []
        for cadre in rotation_order(self.service.cadres()):
            if cadre.id in exclude or not in_office(cadre, day) or only_free and not available(cadre, day):
                continue
            found.append((Text(f"{cadre.name}（{cadre.role}）"), cadre.id))
        return found


class RosterDialog(DutyDialog):
    """Choose who is on duty on one day (Space ticks a cadre on or off)."""

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day

    def form_title(self) -> str:
        return f"排班：{dates.format_cn_long(self.day)}（空格选中或取消）"

    def form_fields(self) -> ComposeResult:
        record = self.service.duty_day(self.day)
        on = set(record.rostered) if record else set()
        choices = [(label, cid, cid in on) for label, cid in self.cadre_options(self.day, only_free=False)]
        yield TickList(*choices, id="roster")

    def store(self) -> None:
        self.service.set_roster(self.day, list(self.query_one("#roster", TickList).selected))


class FillDialog(DutyDialog):
    """Fill a month automatically by the village's 坐班/轮班 setting."""

    SAVE_LABEL = "排班 Ctrl+S"

    def __init__(self, year: int, month: int) -> None:
        super().__init__()
        self.year, self.month = year, month

    def form_title(self) -> str:
        mode = self.service.settings().duty_mode
        return f"自动排班：{self.year}年{self.month}月（本村：{mode}；今天以前的日子不变）"

    def form_fields(self) -> ComposeResult:
        if self.service.settings().duty_mode == "坐班":
            yield FormField("每天人数", Input("2", id="per_day"), "per_day")
        else:
            yield Static("轮班：每天一名干部，按顺序轮流；请假、不在任期的跳过。")
        yield Checkbox("已排过的日子也重新排", id="replace")

    def store(self) -> None:
        per_day = None
        if self.query("#per_day"):
            per_day = validate_int(self.query_one("#per_day", Input).value, "per_day", "每天人数", 1, 20)
        saved = self.service.fill_month(self.year, self.month, per_day, self.query_one("#replace", Checkbox).value)
        self.app.notify(f"已排 {len(saved)} 天")


class SignInDialog(DutyDialog):
    """Record who sat at the office on a day, when, and how many visitors they received."""

    TITLE_TEXT = "值班签到"

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day

    def form_title(self) -> str:
        return f"值班签到：{dates.format_cn_long(self.day)}"

    def form_fields(self) -> ComposeResult:
        options = self.cadre_options(self.day, only_free=False)
        operator = self.service.operator
        default = operator.id if operator and any(cid == operator.id for _, cid in options) else None
        yield FormField("干部", Select(options, value=default if default is not None else Select.NULL,
                                      prompt="选择干部", id="cadre"), "cadre")
        time = self.service.now_time() if self.day == self.service.today else "08:30"
        yield FormField("时间", Input(time, id="time"), "time")
        yield FormField("接待人次", Input("0", id="visitors"), "visitors")
        yield FormField("备注", Input(placeholder="来访群众反映的事情", id="note"), "note")

    def store(self) -> None:
        cadre = self.query_one("#cadre", Select).selection
        if cadre is None:
            raise ValidationError("cadre", "请选择签到的干部")
        self.service.duty_sign_in(cadre, self.day, self.query_one("#time", Input).value,
                                  self.query_one("#visitors", Input).value, self.query_one("#note", Input).value)

    def action_save(self) -> None:
        """Save; a cadre already signed in that day is asked whether to update that sign-in or keep it."""
        cadre = self.query_one("#cadre", Select).selection
        record = self.service.duty_day(self.day)
        earlier = next((s for s in record.signins if s.cadre_id == cadre), None) if record else None
        if earlier is None or cadre is None:
            super().action_save()
            return
        from village_tui.widgets.dialogs.confirm import ConfirmDialog

        name = self.service.cadre(cadre).name
        note = f"，备注：{earlier.note}" if earlier.note else ""

        def answered(update: bool | None) -> None:
            if update:
                super(SignInDialog, self).action_save()
            else:
                self.show_message("未保存：原来的签到保留不变。可修改后再保存，或按 Esc 取消。")

        self.app.push_screen(ConfirmDialog(
            f"{name}在{dates.format_cn(self.day)}已经签到过",
            f"原来的签到：{earlier.time}，接待{earlier.visitors}人次{note}。\n"
            "更新为这次填写的时间、人次和备注，还是保留原来的？",
            yes="更新签到", no="保留原来的"), answered)


class SwapDialog(DutyDialog):
    """Hand one cadre's turn on a day to another, with a reason (audited)."""

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day

    def form_title(self) -> str:
        return f"换班：{dates.format_cn_long(self.day)}"

    def form_fields(self) -> ComposeResult:
        record = self.service.duty_day(self.day)
        rostered = tuple(record.rostered) if record else ()
        names = self.service.cadre_names()
        yield FormField("原值班", Select([(Text(names.get(i, str(i))), i) for i in rostered],
                                       prompt="当天排班的干部", id="from"), "from")
        yield FormField("换成", Select(self.cadre_options(self.day, exclude=rostered), prompt="选择干部", id="to"),
                        "to")
        yield FormField("原因", Input(placeholder="必填，如 家中有事", id="reason"), "reason")

    def store(self) -> None:
        first, second = self.query_one("#from", Select).selection, self.query_one("#to", Select).selection
        if first is None or second is None:
            raise ValidationError("from", "请选择原值班干部和换班干部")
        self.service.swap_duty(self.day, first, second, self.query_one("#reason", Input).value)


class SpecialPeriodDialog(DutyDialog):
    """Add a special period (防火, 防汛, 抗震减灾, 阶段性重点工作): every cadre on duty (R2)."""

    TITLE_TEXT = "新增特殊时期（期间两委成员全部在岗）"

    def __init__(self, start: date) -> None:
        super().__init__()
        self.start = start

    def form_fields(self) -> ComposeResult:
        today = self.service.today
        # Created empty and filled on mount: DateInput given a value at construction fails (shell widget bug).
        yield FormField("开始", DateInput(today=today, id="start"), "start")
        yield FormField("结束", DateInput(today=today, id="end"), "end")
        yield FormField("事由", Input(placeholder="如 森林防火、防汛", id="reason"), "reason")
        yield Checkbox("为今天及以后的日子排上全部在岗干部", True, id="roster")

    def on_mount(self) -> None:
        for field_id in ("start", "end"):
            self.query_one(f"#{field_id}", DateInput).value = self.start.isoformat()

    def first_field(self):
        # 开始 first, as the form reads (it holds the day chosen on the calendar, selected: typing replaces it).
        return self.query_one("#start", DateInput)

    def store(self) -> None:
        self.service.add_special_period(self.query_one("#start", DateInput).date,
                                        self.query_one("#end", DateInput).date,
                                        self.query_one("#reason", Input).value,
                                        self.query_one("#roster", Checkbox).value)
