"""Planning the 农户变动 sheet: a household's 外出, 困难类别, 组别 and 迁出 changes, each from its day.

A row names a household (户编号, in the folder or new in the same file), the day
(变动日期), what changed (项目) and the new value (新值):

- 外出: 是 or 否;
- 困难类别: a list (、 or spaces between), empty for none;
- 组别: a group of the village;
- 迁出: no value; the household is not in residence from that day.

The 农户 sheet gives a household's facts before the changes listed here (as
registered, or since always when 登记日期 is empty); a fact no row changes is
its current value, and for a household already kept a difference holds from
the import day, as in the household form. Importing the same file again adds
nothing: the same changes give the same dated facts.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from village_tui.domain.facts import apply_household_changes, set_household_fact, set_household_initial
from village_tui.domain.models import NEED_TAGS, Household
from village_tui.imports import parse
from village_tui.imports.import_plan import KindPlan
from village_tui.imports.plan_context import PlanContext, RowReader
from village_tui.imports.readers import Sheet

CHANGES_SHEET = "农户变动"
# 项目 as written in the sheet -> the dated fact of a household.
ITEMS = {"外出": "away", "困难类别": "needs", "组别": "group", "迁出": "left"}
_ITEM_ORDER = {fact: n for n, fact in enumerate(ITEMS.values())}


@dataclass
class HouseholdChange:
    """One row of the 农户变动 sheet, read and checked.

    Attributes:
        code: The household's 户编号.
        day: The first day the new value holds (变动日期).
        item: 外出, 困难类别, 组别 or 迁出.
        value: ``True``/``False`` for 外出, a list for 困难类别, a group, or None for 迁出.
        row: The row number in the sheet.
    """

    code: str
    day: date
    item: str
    value: Any
    row: int

    @property
    def fact(self) -> str:
        """The household field the change is about (``away``, ``needs``, ``group``, ``left``)."""
        return ITEMS[self.item]


def changed_facts(sheet: Sheet | None) -> dict[str, set[str]]:
    """Which facts of which households (by 户编号) the sheet changes, read from the raw cells.

    The 农户 sheet is planned before the changes are checked; this tells it which of
    its facts are the values before the changes.
    """
    found: dict[str, set[str]] = {}
    for _, cells in sheet.rows if sheet is not None else ():
        fact = ITEMS.get(parse.text(cells.get("项目")).replace(" ", ""))
        if fact is not None and fact != "left":
            found.setdefault(parse.text(cells.get("户编号")).replace(" ", ""), set()).add(fact)
    return found


def first_value(household: Household, fact: str) -> Any:
    """The value a dated fact of a household had from the start."""
    if fact == "group":
        moves = sorted(household.group_history, key=lambda m: m.until)
        return moves[0].group if moves else household.group
    history = household.away_history if fact == "away" else household.needs_history
    return history[0].value if history else getattr(household, fact)


def dated_row(existing: Household, row: Household, changed: set[str], today: date) -> Household:
    """A kept household as a 农户 row gives it: facts changed in 农户变动 set from the start, others from today.

    Args:
        existing: The household as kept.
        row: The household as the row gives it (plain fields, kept histories).
        changed: The facts the 农户变动 sheet changes for this household.
        today: The import day.
    """
    current = {fact: getattr(existing, fact) for fact in changed}
    saved = apply_household_changes(existing, dataclasses.replace(row, **current), today)
    for fact in sorted(changed):
        value = getattr(row, fact)
        if first_value(saved, fact) != value:
            set_household_initial(saved, fact, value)
    return saved


def _read_row(ctx: PlanContext, r: RowReader) -> HouseholdChange | None:
    code = r.text("户编号").replace(" ", "")
    if not code:
        r.error("户编号", "请填写户编号")
    elif code not in ctx.households:
        r.error("户编号", f"没有户编号为 {code} 的农户（请先导入农户表）")
    day = r.get("变动日期", parse.date_cell, ctx.today)
    ctx.check_past(r, "变动日期", day, "变动日期")
    ctx.check_lock(r, "变动日期", day)
    item = r.text("项目").replace(" ", "")
    value: Any = None
    if item not in ITEMS:
        r.error("项目", f"项目应为：{'、'.join(ITEMS)}，现在是「{item}」" if item else f"请填写项目（{'、'.join(ITEMS)}）")
    elif item == "外出":
        if not r.text("新值"):
            r.error("新值", "外出的新值应填「是」或「否」")
        else:
            value = r.get("新值", parse.yes_no)
    elif item == "困难类别":
        value = parse.items(r.raw("新值"))
        unknown = [t for t in value if t not in NEED_TAGS]
        if unknown:
            r.error("新值", f"困难类别应为：{'、'.join(NEED_TAGS)}（空白表示没有），现在有「{'、'.join(unknown)}」")
    elif item == "组别":
        value = ctx.group(r, "新值", r.raw("新值"))
        if value is None and r.ok:
            r.error("新值", "组别的新值应填一个组")
    household = ctx.households.get(code)
    if r.ok and household is not None and household.registered_on is not None and day < household.registered_on:
        r.error("变动日期", f"变动日期早于这户的登记日期（{household.registered_on.isoformat()}）")
    return HouseholdChange(code, day, item, value, r.number) if r.ok else None


def plan_household_changes(ctx: PlanContext, sheet: Sheet) -> None:
    """Check every change and apply it, in date order, to the household it names (kept or new in the file)."""
    kind = ctx.plan.kinds[CHANGES_SHEET]
    households = ctx.plan.kinds.setdefault("农户", KindPlan("农户"))
    seen: dict[tuple, HouseholdChange] = {}
    changes: list[HouseholdChange] = []
    for r in ctx.rows(CHANGES_SHEET, sheet):
        change = _read_row(ctx, r)
        if change is not None:
            other = seen.get((change.code, change.day, change.item))
            if other is not None and other.value != change.value:
                r.error("新值", f"与第{other.row}行同一天同一项目的新值不同")
            seen[(change.code, change.day, change.item)] = change
        if r.finish() and change is not None:
            changes.append(change)
    stored = {h.id: h for h in ctx.service.records.peek("households")}
    planned = {id(h) for h in households.add + households.update}
    touched: dict[str, list[HouseholdChange]] = {}
    for change in sorted(changes, key=lambda c: (c.code, c.day, _ITEM_ORDER[c.fact])):
        touched.setdefault(change.code, []).append(change)
    for code, mine in touched.items():
        record = ctx.households[code]
        in_plan = id(record) in planned
        if not in_plan:
            record = copy.deepcopy(record)
        for change in mine:
            set_household_fact(record, change.fact, change.day, change.value)
            if change.fact == "left":
                record.archived, record.archive_reason = True, record.archive_reason or "迁出"
        kept = stored.get(record.id) if record.id is not None and record.id > 0 else None
        if kept is not None and record == kept:
            kind.unchanged += len(mine)
            continue
        kind.add.extend(mine)
        if not in_plan:
            _plan_update(ctx, households, record, kept)


def _plan_update(ctx: PlanContext, households: KindPlan, record: Household, kept: Household | None) -> None:
    """Put a kept household changed only by 农户变动 rows among the households to update."""
    previous = ctx.households[record.code]
    if previous is not kept:  # a 农户 row planned it unchanged: it is an update now
        households.unchanged -= 1
    households.update.append(record)
    ctx.households[record.code] = record
