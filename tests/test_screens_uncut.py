"""What issue 28 found cut, covered or shortened on screen, walked on the demo village as a cadre would."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.app_fixtures import press_each
from tests.screen_text import screen_lines, screen_text
from village_tui.app import VillageApp
from village_tui.demo import generate_demo
from village_tui.service import VillageService


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The small demo village (seed 3, records up to the suite's day), made once for the module."""
    folder = tmp_path_factory.mktemp("uncut") / "演示村"
    generate_demo(folder, scale="small", seed=3, until=date(2026, 11, 27))
    return folder


@pytest.fixture
def service(demo: Path, tmp_path: Path):
    """A fresh copy of the demo village, opened."""
    shutil.copytree(demo, tmp_path / "村")
    opened = VillageService.open(tmp_path / "村")
    yield opened
    opened.close()


def joined(app) -> str:
    """The screen's text with its line breaks and padding taken out, for sentences that wrap."""
    return "".join(line.strip() for line in screen_lines(app))


async def walk(app, pilot, *keys: str) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    for key in keys:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_the_yearly_assessment_shows_a_cadres_whole_sentence_at_80_columns(service):
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await walk(app, pilot, "y")
        text = joined(app)
        assert "综合得分100（统计至2026年10月；11月尚未结束，不计入）" in text, screen_text(app)


async def test_an_open_dropdown_leaves_the_footer_readable_at_80x24(service):
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await walk(app, pilot, "f7", "enter")
        app.screen.query_one("#satisfaction").focus()  # 满意度, the last field of an open item
        await walk(app, pilot, "space")
        lines = screen_lines(app)
        assert "满意" in "".join(lines[-8:])  # the list is open
        assert lines[-1].strip().startswith("Esc 关闭列表"), screen_text(app)
        assert "Ctrl+S 保存" in lines[-1]


async def test_the_meeting_minutes_box_is_whole_at_80x24(service):
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await walk(app, pilot, "f7", "m", "ctrl+s")
        lines = screen_lines(app)
        top = next(i for i, line in enumerate(lines) if "会议记录 +" in line)
        bottom = [i for i, line in enumerate(lines) if re.fullmatch(r"\|\s+\+-{40,}\+\s*\|\s*", line)]
        assert bottom and bottom[0] > top + 1, screen_text(app)  # the box's own bottom border
        assert "已议定事项" in screen_text(app)


@pytest.mark.parametrize("size", [(120, 40), (100, 30)])
async def test_f4_writes_whole_names_when_the_cells_have_room(service, size):
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=size) as pilot:
        await walk(app, pilot, "f4")
        calendar = "\n".join(screen_lines(app)[2:])  # under the header, which names the operator
        assert "签 王斌峰" in calendar and "签 王倩婷" in calendar, calendar  # a day one cadre signed in


async def test_f4_still_shortens_names_in_the_narrow_cells_of_80_columns(service):
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_each(pilot, "f4")
        await walk(app, pilot)
        calendar = "\n".join(screen_lines(app)[2:])
        assert "签 王峰 郭" in calendar, calendar  # two names in a cell of ten: 王斌峰 and 郭清清 shortened


async def test_a_toast_leaves_no_holes_in_the_chinese_text_under_it(service):
    from tests.terminal_view import watch

    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await walk(app, pilot, "f4")  # the day's line has a character across the toasts' left edge
        terminal = watch(app)
        await walk(app, pilot)
        assert terminal.lines() == screen_lines(app)
        # The toast stays until it is cleared, so a slow machine cannot let it go before it is drawn.
        app.notify("导出完成，校验通过：15 个文件与清单一致，审计日志完整。", timeout=600)
        await walk(app, pilot)
        assert len(app.screen.query("Toast")) == 1
        shown = terminal.lines()
        assert any("导出完成" in line for line in shown), "\n".join(shown)
        app.clear_notifications()
        await walk(app, pilot)
        assert not app.screen.query("Toast")
        assert terminal.lines() == screen_lines(app), "\n".join(terminal.lines())
        assert shown != terminal.lines()


async def test_a_toast_of_one_area_does_not_stay_over_the_next(service):
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await walk(app, pilot, "f8")
        app.notify("已保存：4组机耕路硬化")
        await walk(app, pilot)
        assert app.screen.query("Toast")
        await walk(app, pilot, "f9")
        assert not app.screen.query("Toast")
        assert "4组机耕路硬化" not in screen_text(app)



async def test_a_read_only_header_shows_a_folder_with_a_space_whole(demo, tmp_path):
    stick = tmp_path / "U盘 E" / "李家庄-20261127-1000" / "data"
    shutil.copytree(demo, stick)
    service = VillageService.open(stick, readonly=True)
    try:
        app = VillageApp(service, operator_id=service.cadres()[0].id)
        async with app.run_test(size=(80, 24)) as pilot:
            await walk(app, pilot)
            lines = screen_lines(app)
            start = next(i for i, line in enumerate(lines) if "数据：" in line)
            rows = lines[start:start + 2]
            # Folded at the edge (a wide character that does not fit leaves the last cell blank).
            assert f"数据：{stick.resolve()}" in rows[0].rstrip() + rows[1].strip(), rows
            assert not rows[0].rstrip().endswith("U盘"), rows
    finally:
        service.close()


async def test_the_yearly_assessment_heading_starts_no_line_with_a_closing_mark(service):
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await walk(app, pilot, "y")
        lines = screen_lines(app)
        assert not [line for line in lines if line.strip()[:1] in ("）", "、", "，", "；")], screen_text(app)
