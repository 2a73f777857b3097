"""The workbooks worth looking at: the village report and the township review, with charts and colours.

``report --xlsx`` gets, besides its tables, a 12-month chart, a cadres × rules
sheet coloured by status and a 公示 sheet. ``review --xlsx`` gets villages ×
rules in the same colours with a chart of compliance per rule, one cadres ×
rules sheet per village and the villages' 公示 rows. The tables are built by
``report_xlsx.build_workbook``; charts, colour rules and print set-up are added
here.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TYPE_CHECKING

from village_tui.domain.error_words import error_words
from village_tui.domain import dates
from village_tui.domain.errors import DomainError
from village_tui.domain.findings import RULE_TITLES, Finding
from village_tui.domain.safe_text import formula_safe
from village_tui.exchange.notice import Notice, build_notice
from village_tui.exchange.notice_sheet import PAPERS, draw_notice
from village_tui.exchange.publication import NOTICE_TITLE, notice_rows, notice_sheet
from village_tui.exchange.report_trend import TREND_TITLE, trend_sheet
from village_tui.exchange.report_xlsx import SheetData, build_workbook
from village_tui.exchange.rule_status import (
    MISSED, cadre_matrix, compliance_sheet, finding_status, rules_in, status_cell)
from village_tui.exchange.xlsx_charts import add_compliance_chart, add_status_colours, add_trend_chart
from village_tui.exchange.xlsx_print import (
    boxed_table, chart_on_own_page, keep_legible, narrow_rule_columns, print_wide, set_widths)

if TYPE_CHECKING:
    from village_tui.service import VillageService

CADRE_SHEET = "干部×规则"
VILLAGE_SHEET = "各村×规则"
# 村 事项 类别 集体决定 承诺 责任干部 监督人 定事日期 承诺完成日期 考评结果 满意度 公示期间 公示内容
NOTICE_WIDTHS = [8, 16, 8, 26, 22, 8, 12, 11, 11, 16, 8, 18, 12]
COMPLIANCE_SHEET = "规则符合率"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def period_bounds(year: int, month: int | None) -> tuple[date, date]:
    """The first and last day of a month, or of a year when ``month`` is None."""
    return dates.month_bounds(year, month) if month else (date(year, 1, 1), date(year, 12, 31))


def period_label(year: int, month: int | None) -> str:
    """``"2026年10月"`` or ``"2026年"``."""
    return f"{year}年{month}月" if month else f"{year}年"


def _heading(settings, period: str) -> str:
    return f"{settings.county}{settings.township}{settings.name}  {period}"


def report_extras(service: VillageService, year: int, month: int | None, findings: list[Finding]) -> list[SheetData]:
    """The report's added sheets: cadres × rules, the 12-month trend and the 公示."""
    settings = service.settings()
    heading = _heading(settings, period_label(year, month))
    cadres = [c.name for c in service.cadres()]
    first, last = period_bounds(year, month)
    rows, left_out = notice_rows(service, settings.name, first, last)
    return [cadre_matrix(findings, cadres, CADRE_SHEET, heading), trend_sheet(service, year, month, heading),
            notice_sheet(rows, left_out, heading)]


def report_order(sheets: list[SheetData], extras: list[SheetData]) -> list[SheetData]:
    """The report's sheets in print order: its summary pair, the extras, the rest."""
    return [*sheets[:2], *extras, *sheets[2:]]


def notice_layout(ws: Any) -> None:
    """The 公示 sheet laid out to be read on a notice board: wrapped columns, A4 landscape."""
    set_widths(ws, NOTICE_WIDTHS)
    print_wide(ws, title_cols=None)


def report_workbook(sheets: list[SheetData], extras: list[SheetData], year: int, month: int | None,
                    notice: Notice | None = None, paper: str = "A4") -> Any:
    """The report workbook: its first two sheets, then the extras, then the other tables; charts and colours added.

    With ``notice``, the 公示 sheet is that notice laid out for the board on ``paper`` ("A4" or "A3").
    """
    book = build_workbook(report_order(sheets, extras))
    if CADRE_SHEET in book.sheetnames:
        ws = book[CADRE_SHEET]
        add_status_colours(ws)
        narrow_rule_columns(ws)
        print_wide(ws)
    if TREND_TITLE in book.sheetnames:
        ws = book[TREND_TITLE]
        title = f"近12个月（至{year}年{month}月）" if month else f"{year}年各月"
        # Below the table, not beside it: side by side they print too wide to stay legible.
        add_trend_chart(ws, ws.max_row - 1, title=title + "：走访、民情台账和坐班", anchor=f"A{ws.max_row + 3}")
        boxed_table(ws, ws.max_row)
        print_wide(ws, title_cols=None)
        ws.page_setup.orientation = "portrait"  # the table with the chart under it fills one upright page
    if NOTICE_TITLE in book.sheetnames:
        if notice is None:
            notice_layout(book[NOTICE_TITLE])
        else:
            at = book.sheetnames.index(NOTICE_TITLE)
            book.remove(book[NOTICE_TITLE])
            draw_notice(book.create_sheet(NOTICE_TITLE, at), notice, PAPERS[paper])
    for ws in book.worksheets:
        keep_legible(ws)
    return book


def village_notice(service: VillageService, year: int, month: int | None) -> Notice:
    """The village's 村务公示 of a month (or a year), issued today."""
    first, last = period_bounds(year, month)
    return build_notice(service, first, last, period_label(year, month))


