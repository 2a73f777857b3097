"""A4 print set-up for the wide sheets of the workbooks (the rest is set by ``build_workbook``)."""

from __future__ import annotations

from typing import Any

A4 = 9  # openpyxl's paperSize code for A4
LINE_HEIGHT = 15  # points per wrapped line of 11-point text
SMALLEST_PRINTED_PT = 9  # no printed cell smaller than this, once fitted to the page
PAPER_INCHES = {9: (8.27, 11.69), 8: (11.69, 16.54)}  # paperSize code -> (width, height), portrait


def print_wide(ws: Any, title_cols: str | None = "A:A") -> None:
    """Landscape A4, fitted to one page wide, header row (and first column) repeated on every page."""
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    if title_cols:
        ws.print_title_cols = title_cols
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.print_options.horizontalCentered = True


def narrow_rule_columns(ws: Any, first_col: int = 2, width: int = 16) -> None:
    """Rule columns of a matrix sheet ``width`` characters wide, their long headers wrapped over a taller row."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from village_tui.exchange.text_width import display_width

    lines = 4
    for col in range(first_col, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(col)].width = width
        cell = ws.cell(row=1, column=col)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        # Bold 11 pt: 7.33 px a column; a quarter more for lines that may not start with 、 or ，.
        needed = display_width(cell.value) * 7.33 * 1.25 / (column_px(width) - 8)
        lines = max(lines, -int(-needed // 1))
    ws.row_dimensions[1].height = LINE_HEIGHT * lines + 4  # R14's title is the longest
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2, min_col=first_col):
        tallest = 1
        for cell in row:
            if isinstance(cell.value, str):
                cell.alignment = wrap
                tallest = max(tallest, -(-display_width(cell.value) // (width - 1)))
        if tallest > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT * tallest


def set_widths(ws: Any, widths: list[int]) -> None:
    """Column widths (in characters) for the first columns, every cell below the header wrapped at its width.

    Rows get the height their longest wrapped cell needs: not every program
    (LibreOffice converting to PDF, say) grows a row by itself.
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from village_tui.exchange.text_width import display_width

    wrap = Alignment(wrap_text=True, vertical="top")
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in ws.iter_rows(min_row=2, max_col=len(widths)):
        lines = 1
        for cell, width in zip(row, widths):
            cell.alignment = wrap
            if isinstance(cell.value, str):
                lines = max(lines, -(-display_width(cell.value) // max(width - 1, 1)))
        ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


def boxed_table(ws: Any, last_row: int) -> None:
    """Thin borders around the table's cells instead of printed grid lines (so a chart beside it prints clean)."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for row in ws.iter_rows(min_row=1, max_row=last_row, max_col=ws.max_column):
        for cell in row:
            cell.border = box
    ws.print_options.gridLines = False


def column_px(width: float | None) -> int:
    """Pixels of a column ``width`` characters wide (Calibri 11: 7 px a character and 5 px padding; unset is 8.43)."""
    return int((width if width else 8.43) * 7 + 5)


def chart_column(chart: Any) -> int:
    """The 0-based column a chart's top left corner sits in (its anchor is a cell name until saved)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    if isinstance(chart.anchor, str):
        return column_index_from_string(coordinate_from_string(chart.anchor)[0]) - 1
    return chart.anchor._from.col


def content_px(ws: Any) -> int:
    """How wide the printed range is, in pixels: the used columns, or a chart reaching further right."""
    from openpyxl.utils import get_column_letter

    widths = [column_px(ws.column_dimensions[get_column_letter(c)].width) for c in range(1, ws.max_column + 1)]
    widest = sum(widths)
    for chart in getattr(ws, "_charts", []):
        start = chart_column(chart)
        left = sum(column_px(ws.column_dimensions[get_column_letter(c)].width) for c in range(1, start + 1))
        widest = max(widest, left + int(chart.width / 2.54 * 96))
    return widest


def printable_px(ws: Any) -> int:
    """The paper's width across the page less its side margins, in pixels (96 a inch)."""
    width, height = PAPER_INCHES.get(ws.page_setup.paperSize or A4, PAPER_INCHES[A4])
    across = height if ws.page_setup.orientation == "landscape" else width
    return int((across - (ws.page_margins.left or 0) - (ws.page_margins.right or 0)) * 96)


def smallest_font_pt(ws: Any) -> float:
    """The smallest font size set on a cell with a value (11, Excel's default, when none is set)."""
    sizes = [c.font.sz or 11 for row in ws.iter_rows() for c in row if c.value is not None]
    return min(sizes, default=11)


def keep_legible(ws: Any) -> None:
    """Let a sheet fitted to one page wide spread over as many pages across as keep its text at least 9 pt.

    A wide table squeezed onto one page prints at 6 or 7 pt; printed over two or three pages wide,
    with the first column repeated on each, it stays readable.
    """
    if not ws.sheet_properties.pageSetUpPr.fitToPage or not ws.page_setup.fitToWidth:
        return
    scale_floor = SMALLEST_PRINTED_PT / smallest_font_pt(ws)
    room, content = int(printable_px(ws) / scale_floor), content_px(ws)
    if content <= room:
        return
    repeated = column_px(ws.column_dimensions["A"].width)  # the first column printed again on every page
    pages = max(2, -(-(content - repeated) // max(room - repeated, 1)))
    if pages > 1:
        ws.page_setup.fitToWidth = pages
        if not ws.print_title_cols:
            ws.print_title_cols = "A:A"


def chart_on_own_page(ws: Any, table_rows: int, chart: Any) -> None:
    """Keep a chart under a table whole on paper: no taller than a page, on a page of its own if need be.

    A chart cut by a page break prints as two halves, the repeated header row drawn over the second.
    """
    from openpyxl.worksheet.pagebreak import Break

    width, height = PAPER_INCHES.get(ws.page_setup.paperSize or A4, PAPER_INCHES[A4])
    down = width if ws.page_setup.orientation == "landscape" else height
    room_pt = (down - (ws.page_margins.top or 0) - (ws.page_margins.bottom or 0)) * 72 - 30  # header, footer
    title_pt = ws.row_dimensions[1].height or LINE_HEIGHT  # repeated at the top of the chart's page
    chart.height = min(chart.height, (room_pt - title_pt - 2 * LINE_HEIGHT) / 72 * 2.54)
    table_pt = sum(ws.row_dimensions[r].height or LINE_HEIGHT for r in range(1, table_rows + 3))
    if table_pt + chart.height / 2.54 * 72 > room_pt:
        ws.row_breaks.append(Break(id=table_rows + 1))
