"""A fast .xlsx writer for the export's large workbook: the sheet XML is written as text, row by row.

openpyxl builds an object per cell and serialises each through an XML library;
for the ten-year village's 80,000 cells that cost more than the rest of the
export together. The export's workbook needs only what
:func:`village_tui.exchange.report_xlsx.build_workbook` lays out (bold grey
header row frozen and repeated on each page, column widths, wrapped long text,
``yyyy-mm-dd`` dates, A4 fitted to the page width, gridlines, page header and
footer), so this module writes exactly that as SpreadsheetML. Text is stored as
inline strings after :func:`village_tui.exchange.report_xlsx.cell_value`, so no
cell can be a formula; characters XML 1.0 cannot hold are dropped.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

from village_tui.domain.safe_text import formula_safe
from village_tui.exchange.report_xlsx import _WRAP_AT, A4, SheetData, cell_value, column_widths

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_EPOCH = date(1899, 12, 30)
# Characters XML 1.0 cannot hold (tab, newline and CR are allowed), and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_PAGE_FOOTER = "&C第 &P 页，共 &N 页"  # page number and page count codes
# Style indexes of styles.xml below.
_HEADER, _DATE, _WRAP = 1, 2, 3

_STYLES = (
    f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="00DDDDDD"/><bgColor rgb="00DDDDDD"/></patternFill></fill>'
    '</fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)


def _xml(text: str) -> str:
    if _NOT_XML.search(text) is not None:
        text = _NOT_XML.sub("", text)
    if "&" in text or "<" in text or ">" in text or '"' in text:
        text = text.translate(_ESCAPES)
    return text


def column_letter(index: int) -> str:
    """``1`` → ``A``, ``27`` → ``AA``."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: Any, style: int) -> str:
    """One ``<c>`` element of a value already through :func:`cell_value`, or ``""`` for an empty unstyled cell."""
    s = f' s="{style}"' if style else ""
    if type(value) is str:
        text = _xml(value)
        if not text:
            return f'<c r="{ref}"{s}/>' if style else ""
        space = ' xml:space="preserve"' if text[0] in " \t\n" or text[-1] in " \t\n" else ""
        return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if value is None:
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        return f'<c r="{ref}" s="{_DATE}"><v>{(day - _EPOCH).days}</v></c>'
    return _cell(ref, str(value), style)


def _centred(text: str) -> str:
    """A centred page header section holding ``text`` literally (``&`` starts a code there, so it is doubled)."""
    return _xml("&C" + text.replace("&", "&&"))


def sheet_xml(sheet: SheetData) -> str:
    """The worksheet part of one sheet."""
    widths = column_widths(sheet)
    letters = [column_letter(i) for i in range(1, max(len(widths), max(map(len, sheet.rows), default=0)) + 1)]
    wrapped = {i for i, width in enumerate(widths) if width >= _WRAP_AT}
    landscape = "landscape" if sum(widths) > 100 else "portrait"
    last = f"{letters[-1] if letters else 'A'}{len(sheet.rows) + 1}"
    parts = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">',
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
        f'<dimension ref="A1:{last}"/>',
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
        '<sheetFormatPr defaultRowHeight="15"/>',
    ]
    if widths:
        parts.append("<cols>" + "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                                        for i, w in enumerate(widths, start=1)) + "</cols>")
    parts.append("<sheetData>")
    parts.append('<row r="1">' + "".join(_cell(f"{letters[i]}1", cell_value(h), _HEADER)
                                         for i, h in enumerate(sheet.headers)) + "</row>")
    for number, row in enumerate(sheet.rows, start=2):
        cells = "".join(_cell(f"{letters[i]}{number}", cell_value(v), _WRAP if i in wrapped else 0)
                        for i, v in enumerate(row) if v is not None and v != "")
        parts.append(f'<row r="{number}">{cells}</row>')
    parts.append("</sheetData>")
    parts.append('<printOptions gridLines="1"/>')
    parts.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>')
    parts.append(f'<pageSetup paperSize="{A4}" orientation="{landscape}" fitToWidth="1" fitToHeight="0"/>')
    header = f"<oddHeader>{_centred(formula_safe(sheet.heading))}</oddHeader>" if sheet.heading else ""
    parts.append(f"<headerFooter>{header}<oddFooter>{_xml(_PAGE_FOOTER)}</oddFooter></headerFooter>")
    parts.append("</worksheet>")
    return "".join(parts)


def _sheet_names(sheets: list[SheetData]) -> list[str]:
    names: list[str] = []
    for sheet in sheets:
        base = re.sub(r"[\[\]:*?/\\]", "_", sheet.title)[:31] or "Sheet"
        name, number = base, 2
        while name in names:
            name, number = f"{base[:28]}{number}", number + 1
        names.append(name)
    return names


def stream_workbook_bytes(sheets: list[SheetData]) -> bytes:
    """The .xlsx file of ``sheets`` as bytes, laid out like :func:`report_xlsx.build_workbook`."""
    names = _sheet_names(sheets)
    count = len(sheets)
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                  for i in range(1, count + 1))
        + "</Types>")
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    book_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
        + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                  for i in range(1, count + 1))
        + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')
    titles = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
        f"{_xml(chr(39) + name.replace(chr(39), chr(39) * 2) + chr(39))}!$1:$1</definedName>"
        for i, name in enumerate(names))
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<bookViews><workbookView/></bookViews><sheets>'
        + "".join(f'<sheet name="{_xml(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1))
        + "</sheets>" + (f"<definedNames>{titles}</definedNames>" if titles else "") + "</workbook>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as book:
        book.writestr("[Content_Types].xml", content_types)
        book.writestr("_rels/.rels", root_rels)
        book.writestr("xl/workbook.xml", workbook)
        book.writestr("xl/_rels/workbook.xml.rels", book_rels)
        book.writestr("xl/styles.xml", _STYLES)
        for i, sheet in enumerate(sheets, start=1):
            book.writestr(f"xl/worksheets/sheet{i}.xml", sheet_xml(sheet).encode("utf-8", "replace"))
    return buffer.getvalue()
