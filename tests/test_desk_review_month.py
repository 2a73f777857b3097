"""F3 村情审阅 on the township desk shows the month the clerk picks, not only last month.

The folder's month field starts at last month (2026-10 on the suite's day, 2026-11-27); a month is
typed as 2026-09 or 2026年9月, or stepped on the scorecard with [ 上月 and ] 下月. The scorecard is
worked out again for that month. A month that has not begun, or text that is no month, is refused
in Chinese and the scorecard stays as it was.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from textual.widgets import Input, Static

from app_fixtures import press_each
from test_township_desk_tui import received, run_desk, sign_in, township  # noqa: F401  (the fixtures)
from village_tui.domain.errors import ValidationError
from village_tui.domain.review_month import chosen_month
from village_tui.screens.township.review_area import DeskReviewPick, DeskReviewScreen, ReviewChoice
from village_tui.township_app import TownshipApp


async def open_review(pilot, app, folder, month: str | None = None) -> None:
    """F3, the folder of exports (and the month, when given), Enter; wait for the scorecard."""
    await sign_in(pilot)
    await press_each(pilot, "f3")
    app.screen.query_one("#review-folder", Input).value = str(folder.parent / "stick")
    if month is not None:
        app.screen.query_one("#review-month", Input).value = month
    await press_each(pilot, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def step(pilot, app, key: str) -> None:
    await press_each(pilot, key)
    await app.workers.wait_for_complete()
    await pilot.pause()


def title(app) -> str:
    return str(app.screen.query(Static).first().render())


def figures(app, village: str = "桃源村") -> tuple[str, int, str]:
    """R1, 不符合 and 上报结果 of ``village`` on the scorecard shown."""
    row = next(r for r in app.screen.rows if r.name == village)
    return row.cells["R1"], row.problems, row.reported


def warnings(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_scorecard_steps_back_a_month_and_never_into_one_not_begun(township):  # noqa: F811
    app = run_desk(township)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, app, township)
        assert "2026年10月" in title(app)
        assert figures(app) == ("0/31", 37, "一致")  # October: 31 days, reported with the export
        await step(pilot, app, "left_square_bracket")
        assert isinstance(app.screen, DeskReviewScreen) and "2026年9月" in title(app)
        assert figures(app) == ("0/30", 35, "未上报")  # September: 30 days, never reported
        await step(pilot, app, "right_square_bracket")
        await step(pilot, app, "right_square_bracket")
        assert "2026年11月" in title(app) and figures(app)[0] == "0/26，进行中4"  # the running month, as far as it went
        await step(pilot, app, "right_square_bracket")
        assert "2026年11月" in title(app)  # December has not begun: refused, the scorecard stays
        assert any("2026年12月还没有开始" in w for w in warnings(app))
        # Esc: back to the folder and month, now holding the month shown.
        await press_each(pilot, "escape")
        assert app.screen.query_one("#review-month", Input).value == "2026-11"
    app.service.close()


async def test_two_quick_presses_step_two_months_on_a_slow_machine(township, monkeypatch):  # noqa: F811
    """[ pressed twice while the month before is still being scored (a slow PC): two months back, shown once."""
    from village_tui.screens.township import review_area

    scored = review_area.scorecard
    go = threading.Event()

    def slow(folders, year, month):
        go.wait(10)  # held until both keys were pressed
        return scored(folders, year, month)

    app = run_desk(township)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, app, township)
        assert "2026年10月" in title(app)
        monkeypatch.setattr(review_area, "scorecard", slow)
        await press_each(pilot, "left_square_bracket", "left_square_bracket")
        assert "正在审阅 2026年8月" in str(app.screen.query_one("#village-notes", Static).render())
        go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2026年8月" in title(app)
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["DeskReviewPick", "DeskReviewScreen"]
    app.service.close()


@pytest.mark.parametrize("typed", ["2026年9月", "2026-09", "２０２６-９"])
async def test_a_typed_month_is_scored(township, typed):  # noqa: F811
    app = run_desk(township)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, app, township, typed)
        assert isinstance(app.screen, DeskReviewScreen) and "2026年9月" in title(app)
        assert figures(app) == ("0/30", 35, "未上报")
    app.service.close()


@pytest.mark.parametrize(("typed", "words"), [
    ("2026-12", "2026年12月还没有开始，只能审阅本月（2026年11月）或以前的月份"),
    ("2027年1月", "2027年1月还没有开始"),
    ("十月", "无法识别的月份：十月，请写成 2026-10 或 2026年10月"),
    ("2026-13", "月份不存在：2026年13月"),
    ("[b]" + "1" * 200, "无法识别的月份：[b]11111111111111111…，请写成 2026-10 或 2026年10月"),  # pasted, markup kept literal
])
async def test_a_future_month_or_garbage_is_refused_in_chinese(township, typed, words):  # noqa: F811
    app = run_desk(township)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, app, township, typed)
        assert isinstance(app.screen, DeskReviewPick)  # no scorecard
        assert words in str(app.screen.query_one("#review-message", Static).render())
        assert app.focused is app.screen.query_one("#review-month", Input)  # the cursor where to mend it
    app.service.close()


async def test_a_village_looked_at_comes_back_to_the_month_chosen(township):  # noqa: F811
    app = run_desk(township)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, app, township, "2026年9月")
        await press_each(pilot, "enter")
    chosen = app.return_value
    assert isinstance(chosen, ReviewChoice) and chosen.month == (2026, 9)
    again = TownshipApp(app.service, review=chosen, review_folder=app.review_folder, review_month=app.review_month)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, DeskReviewScreen) and "2026年9月" in title(again)
        await step(pilot, again, "left_square_bracket")
        assert "2026年8月" in title(again)
    app.service.close()


def test_chosen_month_reads_what_a_clerk_types():
    today = date(2026, 11, 27)
    assert chosen_month(" 2026年11月 ", today) == (2026, 11)  # the running month has begun
    assert chosen_month("202510", today) == (2025, 10)
    for typed, words in (("", "请填写审阅的月份"), ("下个月", "无法识别的月份"), ("2026-12", "还没有开始"),
                         ("1999-12", "只能审阅 2000 年以后的月份")):
        with pytest.raises(ValidationError, match=words):
            chosen_month(typed, today)
