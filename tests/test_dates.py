"""Tests for village_tui.domain.dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from village_tui.domain import dates
from village_tui.domain.dates import (
    CHINA_TZ,
    add_years,
    excel_serial_to_date,
    format_cn,
    format_cn_long,
    month_bounds,
    month_days,
    month_key,
    parse_date,
    parse_month,
    weekday_cn,
)
from village_tui.domain.errors import ValidationError

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-27",
        "2026/11/27",
        "2026.11.27",
        "20261127",
        "2026年11月27日",
        "2026年11月27号",
        "2026年11月27",
        "11-27",
        "11/27",
        "11月27日",
        "今天",
        "２０２６－１１－２７",
        "２０２６年１１月２７日",
        " 2026-11-27 ",
        "2026-11-27 08:30",
        "2026-11-27T08:30:00",
        "46353",
        "46353.0",
    ],
)
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text, today=TODAY) == date(2026, 11, 27)


def test_parse_date_single_digit_month_and_day() -> None:
    assert parse_date("2026-1-5", today=TODAY) == date(2026, 1, 5)
    assert parse_date("2026/1/5", today=TODAY) == date(2026, 1, 5)
    assert parse_date("1月5日", today=TODAY) == date(2026, 1, 5)
    assert parse_date("1-5", today=date(2025, 6, 1)) == date(2025, 1, 5)


def test_parse_date_relative_words() -> None:
    assert parse_date("昨天", today=TODAY) == date(2026, 11, 26)
    assert parse_date("前天", today=TODAY) == date(2026, 11, 25)
    assert parse_date("今天", today=date(2026, 1, 1)) == date(2026, 1, 1)
    assert parse_date("昨天", today=date(2026, 1, 1)) == date(2025, 12, 31)


def test_parse_date_leap_years() -> None:
    assert parse_date("2024-02-29", today=TODAY) == date(2024, 2, 29)
    assert parse_date("2月29日", today=date(2024, 5, 1)) == date(2024, 2, 29)
    with pytest.raises(ValidationError) as info:
        parse_date("2025-02-29", today=TODAY)
    assert info.value.message == "日期不存在：2025年2月29日"


def test_parse_date_impossible_dates() -> None:
    with pytest.raises(ValidationError) as info:
        parse_date("2026-02-30", today=TODAY, field="visit_day")
    assert info.value.message == "日期不存在：2026年2月30日"
    assert info.value.field == "visit_day"
    with pytest.raises(ValidationError, match="日期不存在：2026年13月1日"):
        parse_date("20261301", today=TODAY)
    with pytest.raises(ValidationError, match="日期不存在：2026年4月31日"):
        parse_date("4月31日", today=TODAY)


@pytest.mark.parametrize("text", ["明年", "abc", "2026-11", "2026-11-27-1", "123", "1234567"])
def test_parse_date_unrecognised(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_date(text, today=TODAY)
    assert info.value.message.startswith("无法识别的日期：")
    assert info.value.message.endswith("，请写成 2026-11-27")
    assert info.value.field == "day"


def test_parse_date_empty() -> None:
    with pytest.raises(ValidationError):
        parse_date("", today=TODAY)


def test_parse_date_future() -> None:
    assert parse_date("2026-11-28", today=TODAY) == date(2026, 11, 28)
    with pytest.raises(ValidationError, match="日期不能晚于今天"):
        parse_date("2026-11-28", today=TODAY, allow_future=False)
    assert parse_date("今天", today=TODAY, allow_future=False) == TODAY


def test_excel_serials() -> None:
    assert excel_serial_to_date(1) == date(1900, 1, 1)
    assert excel_serial_to_date(59) == date(1900, 2, 28)
    assert excel_serial_to_date(61) == date(1900, 3, 1)
    assert excel_serial_to_date(45292) == date(2024, 1, 1)
    assert excel_serial_to_date(2958465) == date(9999, 12, 31)
    with pytest.raises(ValueError):
        excel_serial_to_date(0)
    with pytest.raises(ValueError):
        excel_serial_to_date(2958466)
    assert parse_date("45292", today=TODAY) == date(2024, 1, 1)
    assert parse_date("４５２９２", today=TODAY) == date(2024, 1, 1)


def test_today_is_the_date_in_china_whatever_the_machine_time_zone(clock) -> None:
    clock.set(datetime(2026, 12, 31, 20, 30, tzinfo=timezone.utc))  # New Year's night in Beijing
    assert dates.today() == date(2027, 1, 1)
    clock.set(datetime(2026, 12, 31, 15, 59, tzinfo=timezone.utc))
    assert dates.today() == date(2026, 12, 31)
    assert CHINA_TZ == "Asia/Shanghai"


def test_parse_date_defaults_to_china_today() -> None:
    assert parse_date("今天") == dates.today()


def test_formatting() -> None:
    assert format_cn(TODAY) == "2026年11月27日"
    assert format_cn(date(2026, 1, 5)) == "2026年1月5日"
    assert weekday_cn(TODAY) == "星期五"
    assert weekday_cn(date(2026, 11, 29)) == "星期日"
    assert weekday_cn(date(2026, 11, 23)) == "星期一"
    assert format_cn_long(TODAY) == "2026年11月27日 星期五"
    assert month_key(date(2026, 1, 5)) == "2026-01"
    assert month_key(TODAY) == "2026-11"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11", (2026, 11)),
        ("2026-1", (2026, 1)),
        ("2026/01", (2026, 1)),
        ("202611", (2026, 11)),
        ("2026年11月", (2026, 11)),
        ("２０２６年３月", (2026, 3)),
    ],
)
def test_parse_month(text: str, expected: tuple[int, int]) -> None:
    assert parse_month(text) == expected


def test_parse_month_errors() -> None:
    with pytest.raises(ValidationError, match="月份不存在：2026年13月"):
        parse_month("2026-13")
    with pytest.raises(ValidationError, match="无法识别的月份"):
        parse_month("十一月")
    with pytest.raises(ValidationError) as info:
        parse_month("", field="period")
    assert info.value.field == "period"


def test_month_days_and_bounds() -> None:
    feb = month_days(2024, 2)
    assert len(feb) == 29 and feb[0] == date(2024, 2, 1) and feb[-1] == date(2024, 2, 29)
    assert len(month_days(2025, 2)) == 28
    assert month_bounds(2026, 11) == (date(2026, 11, 1), date(2026, 11, 30))
    assert month_bounds(2026, 12) == (date(2026, 12, 1), date(2026, 12, 31))


def test_add_years() -> None:
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(TODAY, -3) == date(2023, 11, 27)
