"""Workbooks and CSV files for the import tests, built with openpyxl and the csv module."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl

from village_tui.domain.validation import id_check_digit

TODAY = date(2026, 11, 27)
VILLAGE = ("东风村", "青山镇", "田县")


def valid_id(first17: str) -> str:
    """A valid 18-digit ID number from its first 17 digits."""
    return first17 + id_check_digit(first17)


def sheets() -> dict[str, list[list]]:
    """The eight sheets of a small village in October and November 2026, headers first.

    Cells mix the forms a real workbook has: date cells, Excel serial numbers,
    text dates in several spellings, numbers for codes and phones, and groups
    written as 1, 1组 and 一组.
    """
    return {
        "干部": [["姓名", "职务", "任期开始", "任期结束", "负责组别", "帮带", "电话", "备注"],
                 ["张建国", "书记", datetime(2024, 1, 5), None, "1组", "否", 13812345678, "老支书"],
                 ["李秀英", "委员", "2024/1/5", "", "二组、3", "是", "", ""]],
        "农户": [["户编号", "户主", "身份证号", "组别", "人口", "电话", "外出", "困难类别", "住址"],
                 ["0001", "王大山", valid_id("11010519491231002"), 1, 3, "13812340001", "否", "", "1组1号"],
                 ["0002", "曾小明", "", "一组", 2, "", "否", "低保户", ""],
                 ["0003", "单丽华", "", "2组", 4, "", "是", "", ""],
                 ["0004", "赵四", "", "3", "", "", "", "", ""]],
        "特殊时期": [["开始日期", "结束日期", "事由"], ["2026年11月10日", "2026.11.11", "森林防火"]],
        "值班": [["日期", "值班干部", "签到时间", "接待人次", "备注"],
                 [46327, "张建国", "08:30", 2, ""],  # Excel serial 46327 = 2026-11-01
                 ["20261102", "李秀英", "8:40", "", ""],
                 ["2026-11-10", "张建国、李秀英", "08:00", 0, "防火值守"],
                 ["2026-11-30", "张建国", "", "", "排班"]],
        "走访": [["日期", "干部", "户编号", "方式", "情况", "诉求"],
                 ["2026-11-03", "张建国", "0001", "入户", "身体尚好", "修屋顶"],
                 ["2026-11-04", "李秀英", "0003", "电话", "在外务工", ""],
                 ["2026-11-05", "李秀英", "0002", "", "", ""]],
        "帮扶": [["干部", "户编号", "类型", "开始日期", "结束日期", "措施"],
                 ["张建国", "0002", "帮扶", "2026-01-01", "", "技术、信息"],
                 ["李秀英", "0002", "帮扶", "2026-01-01", "", "资金"]],
        "民情": [["编号", "登记日期", "来源", "户编号", "类别", "内容", "层级", "状态", "承办人", "期限",
                  "办结日期", "满意度"],
                 ["2026-0001", "2026-10-08", "走访", "0001", "住房", "屋顶漏雨", "村", "已办结", "张建国",
                  "2026-10-30", "2026-10-20", "满意"],
                 ["2026-0003", "2026-11-03", "走访", "0001", "行路", "村道破损", "乡镇", "办理中", "张建国",
                  "2026-11-10", "", ""]],
        "分析会": [["日期", "参会人员", "讨论事项", "决定"],
                   ["2026-10-25", "张建国、李秀英", "2026-0001", "尽快修缮"],
                   ["2026-11-25", "张建国、李秀英", "2026-0003", "报乡镇"]],
    }


def write_workbook(path: Path, data: dict[str, list[list]] | None = None, village: bool = True) -> Path:
    """Write ``data`` (default :func:`sheets`) as a workbook, with a 村 sheet unless ``village`` is False."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    if village:
        sheet = book.create_sheet("村")
        sheet.append(["村名", "乡镇", "县"])
        sheet.append(list(VILLAGE))
    for name, rows in (data or sheets()).items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8-sig") -> Path:
    """Write rows as CSV in ``encoding`` (``gbk`` for what Chinese Excel saves)."""
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out).writerows([["" if v is None else v for v in row] for row in rows])
    return path
