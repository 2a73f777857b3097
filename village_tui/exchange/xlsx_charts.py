"""Charts and colour rules added to built workbooks (openpyxl charts and conditional formatting).

The rule cells' colours are conditional formatting on the status word the cell
starts with, so Excel and WPS keep colouring a cell someone retypes: green for
符合 (met), red for 不符合 (missed), grey for 进行中 (open).
"""

from __future__ import annotations

from typing import Any

from village_tui.exchange.rule_status import MET, MISSED, OPEN, STATUS_WORDS

# status -> (fill, font colour): Excel's own "good" and "bad" styles, and a neutral grey.
STATUS_COLOURS = {MET: ("C6EFCE", "006100"), MISSED: ("FFC7CE", "9C0006"), OPEN: ("D9D9D9", "404040")}
CHART_WIDTH_CM = 24
# The trend chart sits under its 13-row table: both fit one portrait A4 page (17 cm printable across).
TREND_WIDTH_CM, TREND_HEIGHT_CM = 17, 11


def add_status_colours(ws: Any, first_row: int = 2, first_col: int = 2) -> str | None:
    """Colour every status cell of ``ws`` from ``first_row``/``first_col`` to the sheet's end.

    Returns:
        The range coloured (``"B2:H9"``), or None when the sheet has no such cells.
    """
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    if ws.max_row < first_row or ws.max_column < first_col:
        return None
    start = f"{get_column_letter(first_col)}{first_row}"
    cells = f"{start}:{get_column_letter(ws.max_column)}{ws.max_row}"
    for status in (MISSED, OPEN, MET):  # 不符合 first: its word also ends in 符合
        word = STATUS_WORDS[status]
        fill, font = STATUS_COLOURS[status]
        ws.conditional_formatting.add(cells, FormulaRule(
            formula=[f'LEFT({start},{len(word)})="{word}"'], stopIfTrue=True,
            fill=PatternFill("solid", start_color=fill, end_color=fill), font=Font(color=font)))
    return cells


def show_axes(*charts: Any) -> None:
    """Write every axis of ``charts`` as shown (``<c:delete val="0"/>``).

    openpyxl leaves ``delete`` unset, and Excel and WPS may read an axis that does not say
    it is shown as deleted: the chart then has no months and no numbers.
    """
    for chart in charts:
        chart.x_axis.delete = False
        chart.y_axis.delete = False


def add_trend_chart(ws: Any, months: int, title: str, anchor: str = "G2") -> Any:
    """A 12-month chart on the 月度趋势 sheet: bars for visits and ledger items, a line for duty days.

    The sheet holds months in column A and visits, items opened, items closed and
    days with someone on duty in columns B–E, from row 2.
    """
    from openpyxl.chart import BarChart, LineChart, Reference

    last = months + 1
    bars = BarChart()
    bars.type, bars.grouping = "col", "clustered"
    bars.title = title
    bars.y_axis.title = "次数 / 件数"  # the months label themselves; a title on them LibreOffice draws twice
    bars.add_data(Reference(ws, min_col=2, max_col=4, min_row=1, max_row=last), titles_from_data=True)
    bars.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    line = LineChart()
    line.add_data(Reference(ws, min_col=5, min_row=1, max_row=last), titles_from_data=True)
    line.y_axis.axId = 200
    line.y_axis.title = "有人坐班天数"
    line.y_axis.crosses = "max"
    for series in line.series:
        series.smooth = False
    bars += line
    show_axes(bars, line)
    bars.legend.position = "b"
    bars.width, bars.height = TREND_WIDTH_CM, TREND_HEIGHT_CM
    ws.add_chart(bars, anchor)
    return bars


def add_compliance_chart(ws: Any, data: Any, rules: int, anchor: str) -> Any:
    """A stacked bar chart of met, missed and open findings per rule, drawn on ``ws`` from ``data``.

    ``data`` is a compliance sheet: rules in column A, met/missed/open counts in columns C–E from row 2.
    """
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "percentStacked", 100
    chart.title = "各规则符合情况（绿：符合，红：不符合，灰：进行中）"
    chart.x_axis.title = "规则"
    chart.add_data(Reference(data, min_col=3, max_col=5, min_row=1, max_row=rules + 1), titles_from_data=True)
    chart.set_categories(Reference(data, min_col=1, min_row=2, max_row=rules + 1))
    for series, status in zip(chart.series, (MET, MISSED, OPEN)):
        colour = {MET: "4CAF50", MISSED: "E53935", OPEN: "9E9E9E"}[status]
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    chart.legend.position = "b"
    show_axes(chart)
    chart.width, chart.height = CHART_WIDTH_CM, max(8, 1.2 * rules + 4)
    ws.add_chart(chart, anchor)
    return chart
