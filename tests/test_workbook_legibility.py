"""Workbooks a clerk can use as they are (issue 27, item 6): nothing clipped, nothing below 9 pt, honest trend, axes shown."""

from __future__ import annotations

import math
import re
import zipfile
from datetime import date

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from tests.app_fixtures import make_village
from village_tui.cli import main
from village_tui.demo import generate_demo
from village_tui.domain.models import VISIT_WAYS, Visit
from village_tui.exchange.report_trend import trend_sheet

UNTIL = date(2026, 11, 27)
PAPER_IN = {9: (8.27, 11.69), 8: (11.69, 16.54)}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    root = tmp_path_factory.mktemp("月报 清晰")
    folder = root / "桃源村"
    generate_demo(folder, scale="small", seed=1, until=UNTIL)
    report, review = root / "十一月.xlsx", root / "审阅.xlsx"
    assert main(["report", "--data", str(folder), "--month", "2026-11", "--xlsx", str(report)]) == 0
    assert main(["review", str(folder), "--month", "2026-11", "--text", "--xlsx", str(review)]) in (0, 1)
    return report, review


def _px(width) -> int:
    return int((width or 8.43) * 7 + 5)


def _printed_scale(ws) -> float:
    """The scale a program fitting the sheet to ``fitToWidth`` pages across prints it at."""
    columns = [_px(ws.column_dimensions[get_column_letter(c)].width) for c in range(1, ws.max_column + 1)]
    content = sum(columns)
    for chart in ws._charts:
        left = sum(columns[:chart.anchor._from.col])
        content = max(content, left + chart.width / 2.54 * 96)
    width, height = PAPER_IN[ws.page_setup.paperSize]
    across = height if ws.page_setup.orientation == "landscape" else width
    printable = (across - ws.page_margins.left - ws.page_margins.right) * 96
    if not ws.sheet_properties.pageSetUpPr.fitToPage:
        return 1.0
    pages = ws.page_setup.fitToWidth or 1
    repeated = columns[0] * (pages - 1) if ws.print_title_cols else 0
    return min(1.0, pages * printable / (content + repeated))


@pytest.mark.parametrize("which", [0, 1])
def test_no_printed_cell_is_below_9pt(books, which):
    book = openpyxl.load_workbook(books[which])
    for ws in book.worksheets:
        smallest = min((c.font.sz or 11) for row in ws.iter_rows() for c in row if c.value is not None)
        assert smallest * _printed_scale(ws) >= 9, f"{ws.title} prints at {smallest * _printed_scale(ws):.1f} pt"


@pytest.mark.parametrize("which", [0, 1])
def test_every_chart_axis_is_written_visible(books, which):
    with zipfile.ZipFile(books[which]) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert charts
    for xml in charts:
        axes = re.findall(r"<(?:c:)?(?:catAx|valAx|dateAx|serAx)>.*?</(?:c:)?(?:catAx|valAx|dateAx|serAx)>", xml, re.S)
        assert axes
        for axis in axes:
            assert re.search(r'<(?:c:)?delete val="(?:0|false)"\s*/>', axis), axis[:200]


def test_the_problems_sheet_names_a_cadre_and_shows_all_its_text(books):
    ws = openpyxl.load_workbook(books[0])["不符合项"]
    assert [c.value for c in ws[1]] == ["规则", "日期", "干部", "户编号", "编号", "说明"]
    rows = list(ws.iter_rows(min_row=2))
    assert rows and all(r[2].value for r in rows), "干部 left empty"
    width = ws.column_dimensions["F"].width
    assert width and ws["F2"].alignment.wrap_text
    tall = 0
    for r in rows:
        text = r[5].value
        wide = len(re.findall(r"[\u3000-\u9fff\uff00-\uffef]", text))
        lines = math.ceil((len(text) + wide) / (width - 1))
        height = ws.row_dimensions[r[0].row].height or 15
        assert height >= 15 * lines, f"clipped: {text}"
        tall += lines > 1
    assert tall, "the demo month has a 说明 longer than its column"


def _visit(service, day: date) -> None:
    service.save_visit(Visit(day=day, cadre_id=service.cadres()[0].id, household_id=service.households()[0].id,
                             way=VISIT_WAYS[0], learned="了解生产生活情况"))


