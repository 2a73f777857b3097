"""Deadlines at the level that holds the item (issue 27, item 4; RULEBOOK R10's settled reading).

The waiting at the township (or county) is that level's own: the village's check never counts it
against a cadre, the review of villages shows it apart with the level's overdue days, and the
township's list shows its own due day (a setting per category, moved by 延期 with a reason).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from exchange_fixtures import build_village, open_village
from village_tui.cli import main
from village_tui.domain import township as T
from village_tui.domain.models import Escalation


def _village(root: Path) -> tuple[Path, str]:
    """桃源村, whose road item (行路, registered 16 October) went to the township on 20 October."""
    path = build_village(root / "桃源村", "桃源村")
    service = open_village(path)
    try:
        service.sign_in(service.cadres()[0].id)
        road = next(i for i in service.ledger_items(2026) if i.category == "行路")
        service.escalate(road.id, "乡镇", date(2026, 10, 20))
        return path, road.id
    finally:
        service.close()


def _r10(capsys, village: Path, month: str, number: str) -> list[dict]:
    capsys.readouterr()
    assert main(["check", "--data", str(village), "--month", month, "--json"]) in (0, 1)
    findings = json.loads(capsys.readouterr().out)["findings"]
    return [f for f in findings if f["rule"] == "R10" and f.get("item") == number]


def test_the_village_check_never_counts_the_townships_waiting_against_a_cadre(tmp_path, clock, capsys):
    village, number = _village(tmp_path)
    clock.set(date(2027, 1, 10))
    for month, days in (("2026-11", 41), ("2026-12", 72)):
        (finding,) = _r10(capsys, village, month, number)
        assert finding["status"] == "met", finding
        assert f"在乡镇已等待 {days} 天，超过答复期限 2026-11-04；这段时间算在乡镇，不计入本村干部" in finding["detail"]


def test_review_of_villages_shows_each_levels_waiting_apart(tmp_path, clock, capsys):
    village, number = _village(tmp_path)
    service = open_village(village)
    try:
        service.sign_in(service.cadres()[0].id)
        service.escalate(number, "县", date(2026, 11, 2))  # the township passed it on: its clock stops
    finally:
        service.close()
    clock.set(date(2026, 12, 30))
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["export", str(stick), "--data", str(village)]) == 0
    capsys.readouterr()
    assert main(["review", str(next(stick.iterdir())), "--month", "2026-12", "--text"]) in (0, 1)
    out = capsys.readouterr().out
    assert f"桃源村：等待上级答复：{number}（行路）在县已等待 58 天，超过答复期限 2026-11-17（算在县，不计入本村）" in out


def test_each_level_holds_its_own_clock():
    steps = [Escalation("乡镇", date(2026, 10, 20), "青山镇民情处理站"), Escalation("县", date(2026, 11, 2), "田县")]
    township, county = T.level_waits(steps, "行路", date(2026, 11, 27), {"行路": 30})
    assert (township.days, township.until, township.overdue) == (13, date(2026, 11, 2), False)
    assert (county.days, county.until, county.due, county.overdue) == (25, None, date(2026, 12, 2), False)
    replied = [steps[0], Escalation("县", date(2026, 11, 2), "田县", "已立项", date(2026, 11, 20))]
    assert T.level_waits(replied, "行路", date(2027, 3, 1))[1].days == 18  # stopped by the county's reply
    assert T.level_waits(steps, "饮水", date(2026, 11, 17))[1].overdue is False  # on its due day: not yet
    assert T.level_waits(steps, "饮水", date(2026, 11, 18))[1].line() == "在县已等待 16 天，超过答复期限 2026-11-17"
