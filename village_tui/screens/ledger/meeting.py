"""Meeting mode (民情分析会): the month's agenda, counts as bar charts, decisions, one-step escalation, minutes.

The screen stays on the stack while a household's profile is looked at, so
the cursor, the marks and the month are where they were when Esc comes back.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from village_tui.domain import dates
from village_tui.domain import ledger as L
from village_tui.domain.ledger_agenda import MeetingAgenda
from village_tui.domain.ledger_deadline import due_state
from village_tui.domain.errors import DomainError
from village_tui.domain.models import LEDGER_STATUSES, LEVELS, LedgerItem, Meeting
from village_tui.screens.ledger.meeting_decision import ACTION_LABELS, DecisionInput, MeetingDecisionDialog
from village_tui.screens.ledger.meeting_minutes import MeetingMinutesDialog
from village_tui.widgets.due_styles import due_styles
from village_tui.widgets.household_picker import SEARCH_CLASS, HouseholdPicker
from village_tui.widgets.inert_text import Text, known_or_literal
from village_tui.widgets.lists.fitted_table import Col, FittedTable, RowMoreMixin
from village_tui.screens.base import ServiceAccess

BAR_WIDTH = 12
NARROW = 100  # below this width the charts go under the agenda
LABEL_CELLS = 10
# Beside the charts the agenda has about 50 cells at 80 columns: what the item is and what was decided
# stay; the rest steps aside (the line under the agenda shows it).
COLUMNS = (
    Col("选"), Col("编号"), Col("内容", flex=True, min_width=16), Col("议定", flex=True, min_width=10),
    Col("事由", flex=True, min_width=10, drop=1), Col("类别", drop=3), Col("农户/反映人", drop=4),
    Col("期限", drop=2), Col("状态", drop=5), Col("层级", drop=6),
)


def chart_text(title: str, counts: dict[str, int]) -> Text:
    """A horizontal bar chart in ASCII ``#`` (single width on every terminal), labels padded by cells."""
    text = Text(f"{title}\n", style="bold")
    if not counts:
        text.append("（无）\n")
    for label, bar, count in L.bar_chart(counts, BAR_WIDTH):
        text.append(label + " " * max(1, LABEL_CELLS - cell_len(label)))
        text.append(bar.ljust(BAR_WIDTH), style="bold")
        text.append(f" {count}\n")
    return text


