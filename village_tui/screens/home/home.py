"""F2 首页: today's duty, this month's scorecard, overdue items, matters in progress and a 12-month trend."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from village_tui.domain import dates
from village_tui.domain.findings import CLAUSES, RULE_TITLES
from village_tui.domain.ledger import list_text
from village_tui.domain.ledger_deadline import village_deadline
from village_tui.domain.matters import next_step, promised_date, promised_overdue
from village_tui.domain.scorecard import UNITS, bar
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.screens.base import DataChanged, ServiceAccess, area_switcher
from village_tui.screens.home.parts import HomeData, home_parts, touched_parts

# The requirement takes what the other columns leave; the line under the table shows it whole.
SCORE_COLUMNS = (Col("规则"), Col("对象"), Col("完成"), Col("目标"), Col("完成率"), Col("进度"),
                 Col("要求", flex=True))
OVERDUE_COLUMNS = (Col("类别"), Col("编号"), Col("事项", flex=True, min_width=10), Col("到期", drop=1),
                   Col("超期", flex=True, min_width=10))
MATTER_COLUMNS = (Col("编号"), Col("事项", flex=True, min_width=10), Col("下一步"), Col("承诺完成"))

STATE_COLOURS = {"ok": "success", "progress": "warning", "bad": "error"}


class HomeScreen(ServiceAccess, Screen):
    """The first screen after sign-in; Enter on a scorecard row lists the findings behind it."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("y", "assessment", "年度考核"),
        Binding("r", "refresh", "刷新"),
        Binding("o", "app.switch_operator", "换操作员"),
        Binding("1", "tab('home-score')", "考核", show=False),
        Binding("2", "tab('home-overdue')", "超期", show=False),
        Binding("3", "tab('home-matters')", "五事", show=False),
        Binding("4", "tab('home-trend')", "趋势", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: HomeData | None = None


    def compose(self) -> ComposeResult:
        yield Static("正在统计……", id="home-today", classes="status-line")
        yield Static("", id="home-meeting", classes="status-line")
        with TabbedContent(initial="home-score"):
            with TabPane("1 本月考核", id="home-score"):
                yield FittedTable(SCORE_COLUMNS, id="scorecard", cursor_type="row", zebra_stripes=True)
                yield Static("", id="score-explain", classes="status-line")
            with TabPane("2 超期事项", id="home-overdue"):
                yield FittedTable(OVERDUE_COLUMNS, id="overdue-table", cursor_type="row")
                yield Static("", id="overdue-above", classes="status-line")
            with TabPane("3 五事进行中", id="home-matters"):
                yield FittedTable(MATTER_COLUMNS, id="matters-table", cursor_type="row")
            with TabPane("4 近12个月", id="home-trend"):
                yield Static("", id="trend-chart")

    def on_mount(self) -> None:
        table = self.query_one("#scorecard", DataTable)
        table.focus()

    def on_screen_resume(self) -> None:
        # Runs on first show too; other areas may have changed records since (the kept parts were
        # told). The worker starts after the screen is drawn: its thread would otherwise share the
        # one slow core with the first frame and the cadre would wait for both.
        self.call_after_refresh(self.load)

    def on_data_changed(self, event: DataChanged) -> None:
        """A save while 首页 shows (a dialog over it, a worker): compute the parts it touched and draw them."""
        if self.is_current and touched_parts(event.change, self.service.today):
            self.load()

    def action_refresh(self) -> None:
        """Recompute everything in a worker thread."""
        home_parts(self.service).forget()
        self.load()

    @work(thread=True, group="home")
    def load(self) -> None:
        """Compute the parts a save touched off the UI thread, and draw what changed when done.

        Not exclusive: a thread cannot be stopped, and a second load (a save, then 刷新) waits for
        the first's computation and finds only what is left to compute.
        """
        try:
            data = home_parts(self.service).data()
        except Exception as error:  # noqa: BLE001 - shown to the user instead of closing the app
            self.app.call_from_thread(self._show_error, str(error))
            return
        self.app.call_from_thread(self.show, data)

    def _show_error(self, message: str) -> None:
        self.query_one("#home-today", Static).update(Text(f"统计失败：{message}（按 r 重试）", style="bold"))

    def _colour(self, name: str) -> str:
        return self.app.theme_variables.get(name, "")

    def show(self, data: HomeData) -> None:
        """Draw the computed data (unless a later computation was drawn already)."""
        if self.data is not None and data.version <= self.data.version:
            return
        self.data = data
        self.query_one("#home-today", Static).update(self._today_text(data))
        self.query_one("#home-meeting", Static).update(self._meeting_text(data))
        self._fill_scorecard(data)
        self._fill_overdue(data)
        self._fill_matters(data)
        self.query_one("#trend-chart", Static).update(self._trend_text(data))

    def _today_text(self, data: HomeData) -> Text:
        text = Text(f"今日值班（{dates.format_cn(data.today)} {dates.weekday_cn(data.today)}）：")
        record = data.duty
        people = list(dict.fromkeys([*(record.rostered if record else []), *(record.signed_in() if record else [])]))
        if not people:
            text.append("今天没有排班，按 F4 排班", style=f"bold {self._colour('error')}")
            return text
        signed = record.signed_in() if record else set()
        for n, cadre_id in enumerate(people):
            if n:
                text.append("；")
            text.append(data.names.get(cadre_id, f"#{cadre_id}"))
            if cadre_id in signed:
                text.append(" 已签到", style=self._colour("success"))
            else:
                text.append(" 未签到", style=f"bold {self._colour('warning')}")
        return text

    def _meeting_text(self, data: HomeData) -> Text:
        label = f"{data.today.month}月民情分析会："
        if data.meeting is not None:
            return Text(label).append(f"已于{dates.format_cn(data.meeting.day)}召开", style=self._colour("success"))
        left = (dates.month_bounds(data.today.year, data.today.month)[1] - data.today).days
        return Text(label).append(f"尚未召开（本月还剩{left}天），按 F7 进入分析会",
                                  style=f"bold {self._colour('warning')}")

    def _fill_scorecard(self, data: HomeData) -> None:
        table = self.query_one("#scorecard", DataTable)
        row_index = table.cursor_row
        table.clear()
        last = dates.month_bounds(data.today.year, data.today.month)[1]
        for n, row in enumerate(data.rows):
            colour = self._colour(STATE_COLOURS[row.state(month_running=data.today < last)])
            if row.findings:
                done, goal = str(row.count), f"{row.goal}{UNITS.get(row.rule, '')}"
                if row.counted and row.rule != "R6":
                    goal = "至少" + goal  # R3 asks for some duty, not a share
                elif not row.counted and row.running:
                    goal += f"，进行中{row.running}"  # met over judged; open apart, never counted as met
                percent = row.progress_text()
            else:
                done, goal, percent = "-", "本月无", "-"
            table.add_row(row.rule, Text(row.subject), done, goal, Text(percent, style=colour),
                          Text(bar(row.percent or 0), style=colour),
                          RULE_TITLES[row.rule], key=str(n))
        if data.rows:
            table.move_cursor(row=min(max(row_index, 0), len(data.rows) - 1))
            self._explain(table.cursor_row)

    def _explain(self, index: int) -> None:
        if self.data is None or not 0 <= index < len(self.data.rows):
            return
        row = self.data.rows[index]
        text = Text(f"{row.rule}（{CLAUSES[row.rule]}）{RULE_TITLES[row.rule]}  {row.subject}：")
        if not row.findings:
            text.append("本月没有需要检查的项")
        elif row.failing:
            text.append(f"{row.counts.verdict()}，按回车 查看是哪些", style=f"bold {self._colour('error')}")
        else:
            text.append(f"{row.counts.verdict()}，按回车 查看明细")
        self.query_one("#score-explain", Static).update(text)

    @on(DataTable.RowHighlighted, "#scorecard")
    def _score_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._explain(event.cursor_row)

    @on(DataTable.RowSelected, "#scorecard")
    def _score_chosen(self, event: DataTable.RowSelected) -> None:
        if self.data is None:
            return
        row = self.data.rows[event.cursor_row]
        if not row.findings:
            self.notify("本月没有需要检查的项")
            return
        from village_tui.screens.home.findings import FindingsScreen

        month = f"{self.data.today.year}年{self.data.today.month}月"
        self.app.push_screen(FindingsScreen(row.rule, row.findings, f"{row.subject}，{month}"))

    @on(DataTable.RowSelected, "#overdue-table")
    def _overdue_chosen(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        if self.data is None or key == "none":
            return
        from village_tui.screens.home.findings import open_in_area

        kind, number = key[0], key[1:]
        if kind == "L":
            self.app.call_later(open_in_area, self.app, "f7", lambda screen: screen.show_item(number))
        else:
            self.app.call_later(open_in_area, self.app, "f9", lambda screen: screen.show_request(number))

    @on(DataTable.RowSelected, "#matters-table")
    def _matters_chosen(self, event: DataTable.RowSelected) -> None:
        if self.data is None or str(event.row_key.value) == "none":
            return
        self.app.call_later(area_switcher(self.app).open_area, "f8")

    def _fill_overdue(self, data: HomeData) -> None:
        table = self.query_one("#overdue-table", DataTable)
        table.clear()
        for item in data.overdue_items:
            late = village_deadline(item, data.today).reminder()  # as R10 reads it, also for one sent late
            table.add_row("民情", item.id, Text(f"{item.category}：{list_text(item)}"),
                          dates.format_cn(item.due) if item.due else "", late, key=f"L{item.id}")
        for request in data.overdue_requests:
            late = dates.due_cn(request.due, data.today) if request.due else ""
            table.add_row("便民服务", request.id, Text(f"{request.kind}：{request.applicant}"),
                          dates.format_cn(request.due) if request.due else "", late, key=f"S{request.id}")
        if not data.overdue_items and not data.overdue_requests:
            table.add_row("", "", "没有超期事项", "", "", key="none")
        self.query_one("#overdue-above", Static).update(Text(self._above_text(data)))

    @staticmethod
    def _above_text(data: HomeData) -> str:
        """The items waiting above and not the village's 超期: named apart, so none seems lost."""
        if not data.waiting_above:
            return ""
        late = sum(1 for item in data.waiting_above if village_deadline(item, data.today).above_late_days)
        levels = "、".join(dict.fromkeys(w.level for i in data.waiting_above
                                         if (w := village_deadline(i, data.today).wait) is not None))
        more = f"，其中{late}件上级已超过答复期限" if late else ""
        return (f"另有{len(data.waiting_above)}件在{levels}等待答复{more}；"
                f"等待的天数算在上级，不计入本村超期（F7 民情台账可查）")

    def _fill_matters(self, data: HomeData) -> None:
        table = self.query_one("#matters-table", DataTable)
        table.clear()
        for matter in data.matters:
            promised = promised_date(matter)
            when = Text(dates.format_cn(promised) if promised else "")
            if promised_overdue(matter, data.today):
                when.append(" 已过期", style=f"bold {self._colour('error')}")
            table.add_row(str(matter.id), Text(matter.title), next_step(matter) or "", when, key=str(matter.id))
        if not data.matters:
            table.add_row("", "没有进行中的五事", "", "", key="none")

    def _trend_text(self, data: HomeData) -> Text:
        top_visits = max([v for _, _, v, _ in data.trend] + [1])
        top_items = max([i for _, _, _, i in data.trend] + [1])
        text = Text("月份      走访次数                   新增民情\n", style="bold")
        for year, month, visits, items in data.trend:
            text.append(f"{year}-{month:02d}  ")
            text.append(bar(round(100 * visits / top_visits), 16).replace("-", " "), style=self._colour("primary"))
            text.append(f" {visits:>4}   ")
            text.append(bar(round(100 * items / top_items), 12).replace("-", " "), style=self._colour("accent"))
            text.append(f" {items:>3}\n")
        return text

    def action_tab(self, pane: str) -> None:
        """Show one of the four tabs."""
        self.query_one(TabbedContent).active = pane

    def action_assessment(self) -> None:
        """Open the yearly assessment (R16) of this year."""
        from village_tui.screens.home.assessment import AssessmentScreen

        self.app.push_screen(AssessmentScreen(self.service.today.year))
