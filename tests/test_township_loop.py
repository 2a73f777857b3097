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
from village_tui.domain.models import LedgerItem

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
    assert sorted(p.name for p in package.iterdir()) == ["checksums.json", "header.json", "replies.json",
                                                         "signature.json"]
    header = json.loads((package / "header.json").read_text("utf-8"))
    assert (header["from"], header["to"], header["sequence"]) == (TOWNSHIP, "桃源村", 1)
    assert main(["verify", str(package)]) == 0
    # Nothing new: a second send writes no package.
    assert main(["township", "send", str(out), "--data", str(township)]) == 0
    assert len(list(out.iterdir())) == 1

    service = open_village(village)
    try:
        operator = service.cadres()[0].name
    finally:
        service.close()
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


def _reply_and_send(township: Path, out: Path, number: str, *extra: str) -> Path:
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "已安排施工队", *extra]) == 0
    out.mkdir(exist_ok=True)
    assert main(["township", "send", str(out), "--data", str(township)]) == 0
    return sorted(out.iterdir())[-1]


def _received(loop) -> tuple[Path, Path, Path, str]:
    village, stick, township, export = loop
    assert main(["township", "receive", str(export), "--data", str(township),
                 "--township", TOWNSHIP, "--county", COUNTY]) == 0
    return village, stick, township, _road(village).id


def test_package_for_another_village_is_refused(loop, tmp_path, capsys):
    village, stick, township, number = _received(loop)
    package = _reply_and_send(township, stick / "回复", number)
    other = _village(tmp_path, "杏花村")
    before = _data_files(other)
    capsys.readouterr()
    assert main(["import", str(package), "--data", str(other)]) == 2
    assert "是给桃源村的，不是给本村（杏花村）的" in capsys.readouterr().err
    assert _data_files(other) == before


def test_tampered_package_is_refused(loop, capsys):
    village, stick, township, number = _received(loop)
    package = _reply_and_send(township, stick / "回复", number)
    replies = package / "replies.json"
    replies.write_text(replies.read_text("utf-8").replace("已安排施工队", "不予受理"), "utf-8")
    assert main(["verify", str(package)]) == 1
    before = _data_files(village)
    capsys.readouterr()
    assert main(["import", str(package), "--data", str(village)]) == 2
    assert "文件内容与校验值不一致：replies.json" in capsys.readouterr().err
    assert _data_files(village) == before
    assert _road(village).escalations[-1].reply == ""


def test_export_of_another_township_or_failing_verification_is_refused(loop, tmp_path, capsys):
    village, stick, township, number = _received(loop)
    service = open_village(_village(tmp_path, "外乡村"))
    try:
        settings = service.settings()
        settings.township = "白水乡"
        service.save_settings(settings)
    finally:
        service.close()
    other_stick = tmp_path / "stick2"
    other_stick.mkdir()
    assert main(["export", str(other_stick), "--data", str(tmp_path / "外乡村")]) == 0
    foreign = _only(other_stick, "外乡村-")
    broken = tmp_path / "broken"
    shutil.copytree(loop[3], broken)
    (broken / "manifest.json").write_text("{", "utf-8")
    capsys.readouterr()
    assert main(["township", "receive", str(foreign), str(broken), "--data", str(township)]) == 2
    err = capsys.readouterr().err
    assert "白水乡的外乡村，不是本乡镇（青山镇）的村" in err and "校验没有通过" in err
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    assert [r["village"] for r in json.loads(capsys.readouterr().out)] == ["桃源村"]


def test_later_export_updates_and_older_one_conflicts(loop, clock, capsys):
    village, stick, township, number = _received(loop)
    service = open_village(village)
    try:
        service.sign_in(service.cadres()[0].id)
        item = service.ledger_item(number)
        item.content = "3组村道坑洼，雨天积水"
        service.save_ledger_item(item, reason="补充情况")
    finally:
        service.close()
    clock.set(date(2026, 11, 28))
    later = stick / "later"
    later.mkdir()
    assert main(["export", str(later), "--data", str(village)]) == 0
    capsys.readouterr()
    assert main(["township", "receive", str(_only(later, "桃源村-")), "--data", str(township)]) == 0
    assert "新增 0 条，更新 1 条，未变 0 条，冲突 0 条" in capsys.readouterr().out
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    assert [r["content"] for r in json.loads(capsys.readouterr().out)] == ["3组村道坑洼，雨天积水"]
    assert main(["township", "receive", str(loop[3]), "--data", str(township), "--dry-run"]) == 0
    assert "新增 0 条，更新 0 条，未变 0 条，冲突 1 条" in capsys.readouterr().out


def test_forwarded_item_stops_the_township_clock_and_escalates_in_the_village(loop, clock, capsys):
    village, stick, township, number = _received(loop)
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "涉及县道改线", "--forward", "县", "--note", "请县交通局协调"]) == 0
    clock.set(date(2026, 12, 10))
    capsys.readouterr()
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert (row["status"], row["forwarded"], row["waiting_days"]) == ("已转县", "2026-11-27", 38)
    out = stick / "回复"
    out.mkdir()
    assert main(["township", "send", str(out), "--data", str(township)]) == 0
    assert main(["import", str(_only(out, "回复-")), "--data", str(village)]) == 0
    item = _road(village)
    assert [(e.level, e.day) for e in item.escalations] == [("乡镇", date(2026, 10, 20)), ("县", date(2026, 11, 27))]
    assert item.level == "县" and item.escalations[0].reply.startswith("已上报县：涉及县道改线")


