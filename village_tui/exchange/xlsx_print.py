"""A4 print set-up for the wide sheets of the workbooks (the rest is set by ``build_workbook``)."""

from __future__ import annotations

from typing import Any

A4 = 9  # openpyxl's paperSize code for A4


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
    ws.row_dimensions[1].height = 48
