"""F8 五事 in the app: a matter through all five steps, and a refused skip."""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len

from screen_text import screen_lines
from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, VillageSettings
from village_tui.service import VillageService
from village_tui.widgets.step_bar import StepBar

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组"]))
    svc.save_cadre(Cadre("王建国", "书记", date(2026, 3, 1)))
    return svc


async def open_matters(pilot) -> None:
    await pilot.pause()
    await pilot.press("f8")
    await pilot.pause()


def fill(screen, **values) -> None:
    for widget_id, value in values.items():
        screen.query_one(f"#{widget_id}").value = value


async def test_a_matter_goes_through_all_five_steps(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_matters(pilot)
        screen = app.screen
        await pilot.press("n")
        await pilot.press(*"[b]修路[/b]", "enter")  # Enter moves on to 类别; Ctrl+S saves
        await pilot.press("ctrl+s")
        await pilot.pause()
        [matter] = service.matters()
        assert matter.title == "[b]修路[/b]"
        steps = [
            dict(content="院坝会商议", villagers="40", day="2026-10-01"),
            dict(content="村民代表会表决", votes_for="30", votes_against="2", day="2026-10-02"),
            dict(content="公开承诺", responsible_id=1, promised="2026-11-30", day="2026-10-03"),
            dict(content="群众监督", supervisors="李老汉、赵大娘", findings="质量合格", day="2026-11-20"),
            dict(content="验收", evaluation="按期完成", satisfaction="满意", posted_from="2026-11-25",
                 posted_to="2026-12-02", day="2026-11-24"),
        ]
        for number, values in enumerate(steps, start=1):
            await pilot.press("s")
            await pilot.pause()
            form = app.screen
            fill(form, **values)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert len(service.matter(matter.id).steps) == number, form.query_one("#form-message").render()
        assert screen.query_one(StepBar).states() == ["-done"] * 5
        assert service.matter(matter.id).steps[-1].satisfaction == "满意"


async def test_skipping_a_step_shows_the_chinese_error(service):
    matter = service.save_matter("自来水入户", "饮水")
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_matters(pilot)
        screen = app.screen
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        assert str(form.query_one("#step_name").value) == "干群议事"
        fill(form, step_name="承诺干事", content="承诺", responsible_id=1, promised="2026-12-20")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "不能跳过步骤" in str(form.query_one("#form-message").render())
        assert service.matter(matter.id).steps == []


async def test_a_passed_promise_is_flagged_in_the_list(service):
    from village_tui.domain.models import MatterStep

    matter = service.save_matter("通组公路", "行路")
    service.record_step(matter.id, MatterStep("干群议事", date(2026, 9, 1), content="议"))
    service.record_step(matter.id, MatterStep("集体定事", date(2026, 9, 2), content="定", votes_for=9, votes_against=0))
    service.record_step(matter.id, MatterStep("承诺干事", date(2026, 9, 3), content="诺", responsible_id=1,
                                              promised=date(2026, 10, 15)))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_matters(pilot)
        table = app.screen.query_one("#matters")
        assert str(table.get_row_at(0)[-1]) == "已过承诺期"
        assert "已过承诺期未考评" in str(app.screen.query_one("#count").render())


async def test_a_bad_date_and_a_bad_count_are_named_together(service):
    """Both wrong fields of a step are marked at once, so one Ctrl+S shows everything to fix."""
    matter = service.save_matter("自来水入户", "饮水")
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_matters(pilot)
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        fill(form, content="院坝会商议", villagers="四十", day="10月45日")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = str(form.query_one("#form-message").render())
        assert "日期：" in message and "村民人数：" in message, message
        assert service.matter(matter.id).steps == []


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_list_box_reaches_the_right_edge(service, size):
    """The table's ASCII box is as wide as the window: its corners sit in the last column, as its sides do."""
    service.save_matter("3组通组路硬化", "行路")
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=size) as pilot:
        await open_matters(pilot)
        rows = screen_lines(app)
        top = next(i for i, row in enumerate(rows) if row.startswith("+-"))
        bottom = next(i for i in range(top + 1, len(rows)) if rows[i].startswith("+-"))
        for row in (rows[top], rows[top + 1], rows[bottom]):
            assert cell_len(row.rstrip()) == size[0], row
