"""The township loop through the command line (issue 27, item 2).

A village exports to the stick, the township receives it, replies and sends; the village
imports the reply package, once however often it is imported. A package for another village
and a tampered package are refused with nothing written.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from exchange_fixtures import build_village, open_village, tree_state
from village_tui.cli import main

TOWNSHIP, COUNTY = "青山镇", "田县"  # make_village's township and county


def _village(root: Path, name: str, escalate: bool = True) -> Path:
    """A small village of 青山镇 whose road item (行路) was escalated to the township on 20 October."""
    path = build_village(root / name, name)
    if escalate:
        service = open_village(path)
        try:
            service.sign_in(service.cadres()[0].id)
            road = next(i for i in service.ledger_items(2026) if i.category == "行路")
            service.escalate(road.id, "乡镇", date(2026, 10, 20))
        finally:
            service.close()
    return path


def _road(path: Path):
    service = open_village(path)
    try:
        return next(i for i in service.ledger_items(2026) if i.category == "行路")
    finally:
        service.close()


def _only(folder: Path, prefix: str) -> Path:
    found = [p for p in folder.iterdir() if p.name.startswith(prefix)]
    assert len(found) == 1, found
    return found[0]


def _data_files(path: Path) -> dict:
    return {k: v for k, v in tree_state(path).items() if not k.startswith(("backups", ".lock", "lock"))}


@pytest.fixture
def loop(tmp_path):
    village = _village(tmp_path, "桃源村")
    stick, township = tmp_path / "stick", tmp_path / "乡镇"
    stick.mkdir()
    assert main(["export", str(stick), "--data", str(village)]) == 0
    export = _only(stick, "桃源村-")
    return village, stick, township, export


def test_receive_list_reply_send_import(loop, capsys):
    village, stick, township, export = loop
    number = _road(village).id
    capsys.readouterr()
    assert main(["township", "receive", str(export), "--data", str(township),
                 "--township", TOWNSHIP, "--county", COUNTY]) == 0
    assert "新增 1 条，更新 0 条，未变 0 条，冲突 0 条" in capsys.readouterr().out
    # Receiving the same export again duplicates nothing.
    assert main(["township", "receive", str(export), "--data", str(township), "--dry-run"]) == 0
    assert "新增 0 条，更新 0 条，未变 1 条，冲突 0 条" in capsys.readouterr().out
    assert main(["township", "receive", str(export), "--data", str(township)]) == 0
    capsys.readouterr()
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["village"], r["item"], r["category"], r["content"]) for r in rows] == [
        ("桃源村", number, "行路", "3组村道坑洼")]
    assert rows[0]["escalated_on"] == "2026-10-20" and rows[0]["due"] == "2026-11-04"
    assert rows[0]["waiting_days"] == 38 and rows[0]["status"] == "待答复"
    assert rows[0]["reply"] == "" and rows[0]["forwarded"] is None

    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "已列入明年村道硬化计划", "--operator", "李站长"]) == 0
    capsys.readouterr()
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert (row["status"], row["reply"], row["waiting_days"]) == ("已答复", "已列入明年村道硬化计划", 38)

    out = stick / "回复"
    out.mkdir()
    assert main(["township", "send", str(out), "--data", str(township)]) == 0
    package = _only(out, "回复-青山镇-桃源村-20261127-")
    assert sorted(p.name for p in package.iterdir()) == ["checksums.json", "header.json", "replies.json"]
    header = json.loads((package / "header.json").read_text("utf-8"))
    assert (header["from"], header["to"], header["sequence"]) == (TOWNSHIP, "桃源村", 1)
    assert main(["verify", str(package)]) == 0
    # Nothing new: a second send writes no package.
    assert main(["township", "send", str(out), "--data", str(township)]) == 0
    assert len(list(out.iterdir())) == 1

    operator = open_village(village).cadres()[0].name
    assert main(["import", str(package), "--data", str(village)]) == 0
    step = _road(village).escalations[-1]
    assert (step.level, step.reply, step.reply_day, step.signer) == (
        "乡镇", "已列入明年村道硬化计划", date(2026, 11, 27), "李站长")
    service = open_village(village)
    try:
        entries = [e for e in service.records.audit.for_record("ledger", number) if e.action == "乡镇答复"]
    finally:
        service.close()
    assert [e.operator for e in entries] == [operator]
    # Imported again: recorded once, nothing written.
    before = _data_files(village)
    capsys.readouterr()
    assert main(["import", str(package), "--data", str(village)]) == 0
    assert "已经导入过" in capsys.readouterr().out
    assert _data_files(village) == before
