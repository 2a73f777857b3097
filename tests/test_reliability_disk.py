"""Disk full or permission denied during a save (issue 13.4) or a compaction (issue 18.1).

The error reaches the caller, the data on disk and in a freshly opened folder
is the data before the save, the store's memory does not keep the refused
change, and the caller's record is still unsaved so it can be saved again.
A save is one journal line: a refused write (half the line on disk) or a
refused fsync is cut off the journal again.
"""

from __future__ import annotations

import errno
import os
from datetime import date

import pytest

from store_samples import data_snapshot, sample, settings
from village_tui.store import DataFolder, RecordStore, atomic
from village_tui.store import journal as journal_module
from village_tui.store.journal import JOURNAL_NAME

TODAY = date(2026, 11, 27)


def village(root):
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "系统")
    store.insert(sample("households"), "单雄信")
    store.insert(sample("visits", text="桃源村旧走访"), "单雄信")
    return folder, store


class ShortWrites:
    """A journal file whose ``write`` stores only half the line, then fails like a full disk."""

    def __init__(self, handle, error: OSError) -> None:
        self._handle, self._error = handle, error

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise self._error

    def __getattr__(self, name):
        return getattr(self._handle, name)


def fail_write(monkeypatch, folder: DataFolder, at: str, error: OSError) -> None:
    """Make the journal line of the next save fail with ``error``: in its write (half the line
    reaches the disk) or in its fsync."""
    folder._journal.close()  # the next append opens the file again, through the patched open()
    if at == "journal_write":
        monkeypatch.setattr(journal_module, "open", raising=False, value=lambda path, mode: (
            ShortWrites(open(path, mode), error) if mode == "ab" else open(path, mode)))
        return
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if os.path.realpath(f"/proc/self/fd/{fd}").endswith(JOURNAL_NAME):
            raise error
        real_fsync(fd)

    monkeypatch.setattr(journal_module.os, "fsync", fsync)


def views(store: RecordStore) -> tuple:
    return (store.all("households"), store.all("visits", 2026), store.settings())


SAVES = ["insert_visit", "update_household", "save_settings", "bulk_insert"]
ERRORS = {"disk_full": OSError(errno.ENOSPC, "No space left on device"),
          "permission": PermissionError(errno.EACCES, "Permission denied")}


def save(store: RecordStore, what: str):
    if what == "insert_visit":
        visit = sample("visits", text="桃源村新走访")
        store.insert(visit, "单雄信")
        return visit
    if what == "update_household":
        household = store.get("households", 1)
        household.address = "桃源村3组新址"
        store.update(household, "单雄信")
        return household
    if what == "bulk_insert":
        visits = [sample("visits", text=f"桃源村导入{n}") for n in range(3)]
        store.bulk_insert(visits, "单雄信", "导入走访表")
        return visits[0]
    changed = settings()
    changed.township = "白水镇"
    store.save_settings(changed, "系统")
    return changed


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to tell files from folders")
@pytest.mark.parametrize("error", list(ERRORS))
@pytest.mark.parametrize("at", ["journal_write", "journal_fsync"])
@pytest.mark.parametrize("what", SAVES)
def test_failed_save_keeps_previous_data_everywhere(tmp_path, monkeypatch, what, at, error):
    folder, store = village(tmp_path)
    before_disk = {rel: raw for rel, (raw, _) in data_snapshot(tmp_path, skip_audit=False).items()}
    before_disk[JOURNAL_NAME] = (tmp_path / JOURNAL_NAME).read_bytes()
    before = views(store)
    fail_write(monkeypatch, folder, at, ERRORS[error])
    with pytest.raises(OSError) as raised:
        obj = save(store, what)
    assert raised.value.errno == ERRORS[error].errno
    monkeypatch.undo()

    after_disk = {rel: raw for rel, (raw, _) in data_snapshot(tmp_path, skip_audit=False).items()}
    after_disk[JOURNAL_NAME] = (tmp_path / JOURNAL_NAME).read_bytes()
    assert after_disk == before_disk, "the files on disk are as before the save"
    assert not list(tmp_path.rglob("*.tmp"))
    assert views(store) == before, "the store's memory must not keep the refused change"
    fresh = DataFolder(tmp_path, readonly=True, today=TODAY)
    fresh_store = RecordStore(fresh)
    assert views(fresh_store) == before
    assert fresh_store.audit.verify_chain() == []
    fresh.close()

    obj = save(store, what)  # the disk has room again: the same save now works
    if what == "insert_visit":
        assert obj.id > "2026-0001"  # a number the refused save drew may be skipped, never reused
    assert views(store) != before
    assert store.audit.verify_chain() == []
    folder.close()


def test_insert_refused_by_the_disk_leaves_the_record_unsaved(tmp_path, monkeypatch):
    folder, store = village(tmp_path)
    fail_write(monkeypatch, folder, "journal_write", OSError(errno.ENOSPC, "No space left on device"))
    visit = sample("visits", text="桃源村还没保存的走访")
    with pytest.raises(OSError):
        store.insert(visit, "单雄信")
    assert visit.id is None and visit.learned == "桃源村还没保存的走访", "what was typed is kept for another try"
    folder.close()


def test_a_replace_blocked_twice_is_retried(tmp_path, monkeypatch):
    folder, store = village(tmp_path)
    store.insert(sample("visits", text="桃源村杀毒软件占用时的走访"), "单雄信")
    real_replace = os.replace
    attempts = []

    def replace(source, target):
        attempts.append(target)
        if len(attempts) <= 2:
            raise PermissionError(errno.EACCES, "used by another process")
        real_replace(source, target)

    monkeypatch.setattr(atomic, "_REPLACE_WAIT", 0)
    monkeypatch.setattr(atomic.os, "replace", replace)
    assert folder.compact()
    monkeypatch.undo()
    assert attempts[:3] == [attempts[0]] * 3, "the first file: two refusals, then a success"
    folder.close()
    reopened = DataFolder(tmp_path, today=TODAY)
    assert [v.learned for v in RecordStore(reopened).all("visits", 2026)][-1] == "桃源村杀毒软件占用时的走访"
    reopened.close()


def test_a_compaction_refused_by_the_disk_loses_nothing(tmp_path, monkeypatch):
    folder, store = village(tmp_path)
    store.insert(sample("visits", text="桃源村压缩前的走访"), "单雄信")
    before = views(store)
    journal = (tmp_path / JOURNAL_NAME).read_bytes()

    def replace(source, target):
        raise PermissionError(errno.EACCES, "used by another process")

    monkeypatch.setattr(atomic, "_REPLACE_WAIT", 0)
    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(PermissionError):
        folder.compact()
    folder.close()  # a clean close does not compact: the journal stays
    monkeypatch.undo()
    assert (tmp_path / JOURNAL_NAME).read_bytes() == journal
    assert not list(tmp_path.rglob("*.tmp"))
    reopened = DataFolder(tmp_path, today=TODAY)
    assert views(RecordStore(reopened)) == before
    assert reopened.compact(), "the next compaction (size limit, daily backup) writes the saves into the files"
    reopened.close()
    assert (tmp_path / JOURNAL_NAME).stat().st_size < len(journal), "compacted once the disk allowed it"
    reopened = DataFolder(tmp_path, today=TODAY)
    assert views(RecordStore(reopened)) == before
    reopened.close()
