"""The state shared while the rows of one file are planned: known cadres, households, groups."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, Callable, TYPE_CHECKING

from village_tui.domain.dates import format_cn
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import Cadre, Household, VillageSettings
from village_tui.domain.office import office_refusal
from village_tui.domain.validation import natural_groups
from village_tui.imports import parse
from village_tui.imports.columns import VILLAGE_COLUMNS, VILLAGE_SHEET, SheetKind
from village_tui.imports.import_plan import ImportPlan, KindPlan, Problem
from village_tui.imports.readers import Sheet

if TYPE_CHECKING:
    from village_tui.service import VillageService


class RowReader:
    """Reads the cells of one row, collecting every problem instead of stopping at the first."""

    def __init__(self, ctx: "PlanContext", kind: KindPlan, number: int, cells: dict[str, Any]) -> None:
        self.ctx, self.kind, self.number, self.cells = ctx, kind, number, cells
        self.errors: list[tuple[str, str]] = []

    def raw(self, column: str) -> Any:
        """The raw cell of ``column`` (None when the column is missing)."""
        return self.cells.get(column)

    def text(self, column: str) -> str:
        """The cell as cleaned text."""
        return parse.text(self.cells.get(column))

    def get(self, column: str, func: Callable, *args, default: Any = None) -> Any:
        """``func(cell, column, *args)``; a ValidationError becomes a problem and ``default`` is returned."""
        try:
            return func(self.cells.get(column), column, *args)
        except ValidationError as error:
            self.error(column, error.message)
            return default

    def error(self, column: str, message: str) -> None:
        """Record a problem in ``column`` (``""`` for the whole row)."""
        self.errors.append((column, message))

    @property
    def ok(self) -> bool:
        """True while no problem was found in the row."""
        return not self.errors

    def finish(self) -> bool:
        """File the row's problems with the plan; True when the row is good."""
        if self.errors:
            self.kind.bad_rows.append((self.number, self.cells))
            for column, message in self.errors:
                self.ctx.plan.problems.append(Problem(self.kind.name, self.number, column, message))
        return not self.errors


