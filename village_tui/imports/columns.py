"""The kinds a spreadsheet can hold and their Chinese column headers.

A workbook has one sheet per kind, named after the kind (``走访``); a CSV file
holds one kind and is named after it (``走访.csv``). Columns may come in any
order; columns not listed here are ignored (the import says so).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SheetKind:
    """One kind of sheet.

    Attributes:
        name: The Chinese name, also the sheet and file name (``"走访"``).
        store_kind: The record kind in the store (``"visits"``).
        columns: Every header, in template order.
        required: Headers that must be present as columns.
        example: One example row for the template, in column order.
    """

    name: str
    store_kind: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    example: tuple[str, ...]


KINDS: tuple[SheetKind, ...] = (
    # 干部编号 (optional): which cadre a row means; empty: by name; 「新」: a new person even when the name is taken.
    SheetKind("干部", "cadres", ("姓名", "职务", "任期开始", "任期结束", "负责组别", "帮带", "电话", "干部编号"),
              ("姓名", "职务", "任期开始"),
              ("张建国", "书记", "2024-01-01", "", "1组、2组", "是", "13800001111", "")),
    SheetKind("农户", "households", ("户编号", "户主", "身份证号", "组别", "人口", "电话", "外出", "困难类别", "住址",
                                    "登记日期"),
              ("户编号", "户主", "组别"),
              ("0001", "李大山", "", "1组", "4", "13900002222", "否", "低保户", "1组12号", "")),
    # A household's 外出, 困难类别, 组别 and 迁出 from a day on; the 农户 sheet gives them before these changes.
    SheetKind("农户变动", "households", ("户编号", "变动日期", "项目", "新值"), ("户编号", "变动日期", "项目"),
              ("0001", "2026-03-01", "外出", "是")),
    SheetKind("特殊时期", "special_periods", ("开始日期", "结束日期", "事由"), ("开始日期", "结束日期", "事由"),
              ("2026-03-01", "2026-04-30", "森林防火")),
    SheetKind("值班", "duty", ("日期", "值班干部", "签到时间", "接待人次", "备注"), ("日期", "值班干部"),
              ("2026-11-02", "张建国", "08:30", "3", "")),
    SheetKind("走访", "visits", ("日期", "干部", "户编号", "方式", "情况", "诉求"), ("日期", "干部", "户编号"),
              ("2026-11-03", "张建国", "0001", "入户", "家中老人身体尚好", "希望修缮屋顶")),
    SheetKind("帮扶", "pairings", ("干部", "户编号", "类型", "开始日期", "结束日期", "措施"),
              ("干部", "户编号", "类型", "开始日期"),
              ("张建国", "0001", "帮扶", "2026-01-01", "", "技术、信息")),
    SheetKind("民情", "ledger", ("编号", "登记日期", "来源", "户编号", "类别", "内容", "层级", "状态", "承办人",
                               "期限", "办结日期", "满意度"),
              ("登记日期", "来源", "类别", "内容"),
              ("2026-0001", "2026-11-03", "走访", "0001", "住房", "屋顶漏雨，希望修缮", "村", "办理中", "张建国",
               "2026-12-03", "", "")),
    SheetKind("分析会", "meetings", ("日期", "参会人员", "讨论事项", "决定"), ("日期", "参会人员"),
              ("2026-11-25", "张建国", "2026-0001", "安排村建筑队修缮屋顶")),
)

BY_NAME: dict[str, SheetKind] = {k.name: k for k in KINDS}

# The optional sheet that sets up the village on a first import into an empty folder.
VILLAGE_SHEET = "村"
VILLAGE_COLUMNS = ("村名", "乡镇", "县")

BAD_ROWS_SUFFIX = "-有问题的行"
PROBLEM_COLUMN = "问题"


def kind_for_name(name: str) -> SheetKind | None:
    """The kind of a sheet or file called ``name`` (``"走访"``, ``"走访-有问题的行"``), or None."""
    text = name.strip()
    if text in BY_NAME:
        return BY_NAME[text]
    found = [kind for kind in KINDS if text.startswith(kind.name)]
    return max(found, key=lambda kind: len(kind.name)) if found else None  # 农户变动-有问题的行 is 农户变动
