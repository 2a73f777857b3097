"""Pure date helpers: China's current day, tolerant parsing, Chinese formatting, period arithmetic.

Adding years, the Chinese date with its weekday (``2026年11月30日 星期一``,
pendulum's ``zh`` locale) and the relative texts on screen (``3天前``, ``还剩5天``,
``已超期12天``) use pendulum. Its import costs 30-70 ms, so it is loaded on first
use, not when this module is imported: the app loads it in a thread after its first
frame (:func:`preload`) and the header shows the weekday once :func:`loaded` is true.
The bounds of a month or a year and the days between two dates are plain calendar
arithmetic (the day before the next month's first, date subtraction; tested
against pendulum's ``end_of`` and ``interval``), so a cold ``village-tui check``,
which needs nothing else of pendulum, never pays its import.
Every function returns plain ``datetime.date`` values, never pendulum's own.

Today's date needs no time-zone database: China Standard Time is a fixed UTC+8
without daylight saving.
"""

from __future__ import annotations

import re
import sys
from datetime import date, timedelta, timezone
from functools import lru_cache

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
    "year_bounds",
    "add_years",
    "days_between",
    "overlap_days",
    "pro_rata",
    "ago_cn",
    "due_cn",
    "loaded",
    "preload",
]

CHINA_TZ = "Asia/Shanghai"
CHINA_OFFSET = timezone(timedelta(hours=8), "CST")

_LOCALE = "zh"
_LONG_FORMAT = "YYYY年M月D日 dddd"
_WEEKDAY_RE = re.compile(r"(?:星期|礼拜|周)([一二三四五六日天])$")
_WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
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


def _pendulum():
    """The pendulum module, imported on first use (about 70 ms, so never at start-up)."""
    import pendulum

    return pendulum


def _pd(d: date):
    """A pendulum ``Date`` for a plain date."""
    return _pendulum().date(d.year, d.month, d.day)


def _plain(d) -> date:
    """A plain ``datetime.date`` for a pendulum ``Date`` (so records never hold pendulum types)."""
    return date(d.year, d.month, d.day)


def loaded() -> bool:
    """Whether pendulum is imported already (formatting a weekday is then cheap)."""
    return "pendulum" in sys.modules


def preload() -> None:
    """Import pendulum and its ``zh`` locale now, e.g. in a thread after the first frame."""
    _pd(date(2026, 1, 1)).format(_LONG_FORMAT, locale=_LOCALE)


def today() -> date:
    """The current date in China Standard Time (UTC+8).

    Returns:
        Today's date in China, whatever the computer's own time zone.
    """
    from village_tui.domain import clock

    return clock.today()


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
    text, weekday = _split_weekday(text)
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
    if weekday is not None and result.weekday() != weekday:
        typed = weekday_cn(result + timedelta(days=weekday - result.weekday()))
        raise ValidationError(field, f"{format_cn(result)}是{weekday_cn(result)}，不是{typed}")
    if not allow_future and result > ref:
        raise ValidationError(field, "日期不能晚于今天")
    return result


def _split_weekday(text: str) -> tuple[str, int | None]:
    """Take a trailing 星期一 / 周一 / 礼拜天 (as the app itself shows dates) off a date text."""
    compact = text.rstrip("（）() ")
    match = _WEEKDAY_RE.search(compact)
    if match is None:
        return text, None
    rest = compact[:match.start()].rstrip(" ,，（(")
    if not rest:
        return text, None
    return rest, _WEEKDAY_NUMBERS[match.group(1)]


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


def short_cn(d: date, year: int) -> str:
    """``11月27日`` for a day of ``year``, ``2025年11月27日`` for any other (lists at 80 columns)."""
    return f"{d.month}月{d.day}日" if d.year == year else format_cn(d)


def weekday_cn(d: date) -> str:
    """The Chinese weekday name, ``星期一`` … ``星期日`` (pendulum's ``zh`` locale)."""
    return _pd(d).format("dddd", locale=_LOCALE)


def format_cn_long(d: date) -> str:
    """Format as ``2026年11月30日 星期一`` (pendulum's ``zh`` locale)."""
    return _pd(d).format(_LONG_FORMAT, locale=_LOCALE)


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


@lru_cache(maxsize=4096)
def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month (28, 29, 30 or 31 days; leap years included).

    Args:
        year: The year.
        month: The month, 1-12.

    Returns:
        ``(first_day, last_day)``.
    """
    first = date(year, month, 1)
    return first, date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def year_bounds(year: int) -> tuple[date, date]:
    """First and last day of a calendar year: ``(date(y, 1, 1), date(y, 12, 31))``."""
    return date(year, 1, 1), date(year, 12, 31)


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
    return _plain(_pd(d).add(years=n))


def days_between(first: date, last: date) -> int:
    """Days from ``first`` to ``last``, both counted (0 when ``last`` is before ``first``).

    Args:
        first: The first day.
        last: The last day.

    Returns:
        ``366`` for a leap year's 1 January to 31 December, ``1`` for one day.
    """
    if last < first:
        return 0
    return (last - first).days + 1


def overlap_days(first: date, last: date, start: date | None, end: date | None) -> int:
    """Days of the period [``first``, ``last``] that fall within [``start``, ``end``].

    Used for the part of a month or year a cadre was in office (``start`` = term
    start, ``end`` = term end or archive day, ``None`` = open on that side).

    Returns:
        The number of shared days, both ends counted; 0 when they do not meet.
    """
    return days_between(max(first, start) if start else first, min(last, end) if end else last)


def pro_rata(target: int, part: int, whole: int) -> int:
    """``target`` scaled to ``part`` of ``whole`` days, rounded up (the notice's minimum stays whole).

    Args:
        target: The requirement for the whole period (e.g. 2 visits a year).
        part: Days of the period in office.
        whole: Days in the period.

    Returns:
        ``ceil(target × part ÷ whole)``; ``target`` when ``part >= whole``, 0 when ``part`` is 0.

    Examples:
        ``pro_rata(2, 92, 365) == 1``; ``pro_rata(10, 16, 30) == 6``.
    """
    if whole <= 0 or part >= whole:
        return target
    if part <= 0:
        return 0
    return -(-target * part // whole)


def ago_cn(day: date, today: date) -> str:
    """How long ago a day was, as on screen: ``今天``, ``昨天``, ``3天前``, ``2周前``, ``1个月前``.

    Args:
        day: The day (e.g. of the last visit).
        today: The reference day.

    Returns:
        pendulum's ``zh`` wording for two days and more; ``今天`` / ``昨天`` for the
        nearest ones; a day after ``today`` gives pendulum's ``3天后``.
    """
    gap = (today - day).days
    if gap == 0:
        return "今天"
    if gap == 1:
        return "昨天"
    return _pd(day).diff_for_humans(_pd(today), locale=_LOCALE)


def due_cn(due: date, today: date) -> str:
    """A deadline as on screen: ``还剩5天``, ``今天到期`` or ``已超期12天`` (overdue only after the due day).

    Args:
        due: The due day.
        today: The reference day.

    Returns:
        The Chinese text.
    """
    days = _pd(today).diff(_pd(due), False).in_days()
    if days > 0:
        return f"还剩{days}天"
    if days == 0:
        return "今天到期"
    return f"已超期{-days}天"
