"""Period arithmetic, Chinese dates with 星期 and relative texts, all through pendulum (issue 16 item 9)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError

ROOT = Path(__file__).resolve().parent.parent


def test_the_header_date_has_its_weekday_in_chinese() -> None:
    assert dates.format_cn_long(date(2026, 11, 30)) == "2026年11月30日 星期一"
    assert dates.format_cn_long(date(2024, 2, 29)) == "2024年2月29日 星期四"
    week = [dates.weekday_cn(date(2026, 11, 30 - 6 + n)) for n in range(7)]
    assert week == ["星期二", "星期三", "星期四", "星期五", "星期六", "星期日", "星期一"]


@pytest.mark.parametrize("text", ["2026年11月30日 星期一", "2026年11月30日星期一", "2026-11-30（周一）",
                                  "11月30日 礼拜一", "2026/11/30 周一"])
def test_a_date_copied_with_its_weekday_is_read(text: str) -> None:
    assert dates.parse_date(text, today=date(2026, 11, 30)) == date(2026, 11, 30)


def test_a_weekday_that_does_not_match_the_date_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        dates.parse_date("2026年11月30日 星期二", today=date(2026, 11, 30))
    assert info.value.message == "2026年11月30日是星期一，不是星期二"
    with pytest.raises(ValidationError, match="无法识别的日期"):
        dates.parse_date("星期一", today=date(2026, 11, 30))


def test_relative_texts_as_shown_on_screen() -> None:
    today = date(2026, 11, 30)
    assert dates.ago_cn(date(2026, 11, 27), today) == "3天前"
    assert dates.ago_cn(today, today) == "今天"
    assert dates.ago_cn(date(2026, 11, 29), today) == "昨天"
    assert dates.ago_cn(date(2026, 11, 9), today) == "3周前"
    assert dates.ago_cn(date(2026, 9, 30), today) == "2个月前"
    assert dates.due_cn(date(2026, 12, 5), today) == "还剩5天"
    assert dates.due_cn(today, today) == "今天到期"
    assert dates.due_cn(date(2026, 11, 18), today) == "已超期12天"
    assert dates.due_cn(date(2027, 1, 1), date(2026, 12, 31)) == "还剩1天"


@pytest.mark.parametrize(("year", "last_of_february", "days"), [
    (2024, 29, 366), (2026, 28, 365), (2000, 29, 366), (2100, 28, 365)])
def test_month_and_year_bounds_follow_leap_years(year: int, last_of_february: int, days: int) -> None:
    assert dates.month_bounds(year, 2) == (date(year, 2, 1), date(year, 2, last_of_february))
    assert len(dates.month_days(year, 2)) == last_of_february
    assert dates.year_bounds(year) == (date(year, 1, 1), date(year, 12, 31))
    assert dates.days_between(*dates.year_bounds(year)) == days
    first, last = dates.month_bounds(year, 12)
    assert type(first) is date and type(last) is date and last == date(year, 12, 31)


def test_month_and_year_bounds_and_day_counts_agree_with_pendulum_for_two_centuries() -> None:
    import pendulum

    for year in range(1900, 2101):
        first = pendulum.date(year, 1, 1)
        assert dates.year_bounds(year) == (date(year, 1, 1), date(year, 12, 31)) == (first, first.end_of("year"))
        assert dates.days_between(*dates.year_bounds(year)) == pendulum.interval(first, first.end_of("year")).in_days() + 1
        for month in range(1, 13):
            start = pendulum.date(year, month, 1)
            end = start.end_of("month")
            assert dates.month_bounds(year, month) == (date(year, month, 1), date(end.year, end.month, end.day))
            assert dates.days_between(*dates.month_bounds(year, month)) == pendulum.interval(start, end).in_days() + 1


def test_adding_years_keeps_plain_dates_and_moves_29_february() -> None:
    assert dates.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert dates.add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert dates.add_years(date(2024, 2, 29), -1) == date(2023, 2, 28)
    assert type(dates.add_years(date(2026, 3, 1), 1)) is date


def test_days_in_office_and_pro_rata_targets() -> None:
    year = dates.year_bounds(2026)
    assert dates.overlap_days(*year, date(2026, 10, 1), None) == 92
    assert dates.overlap_days(*year, None, date(2026, 6, 30)) == 181
    assert dates.overlap_days(*year, date(2020, 1, 1), None) == 365
    assert dates.overlap_days(*year, date(2027, 1, 1), None) == 0
    assert dates.overlap_days(*dates.month_bounds(2024, 2), date(2024, 2, 15), date(2024, 3, 3)) == 15
    assert dates.pro_rata(2, 92, 365) == 1          # joined in October: one visit per household
    assert dates.pro_rata(2, 184, 365) == 2         # joined 1 July: 1.008 rounds up
    assert dates.pro_rata(2, 183, 366) == 1         # exactly half a leap year
    assert dates.pro_rata(10, 16, 30) == 6          # R6, sixteen days of November
    assert dates.pro_rata(10, 30, 30) == 10 and dates.pro_rata(10, 0, 30) == 0
    assert dates.days_between(date(2026, 11, 30), date(2026, 11, 1)) == 0


def test_starting_the_program_does_not_import_pendulum() -> None:
    code = ("import sys, village_tui.cli, village_tui.app, village_tui.domain.dates, village_tui.widgets.village_header;"
            "print('pendulum' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert done.stdout.strip() == "False"
    dates.preload()
    assert dates.loaded()


async def test_the_app_loads_pendulum_in_a_thread_and_then_shows_the_weekday(monkeypatch) -> None:
    import threading

    from app_fixtures import make_village
    from village_tui.app import VillageApp

    calls: list[bool] = []
    real_preload = dates.preload

    def preload() -> None:
        calls.append(threading.current_thread() is threading.main_thread())
        real_preload()

    monkeypatch.setattr(dates, "loaded", lambda: bool(calls))
    monkeypatch.setattr(dates, "preload", preload)
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == [False]  # loaded once, off the UI thread
        assert "2026年11月27日 星期五" in app.export_screenshot().replace("&#160;", " ")