def write_report(service: VillageService, year: int, month: int | None, path: Path | str,
                 paper: str = "A4") -> list[str]:
    """The monthly report (or the yearly assessment) with its charts and colours, saved to ``path``.

    Returns:
        The sheet names, in order.

    Raises:
        DomainError: A check cannot run on the data.
        OSError: The file cannot be written.
    """
    from village_tui.exchange.report_data import assessment_report, month_report
    from village_tui.exchange.review import period_findings

    sheets = month_report(service, year, month) if month else assessment_report(service, year)
    findings, _ = period_findings(service, year, month)
    extras = report_extras(service, year, month, findings)
    notice = village_notice(service, year, month)
    save_book(report_workbook(sheets, extras, year, month, notice, paper), path)
    return [s.title for s in report_order(sheets, extras)]


@dataclass
class VillageFindings:
    """One village's findings for the review workbook.

    Attributes:
        name: The village's name (the folder's name when it cannot be read).
        findings: The period's findings.
        cadres: Its cadres' names.
        notices: Its 公示 rows.
        left_out: Matters left off the 公示 as sensitive.
        note: Why the village has no findings, in Chinese.
    """

    name: str
    findings: list[Finding] = field(default_factory=list)
    cadres: list[str] = field(default_factory=list)
    notices: list[list] = field(default_factory=list)
    left_out: int = 0
    note: str = ""


def read_village(folder: Path | str, year: int, month: int | None) -> VillageFindings:
    """Open one village read-only, collect what the review workbook shows, close it again."""
    from village_tui.exchange.review import data_folder_of, open_village, period_findings

    _, manifest = data_folder_of(folder)
    result = VillageFindings((manifest.village if manifest else "") or Path(folder).name)
    try:
        service = open_village(folder)
    except (DomainError, OSError) as error:
        result.note = f"打不开：{error_words(error)}"
        return result
    try:
        broken = service.folder.broken_message()
        if broken:
            result.note = broken
            return result
        if not service.is_set_up():
            result.note = "文件夹里没有村庄数据"
            return result
        result.name = service.settings().name or result.name
        result.findings, _ = period_findings(service, year, month)
        result.cadres = [c.name for c in service.cadres()]
        first, last = period_bounds(year, month)
        result.notices, result.left_out = notice_rows(service, result.name, first, last)
    except DomainError as error:
        result.note = error_words(error)
    finally:
        service.close()
    return result


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'") or "村"
    base = base[:28]
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}({n})", n + 1
    taken.add(candidate)
    return candidate


def review_sheets(villages: list[VillageFindings], year: int, month: int | None) -> list[SheetData]:
    """Villages × rules, the compliance per rule, one cadres × rules sheet per village, and the 公示."""
    heading = f"乡镇审阅  {period_label(year, month)}"
    every = [f for v in villages for f in v.findings]
    rules = rules_in(every)
    overview = SheetData(VILLAGE_SHEET, ["村", "不符合项", *(f"{r} {RULE_TITLES[r]}" for r in rules), "说明"],
                         heading=heading)
    for v in villages:
        cells = [status_cell([f for f in v.findings if f.rule == r]) for r in rules]
        missed = sum(finding_status(f) == MISSED for f in v.findings)
        overview.rows.append([formula_safe(v.name), missed, *cells, formula_safe(v.note)])
    sheets = [overview, compliance_sheet(every, COMPLIANCE_SHEET, heading)]
    taken = {VILLAGE_SHEET, COMPLIANCE_SHEET, NOTICE_TITLE}
    for v in villages:
        if v.findings:
            sheets.append(cadre_matrix(v.findings, v.cadres, _sheet_name(v.name, taken), f"{v.name}  {heading}"))
    sheets.append(notice_sheet([r for v in villages for r in v.notices], sum(v.left_out for v in villages),
                               heading))
    return sheets


def review_workbook(sheets: list[SheetData]) -> Any:
    """The review workbook with its colours, compliance chart and print set-up."""
    book = build_workbook(sheets)
    overview = book[VILLAGE_SHEET]
    add_status_colours(overview, first_col=3)
    narrow_rule_columns(overview, first_col=3)
    overview.column_dimensions[overview.cell(row=1, column=overview.max_column).column_letter].width = 30
    print_wide(overview)
    compliance = book[COMPLIANCE_SHEET]
    rules = compliance.max_row - 1
    boxed_table(overview, overview.max_row)
    if rules:
        table_rows = overview.max_row
        chart = add_compliance_chart(overview, compliance, rules, f"A{table_rows + 3}")
        chart_on_own_page(overview, table_rows, chart)
    for sheet in sheets[2:-1]:
        ws = book[sheet.title[:31]]
        add_status_colours(ws)
        narrow_rule_columns(ws)
        print_wide(ws)
    notice_layout(book[NOTICE_TITLE])
    for ws in book.worksheets:
        keep_legible(ws)
    return book


def review_book(folders: Iterable[Path | str], year: int, month: int | None) -> Any:
    """Read each village in turn and build the review workbook."""
    villages = [read_village(folder, year, month) for folder in folders]
    return review_workbook(review_sheets(villages, year, month))


def save_book(book: Any, path: Path | str) -> Path:
    """Write a workbook through a temp file, so a failed write leaves no half file.

    Raises:
        OSError: The file cannot be written (open in Excel, disk full).
    """
    from village_tui.store.api import atomic_write_bytes

    buffer = io.BytesIO()
    book.save(buffer)
    path = Path(path)
    atomic_write_bytes(path, buffer.getvalue())
    return path

