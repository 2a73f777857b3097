"""The ``--month`` / ``--year`` arguments of ``check``, ``report`` and ``review``, read one way.

A value that was given is used or refused, never replaced by a default: an empty
``--month ''`` is an error, not "last month".
"""

from __future__ import annotations

from village_tui.domain.errors import DomainError
from village_tui.domain.normalize import clean_text
from village_tui.domain.safe_text import inert

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years the commands accept


def _year(text: str) -> int:
    """A four-digit year in range, from ``--year`` (full-width digits accepted)."""
    value = clean_text(text).replace(" ", "")
    if not value:
        raise DomainError("--year 不能为空，请写成 2026 这样的四位数字")
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise DomainError(f"年份应写成 2026 这样的四位数字：{inert(text)}")
    return _in_range(int(value))


def _in_range(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间：{year}")
    return year


def parse_period(month: str | None, year: str | None) -> tuple[int, int | None]:
    """The period the user asked for.

    Args:
        month: ``--month`` as typed, or None when not given.
        year: ``--year`` as typed, or None when not given.

    Returns:
        ``(year, month)``; ``month`` is None for a whole year.

    Raises:
        DomainError: A given value is empty, malformed, or a year outside 2000–2100;
            also when neither was given (callers with a default handle that first).
    """
    from village_tui.domain.dates import parse_month

    if month is not None:
        if not clean_text(month):
            raise DomainError("--month 不能为空，请写成 2026-11 这样的年月")
        number_year, number_month = parse_month(month)
        return _in_range(number_year), number_month
    if year is not None:
        return _year(year), None
    raise DomainError("请用 --month 或 --year 指定检查期间")
