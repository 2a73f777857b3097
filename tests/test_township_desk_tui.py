"""The township's desk on screen (issue 27, item 1): the waiting list, an item's detail and every form.

A township folder receives a village's export (as ``township receive`` does); the desk opens on it,
the operator signs in, and each form is filled with the keyboard alone. What the list then shows is
checked against ``township list --json``, which scripts read.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from app_fixtures import press_each
from screen_text import screen_lines
from exchange_fixtures import build_village, open_village
from village_tui.cli import main
from village_tui.service.township import TownshipDesk
from village_tui.township_app import TownshipApp
from village_tui.widgets.dialogs.confirm import ConfirmDialog
from village_tui.widgets.forms.unsaved_dialog import UnsavedDialog

TOWNSHIP, COUNTY = "青山镇", "田县"
SIZE = (80, 24)


def _export(root: Path, name: str, escalated: date, stick: Path) -> None:
    """Export a village whose 行路 item was escalated to the township on ``escalated``."""
    path = build_village(root / name, name)
    service = open_village(path)
    try:
        service.sign_in(service.cadres()[0].id)
        road = next(i for i in service.ledger_items(2026) if i.category == "行路")
        service.escalate(road.id, "乡镇", escalated)
    finally:
        service.close()
    assert main(["export", str(stick), "--data", str(path)]) == 0


@pytest.fixture
def township(tmp_path) -> Path:
    """A township that received three villages: overdue (桃源村), nearly due (杏花村) and in time (柳树村)."""
    stick, folder = tmp_path / "stick", tmp_path / "青山镇"
    stick.mkdir()
    _export(tmp_path, "桃源村", date(2026, 10, 20), stick)  # due 11-04: overdue
    _export(tmp_path, "杏花村", date(2026, 11, 13), stick)  # due 11-28: one day of fifteen left
    _export(tmp_path, "柳树村", date(2026, 11, 20), stick)  # due 12-05: eight days left
    exports = [str(p) for p in sorted(stick.iterdir())]
    assert main(["township", "receive", *exports, "--data", str(folder), "--township", TOWNSHIP,
                 "--county", COUNTY]) == 0
    return folder


def listed(folder: Path, capsys) -> dict[str, dict]:
    """``township list --json``, by village."""
    capsys.readouterr()
    assert main(["township", "list", "--data", str(folder), "--json"]) == 0
    return {row["village"]: row for row in json.loads(capsys.readouterr().out)}


async def sign_in(pilot, name: str = "李站长") -> None:
    await pilot.pause()
    await press_each(pilot, "ctrl+a", "backspace")
    await pilot.press(*name)
    await press_each(pilot, "ctrl+s")


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(getattr(c, "plain", c)) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def to_row(pilot, app, village: str) -> None:
    """Put the list's cursor on ``village``'s row."""
    table = app.screen.query_one(DataTable)
    index = next(i for i, row in enumerate(table_rows(app)) if row[0] == village)
    table.move_cursor(row=index)
    await pilot.pause()


def message(app) -> str:
    return str(app.screen.query_one("#form-message", Static).render())


def theme_colour(app, name: str) -> str:
    """The theme's colour ``$name`` as Rich names it (``#fe0000``)."""
    return app.get_css_variables()[name].lower()


def run_desk(folder: Path) -> TownshipApp:
    return TownshipApp(TownshipDesk.open(folder))


async def test_list_sorted_by_waiting_and_coloured(township):
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        rows = table_rows(app)
        assert [(r[0], r[6], r[7]) for r in rows] == [
            ("桃源村", "38天", "待答复"), ("杏花村", "14天", "待答复"), ("柳树村", "7天", "待答复")]
        assert rows[0][3] == "3组村道坑洼" and rows[0][5] == "11-04"
        title = str(app.screen.query_one("#waiting-title", Static).render())
        assert "共 3 条：已超期 1，将到期 1，期限内 1" in title
        table = app.screen.query_one(DataTable)
        colours = [table.get_row_at(i)[6].style.color.name.lower() for i in range(3)]
        assert colours == [theme_colour(app, "error"), theme_colour(app, "warning"), theme_colour(app, "success")]
        assert "经办人：李站长" in str(app.screen.query_one("#desk-header").render())
        footer = " ".join(str(k.render()) for k in app.screen.query("FooterKey"))
        for key in ("回车 详情", "r 答复", "c 办结", "b 退回", "e 延期", "u 上报县", "o 重开", "F3 村情审阅", "F1 帮助"):
            assert key in footer
        # / finds by village, number, category, content or status.
        await press_each(pilot, "slash")
        await pilot.press(*"杏花")
        await pilot.pause()
        assert [r[0] for r in table_rows(app)] == ["杏花村"]
    app.service.close()


