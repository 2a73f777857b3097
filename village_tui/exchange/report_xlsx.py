"""Excel workbooks (.xlsx, via openpyxl) that print well on A4 from Excel or WPS.

Every sheet has a bold Chinese header row that stays frozen while scrolling and
repeats on each printed page, columns as wide as their content (Chinese
characters count double), long text wrapped, and A4 paper fitted to the page width.
openpyxl is imported inside the functions: it is slow to import and only
reports need it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from village_tui.domain.safe_text import formula_safe
from village_tui.store.api import atomic_write_bytes

A4 = 9  # openpyxl's paperSize code for A4
_MIN_WIDTH, _MAX_WIDTH = 6, 48
_WRAP_AT = 30
# East Asian wide and full-width characters (Unicode's W and F classes): they take two columns.
_WIDE = re.compile("[\u1100-\u115f\u231a\u231b\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   "\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60"
                   "\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]")


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


def display_width(value: Any) -> int:
    """Width of a value in Excel character units (wide Chinese characters count 2)."""
    if value is None:
        return 0
    text = value.isoformat() if isinstance(value, date) else str(value)
    if "\n" in text:
        text = max(text.split("\n"), key=len)
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


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


def build_workbook(sheets: list[SheetData]) -> Any:
    """An openpyxl Workbook holding ``sheets``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    wrap = Alignment(wrap_text=True, vertical="top")
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
            if width >= _WRAP_AT:
                for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.alignment = wrap
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
