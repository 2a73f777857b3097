"""A4 print set-up for the wide sheets of the workbooks (the rest is set by ``build_workbook``)."""

from __future__ import annotations

from typing import Any

A4 = 9  # openpyxl's paperSize code for A4
LINE_HEIGHT = 15  # points per wrapped line of 11-point text


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

    for col in range(first_col, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(col)].width = width
        ws.cell(row=1, column=col).alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.row_dimensions[1].height = 64  # four wrapped lines: R14's title is the longest


def set_widths(ws: Any, widths: list[int]) -> None:
    """Column widths (in characters) for the first columns, every cell below the header wrapped at its width.

    Rows get the height their longest wrapped cell needs: not every program
    (LibreOffice converting to PDF, say) grows a row by itself.
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from village_tui.exchange.report_xlsx import display_width

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
