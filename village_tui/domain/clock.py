"""The one clock: today and now in China Standard Time, whatever the machine's time zone.

Nothing else in the program reads the date or the time of day. China has kept a
fixed UTC+8 without daylight saving since 1991, so no time-zone database is needed.

The clock can be fixed, for tests and for a township that re-checks a village "as
of" a day:

- in-process, with :func:`fix` (the test suite's one fixture does this);
- for a whole process and its children, with the environment variable
  ``VILLAGE_TUI_NOW`` holding an ISO date or date-time (``2026-11-27`` or
  ``2026-11-27T10:00``), read as China time when it names no offset.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, timezone

__all__ = ["CHINA", "ENV_NOW", "now", "today", "fix", "fixed", "utc_now"]

CHINA = timezone(timedelta(hours=8), "CST")
ENV_NOW = "VILLAGE_TUI_NOW"

_fixed: datetime | None = None


def _as_china(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=CHINA)
    return moment.astimezone(CHINA)


def _from_env() -> datetime | None:
    text = os.environ.get(ENV_NOW, "").strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(9, 0), CHINA)
        return _as_china(datetime.fromisoformat(text))
    except ValueError:
        raise SystemExit(f"环境变量 {ENV_NOW} 的值「{text}」不是日期（例如 2026-11-27 或 2026-11-27T10:00）") from None


def now() -> datetime:
    """The current moment in China Standard Time (aware, UTC+8).

    Returns:
        The fixed moment when the clock is fixed, else the machine's clock in China time.
    """
    if _fixed is not None:
        return _fixed
    from_env = _from_env()
    if from_env is not None:
        return from_env
    return datetime.now(CHINA)


def today() -> date:
    """Today's date in China.

    Returns:
        The date in China at :func:`now`.
    """
    return now().date()


def utc_now() -> datetime:
    """The current moment in UTC (aware), for lock files and other machine-facing stamps."""
    return now().astimezone(timezone.utc)


def fix(moment: datetime | date | None) -> None:
    """Fix the clock at a moment, or let it run again with ``None``.

    Args:
        moment: A date-time (read as China time when naive), a date (09:00 that day),
            or ``None`` to follow the machine's clock.
    """
    global _fixed
    if moment is None:
        _fixed = None
    elif isinstance(moment, datetime):
        _fixed = _as_china(moment)
    else:
        _fixed = datetime.combine(moment, time(9, 0), CHINA)


def fixed() -> bool:
    """Whether the clock is fixed in this process (by :func:`fix` or the environment)."""
    return _fixed is not None or bool(os.environ.get(ENV_NOW, "").strip())
