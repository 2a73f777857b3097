"""F4 值班: the month's duty roster, sign-ins and special periods (R1–R4)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from village_tui.domain import dates
from village_tui.domain.findings import MISSED, Finding
from village_tui.domain.tally import Tally, tally
from village_tui.domain.models import Cadre
from village_tui.screens.duty.duty_dialogs import FillDialog, RosterDialog, SignInDialog, SpecialPeriodDialog, SwapDialog
from village_tui.widgets.cjk_static import CjkStatic
from village_tui.widgets.inert_text import Text
from village_tui.widgets.month_calendar import DayInfo, MonthCalendar
from village_tui.screens.base import RefreshOnChange, ServiceAccess


def short_names(cadres: list[Cadre]) -> dict[int, str]:
    """A short name per cadre: the surname, or surname and last character when two share a surname."""
    surnames: dict[str, int] = {}
    for cadre in cadres:
        surnames[cadre.name[:1]] = surnames.get(cadre.name[:1], 0) + 1
    return {c.key: c.name[:1] if surnames[c.name[:1]] == 1 else c.name[:1] + c.name[-1] for c in cadres}


def duty_days_text(r1: Tally) -> str:
    """R1's days in words: ``有人值班6/7天，进行中24天`` (days with duty over days judged, coming days apart)."""
    if not r1.judged:
        return f"有人值班：进行中{r1.open}天" if r1.open else "有人值班：-"
    text = f"有人值班{r1.met}/{r1.judged}天"
    return f"{text}，进行中{r1.open}天" if r1.open else text


