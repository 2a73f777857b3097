"""The rows of the Excel reports, read from the service: monthly report, yearly assessment, the year's ledgers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TYPE_CHECKING, TypeVar

from village_tui.domain import dates
from village_tui.domain.findings import CLAUSES, MISSED, RULE_TITLES, Finding
from village_tui.domain.assessment import RUNNING_NOTE
from village_tui.domain.tally import status_of, tally_by_rule
from village_tui.domain.privacy import mask_joined_texts
from village_tui.exchange.masking import WITHHELD, mask_text
from village_tui.exchange.problem_cadres import fill_problem_cadres
from village_tui.exchange.report_xlsx import SheetData

if TYPE_CHECKING:
    from village_tui.service import VillageService

_ALL = 1_000_000  # page size that takes every row of a year


class _Names:
    """Cadre names and household labels by id, and text masking when the report is masked."""

    def __init__(self, service: VillageService, masked: bool) -> None:
        self.cadres = service.cadre_names()
        self.households = {h.id: h for h in service.households(include_archived=True)}
        self.masked = masked
        self._memo: dict[tuple, Any] = {}

    def cadre(self, cadre_id: int | None) -> str:
        return self.cadres.get(cadre_id, "") if cadre_id is not None else ""

    def cadre_list(self, ids) -> str:
        return "、".join(self.cadre(i) for i in ids)

    def household(self, household_id: int | None) -> tuple[str, str, str]:
        h = self.households.get(household_id)
        return (h.code, h.head, h.group) if h else ("", "", "")

    def text(self, value: str) -> str:
        return mask_text(value) if self.masked and value else value

    def once(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """``compute()`` the first time ``key`` is asked for, then the same result (the year's visits ...)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


T = TypeVar("T")

def _visits(service: VillageService, names: _Names, year: int, month: int | None) -> list:
    """The period's visits, newest first, read once per report."""
    return names.once(("visits", year, month), lambda: service.visits(year, month, limit=_ALL).rows)


def _ledger_items(service: VillageService, names: _Names, year: int, month: int | None) -> list:
    """The period's ledger items, newest first, read once per report."""
    return names.once(("ledger", year, month), lambda: service.ledger_items(year, month, limit=_ALL))


# The areas' month checks that ``month_findings`` combines, tried one by one when one is not written yet.
MONTH_PARTS = ("duty_findings", "visit_month_findings", "pairing_month_findings", "ledger_month_findings",
               "desk_month_findings")


def month_findings(service: VillageService, year: int, month: int) -> tuple[list[Finding], bool]:
    """The month check; when a rule's check is not written yet, the other areas' findings still count.

    Returns:
        The findings and whether every check ran.
    """
    found, complete = safe_findings(lambda: service.month_findings(year, month))
    if complete:
        return found, True
    for part in MONTH_PARTS:
        more, _ = safe_findings(lambda: getattr(service, part)(year, month))
        found += more
    return found, False


def safe_findings(compute: Callable[[], list[T]]) -> tuple[list[T], bool]:
    """Findings of a check, or none when a rule of it is not implemented yet.

    Returns:
        The findings and whether the check ran completely.
    """
    try:
        return compute(), True
    except (AttributeError, NotImplementedError):
        return [], False


def _period_heading(service: VillageService, period: str) -> str:
    settings = service.settings()
    return f"{settings.county}{settings.township}{settings.name}  {period}"


def summary_sheet(findings: list[Finding], complete: bool, heading: str) -> tuple[SheetData, SheetData]:
    """One row per rule (how many findings held, how many did not), and a sheet of the problems."""
    sheet = SheetData("汇总", ["规则", "条款", "内容", "检查项", "符合", "不符合", "进行中", "不适用", "符合/已判定"],
                      heading=heading)
    for rule, counts in tally_by_rule(findings).items():
        sheet.rows.append([rule, CLAUSES[rule], RULE_TITLES[rule], counts.total, counts.met, counts.missed,
                           counts.open, counts.noted, counts.cell()])
    if not complete:
        sheet.rows.append(["", "", "部分规则的检查功能尚未完成，本表未列出", None, None, None, None, None, None])
    problems = SheetData("不符合项", ["规则", "日期", "干部", "户编号", "编号", "说明"], heading=heading)
    problems.rows = [[f.rule, f.date, f.cadre or "", f.household or "", f.item or "", f.detail]
                     for f in findings if status_of(f) == MISSED]
    return sheet, problems


def duty_sheet(service: VillageService, names: _Names, first: date, last: date, heading: str) -> SheetData:
    """Each day: who was rostered, who signed in and how many visitors came."""
    sheet = SheetData("值班", ["日期", "星期", "排班", "签到", "来访人数", "备注"], heading=heading)
    for day, record in sorted(service.duty_days(first, last).items()):
        signed = "、".join(f"{names.cadre(s.cadre_id)} {s.time}".strip() for s in record.signins)
        sheet.rows.append([day, dates.weekday_cn(day), names.cadre_list(record.rostered), signed,
                           sum(s.visitors for s in record.signins), names.text(record.note)])
    return sheet


def visits_sheet(service: VillageService, names: _Names, year: int, month: int | None, heading: str) -> SheetData:
    """Every visit of the period, oldest first."""
    sheet = SheetData("走访", ["日期", "干部", "户编号", "户主", "组", "方式", "了解情况", "群众诉求", "民情编号"],
                      heading=heading)
    for v in reversed(_visits(service, names, year, month)):
        code, head, group = names.household(v.household_id)
        sheet.rows.append([v.day, names.cadre(v.cadre_id), code, head, group, v.way, names.text(v.learned),
                           names.text(v.requests), v.ledger_item_id or ""])
    return sheet


def pairings_sheet(service: VillageService, names: _Names, year: int, month: int | None, heading: str) -> SheetData:
    """Pairings in force during the period, with the visits made to the household in it."""
    first, last = dates.month_bounds(year, month) if month else (date(year, 1, 1), date(year, 12, 31))
    visits = _visits(service, names, year, month)
    sheet = SheetData("结对", ["干部", "类型", "户编号", "户主", "开始", "结束", "帮扶内容", "期间走访次数"],
                      heading=heading)
    for p in service.pairings(year):
        if p.start > last or (p.end is not None and p.end < first):
            continue
        code, head, _ = names.household(p.household_id)
        made = sum(1 for v in visits if v.cadre_id == p.cadre_id and v.household_id == p.household_id)
        sheet.rows.append([names.cadre(p.cadre_id), p.kind, code, head, p.start, p.end, "、".join(p.help_planned),
                           made])
    return sheet


def ledger_sheet(service: VillageService, names: _Names, year: int, month: int | None, heading: str) -> SheetData:
    """The residents' concern ledger (民情台账) of the period, oldest first."""
    sheet = SheetData("民情台账", ["编号", "日期", "来源", "类别", "内容", "户编号", "户主", "反映人", "承办人",
                                "期限", "状态", "层级", "办理结果", "群众反馈", "满意度", "办结日期"], heading=heading)
    for i in reversed(_ledger_items(service, names, year, month)):
        withheld = names.masked and i.sensitive
        code, head, _ = names.household(i.household_id)
        details = [WITHHELD if withheld and value else names.text(value) for value in (i.content, i.result, i.feedback)]
        status = "已作废" if i.cancelled else i.status
        sheet.rows.append([i.id, i.day, i.source, i.category, details[0], code, head, names.text(i.reporter),
                           names.cadre(i.handler_id), i.due, status, i.level, details[1], details[2], i.satisfaction,
                           i.closed_day])
    return sheet


def meetings_sheet(service: VillageService, names: _Names, year: int, months: list[int], heading: str) -> SheetData:
    """The monthly 民情分析会: one row per decision (or one row for a meeting without decisions)."""
    sensitive = {i.id for i in _ledger_items(service, names, year, None) if i.sensitive} if names.masked else set()
    sheet = SheetData("分析会", ["会议日期", "参会人", "民情编号", "决定", "承办人", "期限", "会议纪要"], heading=heading)
    for month in months:
        meeting = service.meeting_for_month(year, month)
        if meeting is None:
            continue
        minutes = names.text(meeting.minutes)
        attendees = names.cadre_list(meeting.attendees)
        if not meeting.decisions:
            sheet.rows.append([meeting.day, attendees, "", "", "", None, minutes])
        for d in meeting.decisions:
            decision = WITHHELD if d.item_id in sensitive and d.decision else names.text(d.decision)
            sheet.rows.append([meeting.day, attendees, d.item_id, decision, names.cadre(d.handler_id), d.due, minutes])
    return sheet


def requests_sheet(service: VillageService, names: _Names, year: int, month: int | None, heading: str) -> SheetData:
    """Applications received at the service desk (便民服务)."""
    sheet = SheetData("便民服务", ["回执号", "日期", "事项", "申请人", "户编号", "承办人", "状态", "期限", "办结日期"],
                      heading=heading)
    for r in reversed(service.requests(year, month, limit=_ALL)):
        code, _, _ = names.household(r.household_id)
        sheet.rows.append([r.id, r.day, r.kind, names.text(r.applicant), code, names.cadre(r.handler_id), r.status,
                           r.due, r.done_day])
    return sheet


def mask_sheets(sheets: list[SheetData]) -> list[SheetData]:
    """Mask every number in every text cell and heading (names and notes alike), also one split across
    adjacent cells of a row (情况 and 诉求)."""
    for sheet in sheets:
        sheet.heading = mask_text(sheet.heading)
        sheet.rows = [_masked_row(row) for row in sheet.rows]
    return sheets


def _masked_row(row: list[object]) -> list[object]:
    """One row with every text cell masked, adjacent text cells read together."""
    masked = [mask_text(v) if isinstance(v, str) else v for v in row]
    stretch: list[int] = []
    for i in range(len(row) + 1):
        if i < len(row) and isinstance(row[i], str) and row[i]:
            stretch.append(i)
            continue
        if len(stretch) > 1:
            for at, text in zip(stretch, mask_joined_texts([str(row[j]) for j in stretch])):
                if text != row[at]:
                    masked[at] = text
        stretch = []
    return masked


def month_report(service: VillageService, year: int, month: int, masked: bool = False) -> list[SheetData]:
    """The monthly report: rule summary, problems, duty, visits, pairings, ledger, meeting."""
    names = _Names(service, masked)
    heading = _period_heading(service, f"{year}年{month}月")
    findings, complete = month_findings(service, year, month)
    first, last = dates.month_bounds(year, month)
    summary, problems = summary_sheet(findings, complete, heading)
    fill_problem_cadres(problems, service, range(year - 1, year + 1))
    sheets = [summary, problems, duty_sheet(service, names, first, last, heading),
              visits_sheet(service, names, year, month, heading), pairings_sheet(service, names, year, month, heading),
              ledger_sheet(service, names, year, month, heading), meetings_sheet(service, names, year, [month], heading)]
    return mask_sheets(sheets) if masked else sheets


def assessment_report(service: VillageService, year: int) -> list[SheetData]:
    """The yearly per-cadre assessment (R16) and the year's rule summary."""
    heading = _period_heading(service, f"{year}年度考核")
    sheet = SheetData("年度考核", ["干部", "职务", "坐班天数", "走访次数", "走访户数", "R5 任期首年走遍",
                                "R6 每月走访10户", "R7 责任组走访", "R11 帮带", "R12 结对帮扶", "办结民情",
                                "满意", "基本满意", "不满意", "任期", "R12 结对户月走访", "综合得分"], heading=heading)
    sheet.heading = f"{heading}  {service.assessment_coverage(year)}"
    rows, complete = safe_findings(lambda: service.yearly_assessment(year))
    for a in rows:
        sheet.rows.append([a.cadre, a.role, a.duty_days, a.visits, a.households_visited,
                           *(a.rules[r].text() if r in a.rules else "-" for r in ("R5", "R6", "R7", "R11", "R12")),
                           a.items_handled, *(a.satisfaction.get(k, 0) for k in ("满意", "基本满意", "不满意")),
                           a.term, a.pairing_months.text(), "-" if a.score is None else a.score])
    if not complete:
        sheet.rows.append(["部分规则的检查功能尚未完成，考核表不完整"])
    sheet.rows.append([f"{service.assessment_coverage(year)}；{RUNNING_NOTE}"])  # the months covered, on the sheet too
    findings, done = safe_findings(lambda: service.year_findings(year))
    summary, problems = summary_sheet(findings, done and complete, heading)
    return [sheet, summary, fill_problem_cadres(problems, service, range(year - 1, year + 1))]


def year_ledgers(service: VillageService, year: int, masked: bool = True) -> list[SheetData]:
    """This year's ledgers for readers without the program: 民情台账, visits, duty, meetings, service desk."""
    names = _Names(service, masked)
    heading = _period_heading(service, f"{year}年")
    sheets = [ledger_sheet(service, names, year, None, heading), visits_sheet(service, names, year, None, heading),
              duty_sheet(service, names, date(year, 1, 1), date(year, 12, 31), heading),
              meetings_sheet(service, names, year, list(range(1, 13)), heading),
              requests_sheet(service, names, year, None, heading), pairings_sheet(service, names, year, None, heading)]
    return mask_sheets(sheets) if masked else sheets
