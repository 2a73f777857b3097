"""Daily backups: at most one a day, the last 14 kept, never half-written."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from store_samples import sample, settings, with_reference
from village_tui.store import DataFolder, RecordStore
from village_tui.store import backup as backups

TODAY = date(2026, 11, 27)


def open_on(root, day: date) -> DataFolder:
    folder = DataFolder(root, today=day)
    folder.start_daily_backup()
    folder.wait_for_backup()
    return folder


def test_daily_backup_copies_every_data_file(tmp_path):
    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    store.insert(sample("households"), "单雄信")
    store.insert(sample("visits", day=date(2025, 3, 3)), "单雄信")
    folder.start_daily_backup()
    folder.wait_for_backup()
    copy = tmp_path / "backups" / "2026-11-27"
    for path in folder.data_files():
        rel = path.relative_to(tmp_path)
        assert (copy / rel).read_bytes() == path.read_bytes(), rel
    assert not (copy / ".lock").exists() and not (copy / "backups").exists()
    folder.close()


def test_at_most_one_backup_a_day(tmp_path):
    folder = open_on(tmp_path, TODAY)
    RecordStore(folder).insert(sample("visits", text="桃源村备份后的走访"), "单雄信")
    folder.close()
    again = open_on(tmp_path, TODAY)
    again.close()
    assert [p.name for p in backups.list_backups(tmp_path)] == ["2026-11-27"]
    assert not (tmp_path / "backups" / "2026-11-27" / "2026").exists(), "the first copy of the day is kept"


def test_the_last_fourteen_are_kept(tmp_path):
    first = TODAY - timedelta(days=19)
    with_reference(tmp_path)
    for n in range(20):
        folder = open_on(tmp_path, first + timedelta(days=n))
        RecordStore(folder).insert(sample("visits", day=first + timedelta(days=n)), "单雄信")
        folder.close()
    names = [p.name for p in backups.list_backups(tmp_path)]
    expected = [(TODAY - timedelta(days=n)).isoformat() for n in range(14)]
    assert names == expected
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == sorted(expected)


def test_a_half_written_backup_is_never_listed_and_is_redone(tmp_path, monkeypatch):
    folder = DataFolder(tmp_path, today=TODAY)
    RecordStore(folder).insert(sample("households"), "单雄信")
    RecordStore(folder).insert(sample("visits"), "单雄信")
    folder.compact()  # the saves are in the journal until now
    real_copy = backups._copy_durably
    copied = []

    class PowerCut(BaseException):
        pass

    def copy(source, dest):
        if copied:
            raise PowerCut
        copied.append(dest)
        return real_copy(source, dest)

    monkeypatch.setattr(backups, "_copy_durably", copy)
    with pytest.raises(PowerCut):
        backups.make_backup(tmp_path, folder.data_files(), TODAY)
    monkeypatch.undo()
    assert (tmp_path / "backups" / "2026-11-27.partial").is_dir()
    assert backups.list_backups(tmp_path) == []
    assert folder.newest_backup_of(tmp_path / "reference.json") is None
    folder.start_daily_backup()
    folder.wait_for_backup()
    assert [p.name for p in backups.list_backups(tmp_path)] == ["2026-11-27"]
    assert not (tmp_path / "backups" / "2026-11-27.partial").exists()
    folder.close()


def test_a_half_written_backup_from_an_earlier_day_is_removed_by_the_next_backup(tmp_path):
    folder = DataFolder(tmp_path, today=TODAY)
    RecordStore(folder).insert(sample("households"), "单雄信")
    stale = tmp_path / "backups" / "2026-11-20.partial"
    (stale / "2026").mkdir(parents=True)
    (stale / "reference.json").write_text("{", encoding="utf-8")
    backups.make_backup(tmp_path, folder.data_files(), TODAY)
    assert not stale.exists()
    assert [p.name for p in backups.list_backups(tmp_path)] == ["2026-11-27"]
    folder.close()


def test_no_backup_from_a_read_only_or_memory_folder(tmp_path):
    DataFolder(tmp_path, today=TODAY).close()
    viewer = open_on(tmp_path, TODAY)
    viewer.close()
    shutil.rmtree(tmp_path / "backups")
    reader = DataFolder(tmp_path, readonly=True, today=TODAY)
    reader.start_daily_backup()
    reader.wait_for_backup()
    assert not (tmp_path / "backups").exists()
    reader.close()
    memory = DataFolder.in_memory()
    memory.start_daily_backup()
    memory.wait_for_backup()


def test_the_daily_backup_folds_the_journal_in_its_own_thread_and_a_save_meanwhile_is_kept(tmp_path, monkeypatch):
    import dataclasses
    import threading

    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "单雄信")  # a village's settings come before its households
    store.insert(dataclasses.replace(sample("households"), head="程咬金", code="1-002"), "单雄信")
    compacted_in = []
    compact = DataFolder.compact

    def spy(self):
        compacted_in.append(threading.current_thread().name)
        return compact(self)

    monkeypatch.setattr(DataFolder, "compact", spy)
    folder.start_daily_backup()  # the screen's thread goes on at once
    store.insert(dataclasses.replace(sample("households"), head="秦叔宝", code="1-003"), "单雄信")  # during the backup
    folder.wait_for_backup()
    assert compacted_in == ["daily-backup"]
    copied = (tmp_path / "backups" / "2026-11-27" / "reference.json").read_text(encoding="utf-8")
    assert "程咬金" in copied
    folder.close()
    reopened = RecordStore(DataFolder(tmp_path, today=TODAY))
    assert {h.head for h in reopened.all("households")} == {"程咬金", "秦叔宝"}


def _village_with_backups(root, days):
    """A village whose reference file is backed up on each of ``days`` (oldest first)."""
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "单雄信")
    store.insert(sample("households"), "单雄信")
    folder.compact()
    for day in days:
        backups.make_backup(root, folder.data_files(), day)
    return folder


def test_a_restore_offers_only_a_backup_whose_copy_still_verifies(tmp_path):
    """Issue 25 item 1: a backup copy changed since it was made (a bad sector, a hand edit) is never restored."""
    folder = _village_with_backups(tmp_path, [date(2026, 11, 20), date(2026, 11, 21)])
    newest = tmp_path / "backups" / "2026-11-21" / "reference.json"
    newest.write_bytes(newest.read_bytes().replace("曾国强".encode(), "曾国弱".encode()))  # still valid JSON
    offered = folder.newest_backup_of(tmp_path / "reference.json")
    assert offered == tmp_path / "backups" / "2026-11-20" / "reference.json"
    folder.close()


def test_a_new_backup_that_does_not_read_back_whole_prunes_no_older_backup(tmp_path, monkeypatch):
    """The 14 older backups are pruned only after the new one matches its checksums."""
    days = [date(2026, 11, 1) + timedelta(days=n) for n in range(backups.KEEP)]
    folder = _village_with_backups(tmp_path, days)
    real_copy = backups._copy_durably

    def failing_disk(source, dest):
        digest = real_copy(source, dest)
        dest.write_bytes(dest.read_bytes()[:-3])  # what the disk gives back is not what was written
        return digest

    monkeypatch.setattr(backups, "_copy_durably", failing_disk)
    backups.make_backup(tmp_path, folder.data_files(), TODAY)
    names = [p.name for p in backups.list_backups(tmp_path)]
    assert "2026-11-01" in names and len(names) == backups.KEEP + 1, names
    assert folder.newest_backup_of(tmp_path / "reference.json").parent.name == "2026-11-14"
    monkeypatch.undo()
    shutil.rmtree(tmp_path / "backups" / TODAY.isoformat())
    backups.make_backup(tmp_path, folder.data_files(), TODAY)  # a good one prunes the oldest
    names = [p.name for p in backups.list_backups(tmp_path)]
    assert "2026-11-01" not in names and len(names) == backups.KEEP
    folder.close()
