"""Blank import templates: one workbook with a sheet per kind, and one CSV per kind.

Each has the headers of :mod:`village_tui.imports.columns` and one example row.
The CSVs are UTF-8 with a BOM so that Excel and WPS open them with Chinese intact.
"""

from __future__ import annotations

import csv
from pathlib import Path

from village_tui.domain.safe_text import formula_safe
from village_tui.imports.columns import KINDS

WORKBOOK_NAME = "导入模板.xlsx"


def write_templates(folder: Path | str) -> list[Path]:
    """Write ``导入模板.xlsx`` and ``<kind>.csv`` for every kind into ``folder`` (created when missing).

    Returns:
        The files written, the workbook first.

    Raises:
        OSError: The folder cannot be written.
    """
    import openpyxl  # only the template and the import of workbooks need it

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for kind in KINDS:
        sheet = book.create_sheet(kind.name)
        sheet.append([formula_safe(v) for v in kind.columns])
        sheet.append([formula_safe(v) for v in kind.example])
        for index, header in enumerate(kind.columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            sheet.column_dimensions[letter].width = max(10, 2 * len(header) + 4, len(kind.example[index - 1]) + 4)
            # Text cells, so that 户编号 0001 and ledger numbers keep their zeros when typed in Excel.
            for row in range(1, 200):
                sheet.cell(row=row, column=index).number_format = "@"
    workbook = folder / WORKBOOK_NAME
    book.save(workbook)
    written = [workbook]
    for kind in KINDS:
        path = folder / f"{kind.name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([formula_safe(v) for v in kind.columns])
            writer.writerow([formula_safe(v) for v in kind.example])
        written.append(path)
    return written
