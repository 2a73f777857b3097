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

from typing import TYPE_CHECKING

from village_tui.imports.columns import BY_NAME, KINDS, VILLAGE_SHEET
from village_tui.imports.import_plan import ImportPlan, KindPlan, Problem
from village_tui.imports.plan_context import PlanContext
from village_tui.imports.plan_history import CHANGES_SHEET, changed_facts, plan_household_changes
from village_tui.imports.plan_ledger import plan_ledger, plan_meetings
from village_tui.imports.plan_people import plan_cadres, plan_households, plan_periods
from village_tui.imports.plan_work import plan_duty, plan_pairings, plan_visits
from village_tui.imports.readers import Sheet

if TYPE_CHECKING:
    from village_tui.service import VillageService

__all__ = ["ImportPlan", "KindPlan", "Problem", "build_plan"]


def build_plan(service: VillageService, sheets: list[Sheet], village: tuple[str, str, str] | None = None) -> ImportPlan:
    """Read and check every row of ``sheets`` against the folder of ``service``.

    Args:
        service: The opened :class:`~village_tui.service.VillageService` (only read here).
        sheets: The sheets read from the file.
        village: ``(村名, 乡镇, 县)`` for a folder that has no village yet (else a sheet named 村 is used).

    Returns:
        The plan; nothing has been written.
    """
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
        found = by_kind.get(kind.name)
        if found is None:
            continue
        if not ctx.check_headers(kind, found):
            continue
        planners[kind.name](ctx, found)
    if not by_kind and not plan.problems:
        names = "、".join(k.name for k in KINDS)
        plan.problems.append(Problem("", 0, "", f"文件里没有可导入的表（工作表或文件名应为：{names}）"))
    ctx.finish()
    return plan
