"""The township's clock after a county 退回 (RULEBOOK R10: the waiting belongs to the level that holds it).

When the county returns a forwarded item to the township, the item is the township's to handle
again: it waits at the township desk with the township's clock running from the day of the return,
against its own due day (the category's days, 15 by default, after the return); the village's R10
finding names that waiting as the township's, never the cadre's. Through the command line, with the
clock fixed in China time.
"""

from __future__ import annotations

import json
from datetime import date

from exchange_fixtures import received_road_item
from test_township_county import COUNTY, TOWNSHIP, _road, _send, forwarded  # noqa: F401 - the fixture
from test_township_deadlines import _r10
from village_tui.cli import main
from village_tui.domain import ledger as L
from village_tui.domain import township as T
from village_tui.domain.models import Escalation, LedgerItem
from village_tui.domain.township_band import AMBER, GREEN, RED, deadline_band
from village_tui.service.township import TownshipDesk
from village_tui.service.township_corrections import reopen_item


def _returned(forwarded, clock, capsys):
    """The county (which took the item on 27 November) returns it on 3 December; the township takes that on 5 December."""
    village, township, county, stick, number, up = forwarded
    assert main(["county", "receive", str(up), "--data", str(county), "--county", COUNTY]) == 0
    clock.set(date(2026, 12, 3))
    assert main(["county", "reply", "--data", str(county), "--township", TOWNSHIP, "--village", "桃源村",
                 "--item", number, "--return", "属乡镇道路养护事权", "--text", "请乡镇安排修补"]) == 0
    (reply,) = _send("county", county, stick)
    clock.set(date(2026, 12, 5))
    assert main(["township", "receive", str(reply), "--data", str(township)]) == 0
    capsys.readouterr()
    return village, township, stick, number


def _row(capsys, township) -> dict:
    capsys.readouterr()
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    return row


def test_a_county_return_restarts_the_townships_clock_from_the_return_day(forwarded, clock, capsys):
    village, township, stick, number = _returned(forwarded, clock, capsys)
    row = _row(capsys, township)
    assert (row["status"], row["returned"], row["holder"], row["county_status"]) == (
        "待答复", "2026-12-03", "乡镇", "已退回")
    assert (row["waiting_days"], row["due"], row["overdue"]) == (2, "2026-12-18", False)
    assert main(["township", "list", "--data", str(township)]) == 0
    assert "（2026-11-27 上报县，2026-12-03 县退回乡镇办理）" in capsys.readouterr().out

    desk = TownshipDesk.open(township)
    try:
        item = desk.item("桃源村", number)
        state = T.desk_state(item)
        assert (state.status, state.stopped, state.returned) == ("待答复", None, date(2026, 12, 3))
        assert deadline_band(item, {}, date(2026, 12, 5)) == GREEN
        assert deadline_band(item, {}, date(2026, 12, 16)) == AMBER  # under a quarter of its 15 days left
        assert deadline_band(item, {}, date(2026, 12, 19)) == RED
        assert deadline_band(item, {"行路": 30}, date(2026, 12, 19)) == GREEN  # its own category's days
    finally:
        desk.close()

    # Passed on to the village: the item waits at the township again, counted as the township's.
    clock.set(date(2026, 12, 20))
    (down,) = _send("township", township, stick)
    assert main(["import", str(down), "--data", str(village)]) == 0
    steps = _road(village).escalations
    assert [(s.level, s.day) for s in steps] == [
        ("乡镇", date(2026, 10, 20)), ("县", date(2026, 11, 27)), ("乡镇", date(2026, 12, 3))]
    assert steps[1].reply.startswith("县退回乡镇办理：属乡镇道路养护事权") and not steps[2].reply
    assert main(["import", str(down), "--data", str(village)]) == 0  # again: no second step
    assert len(_road(village).escalations) == 3
    (finding,) = _r10(capsys, village, "2026-12", number)
    assert finding["status"] == "open", finding  # waiting, never missed against the cadre
    assert "在乡镇已等待 17 天，超过答复期限 2026-12-18；这段时间算在乡镇，不计入本村干部" in finding["detail"]
    row = _row(capsys, township)
    assert (row["waiting_days"], row["overdue"]) == (17, True)


def test_the_township_answers_a_returned_item_without_reopening_and_its_clock_stops(forwarded, clock, capsys):
    village, township, stick, number = _returned(forwarded, clock, capsys)
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--forward", "县", "--text", "再请县里协调"]) != 0
    assert "县里已于 2026-12-03 退回乡镇办理，不能再上报县" in capsys.readouterr().err
    clock.set(date(2026, 12, 10))
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "乡镇已安排养护队12月15日修补"]) == 0
    row = _row(capsys, township)
    assert (row["status"], row["waiting_days"], row["overdue"]) == ("已答复", 7, False)
    desk = TownshipDesk.open(township)
    try:  # a wrong answer reopened goes back to waiting since the return, the forwarding kept
        reopened = reopen_item(desk, "桃源村", number, "答复写错了村组")
        assert (T.desk_state(reopened).status, reopened.forwarded) == ("待答复", date(2026, 11, 27))
        assert T.waiting_days(reopened, desk.today) == 7 and T.returned_waiting(reopened)
    finally:
        desk.close()
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "乡镇已安排养护队12月15日修补"]) == 0
    clock.set(date(2027, 1, 20))
    assert _row(capsys, township)["waiting_days"] == 7  # the clock stopped at the answer
    (down,) = _send("township", township, stick)
    assert main(["import", str(down), "--data", str(village)]) == 0
    steps = _road(village).escalations
    assert [s.level for s in steps] == ["乡镇", "县", "乡镇"]
    assert (steps[2].reply, steps[2].reply_day) == ("乡镇已安排养护队12月15日修补", date(2026, 12, 10))
    assert steps[0].reply.startswith("已上报县")  # the first answer, the forwarding, is kept
    (finding,) = _r10(capsys, village, "2026-12", number)
    assert finding["status"] == "met" and "收到答复" in finding["detail"]