class PlanContext:
    """What the planners of the different kinds share.

    Args:
        service: The opened service (read only).
        plan: The plan being built.
    """

    def __init__(self, service: VillageService, plan: ImportPlan) -> None:
        self.service, self.plan = service, plan
        self.today: date = service.today
        stored = service.records.settings()
        self.settings: VillageSettings = stored or VillageSettings()
        self.settings_changed = False
        self.groups: list[str] = list(self.settings.groups)
        self.new_groups: list[str] = []
        self.cadres: dict[str, Cadre] = {}
        # Names more than one stored cadre has: a row naming one is refused (import matches names only when unique).
        self.shared_names: dict[str, list[Cadre]] = {}
        for cadre in sorted(service.records.peek("cadres"), key=lambda c: (c.archived, c.id)):
            if cadre.name in self.cadres:
                self.shared_names.setdefault(cadre.name, [self.cadres[cadre.name]]).append(cadre)
            self.cadres.setdefault(cadre.name, cadre)
        self.households: dict[str, Household] = {h.code: h for h in service.records.peek("households")}
        # 户编号 -> the facts the file's 农户变动 sheet changes (the 农户 sheet gives their values before).
        self.household_changes: dict[str, set[str]] = {}
        # A village without people yet is being set up: its groups come from the file.
        self.can_add_groups = stored is None or not (self.cadres or self.households)
        self.locked_before = self.settings.locked_before
        self.ledger_numbers: set[str] = set()
        self._next_temp = -1

    # -- the village --------------------------------------------------------

    def set_up_village(self, village: tuple[str, str, str] | None, sheet: Sheet | None) -> None:
        """Take the village's name from ``village`` or the 村 sheet when the folder has none yet."""
        if self.service.records.settings() is not None:
            if sheet is not None:
                self.plan.notes.append("数据文件夹已有村庄设置，「村」表已忽略")
            return
        if village is None and sheet is not None and sheet.rows:
            number, cells = sheet.rows[0]
            name, township, county = (parse.text(cells.get(c)) for c in VILLAGE_COLUMNS)
            village = (name, township, county)
        if village is None or not all(village):
            missing = "、".join(c for c, v in zip(VILLAGE_COLUMNS, village or ("", "", "")) if not v)
            self.plan.problems.append(Problem(VILLAGE_SHEET, 0, "", (
                f"数据文件夹还没有村庄设置，缺少{missing}：请用 --village 村名 --township 乡镇 --county 县，"
                f"或在工作簿中加一张名为「村」的表（列：{'、'.join(VILLAGE_COLUMNS)}）")))
            return
        self.settings = dataclasses.replace(self.settings, name=village[0], township=village[1], county=village[2])
        self.settings_changed = True
        self.plan.notes.append(f"新建村庄：{village[2]}{village[1]}{village[0]}")

    def group(self, reader: RowReader, column: str, value: Any) -> str | None:
        """A group in the village's naming; a new group is added while the village is being set up."""
        name = parse.group_name(value, self.groups)
        if not name:
            return None
        if name not in self.groups:
            if not self.can_add_groups:
                reader.error(column, f"没有这个组：{name}（请先在设置中添加）")
                return None
            self.groups.append(name)
            self.new_groups.append(name)
        return name

    # -- sheets -------------------------------------------------------------

    def check_headers(self, kind: SheetKind, sheet: Sheet) -> bool:
        """Open the kind's plan; note ignored columns; a missing required column stops the sheet."""
        kind_plan = self.plan.kinds.setdefault(kind.name, KindPlan(kind.name, list(sheet.headers)))
        extra = [h for h in sheet.headers if h and h not in kind.columns]
        if extra:
            self.plan.notes.append(f"{kind.name}表中的列 {'、'.join(extra)} 不是导入项，已忽略")
        missing = [c for c in kind.required if c not in sheet.headers]
        if missing:
            self.plan.problems.append(Problem(kind.name, 1, "、".join(missing), (
                f"缺少必填的列：{'、'.join(missing)}（表头应在第一行，列名：{'、'.join(kind.columns)}）")))
            kind_plan.bad_rows.extend(sheet.rows)
            return False
        return True

    def rows(self, kind_name: str, sheet: Sheet):
        """A :class:`RowReader` for every row of the sheet."""
        kind = self.plan.kinds[kind_name]
        for number, cells in sheet.rows:
            yield RowReader(self, kind, number, cells)

    # -- references ---------------------------------------------------------

    def temp_id(self) -> int:
        """A temporary negative id for a record new in this file."""
        value, self._next_temp = self._next_temp, self._next_temp - 1
        return value

    def cadre_id(self, reader: RowReader, column: str, name: str | None = None) -> int | None:
        """The id of the cadre named in ``column`` (or ``name``), or a problem."""
        name = reader.text(column).replace(" ", "") if name is None else name
        if not name:
            reader.error(column, f"请填写{column}")
            return None
        if self.refuse_shared_name(reader, column, name):
            return None
        cadre = self.cadres.get(name)
        if cadre is None:
            reader.error(column, f"没有名为「{name}」的干部（请先导入干部表）")
            return None
        return cadre.id

    def refuse_shared_name(self, reader: RowReader, column: str, name: str) -> bool:
        """Refuse a row naming a cadre whose name more than one cadre has; True when refused."""
        same = self.shared_names.get(name)
        if not same:
            return False
        who = "、".join(f"{c.role}（{format_cn(c.term_start)}起{'，已归档' if c.archived else ''}"
                       f"{f'，干部编号 {c.id}' if c.id is not None and c.id > 0 else ''}）" for c in same)
        hint = "请在「干部编号」列填是哪一位（另一个人填「新」）" if reader.kind.name == "干部" else "请在程序里录入"
        reader.error(column, f"有{len(same)}位干部都叫「{name}」：{who}，表格无法按姓名区分是哪一位，"
                             f"这一行没有导入，{hint}")
        return True

    def check_in_office(self, reader: RowReader, column: str, cadre_id: int | None, day: date | None,
                        what: str) -> None:
        """Refuse work dated outside the cadre's office (RULEBOOK, "Office bounds")."""
        if cadre_id is None or day is None:
            return
        cadre = next((c for c in self.cadres.values() if c.id == cadre_id), None)
        refusal = office_refusal(cadre, day, what) if cadre is not None else None
        if refusal:
            reader.error(column, refusal)

    def stored_cadre(self, number: str) -> Cadre | None:
        """The stored cadre whose 干部编号 (id) is ``number``, or None."""
        if not (number.isascii() and number.isdigit()):
            return None
        return next((c for c in self.service.records.peek("cadres") if c.id == int(number)), None)

    def remember_cadre(self, cadre: Cadre, new_person: bool) -> None:
        """Let the later sheets name ``cadre``; a new person with a name already taken makes the name shared."""
        known = self.cadres.get(cadre.name)
        if new_person and known is not None and known.id != cadre.id:
            self.shared_names.setdefault(cadre.name, [known]).append(cadre)
            return
        if cadre.name not in self.shared_names:
            self.cadres[cadre.name] = cadre

    def household_id(self, reader: RowReader, column: str = "户编号", required: bool = True) -> int | None:
        """The id of the household whose 户编号 is in ``column``, or a problem."""
        code = reader.text(column).replace(" ", "")
        if not code:
            if required:
                reader.error(column, "请填写户编号")
            return None
        household = self.households.get(code)
        if household is None:
            reader.error(column, f"没有户编号为 {code} 的农户（请先导入农户表）")
            return None
        return household.id

    def check_lock(self, reader: RowReader, column: str, day: date | None) -> None:
        """Refuse rows dated inside a period locked by an export."""
        if day is not None and self.locked_before is not None and day < self.locked_before:
            reader.error(column, f"{format_cn(self.locked_before)}以前的记录已随上报锁定，不能导入")

    def check_past(self, reader: RowReader, column: str, day: date | None, what: str) -> None:
        """Refuse a day after today for things that have happened."""
        if day is not None and day > self.today:
            reader.error(column, f"{what}不能晚于今天（{format_cn(self.today)}）")

    def finish(self) -> None:
        """Settle the settings to save: a new village and the groups the file added."""
        if self.new_groups:
            self.settings = dataclasses.replace(self.settings, groups=natural_groups(self.groups))
            self.settings_changed = True
            self.plan.notes.append(f"新增村民小组：{'、'.join(self.new_groups)}")
        if self.settings_changed:
            self.plan.settings = self.settings
