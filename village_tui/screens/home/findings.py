"""The findings behind one scorecard cell: rule, clause, and the exact days, households or items, with a jump."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from village_tui.domain.errors import DomainError
from village_tui.domain.findings import CLAUSES, RULE_TITLES, Finding
from village_tui.domain.safe_text import inert
from village_tui.domain.tally import NOT_APPLICABLE, is_noted, tally
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.screens.base import ServiceAccess, area_switcher

# Where a finding without a household or a day is looked at.
RULE_AREAS = {"R1": "f4", "R2": "f4", "R3": "f4", "R5": "f5", "R6": "f5", "R7": "f5", "R9": "f7",
              "R10": "f7", "R11": "f6", "R12": "f6", "R13": "f9", "R14": "f8", "R15": "f8"}
AREA_NAMES = {"f4": "值班", "f5": "走访", "f6": "结对", "f7": "民情台账", "f8": "五事", "f9": "便民服务"}
COLUMNS = (("date", "日期"), ("cadre", "干部"), ("household", "户编号"), ("item", "事项编号"))


def jump_label(finding: Finding) -> str:
    """What Enter opens for a finding, in Chinese."""
    if finding.household:
        return f"农户 {finding.household} 的档案"
    if finding.item and finding.rule == "R10":
        return f"民情事项 {finding.item}"
    if finding.item and finding.rule == "R13":
        return f"便民服务申请 {finding.item} 的回执"
    area = RULE_AREAS.get(finding.rule, "f2")
    if area == "f4" and finding.date:
        return f"值班（F4）的{finding.date.month}月{finding.date.day}日"
    return f"{AREA_NAMES.get(area, '首页')}（{area.upper()}）"


async def open_in_area(app, key: str, show: Callable[[Screen], None]) -> None:
    """Open the area of ``key``, then let ``show`` move its screen to one day or item.

    The area's screen may be built anew when opened, so ``show`` runs on the screen
    the app holds once the switch is done; a missing record is reported, not raised.
    """
    await app.open_area(key)
    if app.current_mode != key:
        return
    try:
        show(app.screen_stack[0])
    except DomainError as error:
        app.notify(str(error), severity="error")


class FindingsScreen(ServiceAccess, Screen):
    """The findings of one rule for one subject, the ones that fail first.

    Args:
        rule: The rule id.
        findings: The findings to list.
        subject: Who or what they are about, e.g. ``"王建国，2026年11月"``.
    """

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("g", "jump", "转到"),
        Binding("f", "only_failing", "只看不符合"),
    ]

    def __init__(self, rule: str, findings: list[Finding], subject: str = "") -> None:
        super().__init__()
        self.rule = rule
        self.all_findings = sorted(findings, key=lambda f: (f.ok, not f.is_open))  # stable: failing, open, met
        self.subject = subject
        self.failing_only = False
        self.shown: list[Finding] = []
        self._columns = [(name, label) for name, label in COLUMNS
                         if any(getattr(f, name) for f in self.all_findings)]


    def compose(self) -> ComposeResult:
        yield Static(id="findings-head")
        columns = [Col("结果"), *(Col(label) for _, label in self._columns), Col("说明", flex=True, min_width=12)]
        yield FittedTable(columns, id="findings-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="findings-detail")

    def on_mount(self) -> None:
        counts = tally(self.all_findings)
        head = Text(f"{self.rule}（通知第{CLAUSES.get(self.rule, '')}条）{RULE_TITLES.get(self.rule, '')}")
        head.append(f"\n{self.subject}：共{counts.total}项，{counts.missed}项不符合"
                    + (f"，{counts.open}项进行中" if counts.open else "")
                    + (f"，{counts.noted}项不适用（只记录不考核）" if counts.noted else "")
                    + (f"；符合/已判定 {counts.met}/{counts.judged}" if counts.judged else ""))
        self.query_one("#findings-head", Static).update(head)
        table = self.query_one("#findings-table", DataTable)
        self._fill()
        table.focus()

    def _fill(self) -> None:
        table = self.query_one("#findings-table", DataTable)
        table.clear()
        self.shown = [f for f in self.all_findings if not (self.failing_only and f.ok)]
        colours = self.app.theme_variables
        today = self.service.today
        for n, finding in enumerate(self.shown):
            if finding.is_open and finding.date is not None and finding.date > today:
                verdict = Text("未到")  # a day that has not come: neither missed nor 无人值班
            elif finding.is_open:
                verdict = Text("进行中", style=colours.get("warning", ""))
            elif is_noted(finding):
                verdict = Text(NOT_APPLICABLE)
            else:
                verdict = Text("符合", style=colours.get("success", "")) if finding.ok else \
                    Text("不符合", style=f"bold {colours.get('error', '')}")
            cells = [verdict]
            for name, _ in self._columns:
                value = getattr(finding, name)
                cells.append(Text(value.isoformat() if name == "date" and value else inert(value or "")))
            cells.append(Text(inert(finding.detail)))
            table.add_row(*cells, key=str(n))
        self._describe(0)

    def _describe(self, index: int) -> None:
        if not 0 <= index < len(self.shown):
            self.query_one("#findings-detail", Static).update("没有不符合的项" if self.failing_only else "")
            return
        finding = self.shown[index]
        text = Text(inert(finding.detail, multiline=True))
        text.append(f"\n按回车打开{jump_label(finding)}，Esc 返回")
        self.query_one("#findings-detail", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.jump(event.cursor_row)

    def action_jump(self) -> None:
        """Open what the highlighted finding is about."""
        self.jump(self.query_one("#findings-table", DataTable).cursor_row)

    def action_only_failing(self) -> None:
        """Toggle between all findings and the failing ones only."""
        self.failing_only = not self.failing_only
        self._fill()

    def jump(self, index: int) -> None:
        """A household opens its profile, a duty day the F4 calendar on it, an item its form or receipt.

        Other findings (a cadre's count, a month) open the area that keeps them.
        """
        if not 0 <= index < len(self.shown):
            return
        finding = self.shown[index]
        if finding.household:
            try:
                household = self.service.household_by_code(finding.household)
            except DomainError as error:
                self.notify(str(error), severity="error")
                return
            from village_tui.screens.households.household_profile import HouseholdProfileScreen

            self.app.push_screen(HouseholdProfileScreen(household.key))
            return
        area = RULE_AREAS.get(finding.rule)
        if finding.item and finding.rule == "R10":
            self.app.call_later(open_in_area, self.app, "f7", lambda screen: screen.show_item(finding.item))
        elif finding.item and finding.rule == "R13":
            self.app.call_later(open_in_area, self.app, "f9", lambda screen: screen.show_request(finding.item))
        elif area == "f4" and finding.date:
            self.app.call_later(open_in_area, self.app, "f4", lambda screen: screen.show_day(finding.date))
        elif area:
            self.app.call_later(area_switcher(self.app).open_area, area)
