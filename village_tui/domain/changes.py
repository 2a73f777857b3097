"""What one save changed: the notice the data layer gives after each committed write or transaction.

A screen that keeps what it computed (首页) or a list that shows some kinds of record reads the
notice to redo only what the save touched: the kinds of record written (the names of
``store/kinds.py``, and ``settings``), and for records kept by year the months and ids touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

SETTINGS = "settings"


@dataclass(frozen=True)
class DataChange:
    """What one committed write or transaction changed.

    Attributes:
        kinds: The kinds of record written (``visits``, ``ledger``, ``settings`` …).
        months: For each kind kept by year, the ``(year, month)`` of every record written (an
            edit that moved a record's day names the month it left too). A kind kept in the
            reference file (cadres, households …) has no months: it may bear on any month.
        ids: For each kind, the ids of the records written (as text: ``"2026-0042"``, ``"7"``).
    """

    kinds: frozenset[str]
    months: Mapping[str, frozenset[tuple[int, int]]] = field(default_factory=lambda: MappingProxyType({}))
    ids: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))

    def touches(self, *kinds: str) -> bool:
        """Whether a record of any of ``kinds`` was written."""
        return any(kind in self.kinds for kind in kinds)

    def touches_month(self, kind: str, year: int, month: int) -> bool:
        """Whether a record of ``kind`` was written that bears on the month ``year``-``month``.

        True for a kind without months (a reference kind bears on every month).
        """
        if kind not in self.kinds:
            return False
        months = self.months.get(kind)
        return months is None or (year, month) in months

    def __str__(self) -> str:
        parts = []
        for kind in sorted(self.kinds):
            months = sorted(self.months.get(kind, ()))
            shown = ",".join(f"{y}-{m:02d}" for y, m in months)
            parts.append(f"{kind}[{shown}]" if shown else kind)
        return "DataChange(" + " ".join(parts) + ")"

