"""The append-only journal (issue 18.1-18.3): one line per save, replay at open, compaction."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store_samples import data_snapshot, sample, settings
from village_tui.demo import generate_demo
from village_tui.domain.errors import ReadOnlyError
from village_tui.domain.models import Visit
from village_tui.exchange.verify import verify_data_folder
from village_tui.service import VillageService
from village_tui.store import DataFolder, RecordStore
from village_tui.store.journal import JOURNAL_NAME, decode_line

TODAY = date(2026, 11, 27)


def village(root):
    """A folder with settings, a household and two visits, compacted, then three saves in the journal."""
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "系统")
    store.insert(sample("households"), "单雄信")
    store.insert(sample("visits", text="桃源村旧走访一"), "单雄信")
    folder.compact()
    folder.close()
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    for n in range(3):
        store.insert(sample("visits", text=f"桃源村日志走访{n}"), "单雄信")
    folder._journal.close()
    folder._lock.release()  # the program is killed: no clean close, the saves stay in the journal


def learned(root, readonly=False) -> list[str]:
    folder = DataFolder(root, today=TODAY, readonly=readonly)
    try:
        return [v.learned for v in RecordStore(folder).all("visits", 2026)]
    finally:
        folder.close()


def test_a_save_is_one_line_holding_the_record_and_its_audit_entry(tmp_path):
    village(tmp_path)
    lines = (tmp_path / JOURNAL_NAME).read_bytes().splitlines()
    changes = [decode_line(line) for line in lines]
    saves = [c for c in changes if "files" in c]
    assert len(saves) == 3
    last = saves[-1]["files"]
    assert len(last) == 2 and "2026/visits.json" in last
    (visit,) = last["2026/visits.json"]["visits"].values()
    assert visit["learned"] == "桃源村日志走访2"
    (month,) = [k for k in last if k.startswith("audit/")]
    (entry,) = last[month]["audit"].values()
    assert entry["action"] == "新增" and entry["after"] == visit
    assert "桃源村日志走访2".encode("utf-8") in lines[-1], "Chinese is written as is, readable in Notepad"


def test_the_journal_is_replayed_at_open_and_kept_at_a_clean_close(tmp_path):
    village(tmp_path)
    files = data_snapshot(tmp_path, skip_audit=False)
    assert "桃源村日志走访0" not in (tmp_path / "2026/visits.json").read_text("utf-8")
    assert learned(tmp_path, readonly=True) == ["桃源村旧走访一"] + [f"桃源村日志走访{n}" for n in range(3)]
    assert data_snapshot(tmp_path, skip_audit=False) == files, "a read-only open changes nothing"
    journal = (tmp_path / JOURNAL_NAME).read_bytes()
    assert learned(tmp_path) == ["桃源村旧走访一"] + [f"桃源村日志走访{n}" for n in range(3)]
    assert data_snapshot(tmp_path, skip_audit=False) == files, "a clean close rewrites no file"
    assert (tmp_path / JOURNAL_NAME).read_bytes() == journal, "the saves stay in the journal"
    assert learned(tmp_path) == ["桃源村旧走访一"] + [f"桃源村日志走访{n}" for n in range(3)]
    assert verify_data_folder(tmp_path).ok


def test_the_daily_backup_compacts_the_journal_into_the_files(tmp_path):
    village(tmp_path)
    folder = DataFolder(tmp_path, today=TODAY)
    folder.start_daily_backup()
    folder.wait_for_backup()
    folder.close()
    text = (tmp_path / "2026/visits.json").read_text("utf-8")
    assert "桃源村日志走访2" in text and text.count("\n") > 4, "compacted: one record per line, Chinese unescaped"
    json.loads(text)
    (line,) = (tmp_path / JOURNAL_NAME).read_bytes().splitlines()
    assert "files" not in decode_line(line), "only the end of the audit chain is left in the journal"
    assert learned(tmp_path) == ["桃源村旧走访一"] + [f"桃源村日志走访{n}" for n in range(3)]
    assert verify_data_folder(tmp_path).ok


def test_a_clean_close_compacts_a_journal_past_the_size_limit(tmp_path, monkeypatch):
    village(tmp_path)
    monkeypatch.setattr("village_tui.store.journaled.JOURNAL_LIMIT", 1024)
    folder = DataFolder(tmp_path, today=TODAY)  # three saves left by the killed program: past the limit
    assert (tmp_path / JOURNAL_NAME).stat().st_size > 1024
    folder.close()
    assert "桃源村日志走访2" in (tmp_path / "2026/visits.json").read_text("utf-8")
    assert (tmp_path / JOURNAL_NAME).stat().st_size < 1024
    assert learned(tmp_path) == ["桃源村旧走访一"] + [f"桃源村日志走访{n}" for n in range(3)]


@pytest.mark.parametrize("tail", [b'{"sha256":"12', b"\x00" * 512, b"garbage without an end"])
def test_a_torn_last_line_is_dropped_and_cut_off(tmp_path, tail):
    village(tmp_path)
    path = tmp_path / JOURNAL_NAME
    whole = path.read_bytes()
    lines = whole.splitlines(keepends=True)
    torn = lines[-1][: len(lines[-1]) // 2]
    path.write_bytes(whole[: -len(lines[-1])] + torn + tail)
    assert learned(tmp_path, readonly=True) == ["桃源村旧走访一", "桃源村日志走访0", "桃源村日志走访1"]
    assert path.read_bytes().endswith(tail), "a read-only open never cuts the journal"
    folder = DataFolder(tmp_path, today=TODAY)
    assert not folder.readonly and folder.broken_files == []
    assert path.read_bytes() == whole[: -len(lines[-1])], "the unacknowledged line is cut off before any append"
    RecordStore(folder).insert(sample("visits", text="桃源村之后的走访"), "单雄信")
    folder.close()
    assert learned(tmp_path) == ["桃源村旧走访一", "桃源村日志走访0", "桃源村日志走访1", "桃源村之后的走访"]
    assert verify_data_folder(tmp_path).ok


@pytest.mark.parametrize("damage", ["flipped_byte", "line_removed_half"])
def test_a_bad_line_in_the_middle_is_a_broken_file_never_written(tmp_path, damage):
    village(tmp_path)
    path = tmp_path / JOURNAL_NAME
    lines = path.read_bytes().splitlines(keepends=True)
    middle = bytearray(lines[-2])
    if damage == "flipped_byte":
        middle[len(middle) // 2] ^= 0x01
    else:
        middle = middle[: len(middle) // 2] + b"\n"
    lines[-2] = bytes(middle)
    broken = b"".join(lines)
    path.write_bytes(broken)
    folder = DataFolder(tmp_path, today=TODAY)
    assert folder.readonly and JOURNAL_NAME in folder.readonly_reason
    assert [b.path for b in folder.broken_files] == [path]
    assert "行损坏" in str(folder.broken_files[0])
    store = RecordStore(folder)
    assert [v.learned for v in store.all("visits", 2026)] == ["桃源村旧走访一", "桃源村日志走访0"], \
        "the saves before the bad line are shown"
    with pytest.raises(ReadOnlyError):
        store.insert(sample("visits", text="桃源村不该写入"), "单雄信")
    folder.close()
    assert path.read_bytes() == broken, "never compacted, cut or overwritten"


def test_compaction_at_the_size_limit_keeps_every_save(tmp_path, monkeypatch):
    monkeypatch.setattr("village_tui.store.journaled.JOURNAL_LIMIT", 4096)
    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "系统")
    sizes = []
    for n in range(12):
        store.insert(sample("visits", day=date(2025 + n % 2, 3, 1 + n), text=f"桃源村第{n}次"), "单雄信")
        sizes.append((tmp_path / JOURNAL_NAME).stat().st_size)
    assert any(b < a for a, b in zip(sizes, sizes[1:])), "the journal was compacted along the way"
    assert all(size < 4096 + 2048 for size in sizes)
    folder._journal.close()
    folder._lock.release()  # killed after the last save: part of the data is only in the journal
    reopened = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(reopened)
    found = [v.learned for year in (2025, 2026) for v in store.all("visits", year)]
    assert sorted(found) == sorted(f"桃源村第{n}次" for n in range(12))
    assert store.audit.verify_chain() == []
    reopened.close()
    assert verify_data_folder(tmp_path).ok


def test_the_daily_backup_and_an_export_copy_the_compacted_files(tmp_path):
    village(tmp_path)
    folder = DataFolder(tmp_path, today=TODAY)
    folder.start_daily_backup()
    folder.wait_for_backup()
    backup = tmp_path / "backups" / TODAY.isoformat() / "2026" / "visits.json"
    assert "桃源村日志走访2" in backup.read_text("utf-8")
    folder.close()


def test_an_import_is_one_line(tmp_path):
    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "系统")
    before = (tmp_path / JOURNAL_NAME).read_bytes()
    store.bulk_insert([sample("households"), sample("visits", day=date(2025, 1, 2)), sample("duty")], "单雄信", "导入")
    added = (tmp_path / JOURNAL_NAME).read_bytes()[len(before):]
    assert added.count(b"\n") == 1
    files = decode_line(added.rstrip(b"\n"))["files"]
    assert {"reference.json", "2025/visits.json", "2026/duty.json"} <= set(files)
    folder.close()


def test_a_visit_save_on_the_large_village_writes_a_few_kilobytes(tmp_path):
    """Bytes written per visit save (issue 18.4: at most 16 KB, not the 4.6 MB of whole files)."""
    root = tmp_path / "大村"
    generate_demo(root, scale="large", years=1, seed=2, until=TODAY)
    service = VillageService.open(root, today=TODAY)
    service.sign_in(service.cadres()[0].id)
    files = data_snapshot(root, skip_audit=False)
    journal = root / JOURNAL_NAME
    before = journal.stat().st_size
    service.save_visit(Visit(day=TODAY, cadre_id=1, household_id=2999, learned="大村走访：老人身体尚好"))
    grown = journal.stat().st_size - before
    assert 0 < grown < 16 * 1024, grown
    assert data_snapshot(root, skip_audit=False) == files, "no data file is rewritten by a save"
    assert sum(len(raw) for raw, _ in files.values()) > 1_000_000, "the village is large"
    service.close()


@pytest.mark.parametrize("holder", ["this_program", "another_program"])
def test_an_export_holds_the_saves_still_in_the_journal(tmp_path, holder):
    from village_tui.store.snapshot import take_snapshot

    village(tmp_path / "data")
    root = tmp_path / "data"
    other = None
    if holder == "another_program":
        other = DataFolder(root, today=TODAY)  # holds the lock: its journal cannot be compacted from here
        RecordStore(other).insert(sample("visits", day=date(2027, 1, 3), text="桃源村新年的走访"), "单雄信")
    folder = DataFolder(root, today=TODAY, readonly=holder == "another_program")
    snapshot = take_snapshot(folder, tmp_path / "usb")
    folder.close()
    if other is not None:
        other.close()
    assert snapshot.locked == (holder == "this_program")
    copied = (tmp_path / "usb" / "2026" / "visits.json").read_text("utf-8")
    assert "桃源村日志走访2" in copied
    if holder == "another_program":
        assert "桃源村新年的走访" in (tmp_path / "usb" / "2027" / "visits.json").read_text("utf-8")
    assert not (tmp_path / "usb" / JOURNAL_NAME).exists()
    assert verify_data_folder(tmp_path / "usb").ok


def test_a_folder_from_before_the_journal_is_migrated_and_its_chain_continues(tmp_path):
    """A schema-2 folder (no journal, audit entries keyed by their number in the month file) opens writable."""
    root = tmp_path / "旧村"
    village(root)
    folder = DataFolder(root, today=TODAY)
    folder.compact()  # every save is in the files
    folder.close()
    (root / JOURNAL_NAME).unlink()
    month = next((root / "audit").glob("*.json"))
    tables = json.loads(month.read_text("utf-8"))
    tables["audit"] = {str(n): entry for n, entry in enumerate(tables["audit"].values(), start=1)}
    month.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    (root / "schema.json").write_text('{"schema": 2, "program": "0.1"}', encoding="utf-8")
    folder = DataFolder(root, today=TODAY)
    assert not folder.readonly and folder.migrated_from == 2
    store = RecordStore(folder)
    newest = max(e.seq for e in store.audit.entries(month.stem))
    store.insert(sample("visits", text="桃源村升级后的走访"), "单雄信")
    folder.close()
    assert json.loads((root / "schema.json").read_text("utf-8"))["schema"] == 3
    reopened = DataFolder(root, today=TODAY, readonly=True)
    entries = RecordStore(reopened).audit.entries(month.stem)
    reopened.close()
    assert entries[-1].seq == newest + 1 and entries[-1].after["learned"] == "桃源村升级后的走访"
    assert verify_data_folder(root).ok
