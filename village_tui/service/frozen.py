"""Frozen results, kept by the checks area: an export freezes the findings of the months it reports.

``check`` and ``review`` compare them with today's.

A month is frozen when an export reports it (the month before the export, see
:func:`reported_months`), in ``findings-YYYY-MM.json`` of the data folder, which
the export copies. Once the month is locked its frozen file is never replaced;
until then (an export that failed before locking) the next export freezes it again.
"""

from __future__ import annotations

from datetime import date


def period_name(year: int, month: int) -> str:
    """The name of a frozen month, ``2026-10``."""
    return f"{year:04d}-{month:02d}"


def reported_months(export_day: date, locked_before: date | None) -> list[tuple[int, int]]:
    """The months an export on ``export_day`` reports: the month before its own, and any earlier month
    of that year the last export did not lock yet (a month whose export was skipped).

    A first export (nothing locked yet) reports the month before only: the months before it were
    never reported, and checking a whole year of them would make the first export slow.
    """
    year, month = (export_day.year, export_day.month - 1) if export_day.month > 1 else (export_day.year - 1, 12)
    first = month
    if locked_before is not None and (locked_before.year, locked_before.month) < (year, month):
        first = locked_before.month if locked_before.year == year else 1
    return [(year, m) for m in range(first, month + 1)]
