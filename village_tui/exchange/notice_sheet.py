"""The 公示 sheet laid out for the notice board: A4 (or A3) portrait at print size, nothing shrunk.

The page is a grid of twelve equal columns; the title, each paragraph and each
table cell span some of them (merged cells). The grid is as wide as the paper's
printable width, so the sheet prints at 100 % and the fonts keep their size
(the title 22 pt, the body 14 pt on A4). Excel, WPS and LibreOffice do not grow
a row for wrapped text in merged cells, so every row's height is computed here
from its wrapped text (CJK characters count two columns).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from village_tui.exchange.notice import QUESTIONS_LINE, Notice
from village_tui.domain.safe_text import formula_safe
from village_tui.exchange.text_width import display_width

GRID = 12
FONT_NAME = "宋体"


@dataclass(frozen=True)
class Paper:
    """A paper size for the notice.

    Attributes:
        name: ``"A4"`` or ``"A3"``.
        code: openpyxl's paperSize code.
        column_width: Each grid column's width, in Excel character units.
        title_pt: The title's font size.
        heading_pt: The parts' headings' font size.
        body_pt: The body's font size.
    """

    name: str
    code: int
    column_width: float
    title_pt: int
    heading_pt: int
    body_pt: int


# Printable width with 0.6" margins: A4 180 mm = 680 px, A3 267 mm = 1009 px (96 dpi);
# a column of width w takes 7w + 5 px, and twelve of them must fit.
PAPERS = {"A4": Paper("A4", 9, 7.2, 22, 16, 14), "A3": Paper("A3", 8, 11.0, 30, 22, 18)}
MARGIN_IN = 0.6


def column_pixels(width: float) -> int:
    """Pixels Excel gives a column of ``width`` characters (Calibri 11: 7 px a character and 5 px padding)."""
    return int(width * 7 + 5)


def line_count(text: str, span_px: int, size_pt: float) -> int:
    """Lines ``text`` wraps to in a cell ``span_px`` wide at ``size_pt`` (CJK characters two columns, 5 % slack)."""
    usable = max(span_px - 8, 1) * 0.95
    column_px = size_pt * 96 / 72 / 2  # half an em: a CJK character is two of these
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += max(1, math.ceil(display_width(paragraph) * column_px / usable))
    return lines


def row_height(texts: list[tuple[str, int]], size_pt: float) -> float:
    """Row height in points for the tallest of ``(text, span_px)`` at ``size_pt``."""
    lines = max((line_count(t, px, size_pt) for t, px in texts), default=1)
    return round(lines * size_pt * 1.45 + 6, 1)


class _Writer:
    """Writes rows of merged spans down the sheet, keeping track of the row."""

    def __init__(self, ws: Any, paper: Paper) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        self.ws, self.paper, self.row = ws, paper, 1
        self.col_px = column_pixels(paper.column_width)
        thin = Side(style="thin", color="000000")
        self.box = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.Font, self.Alignment = Font, Alignment

    def line(self, text: str, size: float, bold: bool = False, align: str = "left", first: int = 1,
             span: int = GRID, height: float | None = None) -> None:
        """One paragraph across ``span`` grid columns from ``first``, wrapped, its row as tall as the text."""
        self.cells([(text, span)], size, bold=bold, align=align, first=first, boxed=False, height=height)

    def cells(self, spans: list[tuple[str, int]], size: float, bold: bool = False, align: str = "left",
              first: int = 1, boxed: bool = True, height: float | None = None) -> None:
        """One row of cells, each spanning some grid columns."""
        col, measured = first, []
        for text, span in spans:
            cell = self.ws.cell(row=self.row, column=col, value=formula_safe(text) if text else None)
            cell.font = self.Font(name=FONT_NAME, size=size, bold=bold)
            across = "center" if boxed and str(text).isdigit() else align  # counts centred in their column
            cell.alignment = self.Alignment(wrap_text=True, vertical="center" if bold else "top", horizontal=across)
            if span > 1:
                self.ws.merge_cells(start_row=self.row, start_column=col, end_row=self.row, end_column=col + span - 1)
            if boxed:
                for c in range(col, col + span):
                    self.ws.cell(row=self.row, column=c).border = self.box
            measured.append((text or "", self.col_px * span))
            col += span
        self.ws.row_dimensions[self.row].height = height or row_height(measured, size)
        self.row += 1

    def gap(self, points: float) -> None:
        """An empty row ``points`` high."""
        self.ws.row_dimensions[self.row].height = points
        self.row += 1


def draw_notice(ws: Any, notice: Notice, paper: Paper = PAPERS["A4"]) -> None:
    """Lay ``notice`` out on the empty sheet ``ws`` and set it up to print on ``paper`` portrait at 100 %."""
    from openpyxl.utils import get_column_letter

    for col in range(1, GRID + 1):
        ws.column_dimensions[get_column_letter(col)].width = paper.column_width
    body, out = paper.body_pt, _Writer(ws, paper)
    out.line(notice.title, paper.title_pt, bold=True, align="center")
    out.line(notice.period_line, body, align="center")
    out.gap(body / 2)
    out.line(notice.intro, body)
    for part in notice.parts:
        out.line(part.heading, paper.heading_pt, bold=True)
        if part.rows:
            out.cells(list(zip(part.headers, part.shares)), body, bold=True, align="center")
            for row in part.rows:
                out.cells(list(zip(row, part.shares)), body)
        for note in part.notes:
            out.line(note, body)
        out.gap(body / 2)
    out.line(notice.period_line + "。", body)
    out.line(notice.phone_line, body)
    out.line(QUESTIONS_LINE, body)
    out.gap(body)
    out.line(notice.review_line, body)
    out.gap(body * 3)  # room for the seal over the issuers
    for issuer in notice.issuers:
        out.line(issuer, body, align="right")
    out.line(notice.date_line, body, align="right")
    out.line("（盖章）", body, align="right")
    _print_setup(ws, paper, out.row - 1)


def _print_setup(ws: Any, paper: Paper, last_row: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.page_setup.paperSize = paper.code
    ws.page_setup.orientation = "portrait"
    # The grid fits the paper at 100 % with Calibri's metrics (Excel, WPS): fitting to the width only
    # shrinks where a program measures columns with a wider stand-in font, instead of spilling a page across.
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = False
    ws.sheet_view.showGridLines = False
    ws.print_area = f"A1:{get_column_letter(GRID)}{last_row}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