class MeetingScreen(ServiceAccess, RowMoreMixin, Screen):
    """The monthly 民情分析会 of a month (the current one by default)."""

    CSS_PATH = "ledger.tcss"
    BINDINGS = [
        Binding("d", "decide", "议定"),
        Binding("space", "mark", "选中"),
        # Two characters a key: every key of the meeting, 打印 too, fits the footer at 80 columns.
        Binding("u", "escalate_marked", "上报"),
        Binding("p", "profile", "农户档案", show=False),
        Binding("f,slash", "find_household", "查农户", key_display="/", show=False),
        Binding("ctrl+s", "minutes", "会议记录"),
        Binding("w", "print_minutes", "打印"),
        Binding("left_square_bracket", "month(-1)", "上月", show=False),
        Binding("right_square_bracket", "month(1)", "下月", show=False),
    ]

    def __init__(self, year: int | None = None, month: int | None = None) -> None:
        super().__init__()
        self.year, self.month = year or 0, month or 0
        self.meeting: Meeting | None = None
        self.agenda: MeetingAgenda | None = None
        self.marked: set[str] = set()
        self._who: dict[str, str] = {}


    def compose(self) -> ComposeResult:
        yield Static("", id="meeting-title")
        yield HouseholdPicker(search=self.service.search_households, placeholder="查农户档案：拼音首字母、姓名或户编号",
                              id="meeting-picker").add_class(SEARCH_CLASS)
        with Horizontal(id="meeting-body"):
            with Vertical(id="agenda-box"):
                yield FittedTable(COLUMNS, id="agenda", cursor_type="row", zebra_stripes=True)
                yield Static("", id="row-more", classes="row-more")
            with VerticalScroll(id="meeting-charts"):
                yield Static("", id="chart-category")
                yield Static("", id="chart-group")
        yield Static("", id="meeting-status", classes="status-line")

    def on_mount(self) -> None:
        today = self.service.today
        if not self.year:
            self.year, self.month = today.year, today.month
        table = self.query_one("#agenda", DataTable)
        self.load()
        table.focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    # -- loading and drawing ----------------------------------------------

    def _new_meeting(self) -> Meeting:
        first, last = dates.month_bounds(self.year, self.month)
        day = min(last, self.service.today)
        operator = self.service.operator
        return Meeting(day=max(first, day), attendees=[operator.key] if operator else [])

    def load(self) -> None:
        """Read the month's meeting and agenda and draw them."""
        self.meeting = self.service.meeting_for_month(self.year, self.month) or self._new_meeting()
        self.agenda = self.service.meeting_agenda(self.year, self.month)
        self.marked &= {str(i.id) for i in self.agenda.items}
        self.draw()

    def _who_of(self, item: LedgerItem) -> str:
        if item.household_id is None:
            return item.reporter
        household = self.service.household(item.household_id)
        return f"{household.head} {household.group}"

    def draw(self) -> None:
        """Redraw the agenda, the charts and the status line, keeping the cursor row."""
        assert self.agenda is not None and self.meeting is not None
        table = self.query_one("#agenda", DataTable)
        row = table.cursor_row
        table.clear()
        decided = {d.item_id: d for d in self.meeting.decisions}
        styles = due_styles(self.app)
        for item in self.agenda.items:
            self._who[str(item.id)] = who = self._who_of(item)
            state = due_state(item, self.service.today)
            decision = decided.get(str(item.id))
            done = (ACTION_LABELS.get(decision.action, decision.action) if decision else "")
            table.add_row(Text("[x]") if item.id in self.marked else "", item.id, Text(L.list_text(item)), Text(done),
                          "、".join(self.agenda.reasons(item)), Text(item.category), Text(who),
                          Text(item.due.isoformat() if item.due else "", style=styles.get(state, "")),
                          known_or_literal(item.status, LEDGER_STATUSES), known_or_literal(item.level, LEVELS),
                          key=str(item.id))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one("#chart-category", Static).update(chart_text("按类别", self.agenda.by_category))
        self.query_one("#chart-group", Static).update(chart_text("按组别", self.agenda.by_group))
        saved = f"已保存（{dates.format_cn(self.meeting.day)}）" if self.meeting.id else "尚未保存"
        self.query_one("#meeting-title", Static).update(Text(
            f"{self.year}年{self.month}月 民情分析会  {saved}  参会{len(self.meeting.attendees)}人  "
            f"议程{len(self.agenda.items)}件  已议定{len(decided)}件  w 打印"))
        agenda = self.agenda
        self.query_one("#meeting-status", Static).update(Text(
            f"本月新增{len(agenda.opened)} 往月未办结{len(agenda.still_open)} 超期{len(agenda.overdue)} "
            f"待答复{len(agenda.awaiting)}    回车 议定  空格 选中后按 u 一并上报"))

    def current(self) -> LedgerItem | None:
        """The agenda item under the cursor."""
        table = self.query_one("#agenda", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.service.ledger_item(key or "")

    # -- actions ----------------------------------------------------------

    def action_month(self, step: int) -> None:
        """Open the meeting of the previous or next month."""
        index = self.year * 12 + self.month - 1 + step
        self.year, self.month = divmod(index, 12)
        self.month += 1
        self.marked.clear()
        self.load()

    def action_mark(self) -> None:
        """Mark or unmark the item under the cursor for one-step escalation."""
        item = self.current()
        if item is not None:
            self.marked ^= {str(item.id)}
            self.draw()
            table = self.query_one("#agenda", DataTable)
            table.move_cursor(row=min(table.cursor_row + 1, table.row_count - 1))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_decide()

    def action_decide(self) -> None:
        """Record the meeting's decision on the item under the cursor."""
        item = self.current()
        if item is not None:
            self.app.push_screen(MeetingDecisionDialog(item, self._who.get(str(item.id), ""), self._record),
                                 self._decided)

    def _record(self, decided: DecisionInput) -> None:
        assert self.meeting is not None
        self.meeting = self.service.decide(
            self.meeting, decided.item_id, decided.decision, decided.handler_id, decided.due, decided.action,
            feedback=decided.feedback, satisfaction=decided.satisfaction)

    def _decided(self, decided: DecisionInput | None) -> None:
        if decided is not None:
            self.load()
            self.notify(f"已记录对 {decided.item_id} 的议定")

    def action_escalate_marked(self) -> None:
        """Escalate the marked items still open (or the one under the cursor) one level each."""
        assert self.meeting is not None
        current = self.current()
        ids = sorted(self.marked) or ([current.key] if current else [])
        open_ids = [i for i in ids if self.service.ledger_item(i).is_open]
        if not open_ids:
            self.notify("没有可上报的未办结事项", severity="warning")
            return
        from village_tui.domain import ledger as L
        from village_tui.domain.record_validation import validate_reason
        from village_tui.widgets.dialogs.reason import ReasonDialog

        settings = self.service.settings()
        targets: dict[str, list[str]] = {}
        for item_id in open_ids:
            level = L.next_level(self.service.ledger_item(item_id))
            if level is not None:
                office = L.office_for(level, settings.township, settings.county)
                targets.setdefault(f"{office}（{level}）", []).append(item_id)
        if not targets:
            self.notify("选中的事项已报送县民情处理中心，不能再上报", severity="warning")
            return
        where = "；".join(f"{'、'.join(ids)} 报送{office}" for office, ids in targets.items())

        def escalate(note: str) -> None:
            note = validate_reason(note, "上报说明")
            assert self.meeting is not None
            self.meeting = self.service.escalate_after_meeting(self.meeting, open_ids, decision=note)

        def done(escalated: bool | None) -> None:
            if escalated:
                self.marked.clear()
                self.load()
                self.notify(f"已上报：{where}")

        self.app.push_screen(ReasonDialog(f"上报 {sum(map(len, targets.values()))} 件：{where}", escalate,
                                          placeholder="上报说明，如 涉及跨村道路，村级无法解决"), done)

    def action_profile(self) -> None:
        """Look at the profile of the household of the item under the cursor."""
        item = self.current()
        if item is None or item.household_id is None:
            self.notify("该事项没有关联农户", severity="warning")
            return
        self._open_profile(item.household_id)

    def action_find_household(self) -> None:
        """Jump to the household search to open any household's profile."""
        self.query_one(HouseholdPicker).focus()

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        event.stop()
        event.picker.clear()
        self.query_one("#agenda", DataTable).focus()
        self._open_profile(event.household.key)

    def _open_profile(self, household_id: int) -> None:
        from village_tui.screens.households.household_profile import HouseholdProfileScreen

        self.app.push_screen(HouseholdProfileScreen(household_id))

    def action_print_minutes(self) -> None:
        """打印: the month's meeting (date, attendees, decisions, minutes) as an A4 page opened to print."""
        from village_tui.exchange.minutes_page import minutes_lines
        from village_tui.exchange.print_page import lines_page_html
        from village_tui.screens.printing import print_page

        assert self.meeting is not None
        service = self.service
        cadres = {c.key: c.name for c in service.cadres(include_archived=True)}
        items = {}
        for decision in self.meeting.decisions:
            try:
                items[decision.item_id] = L.list_text(service.ledger_item(decision.item_id))
            except DomainError:
                items[decision.item_id] = ""
        lines = minutes_lines(self.meeting, village=service.settings().name, cadres=cadres, items=items,
                              actions=ACTION_LABELS)
        if not self.meeting.id:
            lines.insert(1, "（本月会议尚未保存，以下为草稿）")
        print_page(self, f"会议记录-{self.year}-{self.month:02d}.html", lines_page_html(lines),
                   f"{self.year}年{self.month}月会议记录")

    def action_minutes(self) -> None:
        """Edit and save the attendees and minutes as the month's meeting."""
        assert self.meeting is not None
        self.app.push_screen(MeetingMinutesDialog(self.meeting), self._minutes_saved)

    def _minutes_saved(self, meeting: Meeting | None) -> None:
        if meeting is not None:
            self.meeting = meeting
            self.draw()
            self.notify(f"{self.year}年{self.month}月民情分析会已保存")
