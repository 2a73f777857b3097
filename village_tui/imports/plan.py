"""The import plan: every row read and checked before anything is written.

:func:`build_plan` reads the sheets against the records already in the folder and
returns an :class:`ImportPlan`: the records to add, the records to update, the rows
left unchanged and the problems, each named by sheet, row and column in Chinese.
Rows are matched to records already kept, so importing the same file twice adds
nothing: households by 户编号 (their 农户变动 rows by the dated facts they give), cadres by 姓名, visits by (日期, 干部, 户, 方式),
duty by 日期, pairings by (干部, 户, 类型, 开始日期), ledger items by 编号 (or by
登记日期 and 内容 when there is no number), meetings by 日期, special periods by
(开始日期, 结束日期, 事由).

Records new in the file get temporary negative ids so that rows can refer to a
cadre or a household added by the same file; :mod:`village_tui.imports.apply`
swaps them for the real ids once those records are saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from village_tui.domain.models import VillageSettings
from village_tui.imports.columns import BY_NAME, KINDS, VILLAGE_SHEET
from village_tui.imports.readers import Sheet


@dataclass(frozen=True)
class Problem:
    """A cell or row that cannot be imported.

    Attributes:
        sheet: The kind's Chinese name (``"走访"``).
        row: The row number as Excel shows it (the header is row 1), or 0 for the whole sheet.
        column: The column header, or ``""`` for the whole row.
        message: What is wrong, in Chinese.
    """

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}表" + (f"第{self.row}行" if self.row else "")
        return f"{where}{f'「{self.column}」列' if self.column else ''}：{self.message}"


@dataclass
class KindPlan:
    """What the import does with one kind.

    Attributes:
        name: The kind's Chinese name.
        headers: The sheet's headers as read (for the file of bad rows).
        add: New records (ledger gaps are filled with cancelled placeholders, see ``placeholders``).
        update: Changed records, with their ids.
        unchanged: Rows that match a record already kept, unchanged.
        bad_rows: ``(row number, raw cells)`` of rows with problems.
        placeholders: How many of ``add`` only keep a ledger number free.
    """

    name: str
    headers: list[str] = field(default_factory=list)
    add: list[Any] = field(default_factory=list)
    update: list[Any] = field(default_factory=list)
    unchanged: int = 0
    bad_rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    placeholders: int = 0

    @property
    def adds(self) -> int:
        """Records added from rows (placeholders not counted)."""
        return len(self.add) - self.placeholders

    def place(self, record: Any, existing: Any | None) -> None:
        """Plan ``record``: added when nothing is kept yet, updated when it differs from ``existing``."""
        if existing is None:
            self.add.append(record)
        elif record != existing:
            self.update.append(record)
        else:
            self.unchanged += 1


@dataclass
class ImportPlan:
    """Everything an import would do, worked out before writing.

    Attributes:
        kinds: One plan per kind found, in the order they are applied.
        problems: Every problem found; nothing is written while there are any (unless skipping bad rows).
        notes: Remarks that do not stop the import (ignored columns and sheets, added groups).
        settings: The village settings to save first (a new village or added groups), or None.
    """

    kinds: dict[str, KindPlan] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    settings: VillageSettings | None = None

    @property
    def ok(self) -> bool:
        """True when every row can be imported."""
        return not self.problems

    @property
    def empty(self) -> bool:
        """True when nothing would be added or changed."""
        return not any(k.add or k.update for k in self.kinds.values()) and self.settings is None

    def summary_lines(self) -> list[str]:
        """One Chinese line per kind: how many rows are added, updated, unchanged and bad."""
        lines = []
        for plan in self.kinds.values():
            line = f"{plan.name}：新增 {plan.adds} 条，更新 {len(plan.update)} 条，不变 {plan.unchanged} 条"
            if plan.bad_rows:
                line += f"，有问题 {len(plan.bad_rows)} 行"
            lines.append(line)
        return lines


def build_plan(service, sheets: list[Sheet], village: tuple[str, str, str] | None = None) -> ImportPlan:
    """Read and check every row of ``sheets`` against the folder of ``service``.

    Args:
        service: The opened :class:`~village_tui.service.VillageService` (only read here).
        sheets: The sheets read from the file.
        village: ``(村名, 乡镇, 县)`` for a folder that has no village yet (else a sheet named 村 is used).

    Returns:
        The plan; nothing has been written.
    """
    from village_tui.imports.plan_context import PlanContext
    from village_tui.imports.plan_history import CHANGES_SHEET, changed_facts, plan_household_changes
    from village_tui.imports.plan_ledger import plan_ledger, plan_meetings
    from village_tui.imports.plan_people import plan_cadres, plan_households, plan_periods
    from village_tui.imports.plan_work import plan_duty, plan_pairings, plan_visits

    plan = ImportPlan()
    by_kind: dict[str, Sheet] = {}
    village_sheet = None
    for sheet in sheets:
        if sheet.name == VILLAGE_SHEET:
            village_sheet = sheet
        elif sheet.name in BY_NAME and sheet.name not in by_kind:
            by_kind[sheet.name] = sheet
        else:
            plan.notes.append(f"工作表「{sheet.name}」不是可导入的表，已忽略")
    ctx = PlanContext(service, plan)
    ctx.set_up_village(village, village_sheet)
    ctx.household_changes = changed_facts(by_kind.get(CHANGES_SHEET))
    planners = {"干部": plan_cadres, "农户": plan_households, CHANGES_SHEET: plan_household_changes,
                "特殊时期": plan_periods, "帮扶": plan_pairings, "走访": plan_visits, "值班": plan_duty,
                "民情": plan_ledger, "分析会": plan_meetings}
    for kind in (BY_NAME[n] for n in planners):
        sheet = by_kind.get(kind.name)
        if sheet is None:
            continue
        if not ctx.check_headers(kind, sheet):
            continue
        planners[kind.name](ctx, sheet)
    if not by_kind and not plan.problems:
        names = "、".join(k.name for k in KINDS)
        plan.problems.append(Problem("", 0, "", f"文件里没有可导入的表（工作表或文件名应为：{names}）"))
    ctx.finish()
    return plan
