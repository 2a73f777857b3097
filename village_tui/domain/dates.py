"""Pure date helpers: China's current day, tolerant parsing, Chinese formatting.

No time-zone database is needed: China Standard Time is a fixed UTC+8.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, timezone

from village_tui.domain.errors import ValidationError
from village_tui.domain.normalize import clean_text

__all__ = [
    "CHINA_TZ",
    "CHINA_OFFSET",
    "today",
    "parse_date",
    "excel_serial_to_date",
    "format_cn",
    "weekday_cn",
    "format_cn_long",
    "month_key",
    "parse_month",
    "month_days",
    "month_bounds",
    "add_years",
]

CHINA_TZ = "Asia/Shanghai"
CHINA_OFFSET = timezone(timedelta(hours=8), "CST")

_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_RELATIVE_DAYS = {
    "今天": 0,
    "今日": 0,
    "昨天": -1,
    "昨日": -1,
    "前天": -2,
    "明天": 1,
    "明日": 1,
    "后天": 2,
}

_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_FULL_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_FULL_CN_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$")
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SHORT_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})$")
_SHORT_CN_RE = re.compile(r"^(\d{1,2})月(\d{1,2})[日号]?$")
_SERIAL_RE = re.compile(r"^(\d{5})(?:\.0+)?$")
_TIME_SUFFIX_RE = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")

_MONTH_RES = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月?$"),
    re.compile(r"^(\d{4})(\d{2})$"),
)


def today() -> date:
    """The current date in China Standard Time (UTC+8).

    Returns:
        Today's date in China, whatever the computer's own time zone.
    """
    return datetime.now(CHINA_OFFSET).date()


_china_today = today


def _make_date(year: int, month: int, day: int, field: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(field, f"日期不存在：{year}年{month}月{day}日") from None


def excel_serial_to_date(serial: int) -> date:
    """Convert an Excel 1900-system serial number to a date.

    Serial 1 is 1900-01-01. Excel wrongly treats 1900 as a leap year, so
    serials from 61 on are one day ahead; serial 60 (the non-existent
    1900-02-29) is mapped to 1900-02-28.

    Args:
        serial: Between 1 and 2958465 (9999-12-31).

    Returns:
        The calendar date.

    Raises:
        ValueError: If the serial is out of range.
    """
    if not 1 <= serial <= _EXCEL_MAX_SERIAL:
        raise ValueError(f"Excel serial out of range: {serial}")
    if serial >= 61:
        return date(1899, 12, 30) + timedelta(days=serial)
    if serial == 60:
        return date(1900, 2, 28)
    return date(1899, 12, 31) + timedelta(days=serial)


def parse_date(
    s: str,
    today: date | None = None,
    field: str = "day",
    allow_future: bool = True,
) -> date:
    """Parse a date the way village cadres type it.

    Accepted: ``2026-11-27``, ``2026/11/27``, ``2026.11.27``, ``20261127``,
    ``2026年11月27日``, ``11-27`` / ``11/27`` / ``11月27日`` (year of
    ``today``), ``今天`` / ``昨天`` / ``前天`` (also ``明天`` / ``后天``),
    full-width digits, single-digit month and day, a trailing time of day
    (``2026-11-27 08:30``) and 5-digit Excel serial numbers (``46353``).

    Args:
        s: The raw text.
        today: The reference day; defaults to :func:`today` in China.
        field: The field name reported in errors.
        allow_future: When False a day after ``today`` is rejected.

    Returns:
        The date.

    Raises:
        ValidationError: Empty, unrecognised, impossible or (when not
            allowed) future date; the message is Chinese.
    """
    ref = today if today is not None else _china_today()
    text = clean_text(s or "")
    if not text:
        raise ValidationError(field, "请填写日期")
    compact = text.replace(" ", "")
    stripped = _TIME_SUFFIX_RE.sub("", text).strip().replace(" ", "")
    result: date | None = None
    if compact in _RELATIVE_DAYS:
        result = ref + timedelta(days=_RELATIVE_DAYS[compact])
    else:
        for candidate in dict.fromkeys((compact, stripped)):
            result = _parse_absolute(candidate, ref, field)
            if result is not None:
                break
    if result is None:
        raise ValidationError(field, f"无法识别的日期：{text}，请写成 2026-11-27")
    if not allow_future and result > ref:
        raise ValidationError(field, "日期不能晚于今天")
    return result


def _parse_absolute(text: str, ref: date, field: str) -> date | None:
    for pattern in (_FULL_RE, _FULL_CN_RE, _COMPACT_RE):
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return _make_date(year, month, day, field)
    for pattern in (_SHORT_RE, _SHORT_CN_RE):
        match = pattern.match(text)
        if match:
            month, day = (int(g) for g in match.groups())
            return _make_date(ref.year, month, day, field)
    match = _SERIAL_RE.match(text)
    if match:
        return excel_serial_to_date(int(match.group(1)))
    return None


def format_cn(d: date) -> str:
    """Format as ``2026年11月27日`` (no leading zeros)."""
    return f"{d.year}年{d.month}月{d.day}日"


def weekday_cn(d: date) -> str:
    """The Chinese weekday name, ``星期一`` … ``星期日``."""
    return _WEEKDAYS[d.weekday()]


def format_cn_long(d: date) -> str:
    """Format as ``2026年11月27日 星期五``."""
    return f"{format_cn(d)} {weekday_cn(d)}"


def month_key(d: date) -> str:
    """The month key ``"2026-11"`` of a date."""
    return f"{d.year:04d}-{d.month:02d}"


def parse_month(s: str, field: str = "month") -> tuple[int, int]:
    """Parse a month such as ``2026-11``, ``2026-1``, ``202611`` or ``2026年11月``.

    Args:
        s: The raw text (full-width digits accepted).
        field: The field name reported in errors.

    Returns:
        ``(year, month)``.

    Raises:
        ValidationError: Unrecognised text or a month outside 1-12.
    """
    text = clean_text(s or "").replace(" ", "")
    for pattern in _MONTH_RES:
        match = pattern.match(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12 or year < 1:
                raise ValidationError(field, f"月份不存在：{year}年{month}月")
            return year, month
    raise ValidationError(field, f"无法识别的月份：{text}，请写成 2026-11")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month.

    Args:
        year: The year.
        month: The month, 1-12.

    Returns:
        ``(first_day, last_day)``.
    """
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def month_days(year: int, month: int) -> list[date]:
    """Every day of a month, in order.

    Args:
        year: The year.
        month: The month, 1-12.

    Returns:
        The dates from the 1st to the last day.
    """
    first, last = month_bounds(year, month)
    return [first + timedelta(days=i) for i in range(last.day)]


def add_years(d: date, n: int) -> date:
    """The same day ``n`` years later (or earlier); Feb 29 becomes Feb 28.

    Args:
        d: The start date.
        n: Years to add, may be negative.

    Returns:
        The shifted date.
    """
    year = d.year + n
    try:
        return d.replace(year=year)
    except ValueError:
        return d.replace(year=year, day=28)
