"""Schema versions (issue 13.5): a newer folder opens read-only; an older one is migrated after a backup."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store_samples import sample, settings
from village_tui.domain.errors import ReadOnlyError
from village_tui.store import DataFolder, RecordStore, folder as folder_module, schema
from village_tui.store.backup import list_backups

TODAY = date(2026, 11, 27)


def village(root, version: int) -> bytes:
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "单雄信")  # a village's settings come before its households
    store.insert(sample("households"), "单雄信")
    folder.compact()  # into the files: the older program's folder had no journal
    folder.close()
    (root / "schema.json").write_text(json.dumps({"schema": version, "program": "0.1"}), encoding="utf-8")
    return (root / "reference.json").read_bytes()


@pytest.fixture
def next_version(monkeypatch):
    """Pretend this program is at schema 2, with a migration from 1 that renames every group."""
    calls = []

    def to_two(root):
        calls.append([p.name for p in list_backups(root)])  # the backups that existed when it ran
        data = json.loads((root / "reference.json").read_text(encoding="utf-8"))
        for doc in data["households"].values():
            doc["group"] = "第" + doc["group"]
        (root / "reference.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(folder_module, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: to_two})
    return calls


def test_a_folder_from_a_newer_program_opens_read_only(tmp_path):
    original = village(tmp_path, 99)
    folder = DataFolder(tmp_path, today=TODAY)
    assert folder.readonly
    assert "较新版本" in folder.readonly_reason and "99" in folder.readonly_reason
    store = RecordStore(folder)
    assert store.get("households", 1).head == "曾国强", "its data can still be read"
    with pytest.raises(ReadOnlyError):
        store.insert(sample("households"), "单雄信")
    folder.close()
    assert (tmp_path / "reference.json").read_bytes() == original
    assert json.loads((tmp_path / "schema.json").read_text(encoding="utf-8"))["schema"] == 99
    assert DataFolder(tmp_path, today=TODAY).readonly, "and it did not keep the lock"


def test_an_older_folder_is_migrated_after_a_backup(tmp_path, next_version):
    original = village(tmp_path, 1)
    folder = DataFolder(tmp_path, today=TODAY)
    assert not folder.readonly and folder.migrated_from == 1
    assert next_version == [["2026-11-27-升级前-v1"]], "the backup was complete before the migration ran"
    backup = tmp_path / "backups" / "2026-11-27-升级前-v1"
    assert (backup / "reference.json").read_bytes() == original
    assert json.loads((backup / "schema.json").read_text(encoding="utf-8"))["schema"] == 1
    assert json.loads((tmp_path / "schema.json").read_text(encoding="utf-8"))["schema"] == 2
    assert RecordStore(folder).get("households", 1).group == "第2组"
    folder.close()
    again = DataFolder(tmp_path, today=TODAY)
    assert again.migrated_from is None and len(list_backups(tmp_path)) == 1, "migrated once only"
    again.close()


def test_migration_backup_is_made_even_when_todays_backup_exists(tmp_path, next_version):
    village(tmp_path, 1)
    (tmp_path / "backups" / "2026-11-27").mkdir(parents=True)
    DataFolder(tmp_path, today=TODAY).close()
    assert (tmp_path / "backups" / "2026-11-27-升级前-v1" / "reference.json").exists()


def test_a_failed_migration_opens_read_only_with_the_backup_kept(tmp_path, monkeypatch, next_version):
    original = village(tmp_path, 1)

    def broken_step(root):
        raise ValueError("字段无法转换")

    monkeypatch.setattr(schema, "MIGRATIONS", {1: broken_step})
    folder = DataFolder(tmp_path, today=TODAY)
    assert folder.readonly and "升级失败" in folder.readonly_reason
    assert (tmp_path / "backups" / "2026-11-27-升级前-v1" / "reference.json").read_bytes() == original
    assert json.loads((tmp_path / "schema.json").read_text(encoding="utf-8"))["schema"] == 1
    folder.close()


def test_a_new_folder_gets_the_current_schema(tmp_path):
    DataFolder(tmp_path / "新村", today=TODAY).close()
    written = json.loads((tmp_path / "新村" / "schema.json").read_text(encoding="utf-8"))
    assert written["schema"] == schema.SCHEMA_VERSION