def test_the_county_return_gives_the_township_a_second_turn_in_the_villages_record():
    item = LedgerItem(day=date(2026, 10, 16), source="来访", category="行路", content="3组村道坑洼",
                      due=date(2026, 10, 31), status="办理中", level="县", escalations=[
                          Escalation("乡镇", date(2026, 10, 20), "青山镇民情处理站", "已上报县：涉及县道改线",
                                     date(2026, 11, 27)),
                          Escalation("县", date(2026, 11, 27), "田县民情处理中心")])
    returned = L.back_to_township(L.upper_reply(item, "县", "县退回乡镇办理：属乡镇事权", date(2026, 12, 3), "赵主任"),
                                  date(2026, 12, 3))
    assert returned.level == "乡镇" and L.back_to_township(returned, date(2026, 12, 3)) == returned  # once
    first, county, again = T.level_waits(returned.escalations, "行路", date(2026, 12, 20))
    assert (first.until, county.days, county.until) == (date(2026, 11, 27), 6, date(2026, 12, 3))
    assert (again.level, again.office, again.since, again.until, again.days, again.due, again.overdue) == (
        "乡镇", "青山镇民情处理站", date(2026, 12, 3), None, 17, date(2026, 12, 18), True)


async def test_the_desk_lists_a_returned_item_among_its_waiting_ones_and_answers_it(forwarded, clock, capsys):
    from app_fixtures import press_each
    from test_township_desk_tui import run_desk, sign_in, table_rows, theme_colour
    from textual.widgets import DataTable, Static

    village, township, stick, number = _returned(forwarded, clock, capsys)
    app = run_desk(township)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        (row,) = table_rows(app)
        assert (row[0], row[5], row[6], row[7]) == ("桃源村", "12-18", "2天", "县退回")
        assert app.screen.query_one(DataTable).get_row_at(0)[6].style.color.name.lower() == theme_colour(app, "success")
        assert "待办事项 共 1 条：已超期 0，将到期 0，期限内 1" in str(app.screen.query_one("#waiting-title", Static).render())
        await press_each(pilot, "enter")
        facts = str(app.screen.query_one("#detail-facts", Static).render())
        assert "答复期限：2026-12-18" in facts and "已等待：2 天    期限内" in facts
        assert "2026-11-27 转县，2026-12-03 县退回乡镇办理，乡镇的期限从退回之日起算" in facts
        desk_steps = str(app.screen.query_one("#detail-desk", Static).render())
        assert "县答复（乡镇民情处理站）：已退回：属乡镇道路养护事权。请乡镇安排修补" in desk_steps
        assert "县退回后乡镇还没有答复" in desk_steps
        await press_each(pilot, "escape", "r")  # the township answers it, no 重开 first
        assert app.screen.form_title().startswith("答复：桃源村 第 ")
        await pilot.press(*"已安排养护队修补")
        await press_each(pilot, "ctrl+s")
        assert [(r[0], r[6], r[7]) for r in table_rows(app)] == [("桃源村", "2天", "已答复")]
    app.service.close()
    assert _row(capsys, township)["reply"] == "已安排养护队修补"


def test_a_village_that_missed_the_forwarding_package_takes_the_latest_one_whole(tmp_path, clock, capsys):
    """Packages are complete: a village importing only the township's latest package learns the forwarding,
    the county's 退回 and the township's answer after it, each on its own step."""
    village, stick, township, county, number = received_road_item(tmp_path, TOWNSHIP, COUNTY)
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "涉及县道改线", "--forward", "县", "--note", "请县交通局协调"]) == 0
    up = next(p for p in _send("township", township, stick) if p.name.startswith("上报-"))  # the village's: never imported
    _returned((village, township, county, stick, number, up), clock, capsys)
    clock.set(date(2026, 12, 10))
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "乡镇已安排养护队修补"]) == 0
    (down,) = _send("township", township, stick)
    assert main(["import", str(down), "--data", str(village)]) == 0
    steps = _road(village).escalations
    assert [(s.level, s.day, s.reply_day) for s in steps] == [
        ("乡镇", date(2026, 10, 20), None), ("县", date(2026, 11, 27), date(2026, 12, 3)),
        ("乡镇", date(2026, 12, 3), date(2026, 12, 10))]
    assert steps[2].reply == "乡镇已安排养护队修补"
