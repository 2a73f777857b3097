"""Spreadsheet import: .xlsx workbooks and .csv files of the eight kinds, checked before anything is written.

Typical use::

    plan = plan_file(service, "台账.xlsx")
    if plan.ok:
        apply_plan(service, plan, source="台账.xlsx")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from village_tui.imports.apply import ImportRefused, ImportResult, apply_plan, write_bad_rows
from village_tui.imports.plan import ImportPlan, KindPlan, Problem, build_plan
from village_tui.imports.readers import ReadError, Sheet, read_file

if TYPE_CHECKING:
    from village_tui.service import VillageService


def plan_file(service: VillageService, path: Path | str, kind: str | None = None,
              village: tuple[str, str, str] | None = None) -> ImportPlan:
    """Read ``path`` and plan its import into the folder of ``service`` (nothing is written).

    Raises:
        ReadError: The file cannot be read.
    """
    return build_plan(service, read_file(path, kind), village)


__all__ = ["ImportPlan", "ImportRefused", "ImportResult", "KindPlan", "Problem", "ReadError", "Sheet",
           "apply_plan", "build_plan", "plan_file", "read_file", "write_bad_rows"]
