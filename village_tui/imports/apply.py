"""Writing an import plan through the service: all rows or none, or the good ones with ``skip_bad``.

The whole import is one transaction, written as one journal line: a crash
at any moment leaves all of it or none of it, across every kind. New records
are saved with ``records.bulk_insert``; changed records go through the
service's own save paths. With ``skip_bad`` the rows that
have problems are written to ``<kind>-有问题的行.csv`` beside the input file, with
an extra 问题 column, so they can be fixed and imported again.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from village_tui.domain.errors import DomainError
from village_tui.domain.models import DutyDay, LedgerItem, Meeting, Pairing, Visit
from village_tui.domain.obligations import earliest_day
from village_tui.domain.safe_text import formula_safe
from village_tui.imports import parse
from village_tui.imports.columns import BAD_ROWS_SUFFIX, PROBLEM_COLUMN
from village_tui.imports.import_plan import ImportPlan, KindPlan

if TYPE_CHECKING:
    from village_tui.service import VillageService


class ImportRefused(DomainError):
    """The plan has problems and bad rows are not to be skipped: nothing was written."""


@dataclass
class ImportResult:
    """What an import wrote.

    Attributes:
        added: Records added per kind (Chinese kind name).
        updated: Records updated per kind.
        bad_rows_files: Files of rows that were skipped.
    """

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    bad_rows_files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """One Chinese sentence: what was added and updated."""
        parts = [f"{k} 新增 {n} 条" for k, n in self.added.items() if n]
        parts += [f"{k} 更新 {n} 条" for k, n in self.updated.items() if n]
        return "，".join(parts) if parts else "没有需要新增或更新的记录"


def _remap(obj, cadres: dict[int, int], households: dict[int, int]) -> None:
    """Replace temporary ids of cadres and households new in the file by their saved ids."""
    c = lambda i: cadres.get(i, i)  # noqa: E731 - a tiny local lookup
    if isinstance(obj, (Visit, Pairing)):
        obj.cadre_id, obj.household_id = c(obj.cadre_id), households.get(obj.household_id, obj.household_id)
    elif isinstance(obj, DutyDay):
        obj.rostered = [c(i) for i in obj.rostered]
        for signin in obj.signins:
            signin.cadre_id = c(signin.cadre_id)
    elif isinstance(obj, LedgerItem):
        obj.handler_id = c(obj.handler_id)
        obj.household_id = households.get(obj.household_id, obj.household_id)
    elif isinstance(obj, Meeting):
        obj.attendees = [c(i) for i in obj.attendees]


def apply_plan(service: VillageService, plan: ImportPlan, skip_bad: bool = False, source: Path | str | None = None,
               note: str = "表格导入") -> ImportResult:
    """Write the plan.

    Args:
        service: The opened service.
        plan: A plan made by :func:`~village_tui.imports.plan.build_plan` for this service.
        skip_bad: Write the good rows even when some rows have problems.
        source: The input file; the bad rows are saved beside it when skipping.
        note: The reason recorded in the audit log.

    Raises:
        ImportRefused: There are problems and ``skip_bad`` is False, or a problem concerns the whole file.
        ReadOnlyError: The folder is read-only.
    """
    if plan.problems and (not skip_bad or any(p.row == 0 for p in plan.problems)):
        raise ImportRefused(f"发现 {len(plan.problems)} 处问题，没有导入任何数据。请改正后再导入"
                            + ("" if skip_bad else "，或选择跳过有问题的行"))
    exchange = service.areas.exchange
    exchange.require_writable()
    exchange.backup_before("导入前")
    try:
        with service.records.transaction():  # one journal line: a kill leaves all of the import or none of it
            result = _write(service, plan, note)
    finally:
        exchange.forget_derived()
    if skip_bad and source is not None:
        result.bad_rows_files = write_bad_rows(plan, Path(source).parent)
    return result


def _write(service: VillageService, plan: ImportPlan, note: str) -> ImportResult:
    """Save every record of the plan (inside the caller's transaction)."""
    result = ImportResult()
    if plan.settings is not None:
        service.set_up_village(plan.settings)  # a village set up by import starts at its earliest record
    kinds = plan.kinds

    def part(name: str) -> KindPlan:
        return kinds.get(name) or KindPlan(name)

    cadre_temp = [(c.id, c) for c in part("干部").add]
    household_temp = [(h.id, h) for h in part("农户").add]
    first = [*part("干部").add, *part("农户").add, *part("特殊时期").add]
    if first:
        service.areas.exchange.add_imported(first, note)
    cadres = {old: c.id for old, c in cadre_temp}
    households = {old: h.id for old, h in household_temp}
    later = [obj for name in ("帮扶", "走访", "值班", "民情", "分析会") for obj in part(name).add]
    for obj in later + [obj for name in ("帮扶", "走访", "值班", "民情", "分析会") for obj in part(name).update]:
        _remap(obj, cadres, households)
    numbers = [item.id for item in part("民情").add]
    if later:
        service.areas.exchange.add_imported(later, note)
    if [item.id for item in part("民情").add] != numbers:
        raise DomainError("民情编号与表中不一致，请检查数据文件夹")  # the store numbers items in order; never expected
    for cadre in part("干部").update:
        service.save_cadre(cadre)
    for household in part("农户").update:  # planned with its dated facts (from today, or as 农户变动 gives them)
        service.areas.exchange.update_imported(household, note)
    for day in part("值班").update:
        service.save_duty_day(day)
    for name in ("帮扶", "走访", "民情", "分析会"):
        for obj in part(name).update:
            service.areas.exchange.update_imported(obj)
    _start_at_history(service, [*first, *later])
    for name, kind_plan in kinds.items():
        result.added[name] = kind_plan.adds
        result.updated[name] = len(kind_plan.update)
    return result


def _start_at_history(service: VillageService, added: list) -> None:
    """History imported from before the village was set up: its obligations start at the earliest record
    (a cadre's term start, a pairing's or special period's start, a visit's, duty day's ... day)."""
    service.forget_obligations_start()
    earliest = earliest_day(added)
    settings = service.settings()
    if earliest is not None and settings.started_on is not None and earliest < settings.started_on:
        settings.started_on = earliest
        service.save_settings(settings)


def write_bad_rows(plan: ImportPlan, folder: Path) -> list[Path]:
    """Save each kind's bad rows to ``<kind>-有问题的行.csv`` in ``folder`` (UTF-8 with BOM, for Excel).

    Returns:
        The files written.
    """
    written = []
    for name, kind_plan in plan.kinds.items():
        if not kind_plan.bad_rows:
            continue
        headers = [h for h in kind_plan.headers if h and h != PROBLEM_COLUMN]
        path = folder / f"{name}{BAD_ROWS_SUFFIX}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([formula_safe(h) for h in (*headers, PROBLEM_COLUMN)])
            for number, cells in kind_plan.bad_rows:
                problems = [p for p in plan.problems if p.sheet == name and p.row in (number, 1)]
                why = "；".join(f"{p.column}：{p.message}" if p.column else p.message for p in problems)
                writer.writerow([formula_safe(v) for v in (*(parse.text(cells.get(h)) for h in headers),
                                                           f"原第{number}行 {why}")])
        written.append(path)
    return written
