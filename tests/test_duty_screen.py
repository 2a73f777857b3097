"""The F4 duty screen: plan a month, sign in, add a special period, move through months, read-only."""

from __future__ import annotations

from datetime import date

import pytest

from textual.widgets import Footer

from tests.screen_text import screen_lines
from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, VillageSettings
from village_tui.screens.duty.duty import DutyScreen
from village_tui.service import VillageService
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.month_calendar import MonthCalendar

TODAY = date(2026, 11, 27)


def populate(service: VillageService) -> Cadre:
    service.save_settings(VillageSettings(name="桃源村", township="桃源镇", groups=["1组"], duty_mode="轮班"))
    secretary = service.save_cadre(Cadre(name="王建国", role="书记", term_start=date(2021, 1, 1)))
    service.save_cadre(Cadre(name="李秀英", role="主任", term_start=date(2021, 1, 1)))
    service.save_cadre(Cadre(name="张伟", role="委员", term_start=date(2021, 1, 1)))
    return secretary


@pytest.fixture
def service():
    s = VillageService.in_memory(today=TODAY)
    s.secretary = populate(s)
    return s


async def open_duty(pilot) -> MonthCalendar:
    await pilot.press("f4")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DutyScreen)
    return pilot.app.screen.query_one(MonthCalendar)


def cell_text(calendar: MonthCalendar, day: date) -> str:
    return str(calendar.cell(day).render())


async def test_plan_a_month_automatically(service):
    app = VillageApp(service, operator_id=service.secretary.id)
    async with app.run_test(size=(100, 30)) as pilot:
        calendar = await open_duty(pilot)
        # A coming day nobody is rostered for is 未到, to plan: not 无人值班 (issue 24; was "-empty")
        assert calendar.cell(date(2026, 11, 28)).has_class("-unplanned")
        assert not calendar.cell(date(2026, 11, 28)).has_class("-empty")
        assert "未排班" in cell_text(calendar, date(2026, 11, 28))
        assert "无人值班" not in cell_text(calendar, date(2026, 11, 28))
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DutyScreen)
        for day in range(28, 31):
            cell = calendar.cell(date(2026, 11, day))
            assert not cell.has_class("-empty")
            assert any(name in cell_text(calendar, date(2026, 11, day)) for name in "王李张")
        assert calendar.cell(date(2026, 11, 26)).has_class("-empty")
        assert "无人值班" in cell_text(calendar, date(2026, 11, 26))
        assert len(service.duty_month(2026, 11)) == 4


async def test_sign_in_today_with_visitors(service):
    app = VillageApp(service, operator_id=service.secretary.id)
    async with app.run_test(size=(100, 30)) as pilot:
        calendar = await open_duty(pilot)
        assert calendar.cell(TODAY).has_class("-today") and "[27]" in cell_text(calendar, TODAY)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#time").value = "08:15"
        app.screen.query_one("#visitors").value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "签 王" in cell_text(calendar, TODAY)
        assert not calendar.cell(TODAY).has_class("-empty")
        [signin] = service.duty_day(TODAY).signins
        assert (signin.cadre_id, signin.time, signin.visitors) == (service.secretary.id, "08:15", 3)
        detail = str(app.screen.query_one("#day-detail").render())
        assert "王建国 08:15 接待3人次" in detail
        # A second sign-in of the same cadre and day asks before replacing the first.
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#time").value = "15:40"
        dialog.query_one("#visitors").value = "1"
        dialog.query_one("#note").value = "下午补签"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert "王建国在2026年11月27日已经签到过" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("enter")  # 保留原来的 has the focus
        await pilot.pause()
        assert app.screen is dialog and "原来的签到保留不变" in str(dialog.query_one("#form-message").render())
        assert [(s.time, s.visitors) for s in service.duty_day(TODAY).signins] == [("08:15", 3)]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#yes")  # 更新签到
        await pilot.pause()
        assert isinstance(app.screen, DutyScreen)
        assert [(s.time, s.visitors, s.note) for s in service.duty_day(TODAY).signins] == [("15:40", 1, "下午补签")]


async def test_special_period_days_are_shaded_and_flagged(service):
    app = VillageApp(service, operator_id=service.secretary.id)
    async with app.run_test(size=(100, 30)) as pilot:
        calendar = await open_duty(pilot)
        await pilot.press("up")  # 2026-11-20
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#end", DateInput).value = "2026-12-02"
        app.screen.query_one("#reason").value = "森林防火"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DutyScreen)
        for day in (20, 25, 30):
            assert calendar.cell(date(2026, 11, day)).has_class("-special")
        assert not calendar.cell(date(2026, 11, 19)).has_class("-special")
        assert calendar.cell(date(2026, 11, 25)).has_class("-empty")
        assert not calendar.cell(date(2026, 11, 30)).has_class("-empty")
        detail = str(app.screen.query_one("#day-detail").render())
        assert "特殊时期：森林防火" in detail and "R2 未在岗：王建国、李秀英、张伟" in detail
        summary = str(app.screen.query_one("#month-summary").render()).replace("\n", "")  # (wrapped)
        assert "特殊时期缺岗21人次" in summary
        await pilot.press("pagedown")
        await pilot.pause()
        assert (calendar.year, calendar.month, calendar.cursor) == (2026, 12, date(2026, 12, 20))
        assert calendar.border_title == "2026年12月"
        assert calendar.cell(date(2026, 12, 2)).has_class("-special")
        assert not calendar.cell(date(2026, 12, 3)).has_class("-special")


