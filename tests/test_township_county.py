"""The loop one level up, through the command line (issue 27, item 2: county receive|list|reply|send).

A village exports; the township receives, forwards the item to the county (上报县) and sends; the
county receives the township's package, replies and sends down; the township receives the county's
answer and passes it on in its next send; the village imports it: the county's reply is recorded
once. Packages for another unit, tampered or resealed, are refused with nothing written.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from exchange_fixtures import open_village, received_road_item, tree_state
from village_tui.cli import main

TOWNSHIP, COUNTY = "青山镇", "田县"


def _files(path: Path) -> dict:
    return {k: v for k, v in tree_state(path).items() if not k.startswith(("backups", ".lock", "lock"))}


def _new(folder: Path, before: set) -> Path:
    (found,) = set(folder.iterdir()) - before
    return found


def _send(command: str, data: Path, stick: Path) -> list[Path]:
    before = set(stick.iterdir())
    assert main([command, "send", str(stick), "--data", str(data)]) == 0
    return sorted(set(stick.iterdir()) - before)


def _road(village: Path):
    service = open_village(village)
    try:
        return next(i for i in service.ledger_items(2026) if i.category == "行路")
    finally:
        service.close()


@pytest.fixture
def forwarded(tmp_path, clock, capsys):
    """The road item forwarded by the township to the county on 27 November; both packages on the stick."""
    village, stick, township, county, number = received_road_item(tmp_path, TOWNSHIP, COUNTY)
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "涉及县道改线", "--forward", "县", "--note", "请县交通局协调"]) == 0
    sent = _send("township", township, stick)
    down = next(p for p in sent if p.name.startswith("回复-"))
    up = next(p for p in sent if p.name.startswith("上报-青山镇-田县-"))
    assert main(["import", str(down), "--data", str(village)]) == 0
    capsys.readouterr()
    return village, township, county, stick, number, up


def test_county_loop_reply_reaches_the_village_once(forwarded, clock, capsys):
    village, township, county, stick, number, up = forwarded
    assert main(["verify", str(up)]) == 0
    assert "校验通过：青山镇报给田县的上报包（第 1 号），1 个事项" in capsys.readouterr().out
    assert main(["county", "receive", str(up), "--data", str(county), "--county", COUNTY]) == 0
    out = capsys.readouterr().out
    assert "新增 1 条，更新 0 条，未变 0 条，冲突 0 条" in out and "首次收到青山镇的签名密钥" in out
    assert main(["county", "receive", str(up), "--data", str(county)]) == 0  # again: nothing duplicated
    assert "未变 1 条" in capsys.readouterr().out
    clock.set(date(2026, 12, 20))
    assert main(["county", "list", "--data", str(county), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["township"], row["village"], row["item"], row["status"]) == (TOWNSHIP, "桃源村", number, "待答复")
    assert (row["escalated_on"], row["due"], row["waiting_days"], row["overdue"]) == (
        "2026-11-27", "2026-12-12", 23, True)
    assert main(["county", "reply", "--data", str(county), "--township", TOWNSHIP, "--village", "桃源村",
                 "--item", number, "--text", "已列入县道改线工程", "--operator", "赵主任"]) == 0
    (reply,) = _send("county", county, stick)
    assert reply.name.startswith("回复-田县-青山镇-") and main(["verify", str(reply)]) == 0
    capsys.readouterr()

    assert main(["township", "receive", str(reply), "--data", str(township)]) == 0
    out = capsys.readouterr().out
    assert "首次收到田县的签名密钥" in out and f"登记县里的答复 1 条（桃源村 {number}）" in out
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["holder"], row["county_status"], row["county_reply"]) == ("乡镇", "已答复", "已列入县道改线工程")
    assert (row["county_waiting_days"], row["county_overdue"], row["waiting_days"]) == (23, True, 38)
    assert main(["township", "list", "--data", str(township)]) == 0
    assert "超期：乡镇 1 条，县 1 条" in capsys.readouterr().out

    (down,) = _send("township", township, stick)
    assert main(["import", str(down), "--data", str(village)]) == 0
    step = _road(village).escalations[-1]
    assert (step.level, step.reply, step.reply_day, step.signer) == (
        "县", "已列入县道改线工程", date(2026, 12, 20), "赵主任")
    before = _files(village)
    assert main(["import", str(down), "--data", str(village)]) == 0  # again: recorded once
    assert _files(village) == before
    assert [e.level for e in _road(village).escalations] == ["乡镇", "县"]


def test_packages_for_another_unit_or_tampered_are_refused(forwarded, tmp_path, capsys):
    village, township, county, stick, number, up = forwarded
    # The county's package is the township's to take, not the village's.
    assert main(["county", "receive", str(up), "--data", str(county), "--county", COUNTY]) == 0
    assert main(["county", "reply", "--data", str(county), "--township", TOWNSHIP, "--village", "桃源村",
                 "--item", number, "--text", "已受理"]) == 0
    (reply,) = _send("county", county, stick)
    before = _files(village)
    capsys.readouterr()
    assert main(["import", str(reply), "--data", str(village)]) == 2
    assert "应由青山镇用 village-tui township receive 接收" in capsys.readouterr().err
    assert _files(village) == before
    # Another county refuses the township's package.
    other = tmp_path / "另一县"
    assert main(["county", "receive", str(up), "--data", str(other), "--county", "山县"]) == 2
    assert "不是报给本县（山县）的" in capsys.readouterr().err
    # A tampered and a resealed package are refused; the county's folder is unchanged.
    tampered = tmp_path / "tampered"
    shutil.copytree(up, tampered)
    items = tampered / "items.json"
    items.write_text(items.read_text("utf-8").replace("3组村道坑洼", "3组村道已修好"), "utf-8")
    before = _files(county)
    assert main(["county", "receive", str(tampered), "--data", str(county)]) == 2
    assert "文件内容与校验值不一致：items.json" in capsys.readouterr().err
    sums = json.loads((tampered / "checksums.json").read_text("utf-8"))
    sums["items.json"] = hashlib.sha256(items.read_bytes()).hexdigest()
    (tampered / "checksums.json").write_text(json.dumps(sums), "utf-8")
    assert main(["county", "receive", str(tampered), "--data", str(county)]) == 2
    assert "签名不符" in capsys.readouterr().err
    assert main(["verify", str(tampered)]) == 1
    assert _files(county) == before
    # A county reply for another township is refused by this one.
    service_before = _files(township)
    header = json.loads((reply / "header.json").read_text("utf-8"))
    assert header["to"] == TOWNSHIP
    other_township = tmp_path / "白水乡"
    shutil.copytree(township, other_township)
    from village_tui.service.township import TownshipDesk

    desk = TownshipDesk.open(other_township)
    try:
        settings = desk.settings()
        settings.name = "白水乡"
        desk.save_settings(settings)
    finally:
        desk.close()
    capsys.readouterr()
    assert main(["township", "receive", str(reply), "--data", str(other_township)]) == 2
    assert "不是给本乡镇（田县白水乡）的" in capsys.readouterr().err
    assert _files(township) == service_before


def test_the_county_clock_and_the_township_clock_are_apart(forwarded, clock, capsys):
    village, township, county, stick, number, up = forwarded
    clock.set(date(2026, 12, 1))
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["waiting_days"], row["status"], row["holder"]) == (38, "已转县", "县")
    assert (row["county_waiting_days"], row["county_due"], row["county_overdue"]) == (4, "2026-12-12", False)
    assert main(["township", "list", "--data", str(township)]) == 0
    assert "县里已等待 4 天，县的答复期限 2026-12-12，待答复" in capsys.readouterr().out
    assert main(["county", "receive", str(up), "--data", str(county), "--county", COUNTY]) == 0
    assert main(["county", "set", "--data", str(county), "--due", "行路=30"]) == 0
    assert main(["county", "extend", "--data", str(county), "--township", TOWNSHIP, "--village", "桃源村",
                 "--item", number, "--until", "2027-01-31", "--reason", "需省交通厅批复"]) == 0
    capsys.readouterr()
    assert main(["county", "list", "--data", str(county), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["due"], row["waiting_days"], row["overdue"]) == ("2027-01-31", 4, False)
