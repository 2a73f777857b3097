"""Blank import templates: one workbook with the 村 sheet and a sheet per kind, and one CSV per kind.

Each has the headers of :mod:`village_tui.imports.columns` and one example row.
The CSVs are UTF-8 with a BOM so that Excel and WPS open them with Chinese intact.
"""

from __future__ import annotations

import csv
from pathlib import Path

from village_tui.domain.safe_text import formula_safe
from village_tui.imports.columns import KINDS, VILLAGE_COLUMNS, VILLAGE_SHEET

WORKBOOK_NAME = "导入模板.xlsx"
# The village a first import into an empty folder sets up (ignored when the folder has its settings).
VILLAGE_EXAMPLE = ("东风村", "青山镇", "田县")
VILLAGE_NOTE = "只在第一次导入到空的数据文件夹时使用（建立村庄）；数据文件夹已有村庄设置时这张表不起作用"
# Notes on header cells of the workbook (shown when the mouse is over the cell in Excel or WPS).
HEADER_NOTES = {
    ("干部", "干部编号"): "可不填：按姓名对应已有干部（职务、任期开始须与之相同）；填干部编号：更新这位干部；"
                        "填「新」：新增一位干部（与已有干部同名时用）",
    ("农户", "外出"): "这户在农户变动表里有外出变动时，填变动以前的情况",
    ("农户", "困难类别"): "可填多个，用、分隔；在农户变动表里有变动时，填变动以前的情况",
    ("农户", "组别"): "在农户变动表里有组别变动时，填变动以前的组",
    ("农户", "登记日期"): "迁入本村的日期；空白表示一直住在村里（早于所有记录）",
    ("农户变动", "变动日期"): "新值从这一天起生效",
    ("农户变动", "项目"): "外出、困难类别、组别或迁出",
    ("农户变动", "新值"): "外出填是或否；困难类别可填多个（用、分隔），空白表示没有；组别填组名；迁出不填",
}


def write_templates(folder: Path | str) -> list[Path]:
    """Write ``导入模板.xlsx`` and ``<kind>.csv`` for every kind into ``folder`` (created when missing).

    Returns:
        The files written, the workbook first.

    Raises:
        OSError: The folder cannot be written.
    """
    import openpyxl  # only the template and the import of workbooks need it
    from openpyxl.comments import Comment

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    village = book.create_sheet(VILLAGE_SHEET)  # first: an empty folder needs the village before anything else
    village.append(list(VILLAGE_COLUMNS))
    village.append(list(VILLAGE_EXAMPLE))
    for index, header in enumerate(VILLAGE_COLUMNS, start=1):
        village.column_dimensions[openpyxl.utils.get_column_letter(index)].width = 14
        village.cell(row=1, column=index).comment = Comment(VILLAGE_NOTE, "村干部工作台")
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
            note = HEADER_NOTES.get((kind.name, header))
            if note:
                sheet.cell(row=1, column=index).comment = Comment(note, "村干部工作台")
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
