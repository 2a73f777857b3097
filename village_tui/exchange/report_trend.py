"""Twelve months at a glance: visits, ledger items opened and closed, and duty days covered.

The rows of the monthly report's 月度趋势 sheet (and of its chart). A month
report shows the twelve months ending with its month; a yearly report shows
January to December of its year. Months before the village's data began (its
set-up day, or its first record) are left out rather than shown as zeros, so are
months that have not begun, and the running month is labelled 「（未完）」: its
counts are not a whole month's.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from village_tui.domain import clock, dates
from village_tui.exchange.report_xlsx import SheetData

if TYPE_CHECKING:
    from village_tui.service import VillageService

TREND_TITLE = "月度趋势"
TREND_HEADERS = ["月份", "走访次数", "新增民情", "办结民情", "有人坐班天数"]
PARTIAL = "（未完）"
_ALL = 1_000_000


def trend_months(year: int, month: int | None) -> list[tuple[int, int]]:
    """The twelve ``(year, month)`` shown: ending with ``month``, or the calendar year when it is None."""
    if month is None:
        return [(year, m) for m in range(1, 13)]
    keys = []
    for _ in range(12):
        keys.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]


def trend_sheet(service: VillageService, year: int, month: int | None, heading: str) -> SheetData:
    """The 月度趋势 sheet: one row per month with its four counts (cancelled records left out)."""
    keys = trend_months(year, month)
    years = sorted({y for y, _ in keys})
    visits: Counter = Counter()
    opened: Counter = Counter()
    closed: Counter = Counter()
    for each in range(years[0] - 1, years[-1] + 1):  # an item opened last year may close in these months
        for item in service.ledger_items(each, limit=_ALL):
            opened[(item.day.year, item.day.month)] += 1
            if item.closed_day is not None:
                closed[(item.closed_day.year, item.closed_day.month)] += 1
    first = date(*keys[0], 1)
    last = dates.month_bounds(*keys[-1])[1]
    covered: Counter = Counter(day.strftime("%Y-%m") for day, record in service.duty_days(first, last).items()
                               if record.signins)
    for y, m in keys:
        visits[(y, m)] = service.visits(y, m, limit=0).total
    today = clock.today()
    running = (today.year, today.month)
    with_data = [k for k in keys if visits[k] or opened[k] or closed[k] or covered[f"{k[0]}-{k[1]:02d}"]]
    started = service.settings().started_on
    begins = min([k for k in ([(started.year, started.month)] if started else []) + with_data[:1]], default=running)
    sheet = SheetData(TREND_TITLE, list(TREND_HEADERS), heading=heading)
    for y, m in keys:
        if (y, m) < begins or (y, m) > running:
            continue
        label = f"{y}-{m:02d}" + (PARTIAL if (y, m) == running else "")
        sheet.rows.append([label, visits[(y, m)], opened[(y, m)], closed[(y, m)], covered[f"{y}-{m:02d}"]])
    return sheet
