"""The month a review shows: typed (``2026-10``, ``2026年10月``) or stepped a month at a time.

A review judges a month that has begun: the running month (its days so far, the rest 进行中) or
an earlier one. A month still to come has nothing to judge, so it is refused with the reason.
"""

from __future__ import annotations

from datetime import date

from village_tui.domain.dates import parse_month
from village_tui.domain.errors import ValidationError

#: The earliest year a review is asked for (as the commands' ``--month``).
FIRST_YEAR = 2000
FIELD = "month"


def month_name(year: int, month: int) -> str:
    """``2026年10月``: the month as the review's title names it."""
    return f"{year}年{month}月"


def previous_month(today: date) -> tuple[int, int]:
    """The month before ``today``'s: the review's default, as ``village-tui review`` shows."""
    return step_month(today.year, today.month, -1)


def step_month(year: int, month: int, step: int) -> tuple[int, int]:
    """The month ``step`` months after ``year``-``month`` (before it when ``step`` is negative)."""
    index = year * 12 + month - 1 + step
    return index // 12, index % 12 + 1


def check_begun(year: int, month: int, today: date) -> tuple[int, int]:
    """``(year, month)`` when a review can show it.

    Raises:
        ValidationError: The month has not begun on ``today``, or lies before 2000.
    """
    if (year, month) > (today.year, today.month):
        raise ValidationError(FIELD, f"{month_name(year, month)}还没有开始，只能审阅本月"
                                     f"（{month_name(today.year, today.month)}）或以前的月份")
    if year < FIRST_YEAR:
        raise ValidationError(FIELD, f"只能审阅 {FIRST_YEAR} 年以后的月份：{month_name(year, month)}")
    return year, month


def chosen_month(text: str, today: date) -> tuple[int, int]:
    """The month typed in the review's month field.

    Args:
        text: As typed: ``2026-10``, ``2026/10``, ``202610`` or ``2026年10月`` (full-width digits too).
        today: Today, in China.

    Returns:
        ``(year, month)``.

    Raises:
        ValidationError: Empty, not a month, or a month that has not begun; the message is in Chinese.
    """
    typed = text.strip()
    if not typed:
        raise ValidationError(FIELD, "请填写审阅的月份，如 2026-10 或 2026年10月")
    try:
        year, month = parse_month(typed, FIELD)
    except ValidationError as error:
        if error.message.startswith("月份不存在"):
            raise
        shown = typed if len(typed) <= 20 else typed[:20] + "…"  # a pasted paragraph is not echoed whole
        raise ValidationError(FIELD, f"无法识别的月份：{shown}，请写成 2026-10 或 2026年10月") from None
    return check_begun(year, month, today)