def test_the_trend_starts_when_the_data_does_and_marks_the_running_month():
    service = make_village()
    _visit(service, date(2026, 9, 10))
    _visit(service, date(2026, 11, 20))
    months = [r[0] for r in trend_sheet(service, 2026, 11, "").rows]
    assert months == ["2026-09", "2026-10", "2026-11（未完）"]
    assert [r[0] for r in trend_sheet(service, 2026, 10, "").rows] == ["2026-09", "2026-10"]
    yearly = [r[0] for r in trend_sheet(service, 2026, None, "").rows]
    assert yearly == ["2026-09", "2026-10", "2026-11（未完）"], "December has not begun"
    settings = service.settings()
    settings.started_on = date(2026, 8, 15)
    service.save_settings(settings)
    assert [r[0] for r in trend_sheet(service, 2026, 11, "").rows][0] == "2026-08", "set up in August: a zero month"


def test_the_trend_chart_sits_below_its_table(books):
    ws = openpyxl.load_workbook(books[0])["月度趋势"]
    (chart,) = ws._charts
    assert chart.anchor._from.col == 0 and chart.anchor._from.row >= ws.max_row


def test_the_rule_headers_and_status_cells_are_not_clipped(books):
    ws = openpyxl.load_workbook(books[0])["干部×规则"]
    for cell in ws[1][1:]:
        wide = len(re.findall(r"[\u3000-\u9fff\uff00-\uffef]", cell.value))
        lines = math.ceil((len(cell.value) + wide) / (ws.column_dimensions[cell.column_letter].width - 1))
        assert ws.row_dimensions[1].height >= 15 * lines, cell.value
    for row in ws.iter_rows(min_row=2, min_col=2):
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) * 2 > ws.column_dimensions[cell.column_letter].width:
                assert cell.alignment.wrap_text and (ws.row_dimensions[cell.row].height or 15) >= 30, cell.value


def test_the_review_chart_is_never_cut_by_a_page_break(books):
    ws = openpyxl.load_workbook(books[1])["各村×规则"]
    (chart,) = ws._charts
    width, _ = PAPER_IN[ws.page_setup.paperSize]
    room = (width - ws.page_margins.top - ws.page_margins.bottom) * 72 - 30  # landscape: the short side down
    chart_pt = chart.anchor.ext.height / 12700 if chart.anchor.ext is not None else chart.height / 2.54 * 72
    assert chart_pt + ws.row_dimensions[1].height <= room, "taller than a page under the repeated header"
    top = chart.anchor._from.row
    above = sum(ws.row_dimensions[r].height or 15 for r in range(1, top + 1))
    if above + chart_pt > room:
        assert [b.id for b in ws.row_breaks.brk if b.id <= top], "no page break before a chart the page cannot hold"


def test_the_problems_sheet_names_the_household_of_a_ledger_item(tmp_path):
    """A finding about a ledger item of a household shows its 户编号 (the clerk follows up with that family)."""
    from village_tui.domain.models import LedgerItem
    from village_tui.service import VillageService

    service = make_village(VillageService.open(tmp_path / "村", today=UNTIL))
    try:
        service.sign_in(service.cadres()[0].id)
        household = service.households()[1]
        service.save_ledger_item(LedgerItem(day=date(2026, 11, 2), source="来访", category="饮水",
                                            content="自来水浑浊", household_id=household.id,
                                            handler_id=service.cadres()[0].id, due=date(2026, 11, 10)))
    finally:
        service.close()
    report = tmp_path / "十一月.xlsx"
    assert main(["report", "--data", str(tmp_path / "村"), "--month", "2026-11", "--xlsx", str(report)]) == 0
    ws = openpyxl.load_workbook(report)["不符合项"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    late = [r for r in rows if r[0] == "R10" and "超期" in (r[5] or "")]
    assert late and all(r[3] == household.code for r in late), rows


def test_a_taller_row_reads_from_its_top(books):
    """In a row a long 了解情况 made taller, the date and the cadre stand beside its first line (not its last)."""
    ws = openpyxl.load_workbook(books[0])["走访"]
    tall = [r for r in ws.iter_rows(min_row=2) if (ws.row_dimensions[r[0].row].height or 15) > 20]
    assert tall, "the demo month has a visit whose text wraps"
    for row in tall:
        assert all(c.alignment.vertical == "top" for c in row), [c.alignment.vertical for c in row]
