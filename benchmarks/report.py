"""The benchmark's table: measure, ten-year and one-year values, bare app, ratio, target, met."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Row:
    """One line of the table.

    Attributes:
        measure: What was measured, with its unit.
        ten: The value on the ten-year village.
        one: The value on the one-year village (None when not measured there).
        base: What it is compared with (bare app, plain TinyDB, one year), or None.
        base_label: What ``base`` is.
        target: The target as text.
        limit: The ratio or value the measure must not exceed (None: no target).
        by_ratio: Whether ``limit`` bounds ``ten / base`` rather than ``ten`` itself.
        at_least: Whether ``limit`` is a lower bound (``base / ten`` for "x times faster").
        ratio_median: The median of ratios taken pair by pair, measured side by side (used instead of
            ``ten / base`` when given: the medians of two columns may come from different moments).
    """

    measure: str
    ten: float
    one: float | None = None
    base: float | None = None
    base_label: str = ""
    target: str = ""
    limit: float | None = None
    by_ratio: bool = False
    at_least: bool = False
    ratio_median: float | None = None

    @property
    def ratio(self) -> float | None:
        """``ten / base`` (or ``base / ten`` for a speed-up), None without a base."""
        if self.ratio_median is not None:
            return self.ratio_median
        if self.base is None or not self.ten or math.isnan(self.ten):
            return None
        return self.base / self.ten if self.at_least else self.ten / self.base

    @property
    def met(self) -> str:
        """``yes``, ``no`` or ``-`` when there is no target."""
        if self.limit is None:
            return "-"
        value = self.ratio if self.by_ratio else self.ten
        if value is None or math.isnan(value):
            return "n/a"
        ok = value >= self.limit if self.at_least else value <= self.limit
        return "yes" if ok else "no"


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if math.isnan(value):
        return "n/a"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def render(rows: list[Row], notes: list[str] | None = None) -> str:
    """The table as Markdown (readable in a terminal and in README)."""
    head = ["measure", "10 years", "1 year", "compared with", "ratio", "target", "met"]
    lines = [head]
    for row in rows:
        base = f"{_fmt(row.base)} ({row.base_label})" if row.base is not None else "-"
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        lines.append([row.measure, _fmt(row.ten), _fmt(row.one), base, ratio, row.target or "-", row.met])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |" for line in lines]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for note in notes or []:
        out.append(f"\n{note}")
    return "\n".join(out)
