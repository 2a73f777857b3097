"""Reading spreadsheets: .xlsx workbooks (one sheet per kind) and .csv files (one kind per file).

openpyxl is imported only when a workbook is read. CSV files may be UTF-8 with or
without a BOM, or GBK/GB18030 as Chinese Excel and WPS save them. Both are read
as streams within the limits of :mod:`village_tui.imports.limits` (file size,
rows per sheet, characters per cell), refused as soon as one is passed.
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from village_tui.domain.error_words import error_words, missing_path
from village_tui.domain.errors import DomainError
from village_tui.domain.normalize import clean_text
from village_tui.imports import limits
from village_tui.imports.limits import LimitExceeded

ENCODINGS = ("utf-8-sig", "gb18030")


class ReadError(DomainError):
    """The file cannot be read as a spreadsheet; the message is Chinese."""


@dataclass
class Sheet:
    """The cells of one sheet or CSV file.

    Attributes:
        name: The sheet name, or the CSV file's name without ``.csv``.
        headers: The cleaned header of each column (``""`` for a blank header).
        rows: ``(row number as shown in Excel, {header: raw cell value})``; blank rows are skipped.
    """

    name: str
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sheet_from_rows(name: str, rows) -> Sheet:
    """Build a sheet from an iterable of row tuples; the first non-blank row is the header.

    Rows are taken one at a time, so a sheet over the row limit or a cell over the
    length limit is refused as soon as it is reached, before the rest is read.

    Raises:
        LimitExceeded: More than :data:`~village_tui.imports.limits.MAX_ROWS` rows, or a longer cell.
    """
    sheet = Sheet(name)
    header_seen = False
    most = limits.row_limit(name) + 1  # the header row and the rows of data
    for number, values in enumerate(rows, start=1):
        values = list(values)
        if number > most:
            raise LimitExceeded(limits.row_limit_message(name))
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS:
                column = sheet.headers[index] if index < len(sheet.headers) else f"第{index + 1}"
                raise LimitExceeded(limits.cell_limit_message(name, number, column, len(value)))
        if all(_blank(v) for v in values):
            continue
        if not header_seen:
            sheet.headers = [clean_text(str(v)).replace(" ", "") if v is not None else "" for v in values]
            header_seen = True
            continue
        cells = {}
        for header, value in zip(sheet.headers, values):
            if header and header not in cells:
                cells[header] = value
        sheet.rows.append((number, cells))
    return sheet


def decode_csv(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK).

    Raises:
        ReadError: Neither encoding fits.
    """
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("无法识别文件的编码：请另存为 UTF-8 或 GBK 编码的 CSV 文件")


def read_csv(path: Path, name: str | None = None) -> Sheet:
    """Read one CSV file as a stream: UTF-8 (with or without BOM) first, then GB18030.

    Args:
        path: The file.
        name: The sheet name to use; by default the file name without ``.csv``.

    Raises:
        ReadError: Unreadable, or in neither encoding.
        LimitExceeded: Over the file size, row or cell limit (found before the rest is read).
    """
    name = name or path.stem
    try:
        limits.check_file_size(path)
        for encoding in ENCODINGS:
            try:
                with open(path, encoding=encoding, newline="") as handle:
                    return _sheet_from_rows(name, csv.reader(handle))
            except UnicodeDecodeError:
                continue
    except OSError as error:
        raise ReadError(f"不能读取文件 {path}：{error_words(error)}") from None
    except csv.Error as error:
        if "field larger than field limit" in str(error):  # the csv module's own cap, above MAX_CELL_CHARS
            raise LimitExceeded(limits.cell_limit_message(name, None, None, None)) from None
        raise ReadError("CSV 文件格式有误（引号不成对或一行里有不该有的字符）") from None
    raise ReadError("无法识别文件的编码：请另存为 UTF-8 或 GBK 编码的 CSV 文件")


def read_xlsx(path: Path) -> list[Sheet]:
    """Read every sheet of a workbook (values, not formulas).

    Raises:
        ReadError: The file is not a workbook openpyxl can read.
    """
    import openpyxl  # only the import of a workbook needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        limits.check_file_size(path)
        with zipfile.ZipFile(path) as archive:
            limits.check_workbook(archive, path.name)  # before openpyxl parses a byte of any sheet
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except LimitExceeded:
        raise
    except (OSError, InvalidFileException, KeyError, ValueError) as error:
        raise ReadError(f"不能打开工作簿 {path.name}：{error_words(error)}") from None
    except Exception as error:  # a damaged zip raises BadZipFile and friends
        raise ReadError(f"不能打开工作簿 {path.name}：{error_words(error)}") from None
    try:
        return [_sheet_from_rows(ws.title.strip(), ws.iter_rows(values_only=True)) for ws in book.worksheets]
    except LimitExceeded:
        raise
    except Exception as error:  # a part damaged inside a zip that opened
        raise ReadError(f"不能读取工作簿 {path.name}：{error_words(error)}") from None
    finally:
        book.close()


def read_file(path: Path | str, kind_name: str | None = None) -> list[Sheet]:
    """Read a .xlsx workbook, a .csv file, or a folder of CSV files named after their kinds.

    Args:
        path: The file or folder.
        kind_name: For a CSV, the kind it holds (``"走访"``) when the file is not named after it.

    Raises:
        ReadError: Missing file, unknown type or kind, or unreadable content.
    """
    from village_tui.imports.columns import BY_NAME, KINDS, kind_for_name

    path = Path(path)
    try:
        # is_dir/is_file raise (not return False) for a name too long or a path the system refuses.
        is_dir, is_file = path.is_dir(), path.is_file()
    except (OSError, ValueError):
        is_dir = is_file = False
    if is_dir:
        files = [path / f"{k.name}.csv" for k in KINDS if (path / f"{k.name}.csv").is_file()]
        if not files:
            raise ReadError(f"文件夹 {path} 里没有按种类命名的 CSV 文件（如 走访.csv）")
        return [read_csv(f) for f in files]
    if not is_file:
        raise ReadError(missing_path(path, "文件或文件夹"))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".csv", ".txt"):
        if kind_name is not None and kind_name not in BY_NAME:
            raise ReadError(f"没有「{kind_name}」这种表，应为：{'、'.join(BY_NAME)}")
        kind = BY_NAME.get(kind_name or "") or kind_for_name(path.stem)
        if kind is None:
            raise ReadError(f"无法从文件名「{path.name}」判断是哪种表：请把文件命名为 走访.csv 这样，"
                            f"或指定种类（{'、'.join(BY_NAME)}）")
        return [read_csv(path, kind.name)]
    if suffix == ".xls":
        raise ReadError("不支持旧版 .xls 文件：请在 Excel 或 WPS 中另存为 .xlsx 或 .csv")
    raise ReadError(f"不支持的文件类型 {suffix or '（无扩展名）'}：请使用 .xlsx 或 .csv")
