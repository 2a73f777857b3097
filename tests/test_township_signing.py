"""Signed packages (issue 27, item 3): exports and reply packages carry an Ed25519 signature of their
manifest; a resealed one no longer passes, and a unit's key other than the one its receiver trusts
is refused until accepted on purpose after a phone call."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from exchange_fixtures import build_village, open_village, tree_state
from village_tui.cli import main
from village_tui.domain import signing
from village_tui.exchange.manifest import read_manifest, write_manifest
from village_tui.exchange.signature import write_signature

TOWNSHIP, COUNTY = "青山镇", "田县"


def _village(root: Path, name: str = "桃源村") -> Path:
    path = build_village(root / name, name)
    service = open_village(path)
    try:
        service.sign_in(service.cadres()[0].id)
        road = next(i for i in service.ledger_items(2026) if i.category == "行路")
        service.escalate(road.id, "乡镇", date(2026, 10, 20))
    finally:
        service.close()
    return path


def _export(village: Path, stick: Path) -> Path:
    stick.mkdir(exist_ok=True)
    before = set(stick.iterdir())
    assert main(["export", str(stick), "--data", str(village)]) == 0
    (folder,) = set(stick.iterdir()) - before
    return folder


def _files(path: Path) -> dict:
    return {k: v for k, v in tree_state(path).items() if not k.startswith(("backups", ".lock", "lock"))}


def _reseal_export(export: Path) -> None:
    """Change the Excel copy on the stick and recompute its checksum in the manifest (a careful forger)."""
    manifest = read_manifest(export)
    name = next(n for n in manifest.files if n.endswith(".xlsx"))
    path = export / name
    path.write_bytes(path.read_bytes() + b"\0")
    manifest.files[name].size, manifest.files[name].sha256 = path.stat().st_size, hashlib.sha256(
        path.read_bytes()).hexdigest()
    write_manifest(export, manifest)


def _resign(folder: Path, signed: str) -> str:
    """Sign ``signed`` again with a key of the forger's own; returns that key's fingerprint."""
    private = signing.new_private_key()
    data = (folder / signed).read_bytes()
    write_signature(folder, signed, signing.public_key(private).hex(), signing.sign(private, data))
    return signing.fingerprint(signing.public_key(private))


def _receive(export: Path, township: Path, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["township", "receive", str(export), "--data", str(township), "--township", TOWNSHIP,
                 "--county", COUNTY])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def sent(tmp_path):
    village = _village(tmp_path)
    return village, _export(village, tmp_path / "stick"), tmp_path / "乡镇"


def test_export_is_signed_and_the_key_stays_in_the_village_folder(sent, capsys):
    village, export, _ = sent
    assert (village / "signing-key.txt").is_file()
    assert not [p for p in export.rglob("*") if "signing-key" in p.name]
    assert b"ed25519" not in b"".join(p.read_bytes() for p in export.rglob("*") if p.is_file())
    service = open_village(village)
    try:
        own = service.own_fingerprint()
        made = [e for e in service.records.audit.for_record("settings", "1") if e.action == "生成签名密钥"]
    finally:
        service.close()
    assert made and own in made[0].reason  # a folder set up before keys existed: made on first need, audited
    capsys.readouterr()
    assert main(["verify", str(export)]) == 0
    assert f"签名有效：桃源村的签名密钥指纹 {own}" in capsys.readouterr().out


def test_first_key_is_recorded_and_shown_for_a_phone_call(sent, capsys):
    village, export, township = sent
    service = open_village(village)
    try:
        own = service.own_fingerprint()
    finally:
        service.close()
    code, out, _ = _receive(export, township, capsys)
    assert code == 0 and f"首次收到桃源村的签名密钥，指纹 {own}。请打电话与桃源村核对" in out
    code, out, _ = _receive(export, township, capsys)
    assert code == 0 and "首次收到" not in out
    assert main(["trust", "--data", str(township)]) == 0
    assert f"已信任：桃源村（村） 指纹 {own}" in capsys.readouterr().out


def test_resealed_export_no_longer_passes(sent, capsys):
    village, export, township = sent
    _reseal_export(export)
    capsys.readouterr()
    assert main(["verify", str(export)]) == 1
    assert "签名不符：manifest.json 在签名之后被改动过" in capsys.readouterr().out
    code, _, err = _receive(export, township, capsys)
    assert code == 2 and "签名不符" in err
    # Refused, it took nothing: no township folder is made (it was, empty, before issue 27's follow-up).
    assert not township.exists() and "没有新建数据文件夹" in err


def test_export_without_its_signature_is_refused(sent, capsys):
    village, export, township = sent
    (export / "signature.json").unlink()
    code, _, err = _receive(export, township, capsys)
    assert code == 2 and "没有签名文件" in err


def test_another_key_is_refused_until_accepted_by_phone(sent, tmp_path, capsys):
    village, export, township = sent
    assert _receive(export, township, capsys)[0] == 0
    later = _export(village, tmp_path / "stick2")
    _reseal_export(later)
    forged = _resign(later, "manifest.json")
    before = _files(township)
    code, _, err = _receive(later, township, capsys)
    assert code == 2
    assert "桃源村的签名密钥与以前收到的不同" in err and f"这次 {forged}" in err and "拒收" in err
    assert _files(township) == before
    # Typed wrong: nothing changes; typed as confirmed by phone: the new key is trusted, audited.
    assert main(["trust", str(later), "--data", str(township), "--fingerprint", "0000-0000-0000-0000"]) == 2
    assert "指纹不符" in capsys.readouterr().err
    assert _files(township) == before
    assert main(["trust", str(later), "--data", str(township), "--fingerprint", forged.lower(),
                 "--operator", "李站长"]) == 0
    assert _receive(later, township, capsys)[0] == 0
    from village_tui.service.township import TownshipDesk

    desk = TownshipDesk.open(township, readonly=True)
    try:
        trusted = [e for e in desk.records.audit.for_record("settings", "1") if e.action == "信任签名密钥"]
    finally:
        desk.close()
    accepted = [e for e in trusted if "打电话核对指纹后接受" in e.reason]
    assert [e.operator for e in accepted] == ["李站长"] and forged in accepted[0].reason


def _package(sent, tmp_path, capsys) -> Path:
    village, export, township = sent
    assert _receive(export, township, capsys)[0] == 0
    service = open_village(village)
    try:
        number = next(i for i in service.ledger_items(2026) if i.category == "行路").id
    finally:
        service.close()
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "已安排施工队"]) == 0
    out = tmp_path / "回复"
    out.mkdir()
    assert main(["township", "send", str(out), "--data", str(township)]) == 0
    (package,) = out.iterdir()
    return package


def _reseal_package(package: Path) -> None:
    replies = package / "replies.json"
    replies.write_text(replies.read_text("utf-8").replace("已安排施工队", "不予受理"), "utf-8")
    sums = json.loads((package / "checksums.json").read_text("utf-8"))
    sums["replies.json"] = hashlib.sha256(replies.read_bytes()).hexdigest()
    (package / "checksums.json").write_text(json.dumps(sums), "utf-8")


def test_resealed_reply_package_is_refused(sent, tmp_path, capsys):
    village = sent[0]
    package = _package(sent, tmp_path, capsys)
    _reseal_package(package)
    before = _files(village)
    capsys.readouterr()
    assert main(["verify", str(package)]) == 1
    assert main(["import", str(package), "--data", str(village)]) == 2
    assert "签名不符：checksums.json 在签名之后被改动过" in capsys.readouterr().err
    assert _files(village) == before


def test_village_records_the_township_key_and_refuses_another(sent, tmp_path, capsys):
    village, _, township = sent
    package = _package(sent, tmp_path, capsys)
    from village_tui.service.township import TownshipDesk

    desk = TownshipDesk.open(township, readonly=True)
    try:
        own = desk.own_fingerprint()
    finally:
        desk.close()
    forged_copy = tmp_path / "forged"
    import shutil

    shutil.copytree(package, forged_copy)
    capsys.readouterr()
    assert main(["import", str(package), "--data", str(village)]) == 0
    assert f"首次收到青山镇的签名密钥，指纹 {own}" in capsys.readouterr().out
    _reseal_package(forged_copy)
    header = json.loads((forged_copy / "header.json").read_text("utf-8"))
    header["sequence"] = 2
    (forged_copy / "header.json").write_text(json.dumps(header, ensure_ascii=False), "utf-8")
    sums = json.loads((forged_copy / "checksums.json").read_text("utf-8"))
    sums["header.json"] = hashlib.sha256((forged_copy / "header.json").read_bytes()).hexdigest()
    (forged_copy / "checksums.json").write_text(json.dumps(sums), "utf-8")
    new_key = _resign(forged_copy, "checksums.json")
    assert main(["verify", str(forged_copy)]) == 0  # whole and signed: only the trust list can tell
    before = _files(village)
    capsys.readouterr()
    assert main(["import", str(forged_copy), "--data", str(village)]) == 2
    assert "青山镇的签名密钥与以前收到的不同" in capsys.readouterr().err
    assert _files(village) == before
    # The township really changed its key: confirmed by phone, the village accepts it, audited.
    assert main(["trust", str(forged_copy), "--data", str(village), "--fingerprint", new_key]) == 0
    assert main(["import", str(forged_copy), "--data", str(village)]) == 0
    service = open_village(village)
    try:
        accepted = [e for e in service.records.audit.for_record("settings", "1") if "打电话核对指纹后接受" in e.reason]
        assert [e.operator for e in accepted] == [service.cadres()[0].name] and new_key in accepted[0].reason
        assert next(i for i in service.ledger_items(2026) if i.category == "行路").escalations[-1].reply == "不予受理"
    finally:
        service.close()


def test_new_folders_get_their_key_at_set_up(tmp_path, capsys):
    village = _village(tmp_path)
    export = _export(village, tmp_path / "stick")
    township = tmp_path / "乡镇"
    assert _receive(export, township, capsys)[0] == 0
    from village_tui.service.township import TownshipDesk

    desk = TownshipDesk.open(township, readonly=True)
    try:
        first = desk.records.audit.for_record("settings", "1")[-1]  # newest first
        assert first.action == "新增" and first.after["signing_key"] == desk.settings().signing_key
        assert desk.own_fingerprint() == signing.fingerprint(desk.settings().signing_key)
    finally:
        desk.close()
    assert (township / "signing-key.txt").is_file()
    from village_tui.domain.models import VillageSettings

    fresh = open_village(tmp_path / "新村")
    try:
        fresh.set_up_village(VillageSettings(name="新村", township=TOWNSHIP, county=COUNTY, groups=["1组"]))
        (entry,) = fresh.records.audit.for_record("settings", "1")
        assert entry.after["signing_key"] == fresh.settings().signing_key != ""
    finally:
        fresh.close()
    assert (tmp_path / "新村" / "signing-key.txt").is_file()
