"""Limits of an import, checked while the file is streamed, before everything is read.

A spreadsheet is hostile until checked: a 1.5 MB workbook can unpack into one
1.5 GB cell (a zip bomb) and a sheet can hold a million rows. The limits are
sized for the largest real village with room to spare: 5,000 households with
ten years of visits, duty days and ledger items come to about 100,000 rows
across the sheets (the ten-year demo village of 3,000 households has 80,000
visits), a workbook of that size is about 10 MB, and no field the program keeps
is longer than 2,000 characters.

=======================  ============  ==========================================
limit                    value         why
=======================  ============  ==========================================
file size                50 MB         a 100,000-row CSV is about 20 MB
rows in one sheet / CSV  100,000       ten years of visits of 5,000 households
rows of 农户             10,000        twice the largest village's households
part of a workbook       128 MB        a 100,000-row sheet's XML is about 50 MB
shared strings and other 32 MB         loaded whole by openpyxl, so kept small
all parts together       256 MB        unpacked, the whole workbook
characters in one cell   10,000        5x the longest text the program keeps
=======================  ============  ==========================================

A workbook is checked in three steps, each before the next reads more: the
file's size on disk; each part's unpacked size as the zip declares it (Python's
zip reader never yields more than the declared size, so a lie is caught by the
checksum); then each sheet's XML is streamed through a byte scan that counts
rows and finds any run of text longer than a cell may be, before openpyxl parses
it. The reader then counts rows and measures cells again as it goes.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from village_tui.domain.errors import DomainError

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
MAX_ROWS = 100_000
# Kinds kept whole in reference.json get a lower limit: every household is rewritten with it.
KIND_ROW_LIMITS = {"农户": 10_000}
MAX_SHEET_PART_BYTES = 128 * MB
MAX_OTHER_PART_BYTES = 32 * MB
MAX_UNPACKED_BYTES = 256 * MB
MAX_CELL_CHARS = 10_000
# A cell's text in the XML: up to 4 bytes a character in UTF-8, 6 for an escaped one (&quot;).
_MAX_TEXT_BYTES = MAX_CELL_CHARS * 6
_CHUNK = 1024 * 1024
_ROW_TAG = re.compile(rb"<(?:[A-Za-z0-9_]+:)?row[\s>/]")
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_ADVICE = "请检查是不是选错了文件；确实这么大时，请分成几个文件导入"


class LimitExceeded(DomainError):
    """A file passes a limit of the import; the message names the limit and where it was passed."""


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"


def check_file_size(path: Path) -> None:
    """Refuse a file larger than :data:`MAX_FILE_BYTES` (before a byte of it is read)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise LimitExceeded(f"文件 {path.name} 有 {_mb(size)}，超过导入文件大小的上限 {_mb(MAX_FILE_BYTES)}。{_ADVICE}")


def row_limit(sheet: str) -> int:
    """The most rows of data a sheet (or CSV file) of this name may hold."""
    return min(MAX_ROWS, KIND_ROW_LIMITS.get(sheet, MAX_ROWS))


def row_limit_message(sheet: str) -> str:
    """The Chinese refusal of a sheet over the row limit."""
    limit = row_limit(sheet)
    return f"工作表「{sheet}」超过 {limit} 行（这种表每张或每个 CSV 文件最多 {limit} 行）。{_ADVICE}"


def cell_limit_message(sheet: str, row: int | None, column: str | None, length: int | None) -> str:
    """The Chinese refusal of a cell over :data:`MAX_CELL_CHARS`."""
    where = f"第{row}行" if row else ""
    where += f"「{column}」列" if column else ""
    size = f"有 {length} 个字，" if length else ""
    return (f"工作表「{sheet}」{where}的单元格{size}超过每格 {MAX_CELL_CHARS} 个字的上限。"
            "请检查是不是粘贴了多余的内容")


def check_zip_parts(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a workbook whose parts unpack beyond the limits, from the sizes the zip declares.

    Args:
        archive: The workbook opened as a zip (nothing unpacked yet).
        name: The file's name, for the message.
    """
    total = 0
    for info in archive.infolist():
        limit = MAX_SHEET_PART_BYTES if _SHEET_PART.match(info.filename) else MAX_OTHER_PART_BYTES
        if info.file_size > limit:
            raise LimitExceeded(f"工作簿 {name} 中的 {info.filename} 解压后有 {_mb(info.file_size)}，"
                                f"超过上限 {_mb(limit)}（可能是损坏或恶意的文件，或单元格内容过长）。{_ADVICE}")
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise LimitExceeded(f"工作簿 {name} 解压后共 {_mb(total)}，超过上限 {_mb(MAX_UNPACKED_BYTES)}。{_ADVICE}")


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part of a workbook with the sheet's title, read from the workbook's own index.

    openpyxl parses a whole sheet on opening when it has no ``<dimension>``, so the
    sheets are scanned before openpyxl opens the workbook; this names them.
    Parts not in the index keep their part name.
    """
    import posixpath
    from xml.etree import ElementTree

    names = set(archive.namelist())
    parts = {name: name for name in names if _SHEET_PART.match(name)}
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return parts
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = target
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") or sheet.tag == "sheet":
            rel_id = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            part = targets.get(rel_id)
            if part in names:
                parts[part] = (sheet.get("name") or part).strip()
    return parts


def check_workbook(archive: zipfile.ZipFile, name: str) -> None:
    """Every check of a workbook before openpyxl reads it: part sizes, shared strings, each sheet's rows and cells.

    Args:
        archive: The workbook as a zip.
        name: The file's name, for the messages.
    """
    check_zip_parts(archive, name)
    if "xl/sharedStrings.xml" in archive.namelist():  # loaded whole by openpyxl
        scan_part(archive, "xl/sharedStrings.xml", "共享文字", count_rows=False)
    for part, title in sorted(sheet_parts(archive).items()):
        scan_part(archive, part, title)


def scan_part(archive: zipfile.ZipFile, part: str, sheet: str, count_rows: bool = True) -> None:
    """Stream one part of a workbook and refuse it for too many rows or too long a text, before it is parsed.

    Only the last few bytes of each chunk are kept, so memory stays flat whatever the size.

    Args:
        archive: The workbook as a zip.
        part: The part's name in the zip (``xl/worksheets/sheet1.xml``).
        sheet: The sheet's title, for the message.
        count_rows: Count rows (a sheet); False for the shared strings.
    """
    rows, most = 0, row_limit(sheet) + 1  # the header row and the rows of data
    run = 0  # bytes since the last "<" at the end of the previous chunk
    carry = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            if count_rows:
                data = carry + chunk
                rows += len(_ROW_TAG.findall(data)) - len(_ROW_TAG.findall(carry))
                carry = data[-16:]
                if rows > most:
                    raise LimitExceeded(row_limit_message(sheet))
            pieces = chunk.split(b"<")
            if len(pieces) == 1:
                run += len(chunk)
            else:
                longest = max(map(len, pieces[1:-1]), default=0)
                if run + len(pieces[0]) > _MAX_TEXT_BYTES or longest > _MAX_TEXT_BYTES:
                    raise LimitExceeded(cell_limit_message(sheet, None, None, None))
                run = len(pieces[-1])
            if run > _MAX_TEXT_BYTES:
                raise LimitExceeded(cell_limit_message(sheet, None, None, None))
