"""``village-tui verify`` on good, damaged, incomplete, tampered and write-protected copies."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat

import pytest

from exchange_fixtures import build_village, open_village, tree_state
from village_tui.cli import main
from village_tui.exchange.export import export_village
from village_tui.exchange.manifest import read_manifest, write_manifest
from village_tui.exchange.verify import verify_copy
from village_tui.store import DataFolder


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    root = tmp_path_factory.mktemp("verify")
    village = build_village(root / "data", "东风村")
    service = open_village(village)
    try:
        return export_village(service, root).folder
    finally:
        service.close()


@pytest.fixture
def copy(export, tmp_path):
    target = tmp_path / export.name
    shutil.copytree(export, target)
    return target


def test_a_good_copy_passes(copy, capsys):
    assert main(["verify", str(copy)]) == 0
    assert "校验通过" in capsys.readouterr().out


def test_one_byte_changed_is_named(copy, capsys):
    path = copy / "data/2026/visits.json"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    assert main(["verify", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "文件内容不一致：data/2026/visits.json" in out and "重新导出" in out


def test_every_missing_file_is_named(copy, capsys):
    (copy / "data/reference.json").unlink()
    (copy / "东风村-2026年台账.xlsx").unlink()
    assert main(["verify", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "缺少文件：data/reference.json" in out and "缺少文件：东风村-2026年台账.xlsx" in out


def test_a_copy_without_manifest_fails(copy, capsys):
    (copy / "manifest.json").unlink()
    assert main(["verify", str(copy)]) == 1
    assert "找不到清单文件" in capsys.readouterr().out


def test_broken_audit_chain_is_caught_even_with_a_matching_manifest(copy, capsys):
    audit = next((copy / "data/audit").glob("*.json"))
    tables = json.loads(audit.read_text("utf-8"))
    first = tables["audit"]["1"]
    first["operator"] = "冒名顶替"
    audit.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    manifest = read_manifest(copy)
    entry = manifest.files[audit.relative_to(copy).as_posix()]
    entry.size, entry.sha256 = audit.stat().st_size, hashlib.sha256(audit.read_bytes()).hexdigest()
    write_manifest(copy, manifest)
    assert main(["verify", str(copy)]) == 1
    assert "审计日志断链" in capsys.readouterr().out


def test_masked_audit_entries_do_not_count_as_tampering(export):
    assert read_manifest(export).masked_audit  # the sensitive item and the households were masked
    assert verify_copy(export).chain_problems == []


def test_a_file_added_to_the_copy_is_named(copy):
    (copy / "data/2026/extra.json").write_text("{}", encoding="utf-8")
    result = verify_copy(copy)
    assert not result.ok and result.extra == ["data/2026/extra.json"]


def test_write_protected_copy_is_verified_without_writing(copy, capsys):
    before = tree_state(copy)
    for folder, dirs, files in os.walk(copy):
        for name in dirs + files:
            path = os.path.join(folder, name)
            os.chmod(path, os.stat(path).st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    os.chmod(copy, os.stat(copy).st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        assert main(["verify", str(copy)]) == 0
        assert "校验通过" in capsys.readouterr().out
        # chmod does not stop root: the proof is that not a file, size or time changed
        assert tree_state(copy) == before
        assert not (copy / "data/.lock").exists()
    finally:
        for folder, dirs, files in os.walk(copy):
            os.chmod(folder, 0o755)


def test_readonly_data_folder_writes_nothing(copy):
    before = tree_state(copy)
    folder = DataFolder(copy / "data", readonly=True)
    folder.reference_table("households").all()
    folder.year_table("visits", 2026).all()
    folder.year_table("visits", 2031).all()  # a year that does not exist
    folder.close()
    assert tree_state(copy) == before


def test_an_unmasked_copy_is_opened_once_and_each_file_parsed_once(tmp_path, monkeypatch):
    import collections

    import village_tui.store.api as store_api
    import village_tui.store.storage as storage

    service = open_village(build_village(tmp_path / "data", "东风村"))
    try:
        folder = export_village(service, tmp_path / "usb", masked=False).folder
    finally:
        service.close()
    opened, parsed = [], collections.Counter()
    real_open, real_read = store_api.DataFolder.__init__, storage.read_json_file

    def counting_open(self, *args, **kwargs):
        opened.append(args[0])
        real_open(self, *args, **kwargs)

    def counting_read(path, *args, **kwargs):
        parsed[path.name if path.parent.name == "data" else f"{path.parent.name}/{path.name}"] += 1
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(store_api.DataFolder, "__init__", counting_open)
    monkeypatch.setattr(storage, "read_json_file", counting_read)
    result = verify_copy(folder, records=True)
    assert result.ok and not result.record_problems, result.lines()
    assert len(opened) == 1  # the chain and the records are checked in one opening of the copy
    assert parsed and max(parsed.values()) == 1, parsed
