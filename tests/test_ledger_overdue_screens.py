"""Pilot tests: the ledger list (F7) and 首页's 超期事项 say what R10 says of an item escalated in time.

An item escalated to the township before its due day and still waiting there is the township's
waiting (在乡镇等待N天), not the village's 已超期, and not counted among the village's overdue items.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, Household, LedgerItem, VillageSettings
from village_tui.screens.home.home import HomeScreen
from village_tui.screens.ledger.ledger import LedgerScreen
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service(clock) -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组", "2组"]))
    svc.save_cadre(Cadre("王建国", "书记", date(2024, 3, 1)))
    home = svc.save_household(Household("H001", "张秀英", "1组"))
    svc.sign_in(1)

    def item(content: str, category: str = "行路") -> LedgerItem:
        return svc.save_ledger_item(LedgerItem(day=date(2026, 10, 1), source="来访", category=category,
                                               content=content, household_id=home.id, due=date(2026, 10, 16)))

    svc.kept = item("村道塌方，车辆无法通行")  # never escalated: 42 days overdue at the village
    svc.waiting = item("桥梁护栏损坏需要重修", "饮水")  # escalated on 10月10日, before its due day
    svc.escalate(svc.waiting.id, "乡镇", date(2026, 10, 10))
    svc.late = item("山洪冲毁灌溉水渠", "增收致富")  # escalated on 11月5日, twenty days after its due day
    svc.escalate(svc.late.id, "乡镇", date(2026, 11, 5))
    return svc


def rows_of(table: DataTable) -> dict[str, dict[str, str]]:
    return {row["编号"]: row for row in (table.row_texts(r) for r in range(table.row_count))}


async def test_the_ledger_list_shows_the_townships_waiting_and_leaves_it_out_of_the_overdue_list(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LedgerScreen)
        await pilot.press("left_square_bracket")  # October, when the three were registered
        await pilot.pause()
        rows = rows_of(screen.query_one(DataTable))
        assert rows[service.kept.id]["提醒"] == "已超期42天"
        assert rows[service.waiting.id]["提醒"] == "在乡镇等待48天，乡镇已超期33天"
        assert rows[service.late.id]["提醒"] == "超期20天才报送，在乡镇等待22天，乡镇已超期7天"
        await pilot.press("o")
        await pilot.pause()
        overdue = rows_of(screen.query_one(DataTable))
        assert sorted(overdue) == sorted([service.kept.id, service.late.id]), "the township's waiting is not the village's"


async def test_home_overdue_tab_counts_only_the_villages_overdue_items(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("2")
        await pilot.pause()
        table = home.query_one("#overdue-table", DataTable)
        shown = {number: row["超期"] for number, row in rows_of(table).items()}
        assert shown == {service.kept.id: "已超期42天", service.late.id: "超期20天才报送，在乡镇等待22天，乡镇已超期7天"}
        above = str(home.query_one("#overdue-above").render())
        assert "另有1件在乡镇等待答复，其中1件上级已超过答复期限" in above
        assert "不计入本村超期" in above