class DutyScreen(RefreshOnChange, ServiceAccess, Screen):
    """The duty calendar with planning keys; the lines below it explain the chosen day and the month."""

    CSS_PATH = "duty.tcss"
    BINDINGS = [
        Binding("enter", "roster", "排班", show=False),
        Binding("p", "roster", "排班", show=False),
        Binding("a", "auto_fill", "自动排班"),
        Binding("s", "sign_in_duty", "签到"),
        Binding("v", "receive_visitor", "来访"),
        Binding("h", "swap", "换班"),
        Binding("l", "leave", "请假"),
        Binding("t", "new_special_period", "特殊时期"),
        Binding("x", "special_periods", "作废/恢复特殊时期", show=False),
    ]

    # What the calendar and its lines read (the rules judge from the village's start in the settings).
    SHOWS = ("duty", "cadres", "special_periods", "settings")

    def compose(self) -> ComposeResult:
        today = self.service.today
        yield MonthCalendar(today, today, id="calendar")
        yield Static(id="day-detail")
        yield CjkStatic(id="month-summary")  # (no line of it starts with ： or ，)


    @property
    def calendar(self) -> MonthCalendar:
        """The month calendar."""
        return self.query_one(MonthCalendar)

    def on_mount(self) -> None:
        self.reload()
        self.calendar.focus()

    def show_day(self, day: date) -> None:
        """Move the calendar to ``day`` (its month is loaded when it differs) and focus it."""
        self.calendar.cursor = day
        self.calendar.focus()

    def refresh_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the month shown from the service and redraw."""
        self.mark_shown()
        cal = self.calendar
        year, month = cal.year, cal.month
        cadres = self.service.cadres(include_archived=True)
        self._names = {c.id: c.name for c in cadres}
        self._cadres = cadres
        short = short_names(cadres)
        names = self._names
        self._duty = self.service.duty_month(year, month)
        self._periods = self.service.special_periods()
        self._findings = self.service.duty_findings(year, month)
        r1 = [f for f in self._findings if f.rule == "R1"]
        failing_days = {f.date for f in r1 if f.status == MISSED}  # passed without a sign-in
        unplanned = {f.date for f in r1 if f.is_open and not f.actual}  # not come yet, nobody rostered: 未到
        info = {}
        for day in dates.month_days(year, month):
            record = self._duty.get(day)
            info[day] = DayInfo(
                rostered=[names.get(i, "?") for i in record.rostered] if record else [],
                signed=[names.get(s.cadre_id, "?") for s in record.signins] if record else [],
                special=any(p.covers(day) for p in self._periods),
                empty=day in failing_days,
                unplanned=day in unplanned,
                away=[c.name for c in cadres if c.on_leave(day)],
            )
        cal.show(info, {c.name: short[c.key] for c in cadres})
        self._show_day(cal.cursor)
        self._show_month()

    def _show_day(self, day: date) -> None:
        if (day.year, day.month) != (self.calendar.year, self.calendar.month):
            return
        record = self._duty.get(day)
        parts = [dates.format_cn_long(day)]
        if record and record.rostered:
            parts.append("排班：" + "、".join(self._names.get(i, "?") for i in record.rostered))
        if record and record.signins:
            parts.append("签到：" + "、".join(f"{self._names.get(s.cadre_id, '?')} {s.time} 接待{s.visitors}人次"
                                             for s in record.signins))
        if record and record.swaps:
            parts.append("换班：" + "、".join(f"{self._names.get(s.from_id, '?')}换{self._names.get(s.to_id, '?')}"
                                             f"（{s.reason}）" for s in record.swaps))
        away = [f"{c.name}（{leave.reason}）" if leave.reason else c.name
                for c in self._cadres for leave in c.leaves if leave.start <= day <= leave.end]
        if away:
            parts.append("请假：" + "、".join(away))
        period = next((p for p in self._periods if p.covers(day)), None)
        if period:
            parts.append(f"特殊时期：{period.reason}")
        r2 = [f for f in self._findings if f.rule == "R2" and f.date == day and not f.actual]
        missing = [f.cadre or "" for f in r2 if f.status == MISSED]
        unplanned = [f.cadre or "" for f in r2 if f.is_open]
        r1 = next((f for f in self._findings if f.rule == "R1" and f.date == day), None)
        text = Text("；".join(parts))
        if r1 and not r1.actual:
            if r1.status == MISSED:
                text.append(f"  R1 不达标：{r1.detail}", style="bold red")
            else:
                text.append(f"  R1 未到，待安排：{r1.detail}", style="bold")
        if missing:
            text.append(f"  R2 未在岗：{'、'.join(missing)}", style="bold red")
        if unplanned:
            text.append(f"  R2 未到，未排班：{'、'.join(unplanned)}", style="bold")
        detail = self.query_one("#day-detail", Static)
        detail.update(text)
        detail.set_class(bool(r1 and r1.status == MISSED or missing), "-bad")

    def _show_month(self) -> None:
        findings: list[Finding] = self._findings
        r1 = tally(f for f in findings if f.rule == "R1")
        empty = sum(1 for f in findings if f.rule == "R1" and f.status == MISSED)
        unplanned = sum(1 for f in findings if f.rule == "R1" and f.is_open and not f.actual)
        absent = sum(1 for f in findings if f.rule == "R2" and f.status == MISSED)
        text = Text(f"本月{self.service.settings().duty_mode}：无人值班{empty}天")
        if unplanned:
            text.append(f"，未到的日子{unplanned}天未排班")
        text.append(f"，{duty_days_text(r1)}，特殊时期缺岗{absent}人次")
        for finding in findings:
            if finding.rule == "R3":  # the engine's count: signed days only, rostered coming days are not duty
                style = "bold red" if finding.status == MISSED else ""
                text.append(f"；{finding.cadre}：{finding.detail}", style=style)
        self.query_one("#month-summary", CjkStatic).show(text)

    # -- calendar messages ------------------------------------------------

    def on_month_calendar_day_highlighted(self, event: MonthCalendar.DayHighlighted) -> None:
        self._show_day(event.day)

    def on_month_calendar_month_changed(self, event: MonthCalendar.MonthChanged) -> None:
        self.reload()

    def on_month_calendar_day_chosen(self, event: MonthCalendar.DayChosen) -> None:
        self.action_roster()

    # -- actions ------------------------------------------------------------

    def _editable(self) -> bool:
        if self.service.readonly:
            self.notify(f"只读：{self.service.readonly_reason}。不能修改值班表。", severity="error")
            return False
        return True

    def _open(self, dialog) -> None:
        if self._editable():
            self.app.push_screen(dialog, lambda saved: self.reload() if saved else None)

    def action_roster(self) -> None:
        """Put cadres on or off the chosen day."""
        self._open(RosterDialog(self.calendar.cursor))

    def action_auto_fill(self) -> None:
        """Fill the month shown automatically (坐班/轮班)."""
        self._open(FillDialog(self.calendar.year, self.calendar.month))

    def action_sign_in_duty(self) -> None:
        """Sign in for duty on the chosen day (today by default)."""
        if self.calendar.cursor > self.service.today:
            self.notify("不能为以后的日子签到，请选今天或以前的日子", severity="warning")
            return
        self._open(SignInDialog(self.calendar.cursor))

    def action_receive_visitor(self) -> None:
        """Register a visitor's concern on the chosen day (today by default): ledger or service desk."""
        if self.calendar.cursor > self.service.today:
            self.notify("不能登记以后日子的来访，请选今天或以前的日子", severity="warning")
            return
        from village_tui.screens.duty.visitor_dialog import VisitorDialog

        self._open(VisitorDialog(self.calendar.cursor))

    def action_swap(self) -> None:
        """Swap a rostered cadre for another on the chosen day, with a reason."""
        record = self._duty.get(self.calendar.cursor)
        if record is None or not record.rostered:
            self.notify("当天还没有排班，无法换班", severity="warning")
            return
        self._open(SwapDialog(self.calendar.cursor))

    def action_new_special_period(self) -> None:
        """Add a special period starting on the chosen day."""
        self._open(SpecialPeriodDialog(self.calendar.cursor))

    def action_special_periods(self) -> None:
        """List the special periods (void ones too); Enter on one asks, naming it, to void or restore it."""
        if not self._editable():
            return
        from village_tui.screens.duty.periods import choose_period

        choose_period(self, self.reload)

    def action_leave(self) -> None:
        """Ask which cadre, then list, add and cancel that cadre's leaves (请假)."""
        if not self._editable():
            return
        from village_tui.screens.duty.leave_dialog import LeaveDialog
        from village_tui.widgets.dialogs.choose import ChooseDialog

        day = self.calendar.cursor
        options = [(str(c.key), f"{c.name}  {c.role}" + ("  （当天请假）" if c.on_leave(day) else ""))
                   for c in self.service.cadres()]

        def chosen(key: str | None) -> None:
            if key is not None:
                self.app.push_screen(LeaveDialog(int(key), day), lambda changed: self.reload() if changed else None)

        self.app.push_screen(ChooseDialog("给哪位干部登记或撤销请假？", options, empty="（还没有干部）"), chosen)
