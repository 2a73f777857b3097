"""What an import would do: the plan per kind and the problems found, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from village_tui.domain.models import VillageSettings


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
