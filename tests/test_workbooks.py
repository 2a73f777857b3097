"""``report --xlsx`` and ``review --xlsx``: charts, colour rules, print set-up and the 公示 sheet, read back with openpyxl."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from village_tui.cli import main
from village_tui.demo import generate_demo
from village_tui.domain.findings import Finding
from village_tui.domain.models import Matter, MatterStep
from village_tui.exchange.publication import due_for_publication, is_sensitive, notice_row
from village_tui.exchange.rule_status import status_cell
from village_tui.service import VillageService

UNTIL = date(2026, 11, 27)
GREEN, RED, GREY = "C6EFCE", "FFC7CE", "D9D9D9"


@pytest.fixture(scope="module")
def villages(tmp_path_factory):
    root = tmp_path_factory.mktemp("乡镇 审阅")
    folders = [root / "桃源村 数据", root / "杏花村 数据"]
    for seed, folder in enumerate(folders, start=1):
        generate_demo(folder, scale="small", seed=seed, until=UNTIL)
    return root, folders


@pytest.fixture(scope="module")
def month_book(villages):
    root, folders = villages
    path = root / "十月 月报.xlsx"
    assert main(["report", "--data", str(folders[0]), "--month", "2026-10", "--xlsx", str(path)]) == 0
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def review_book(villages):
    root, folders = villages
    path = root / "十月 审阅.xlsx"
    assert main(["review", *map(str, folders), "--month", "2026-10", "--text", "--xlsx", str(path)]) in (0, 1)
    return openpyxl.load_workbook(path)


def _colour_rules(ws) -> dict[str, str]:
    """The status word each conditional format tests for -> its fill colour."""
    found = {}
    for cells in ws.conditional_formatting:
        for rule in cells.rules:
            word = rule.formula[0].split('="')[1].rstrip('"')
            found[word] = rule.dxf.fill.fgColor.rgb[-6:]
    return found


def _assert_a4_titles_fitted(ws, landscape: bool = True) -> None:
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth >= 1  # more pages across when 1 would print below 9 pt
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    if landscape:
        assert ws.page_setup.orientation == "landscape"


def test_month_report_has_a_12_month_chart_of_visits_ledger_and_duty(month_book, villages):
    ws = month_book["月度趋势"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("月份", "走访次数", "新增民情", "办结民情", "有人坐班天数")
    assert [r[0] for r in rows[1:]] == [f"2025-{m}" for m in ("11", "12")] + [f"2026-{m:02d}" for m in range(1, 11)]
    service = VillageService.open(villages[1][0], readonly=True)
    try:
        october = rows[-1]
        assert october[1] == service.visits(2026, 10, limit=0).total > 0
        assert october[2] == len(service.ledger_items(2026, 10, limit=1000))
        signed = [d for d, r in service.duty_days(date(2026, 10, 1), date(2026, 10, 31)).items() if r.signins]
        assert october[4] == len(signed)
    finally:
        service.close()
    (chart,) = ws._charts
    assert [type(c).__name__ for c in chart._charts] == ["BarChart", "LineChart"]
    assert len(chart._charts[0].series) == 3 and len(chart._charts[1].series) == 1
    _assert_a4_titles_fitted(ws, landscape=False)  # portrait: the chart sits under the table


def test_month_report_colours_each_cadre_rule_green_red_or_grey(month_book):
    ws = month_book["干部×规则"]
    assert _colour_rules(ws) == {"符合": GREEN, "不符合": RED, "进行中": GREY}
    cells = [c for row in ws.iter_rows(min_row=2, min_col=2) for c in row if c.value]
    words = {c.value.split()[0] for c in cells}
    assert "符合" in words and words <= {"符合", "不符合", "进行中", "不涉及"}
    village_row = [c.value for c in ws[ws.max_row]]
    assert village_row[0] == "全村（不分干部）" and any(str(v).startswith("不符合") for v in village_row)
    _assert_a4_titles_fitted(ws)
    assert ws.print_title_cols == "$A:$A"


def test_month_report_publishes_five_step_matters_due_in_the_month(month_book):
    # The report's 公示 is the notice laid out for the board (tests/test_notice.py); the review keeps the table.
    ws = month_book["公示"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts[0] == "桃源村2026年10月村务公示"
    assert any(t.startswith("一、五事") for t in texts) and any("赞成" in t for t in texts)
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"


def test_review_workbook_colours_villages_by_rule_with_a_compliance_chart(review_book):
    assert review_book.sheetnames[:2] == ["各村×规则", "规则符合率"]
    assert {"桃源村", "杏花村", "公示"} <= set(review_book.sheetnames)
    ws = review_book["各村×规则"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == ["桃源村", "杏花村"]
    assert _colour_rules(ws) == {"符合": GREEN, "不符合": RED, "进行中": GREY}
    (chart,) = ws._charts
    assert chart.grouping == "percentStacked" and len(chart.series) == 3
    rates = list(review_book["规则符合率"].iter_rows(min_row=2, values_only=True))
    assert rates and all(r[2] + r[3] + r[4] > 0 for r in rates)
    _assert_a4_titles_fitted(ws)
    for name in ("桃源村", "杏花村"):
        village = review_book[name]
        assert village["A1"].value == "干部" and _colour_rules(village)
        _assert_a4_titles_fitted(village)
    notice = [r[0] for r in review_book["公示"].iter_rows(min_row=2, values_only=True)]
    assert "桃源村" in notice and "杏花村" in notice


def _matter(title: str, category: str = "行路") -> Matter:
    return Matter(title=title, category=category, id=7, steps=[
        MatterStep("干群议事", date(2026, 9, 1), content="议事"),
        MatterStep("集体定事", date(2026, 9, 5), content="=HYPERLINK(\"x\")", votes_for=30, votes_against=1),
        MatterStep("承诺干事", date(2026, 9, 8), content="承诺10月底完工，联系电话13812345678", responsible_id=1,
                   promised=date(2026, 10, 31), posted_from=date(2026, 9, 8), posted_to=date(2026, 9, 15)),
    ])


def test_a_notice_masks_numbers_defuses_formulas_and_leaves_sensitive_matters_out():
    matter = _matter("2组村道硬化")
    assert due_for_publication(matter, date(2026, 10, 1), date(2026, 10, 31)) == "承诺到期，应公示办理结果"
    assert due_for_publication(matter, date(2026, 9, 1), date(2026, 9, 30)) == "集体决定和承诺"
    assert due_for_publication(matter, date(2026, 11, 1), date(2026, 11, 30)) is None
    row = notice_row("桃源村", matter, "集体决定和承诺", {1: "张建国"})
    assert row[3].startswith("'=HYPERLINK")
    assert "13812345678" not in row[4] and row[5] == "张建国"
    assert is_sensitive(_matter("邻里宅基地纠纷调处", "矛盾纠纷"), set())
    assert is_sensitive(_matter("落实民情2026-0042的答复"), {"2026-0042"})
    assert not is_sensitive(matter, {"2026-0042"})


def test_a_cell_is_missed_if_any_finding_missed_then_open_then_met():
    met, missed = Finding("R6", True), Finding("R6", False)
    still_open = Finding("R6", True, status="open")  # the period has not ended: it can still be met
    assert status_cell([met, met]) == "符合 2/2"
    # met over judged, the open one apart (issue 24: an open finding is never counted as met or judged)
    assert status_cell([met, missed, still_open]) == "不符合 1/2，进行中1"
    assert status_cell([met, still_open]) == "进行中 1/1，进行中1"
    assert status_cell([still_open]) == "进行中1"
    assert status_cell([]) == "不涉及"
