"""Lists fit the window: long texts cut with "..", the least needed columns step aside, and the line
under a list shows the highlighted row whole (issue 19: "cut off at 80 and 100 columns")."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import DataTable, Static

from tests.frames import drawn_whole, frames_not_drawn
from tests.test_every_area_screen import settle, sideways_tables
from village_tui.app import VillageApp
from village_tui.demo import generate_demo
from village_tui.domain.models import LedgerItem
from village_tui.service import VillageService
from village_tui.widgets.lists.fitted_table import Col, cut_to, plan_widths

LEDGER_LIKE = (Col("编号"), Col("内容", flex=True, min_width=16), Col("提醒"), Col("层级", drop=2),
               Col("承办人", drop=1))


def test_a_wide_window_shows_every_column_whole():
    shown, widths = plan_widths(LEDGER_LIKE, [9, 30, 8, 2, 6], room=100, padding=2)
    assert shown == (0, 1, 2, 3, 4) and widths == (9, 30, 8, 4, 6)  # a heading is never narrower than itself


def test_long_texts_narrow_to_their_comfortable_width_before_any_column_steps_aside():
    shown, widths = plan_widths(LEDGER_LIKE, [9, 30, 8, 2, 6], room=60, padding=2)
    assert shown == (0, 1, 2, 3, 4) and widths[1] == 60 - (9 + 8 + 4 + 6) - 10


def test_columns_step_aside_highest_drop_first_then_texts_narrow_further():
    shown, widths = plan_widths(LEDGER_LIKE, [9, 30, 8, 2, 6], room=48, padding=2)
    assert shown == (0, 1, 2, 4)  # 层级 (drop 2) went first
    assert sum(widths) + 2 * len(widths) == 48
    shown, widths = plan_widths(LEDGER_LIKE, [9, 30, 8, 2, 6], room=30, padding=2)
    assert shown == (0, 1, 2) and widths[1] == 30 - (9 + 8) - 6  # below 16 only once nothing is left to drop


def test_a_cut_text_ends_in_two_dots_and_keeps_its_colour():
    cut = cut_to(Text("反映有人焚烧秸秆，存在火灾隐患", style="bold red"), 12)
    assert cut.plain == "反映有人焚.." and cut.cell_len <= 12
    assert cut.style == "bold red"
    assert cut_to(Text("屋顶漏雨"), 12).plain == "屋顶漏雨"


async def test_every_list_outside_the_area_screens_fits_80_and_100_columns(tmp_path):
    """The profile, 走访任务, 走访记录, the meeting, the findings, the assessment and the pairing views."""
    from village_tui.screens.home.assessment import AssessmentScreen
    from village_tui.screens.households.household_profile import HouseholdProfileScreen
    from village_tui.screens.ledger.meeting import MeetingScreen
    from village_tui.screens.visits.visit_list import VisitListScreen
    from village_tui.screens.visits.visit_worklist import VisitWorklistScreen

    generate_demo(tmp_path / "村", scale="small", seed=3, until=date(2026, 11, 27))
    service = VillageService.open(tmp_path / "村", today=date(2026, 11, 27))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    screens = {
        "农户档案": lambda: HouseholdProfileScreen(service.households()[0].id),
        "走访任务": VisitWorklistScreen,
        "走访记录": VisitListScreen,
        "民情分析会": MeetingScreen,
        "年度考核": lambda: AssessmentScreen(2026),
    }
    sideways = {}
    async with app.run_test(size=(80, 24)) as pilot:
        with frames_not_drawn():  # the checks read the tables' sizes; each view is drawn once, whole
            for size in ((80, 24), (100, 30)):
                await pilot.resize_terminal(*size)
                for name, build in screens.items():
                    await app.push_screen(build())
                    await settle(pilot, app)
                    if sideways_tables(app):
                        sideways[(size[0], name)] = sideways_tables(app)
                    await drawn_whole(pilot)
                    await app.pop_screen()
                await pilot.press("f2")
                await settle(pilot, app)
                await pilot.press("enter")  # the findings behind the first scorecard row
                await settle(pilot, app)
                if sideways_tables(app):
                    sideways[(size[0], "规则明细")] = sideways_tables(app)
                await drawn_whole(pilot)
                await pilot.press("f6")
                for view in ("矩阵", "名单", "干部汇总"):
                    await settle(pilot, app)
                    if sideways_tables(app):
                        sideways[(size[0], f"结对{view}")] = sideways_tables(app)
                    await drawn_whole(pilot)
                    await pilot.press("t")
    service.close()
    assert sideways == {}


async def test_the_line_under_the_ledger_shows_a_cut_content_whole_and_the_columns_that_stepped_aside(tmp_path):
    from tests.app_fixtures import make_village

    service = make_village()
    content = "村道塌方两处，雨天无法通行，村民希望尽快修复并加装护栏"
    service.save_ledger_item(LedgerItem(day=date(2026, 11, 20), source="来访", category="行路", content=content,
                                        household_id=1, handler_id=2))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await settle(pilot, app)
        table = app.screen.query_one(DataTable)
        drawn = dict(zip(table.shown_labels, (str(c) for c in table.get_row_at(0))))
        assert drawn["内容"].endswith("..") and content.startswith(drawn["内容"][:-2])
        assert "承办人" not in drawn and drawn["提醒"] == "还剩8天"
        more = str(app.screen.query_one("#row-more", Static).render())
        assert f"内容：{content}" in more and "承办人：李秀英" in more
        await pilot.resize_terminal(160, 30)  # room enough: everything on the row itself
        await settle(pilot, app)
        drawn = dict(zip(table.shown_labels, (str(c) for c in table.get_row_at(0))))
        assert drawn["内容"] == content and drawn["承办人"] == "李秀英"
        assert str(app.screen.query_one("#row-more", Static).render()).strip() == ""