def test_reply_due_day_is_a_setting_per_category_and_moves_with_an_extension(loop, capsys):
    village, stick, township, number = _received(loop)
    assert main(["township", "set", "--data", str(township), "--due", "行路=30"]) == 0
    capsys.readouterr()
    assert main(["township", "list", "--data", str(township)]) == 0
    out = capsys.readouterr().out
    assert "桃源村" in out and "等待 38 天（已超期）" in out and "答复期限 2026-11-19" in out
    assert main(["township", "extend", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--until", "2026-12-20", "--reason", "需县交通局现场勘察"]) == 0
    capsys.readouterr()
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert (row["due"], row["overdue"]) == ("2026-12-20", False)
    assert main(["township", "extend", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--until", "2026-12-01", "--reason", "再延"]) == 2
    assert "应晚于现在的期限 2026-12-20" in capsys.readouterr().err
    assert main(["township", "set", "--data", str(township), "--due", "行路=三十"]) == 2


def test_desk_operator_is_set_at_the_first_receive_and_the_desk_does_not_open_as_a_village(loop, capsys,
                                                                                         monkeypatch):
    village, stick, township, export = loop
    assert main(["township", "receive", str(export), "--data", str(township), "--township", TOWNSHIP,
                 "--county", COUNTY, "--operator", "王站长"]) == 0
    number = _road(village).id
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "不属于乡镇职权", "--return", "村内可自行协调"]) == 0
    capsys.readouterr()
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert (row["status"], row["reply"]) == ("已退回", "村内可自行协调。不属于乡镇职权")
    from village_tui.service.township import TownshipDesk

    desk = TownshipDesk.open(township, readonly=True)
    try:
        assert [e.operator for e in desk.records.audit.for_record("township_items", "1")] == ["王站长", "王站长"]
    finally:
        desk.close()
    # The township's folder opens the township's desk (issue 27, item 1), never the village app.
    import village_tui.township_app as township_app

    opened = []
    monkeypatch.setattr(township_app, "desk_loop", lambda desk: opened.append((desk.folder.path, desk.operator_name)))
    assert main(["--data", str(township)]) == 0
    assert opened == [(township, "王站长")]


def test_a_send_cut_short_is_made_good_by_the_next_package(loop, monkeypatch, tmp_path, capsys):
    village, stick, township, number = _received(loop)
    from village_tui.service.township import TownshipDesk

    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "已安排施工队"]) == 0

    def cut(*_args, **_kwargs):
        raise OSError(5, "Input/output error")

    first_out, second_out = tmp_path / "第一次", tmp_path / "第二次"
    first_out.mkdir()
    second_out.mkdir()
    with monkeypatch.context() as patch:  # the package is on the stick, the desk never noted it sent
        patch.setattr(TownshipDesk, "mark_sent", cut)
        assert main(["township", "send", str(first_out), "--data", str(township)]) == 2
    first = _only(first_out, "回复-")
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "施工队下周进场"]) == 0
    assert main(["township", "send", str(second_out), "--data", str(township)]) == 0
    second = _only(second_out, "回复-")
    sequences = [json.loads((p / "header.json").read_text("utf-8"))["sequence"] for p in (first, second)]
    assert sequences == [1, 2]
    assert main(["import", str(first), "--data", str(village)]) == 0
    assert _road(village).escalations[-1].reply == "已安排施工队"
    assert main(["import", str(second), "--data", str(village)]) == 0
    assert _road(village).escalations[-1].reply == "施工队下周进场"
    before = _data_files(village)
    capsys.readouterr()
    assert main(["import", str(first), "--data", str(village)]) == 0  # older: the newer answer stays
    assert "已经导入过" in capsys.readouterr().out
    assert _road(village).escalations[-1].reply == "施工队下周进场"
    assert _data_files(village) == before


def test_a_receive_that_fails_half_way_leaves_nothing(tmp_path, monkeypatch, capsys):
    village = _village(tmp_path, "桃源村")
    service = open_village(village)
    try:  # a second item escalated, so the receive writes two records
        service.sign_in(service.cadres()[0].id)
        item = service.save_ledger_item(LedgerItem(day=date(2026, 11, 2), source="走访", category="饮水",
                                                   content="2组自来水停水", household_id=1, handler_id=1))
        service.escalate(item.id, "乡镇", date(2026, 11, 3))
    finally:
        service.close()
    stick, township = tmp_path / "stick", tmp_path / "乡镇"
    stick.mkdir()
    assert main(["export", str(stick), "--data", str(village)]) == 0
    from village_tui.store.records import RecordStore

    real, calls = RecordStore.insert, []

    def second_fails(self, obj, *args, **kwargs):
        calls.append(obj)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self, obj, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(RecordStore, "insert", second_fails)
        assert main(["township", "receive", str(_only(stick, "桃源村-")), "--data", str(township),
                     "--township", TOWNSHIP, "--county", COUNTY]) == 2
    assert main(["township", "list", "--data", str(township)]) == 2  # not even set up
    assert main(["township", "receive", str(_only(stick, "桃源村-")), "--data", str(township),
                 "--township", TOWNSHIP, "--county", COUNTY]) == 0
    capsys.readouterr()
    assert main(["township", "list", "--data", str(township), "--json"]) == 0
    assert sorted(r["category"] for r in json.loads(capsys.readouterr().out)) == ["行路", "饮水"]
