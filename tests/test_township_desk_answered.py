"""The township desk on items the village already recorded an answer for (issue 27).

Before the desk existed the township answered by phone or on paper and the village typed the
answer in. Opening the desk for the first time, such an item is the township's answered item
(its day, source 村里登记), not one waiting or overdue; the list and the detail say the same.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from app_fixtures import press_each
from exchange_fixtures import build_village, open_village
from test_township_desk_tui import COUNTY, SIZE, TOWNSHIP, run_desk, sign_in, table_rows, theme_colour, to_row
from village_tui.cli import main


def _export(root: Path, name: str, stick: Path, answered: bool) -> None:
    """A village whose road item went to the township on 10-20; ``answered``: the village typed in the
    township's answer of 11-08 and then took the item to the county on 11-16."""
    path = build_village(root / name, name)
    service = open_village(path)
    try:
        service.sign_in(service.cadres()[0].id)
        road = next(i for i in service.ledger_items(2026) if i.category == "行路")
        service.escalate(road.id, "乡镇", date(2026, 10, 20))
        if answered:
            service.record_reply(road.id, "已纳入镇年度项目计划", date(2026, 11, 8))
            service.escalate(road.id, "县", date(2026, 11, 16))
    finally:
        service.close()
    assert main(["export", str(stick), "--data", str(path)]) == 0


@pytest.fixture
def township(tmp_path) -> Path:
    stick, folder = tmp_path / "stick", tmp_path / "青山镇"
    stick.mkdir()
    _export(tmp_path, "桃源村", stick, answered=True)
    _export(tmp_path, "杏花村", stick, answered=False)  # still waiting, overdue since 11-04
    exports = [str(p) for p in sorted(stick.iterdir())]
    assert main(["township", "receive", *exports, "--data", str(folder), "--township", TOWNSHIP,
                 "--county", COUNTY]) == 0
    return folder


async def test_answer_the_village_recorded_is_the_townships_answer(township):
    app = run_desk(township)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot)
        rows = {row[0]: row for row in table_rows(app)}
        assert rows["桃源村"][7] == "已转县" and rows["杏花村"][7] == "待答复"
        assert [row[0] for row in table_rows(app)] == ["杏花村", "桃源村"]  # the waiting one first
        title = str(app.screen.query_one("#waiting-title", Static).render())
        assert "共 2 条：已超期 1，将到期 0，期限内 0，已处理 1" in title
        table = app.screen.query_one(DataTable)
        colours = [table.get_row_at(i)[7].style.color.name.lower() for i in range(2)]
        assert colours.count(theme_colour(app, "error")) == 1 and colours[0] == theme_colour(app, "error")
        await to_row(pilot, app, "桃源村")
        await press_each(pilot, "enter")
        facts = str(app.screen.query_one("#detail-facts", Static).render())
        assert "乡镇状态：已转县（2026-11-16 转县）" in facts
        assert "乡镇的答复：2026-11-08  已纳入镇年度项目计划（来源：村里登记）" in facts
        assert "待答复" not in facts and "已超期" not in facts
        assert "在乡镇等待了：19 天（超过答复期限 4 天）" in facts and "已处理" in facts
        village = str(app.screen.query_one("#detail-village", Static).render())
        days = [line[:10] for line in village.splitlines() if line[:4].isdigit()]
        assert days == sorted(days) and "2026-11-08  收到乡镇答复：已纳入镇年度项目计划" in village
        assert village.index("2026-10-20  上报乡镇") < village.index("2026-11-08  收到乡镇答复") < \
            village.index("2026-11-16  上报县")
    app.service.close()


def test_township_list_tells_a_late_answer_from_an_item_still_overdue(township, capsys):
    capsys.readouterr()
    assert main(["township", "list", "--data", str(township)]) == 0
    out = capsys.readouterr().out
    answered = next(line for line in out.splitlines() if line.startswith("桃源村"))
    waiting = next(line for line in out.splitlines() if line.startswith("杏花村"))
    assert "等待 19 天（超过答复期限才办理）" in answered and "已转县" in answered
    assert "（已超期）" in waiting and "待答复" in waiting
    assert "乡镇超期的 2 条中仍在等待答复的 1 条" in out