async def test_keyboard_moves_by_day_week_and_month_across_a_leap_february(service):
    app = VillageApp(service, operator_id=service.secretary.id)
    async with app.run_test(size=(80, 24)) as pilot:
        calendar = await open_duty(pilot)
        calendar.cursor = date(2024, 3, 31)
        await pilot.pause()
        await pilot.press("pageup")
        assert calendar.cursor == date(2024, 2, 29)
        await pilot.press("right", "down", "left", "up")
        assert calendar.cursor == date(2024, 2, 29)
        await pilot.press("right")
        await pilot.pause()
        assert calendar.month == 3 and calendar.cell(date(2024, 3, 1)) is not None
        await pilot.press("home")
        assert calendar.cursor == TODAY


async def test_read_only_refuses_edits(tmp_path):
    writable = VillageService.open(tmp_path, today=TODAY)
    secretary = populate(writable)
    writable.close()
    service = VillageService.open(tmp_path, readonly=True, today=TODAY)
    app = VillageApp(service, operator_id=secretary.id)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await open_duty(pilot)
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, DutyScreen)
            assert any("只读" in str(n.message) for n in app._notifications)
    finally:
        service.close()


async def test_coming_days_are_not_counted_as_days_without_duty(service):
    """Issue 24: F4 counted coming unrostered days in 本月…无人值班; only days passed without a sign-in count."""
    service.duty_sign_in(service.secretary.id, date(2026, 11, 2), "08:00")
    app = VillageApp(service, operator_id=service.secretary.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_duty(pilot)
        summary = str(app.screen.query_one("#month-summary").render()).replace("\n", "")  # (wrapped)
    # November 1-26 passed (25 without anyone), 27 (today) to 30 have not ended: 4 days not planned yet
    assert "有人值班1/26天，进行中4天" in summary and "无人值班25天" in summary
    assert "未到的日子4天未排班" in summary
    assert "王建国：本月至今在任27天，值班1天（4%）" in summary  # of the days that have come


async def test_leave_from_f4_asks_which_cadre_and_shows_on_the_calendar(service):
    """F4 `l` (请假): choose a cadre, add a leave from the chosen day; its days show 「假 李」 (issue 28, item 7)."""
    app = VillageApp(service, operator_id=service.secretary.id)
    async with app.run_test(size=(80, 24)) as pilot:
        calendar = await open_duty(pilot)
        await pilot.pause()
        footer = [k.description for k in app.screen.query_one(Footer).query("FooterKey")]
        assert "请假" in footer
        await pilot.press("right")  # 11月28日
        await pilot.press("l")
        await pilot.pause()
        choices = app.screen.query_one("#choices")
        assert "李秀英" in str(choices.get_option_at_index(1).prompt)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "李秀英 的请假" in str(app.screen.query_one(".dialog-title").render())
        assert app.screen.query_one("#start").value.startswith("2026-11-28")
        app.screen.query_one("#end").value = "2026-11-30"
        app.screen.query_one("#reason").value = "外出培训"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DutyScreen)
        assert [(lv.start, lv.end) for lv in service.cadre(service.cadres()[1].id).leaves] == \
            [(date(2026, 11, 28), date(2026, 11, 30))]
        for day in (28, 29, 30):
            assert "假 李" in cell_text(calendar, date(2026, 11, day))
        assert "假" not in cell_text(calendar, date(2026, 11, 27))
        assert "请假：李秀英（外出培训）" in str(app.screen.query_one("#day-detail").render())


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_the_month_summary_is_shown_whole(service, size):
    """Every cadre's line of the month summary is on screen, the last one too (it stopped after two lines)."""
    service.save_cadre(Cadre(name="欧阳春花", role="副书记", term_start=date(2021, 1, 1)))
    service.save_cadre(Cadre(name="司马建军", role="副主任", term_start=date(2021, 1, 1)))
    app = VillageApp(service, operator_id=service.secretary.id)
    async with app.run_test(size=size) as pilot:
        await open_duty(pilot)
        await pilot.pause()
        summary = app.screen.query_one("#month-summary")
        whole = "".join(str(summary.render()).split())
        assert "李秀英：本月至今在任" in whole  # (the last cadre counted: the 书记 and the 主任)
        region = summary.region
        shown = "".join("".join(line[region.x:region.right].split())
                        for line in screen_lines(app)[region.y:region.bottom])
        assert shown == whole
        assert not any(line.lstrip().startswith(("：", "，", "；")) for line in screen_lines(app)[region.y:region.bottom])
