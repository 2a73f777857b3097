"""The audit log: every change with operator, time, before and after; the hash chain shows tampering (13.7)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from store_samples import sample, settings, with_reference
from village_tui.store import DataFolder, RecordStore

TODAY = date(2026, 11, 27)


@pytest.fixture(params=["memory", "file"])
def store(request, tmp_path):
    folder = DataFolder.in_memory() if request.param == "memory" else DataFolder(tmp_path, today=TODAY)
    yield RecordStore(folder)
    folder.close()


def all_entries(store):
    return [e for month in store.folder.audit_months() for e in store.audit.entries(month)]


def test_every_insert_and_update_is_audited(store):
    store.save_settings(settings(), "系统")
    visit = store.insert(sample("visits"), "单雄信", "入户走访")
    visit.learned = "桃源村：老人住院"
    store.update(visit, "曾国强", "补充情况")
    visit.cancelled, visit.cancel_reason = True, "重复"
    store.update(visit, "曾国强", "重复登记", action="作废")
    store.bulk_insert([sample("households"), sample("households")], "系统", "导入农户表")
    entries = all_entries(store)
    assert [(e.seq, e.operator, e.action, e.kind) for e in entries] == [
        (1, "系统", "新增", "settings"), (2, "单雄信", "新增", "visits"), (3, "曾国强", "修改", "visits"),
        (4, "曾国强", "作废", "visits"), (5, "系统", "批量新增", "households")]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", e.time) for e in entries)
    added, changed = entries[1], entries[2]
    assert added.record_id == visit.id and added.before is None and added.after["learned"] == "桃源村：说明"
    assert changed.before["learned"] == "桃源村：说明" and changed.after["learned"] == "桃源村：老人住院"
    assert changed.reason == "补充情况"
    bulk = entries[4].after
    assert (bulk["count"], bulk["year"], entries[4].record_id) == (2, None, "1…2")
    assert sorted(bulk["digests"]) == ["1", "2"] and all(re.fullmatch(r"[0-9a-f]{16}", d) for d in bulk["digests"].values())
    assert store.audit.verify_chain() == []


def test_an_unchanged_save_writes_no_entry(store):
    visit = store.insert(sample("visits"), "单雄信")
    store.update(visit, "单雄信")
    assert len(all_entries(store)) == 1


def village_with_log(root, saves: int = 6):
    folder = DataFolder(with_reference(root), today=TODAY)
    store = RecordStore(folder)
    for n in range(saves):
        store.insert(sample("visits", text=f"桃源村第{n}次"), "单雄信")
    folder.compact()  # the entries into the month file, where the tests edit them
    folder.close()
    return next((root / "audit").glob("*.json"))


def verify(root):
    folder = DataFolder(root, readonly=True, today=TODAY)
    try:
        return RecordStore(folder).audit.verify_chain()
    finally:
        folder.close()


def edit_log(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data["audit"])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_an_entry_changed_behind_the_programs_back_is_reported(tmp_path):
    log = village_with_log(tmp_path)
    assert verify(tmp_path) == []

    def change(entries):
        entries["3"]["operator"] = "曾国强"

    edit_log(log, change)
    problems = verify(tmp_path)
    assert any("第 3 条内容被改动" in p for p in problems)


def test_an_entry_changed_with_its_hash_recomputed_breaks_the_link(tmp_path):
    from village_tui.domain.models import AuditEntry
    from village_tui.store.audit import entry_hash
    from village_tui.store.convert import from_document

    log = village_with_log(tmp_path)

    def change(entries):
        entries["3"]["after"]["learned"] = "被改过的内容"
        entries["3"]["hash"] = entry_hash(from_document(AuditEntry, entries["3"]))

    edit_log(log, change)
    assert any("第 4 条与前一条接不上" in p for p in verify(tmp_path))


def test_an_entry_removed_behind_the_programs_back_is_reported(tmp_path):
    log = village_with_log(tmp_path)
    edit_log(log, lambda entries: entries.pop("2"))
    problems = verify(tmp_path)
    assert any("第 2 条到第 2 条缺失" in p for p in problems)
    assert any("第 3 条与前一条接不上" in p for p in problems)


def test_the_chain_continues_across_reopening(tmp_path):
    village_with_log(tmp_path, saves=2)
    village_with_log(tmp_path, saves=2)
    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    assert [e.seq for e in all_entries(store)] == [1, 2, 3, 4]
    assert store.audit.verify_chain() == []
    folder.close()