async def test_reply(township, capsys):
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await press_each(pilot, "r")
        assert app.screen.form_title().startswith("答复：桃源村 第 ")
        await pilot.press(*"已列入明年村道硬化计划")
        await press_each(pilot, "ctrl+s")
        # Answered, the item goes below the ones still waiting.
        assert [(r[0], r[7]) for r in table_rows(app)][-1] == ("桃源村", "已答复")
    app.service.close()
    row = listed(township, capsys)["桃源村"]
    assert (row["status"], row["reply"], row["waiting_days"]) == ("已答复", "已列入明年村道硬化计划", 38)


async def test_close_asks_first_and_can_be_reopened(township, capsys):
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await press_each(pilot, "c")
        await pilot.press(*"已协调交通站修复路面")
        await press_each(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        question = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "办结 桃源村 第 " in question and "「3组村道坑洼」" in question
        await press_each(pilot, "escape")  # 取消: nothing is closed, the form is still there
        assert app.screen.form_title().startswith("办结：")
        await press_each(pilot, "ctrl+s", "tab", "enter")  # the 取消 button has the focus: Tab to 办结
        assert [(r[0], r[7]) for r in table_rows(app)][-1] == ("桃源村", "已办结")
        assert [r["status"] for r in app.service.rows() if r["village"] == "桃源村"] == ["已办结"]
        # A wrong close is reopened with a reason, and the audit log keeps both.
        await press_each(pilot, "o")
        await pilot.press(*"误点办结，路面尚未修复")
        await press_each(pilot, "enter")
        assert table_rows(app)[0][7] == "待答复"
        actions = [e.action for e in app.service.records.audit.for_record(
            "township_items", str(app.service.item("桃源村", table_rows(app)[0][1]).id))]
        assert actions[:2] == ["重新打开", "办结"]
    app.service.close()
    row = listed(township, capsys)["桃源村"]
    assert (row["status"], row["reply"]) == ("待答复", "")


async def test_return_to_the_village(township, capsys):
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await to_row(pilot, app, "杏花村")
        await press_each(pilot, "b")
        await pilot.press(*"属村内道路日常维护")
        await press_each(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        assert "把 杏花村 第 " in str(app.screen.query(Static).first().render())
        await press_each(pilot, "tab", "enter")
        assert [r[7] for r in table_rows(app) if r[0] == "杏花村"] == ["已退回"]
    app.service.close()
    row = listed(township, capsys)["杏花村"]
    assert (row["status"], row["reply"]) == ("已退回", "属村内道路日常维护")


async def test_extend(township, capsys):
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await press_each(pilot, "e")
        await pilot.press(*"2026-12-20")
        await press_each(pilot, "enter")
        await pilot.press(*"需等待县交通局勘查")
        await press_each(pilot, "ctrl+s")
        row = next(r for r in table_rows(app) if r[0] == "桃源村")
        assert (row[5], row[7]) == ("12-20", "待答复")
        colour = app.screen.query_one(DataTable).get_row_at(
            [r[0] for r in table_rows(app)].index("桃源村"))[5].style.color.name.lower()
        assert colour == theme_colour(app, "success")
    app.service.close()
    assert listed(township, capsys)["桃源村"]["due"] == "2026-12-20"


async def test_forward_to_the_county(township, capsys):
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await to_row(pilot, app, "柳树村")
        await press_each(pilot, "u")
        await pilot.press(*"涉及县道改造")
        await press_each(pilot, "ctrl+s")
        assert "上报县民情处理中心" in str(app.screen.query(Static).first().render())
        await press_each(pilot, "tab", "enter")
        assert [r[7] for r in table_rows(app) if r[0] == "柳树村"] == ["已转县"]
    app.service.close()
    row = listed(township, capsys)["柳树村"]
    assert (row["status"], row["forwarded"]) == ("已转县", "2026-11-27")


@pytest.mark.parametrize("key, field, words", [
    ("r", "text", "请填写答复内容"),
    ("c", "text", "请填写办理结果"),
    ("b", "text", "请填写退回原因"),
    ("u", "note", "请填写上报说明"),
])
async def test_an_empty_form_is_refused_on_its_field(township, capsys, key, field, words):
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await press_each(pilot, key)
        await pilot.press(*"  ")
        await press_each(pilot, "ctrl+s")
        assert not isinstance(app.screen, ConfirmDialog)  # nothing is asked before the fields are right
        assert words in message(app)
        assert app.focused is app.screen.query_one(f"#{field}", Input)
    app.service.close()
    assert listed(township, capsys)["桃源村"]["status"] == "待答复"


async def test_extend_refuses_a_day_gone_and_an_empty_reason(township, capsys):
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await press_each(pilot, "e")
        await pilot.press(*"2026-11-20")
        await press_each(pilot, "ctrl+s")
        assert "请填写延期原因" in message(app)
        assert app.focused is app.screen.query_one("#reason", Input)
        await pilot.press(*"需等待勘查")
        await press_each(pilot, "ctrl+s")
        assert "已经过去，不能早于今天 2026-11-27" in message(app)
        assert app.focused is app.screen.query_one("#until", Input)
    app.service.close()
    assert listed(township, capsys)["桃源村"]["due"] == "2026-11-04"


async def test_detail_shows_the_villages_history_and_the_replies(township):
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await press_each(pilot, "r")
        await pilot.press(*"已列入明年计划")
        await press_each(pilot, "ctrl+s", "enter")
        village = str(app.screen.query_one("#detail-village", Static).render())
        assert "2026-10-20  上报乡镇" in village
        desk = str(app.screen.query_one("#detail-desk", Static).render())
        assert "答复（李站长）：已列入明年计划" in desk and "未发送" in desk
        facts = str(app.screen.query_one("#detail-facts", Static).render())
        # Answered after its due day: no longer overdue at the township, the late days are stated.
        assert "答复期限：2026-11-04" in facts and "在乡镇等待了：38 天（超过答复期限 23 天）" in facts
        assert "乡镇的答复：2026-11-27  已列入明年计划（来源：乡镇办理台）" in facts
        await press_each(pilot, "escape")
        assert app.screen.query_one(DataTable) is not None
    app.service.close()


async def test_review_area_scores_the_villages_and_opens_one(township):
    from village_tui.screens.township.review_area import DeskReviewScreen, ReviewChoice

    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await press_each(pilot, "f3")
        app.screen.query_one(Input).value = str(township.parent / "stick")
        await press_each(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DeskReviewScreen)
        assert [row.name for row in app.screen.rows] == ["杏花村", "柳树村", "桃源村"]
        assert "2026年10月" in str(app.screen.query(Static).first().render())
        await press_each(pilot, "enter")
    assert isinstance(app.return_value, ReviewChoice) and app.return_value.index == 0
    app.service.close()


async def test_a_village_opened_from_the_review_names_the_township_not_a_cadre(township):
    from village_tui.app import VillageApp
    from village_tui.exchange.review import REVIEW_REASON, open_for_township

    export = next(p for p in (township.parent / "stick").iterdir() if p.name.startswith("桃源村-"))
    service = open_for_township(export)
    try:
        app = VillageApp(service, operator_id=service.cadres()[0].id, exit_on_back=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            header = str(app.screen.query_one("VillageHeader").render())
            assert "乡镇审阅（只看" in header and "操作员" not in header
            assert f"只读原因：{REVIEW_REASON}" in header and "--readonly" not in header
    finally:
        service.close()


async def test_esc_at_the_sign_in_leaves_and_a_readonly_desk_changes_nothing(township, capsys):
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "escape")
    assert not app.is_running
    app.service.close()

    app = TownshipApp(TownshipDesk.open(township, readonly=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "只读" in str(app.screen.query_one("#desk-header").render())  # no sign-in: nothing can be signed
        await press_each(pilot, "c")
        assert app.screen.query(DataTable)  # no form opened
        assert any("只读" in str(n.message) for n in app._notifications)
    app.service.close()
    assert listed(township, capsys)["桃源村"]["status"] == "待答复"


async def test_the_unsaved_question_names_the_item_once_and_keeps_its_number_whole(township):
    """Esc on a half-typed 答复 asks about the item by name, without 「」 inside 「」, at 80 columns."""
    app = run_desk(township)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await press_each(pilot, "r")
        await pilot.press(*"已列入明年")
        await press_each(pilot, "escape")
        assert isinstance(app.screen, UnsavedDialog)
        number = app.screen_stack[-2].item.item
        rows = [row.strip("│| ") for row in screen_lines(app)]
        title = next(row for row in rows if "未保存" in row)
        assert "「答复" not in title and "」」" not in title  # the item's 「content」 is not nested in 「」
        assert f"第 {number} 号" in "\n".join(rows)  # the number and its 号 stay on one row
        await press_each(pilot, "tab", "enter")  # 不保存
    app.service.close()
