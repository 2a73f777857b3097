"""Dialogs of the duty screen: roster a day, fill a month, sign in, swap, special periods.

Each dialog is a form (widgets/forms): it saves through the service, shows a
refused save on its fields and message line, and dismisses with True once
something was saved.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Checkbox, Static

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.domain.rules_duty import available, in_office, rotation_order
from village_tui.domain.validation import validate_int
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import ChoiceField, FieldValues, Label, RequiredDate, TextField, text
from village_tui.widgets.inert_text import Text
from village_tui.widgets.tick_list import TickList
from village_tui.screens.base import ServiceAccess


class DutyDialog(ServiceAccess, FormDialog[FieldValues, bool]):
    """A duty form: the form base with 保存/取消; subclasses declare their fields and give ``store``.

    Dismisses True once something was saved, False when left without saving.
    """

    TITLE_TEXT = ""

    def form_title(self) -> str:
        return self.TITLE_TEXT

    def collect(self) -> FieldValues:
        """What the declared fields hold; ``store`` saves it."""
        return self.read_fields()

    def store(self, values: FieldValues) -> None:
        """Save ``values`` through the service; raise DomainError to refuse."""

    def save(self, draft: FieldValues) -> bool:
        self.store(draft)
        return True

    def after_save(self, saved: bool) -> None:
        self.dismiss(True)

    def leave(self) -> None:
        self.dismiss(bool(self.saved_record))

    def cadre_options(self, day: date, only_free: bool = True,
                      exclude: tuple[int, ...] = ()) -> list[tuple[Label, int | None]]:
        """(label, id) pairs of cadres in office on ``day`` (and not on leave when ``only_free``)."""
        found: list[tuple[Label, int | None]] = []
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
        self._roster: TickList | None = None

    def form_title(self) -> str:
        return f"排班：{dates.format_cn_long(self.day)}（空格选中或取消）"

    def form_fields(self) -> ComposeResult:
        record = self.service.duty_day(self.day)
        on = set(record.rostered) if record else set()
        choices = [(label, cid, cid in on) for label, cid in self.cadre_options(self.day, only_free=False)]
        self._roster = TickList(*choices, id="roster")
        yield self._roster

    def store(self, values: FieldValues) -> None:
        self.service.set_roster(self.day, list(self._roster.selected) if self._roster else [])


class FillDialog(DutyDialog):
    """Fill a month automatically by the village's 坐班/轮班 setting."""

    SAVE_LABEL = "排班 Ctrl+S"

    def __init__(self, year: int, month: int) -> None:
        super().__init__()
        self.year, self.month = year, month
        self._per_day = self.declare(TextField[Optional[int]](
            "per_day", "每天人数", to_text=str, blank=None, initial=2,
            from_text=lambda typed: validate_int(typed, "per_day", "每天人数", 1, 20)))
        self._replace = Checkbox("已排过的日子也重新排", id="replace")

    def form_title(self) -> str:
        mode = self.service.settings().duty_mode
        return f"自动排班：{self.year}年{self.month}月（本村：{mode}；今天以前的日子不变）"

    def form_fields(self) -> ComposeResult:
        if self.service.settings().duty_mode == "坐班":
            yield self.place(self._per_day)
        else:
            yield Static("轮班：每天一名干部，按顺序轮流；请假、不在任期的跳过。")
        yield self._replace

    def store(self, values: FieldValues) -> None:
        per_day = values[self._per_day] if self._per_day.composed else None
        saved = self.service.fill_month(self.year, self.month, per_day, self._replace.value)
        self.app.notify(f"已排 {len(saved)} 天")


class SignInDialog(DutyDialog):
    """Record who sat at the office on a day, when, and how many visitors they received."""

    TITLE_TEXT = "值班签到"

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day
        self._cadre = self.declare(ChoiceField("cadre", "干部", lambda: self.cadre_options(self.day, only_free=False),
                                               blank=None, prompt="选择干部", initial=self._operator))
        self._time = self.declare(text("time", "时间", initial=lambda: (
            self.service.now_time() if self.day == self.service.today else "08:30")))
        self._visitors = self.declare(text("visitors", "接待人次", initial="0"))
        self._note = self.declare(text("note", "备注", placeholder="来访群众反映的事情"))

    def _operator(self) -> int | None:
        operator = self.service.operator
        return operator.id if operator else None

    def form_title(self) -> str:
        return f"值班签到：{dates.format_cn_long(self.day)}"

    def store(self, values: FieldValues) -> None:
        cadre = values[self._cadre]
        if cadre is None:
            raise ValidationError("cadre", "请选择签到的干部")
        self.service.duty_sign_in(cadre, self.day, values[self._time], values[self._visitors], values[self._note])

    def action_save(self) -> None:
        """Save; a cadre already signed in that day is asked whether to update that sign-in or keep it."""
        cadre = self._cadre.value
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
        self._from = self.declare(ChoiceField("from", "原值班", self._rostered_choices, blank=None,
                                              prompt="当天排班的干部"))
        self._to = self.declare(ChoiceField(
            "to", "换成", lambda: self.cadre_options(self.day, exclude=self._rostered()), blank=None,
            prompt="选择干部"))
        self._reason = self.declare(text("reason", "原因", placeholder="必填，如 家中有事"))

    def _rostered(self) -> tuple[int, ...]:
        record = self.service.duty_day(self.day)
        return tuple(record.rostered) if record else ()

    def _rostered_choices(self) -> list[tuple[Label, int | None]]:
        names = self.service.cadre_names()
        return [(Text(names.get(i, str(i))), i) for i in self._rostered()]

    def form_title(self) -> str:
        return f"换班：{dates.format_cn_long(self.day)}"

    def store(self, values: FieldValues) -> None:
        first, second = values[self._from], values[self._to]
        if first is None or second is None:
            raise ValidationError("from", "请选择原值班干部和换班干部")
        self.service.swap_duty(self.day, first, second, values[self._reason])


class SpecialPeriodDialog(DutyDialog):
    """Add a special period (防火, 防汛, 抗震减灾, 阶段性重点工作): every cadre on duty (R2)."""

    TITLE_TEXT = "新增特殊时期（期间两委成员全部在岗）"

    def __init__(self, start: date) -> None:
        super().__init__()
        self.start = start
        # Created empty and filled on mount: DateInput given a value at construction fails (shell widget bug).
        self._start = self.declare(RequiredDate("start", "开始"))
        self._end = self.declare(RequiredDate("end", "结束"))
        self._reason = self.declare(text("reason", "事由", placeholder="如 森林防火、防汛"))
        self._roster = Checkbox("为今天及以后的日子排上全部在岗干部", True, id="roster")

    def form_fields(self) -> ComposeResult:
        yield from super().form_fields()
        yield self._roster

    def on_mount(self) -> None:
        self._start.value = self._end.value = self.start

    def first_field(self) -> Widget:
        # 开始 first, as the form reads (it holds the day chosen on the calendar, selected: typing replaces it).
        return self._start.widget

    def store(self, values: FieldValues) -> None:
        self.service.add_special_period(values[self._start], values[self._end], values[self._reason],
                                        self._roster.value)
