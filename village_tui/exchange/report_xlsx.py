"""Excel workbooks (.xlsx, via openpyxl) that print well on A4 from Excel or WPS.

Every sheet has a bold Chinese header row that stays frozen while scrolling and
repeats on each printed page, columns as wide as their content (Chinese
characters count double), long text wrapped, and A4 paper fitted to the page width.
openpyxl is imported inside the functions: it is slow to import and only
reports need it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from village_tui.domain.safe_text import formula_safe
from village_tui.exchange.text_width import display_width
from village_tui.exchange.xlsx_print import keep_legible
from village_tui.store.api import atomic_write_bytes

A4 = 9  # openpyxl's paperSize code for A4
_MIN_WIDTH, _MAX_WIDTH = 6, 48
_WRAP_AT = 30


@dataclass
class SheetData:
    """One sheet of a workbook.

    Attributes:
        title: Sheet name (at most 31 characters; Excel's limit).
        headers: Chinese column headers.
        rows: Cell values (str, int, date or None).
        heading: An optional line printed in the page header (village and period).
    """

    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    heading: str = ""




def column_widths(sheet: SheetData) -> list[int]:
    """Column widths fitting the header and the content, kept between 6 and 48."""
    widths = [display_width(h) + 2 for h in sheet.headers]
    for row in sheet.rows:
        for index, value in enumerate(row[:len(widths)]):
            widths[index] = max(widths[index], display_width(value) + 2)
    return [min(max(w, _MIN_WIDTH), _MAX_WIDTH) for w in widths]


def cell_value(value: Any) -> Any:
    """The value written into a cell: text through :func:`formula_safe`, numbers and dates as they are.

    Every text cell goes through here, so nothing a cadre typed (or a hostile file held)
    becomes a formula or stops the save with a control character openpyxl refuses.
    """
    if value is None or isinstance(value, (bool, int, float, date)):
        return value
    return formula_safe(value)


def wrapped_lines(value: Any, width: int) -> int:
    """Lines a value wraps to in a column ``width`` characters wide (CJK characters count two)."""
    if not isinstance(value, str) or not value:
        return 1
    return sum(max(1, -(-display_width(part) // max(width - 1, 1))) for part in value.split("\n"))


def fit_row_heights(ws: Any, widths: list[int], line_height: float = 15) -> None:
    """Give each data row the height its longest wrapped cell needs, so nothing is clipped.

    Excel grows a wrapped row when it opens the file, but LibreOffice converting to PDF, and
    WPS for a row it did not edit, keep the default height and cut the text off.
    """
    wrapped = [i for i, w in enumerate(widths) if w >= _WRAP_AT]
    if not wrapped:
        return
    for row in ws.iter_rows(min_row=2):
        lines = max(wrapped_lines(row[i].value, widths[i]) for i in wrapped if i < len(row))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = line_height * lines


def build_workbook(sheets: list[SheetData]) -> Any:
    """An openpyxl Workbook holding ``sheets``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    # Every data cell at the top: in a row a long text made taller, its date and names stand beside its first line.
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:31])
        ws.append([cell_value(h) for h in sheet.headers])
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
        for row in sheet.rows:
            ws.append([cell_value(v) for v in row])
        widths = column_widths(sheet)
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = wrap if width >= _WRAP_AT else top
        fit_row_heights(ws, widths)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.paperSize = A4
        ws.page_setup.orientation = "landscape" if sum(widths) > 100 else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = True
        if sheet.heading:
            ws.oddHeader.center.text = formula_safe(sheet.heading)
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        keep_legible(ws)
    return book


def workbook_bytes(sheets: list[SheetData]) -> bytes:
    """The .xlsx file of ``sheets`` as bytes."""
    buffer = io.BytesIO()
    build_workbook(sheets).save(buffer)
    return buffer.getvalue()


def save_workbook(sheets: list[SheetData], path: Path | str) -> Path:
    """Write ``sheets`` to an .xlsx file through a temp file, so a failed write leaves no half file.

    Raises:
        OSError: The file cannot be written (open in Excel, disk full).
    """
    path = Path(path)
    atomic_write_bytes(path, workbook_bytes(sheets))
    return path
