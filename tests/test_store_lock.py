"""The folder lock (issue 13.3): one writer; a second program opens read-only; a dead holder's lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from store_samples import sample, settings, with_reference
from village_tui.domain.errors import ReadOnlyError
from village_tui.store import DataFolder, RecordStore

TODAY = date(2026, 11, 27)
CHILD = Path(__file__).with_name("store_child.py")


def start_holder(root: Path) -> tuple[subprocess.Popen, str]:
    """Another program that opens ``root`` and keeps it open; returns it and its first line."""
    with_reference(root)
    proc = subprocess.Popen([sys.executable, str(CHILD), "hold", str(root)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, encoding="utf-8", cwd=CHILD.parent)
    return proc, proc.stdout.readline().strip()


def ask(proc: subprocess.Popen, line: str) -> str:
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def test_second_folder_in_the_same_process_opens_read_only(tmp_path):
    first = DataFolder(with_reference(tmp_path), today=TODAY)
    first.set_operator("单雄信")
    second = DataFolder(tmp_path, today=TODAY)
    assert not first.readonly
    assert second.readonly and "单雄信" in second.readonly_reason and "只读" in second.readonly_reason
    with pytest.raises(ReadOnlyError):
        RecordStore(second).insert(sample("visits"), "曾国强")
    RecordStore(first).insert(sample("visits"), "单雄信")
    second.close()
    first.close()
    third = DataFolder(tmp_path, today=TODAY)
    assert not third.readonly, "a lock given back is free again"
    third.close()


def test_second_program_opens_read_only_and_names_the_holder(tmp_path):
    holder, said = start_holder(tmp_path)
    try:
        assert said.startswith("writable")
        mine = DataFolder(tmp_path, today=TODAY)
        assert mine.readonly
        assert "另一个程序" in mine.readonly_reason and "只读" in mine.readonly_reason
        with pytest.raises(ReadOnlyError):
            RecordStore(mine).insert(sample("visits", text="本窗口不能写"), "单雄信")
        assert ask(holder, "save").startswith("saved")
        mine.close()
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)


def test_the_other_program_is_refused_while_this_one_writes(tmp_path):
    mine = DataFolder(tmp_path, today=TODAY)
    mine.set_operator("单雄信")
    holder, said = start_holder(tmp_path)
    try:
        assert said.startswith("readonly") and "单雄信" in said
        assert ask(holder, "save").startswith("refused ReadOnlyError")
        RecordStore(mine).insert(sample("visits", text="只有本程序写入"), "单雄信")
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)
    learned = [v.learned for v in RecordStore(mine).all("visits", 2026)]
    assert learned == ["只有本程序写入"]
    mine.close()


@pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL is POSIX")
def test_the_lock_of_a_killed_program_is_taken_over(tmp_path):
    holder, said = start_holder(tmp_path)
    assert said.startswith("writable")
    assert ask(holder, "save").startswith("saved")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=20)
    assert (tmp_path / ".lock-info").exists(), "the dead program left its lock info behind"
    mine = DataFolder(tmp_path, today=TODAY)
    assert not mine.readonly, mine.readonly_reason
    store = RecordStore(mine)
    store.insert(sample("visits", text="接手后的走访"), "单雄信")
    assert [v.learned for v in store.all("visits", 2026)] == ["另一程序的走访", "接手后的走访"]
    mine.close()


def test_read_only_open_takes_no_lock(tmp_path):
    viewer = DataFolder(tmp_path, readonly=True, today=TODAY)
    writer = DataFolder(tmp_path, today=TODAY)
    assert viewer.readonly and not writer.readonly
    viewer.close()
    writer.close()


@pytest.mark.parametrize("how", ["deleted", "replaced_by_another_program"])
def test_a_lock_file_deleted_or_replaced_stops_every_write(tmp_path, how):
    """Issue 17.7: the lock on a deleted ``.lock`` protects nothing, so the program stops writing and says why."""
    from village_tui.store.journal import JOURNAL_NAME

    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "单雄信")  # a village's settings come before its households
    store.insert(sample("households"), "单雄信")
    (tmp_path / ".lock").unlink()
    other = None
    if how == "replaced_by_another_program":
        other = DataFolder(tmp_path, today=TODAY)  # takes the lock on a new .lock file
        assert not other.readonly
        RecordStore(other).insert(sample("visits", text="另一程序导入的走访"), "曾国强")
    journal = (tmp_path / JOURNAL_NAME).read_bytes()
    visit = sample("visits", text="桃源村不该写入")
    with pytest.raises(ReadOnlyError, match=r"锁文件（\.lock）被删除或替换") as refused:
        store.insert(visit, "单雄信")
    assert "没有保存" in str(refused.value)
    assert visit.id is None, "the caller keeps an unsaved record"
    assert folder.readonly and ".lock" in folder.readonly_reason
    household = store.get("households", 1)
    household.address = "也不该写入"
    with pytest.raises(ReadOnlyError):
        store.update(household, "单雄信")
    folder.close()  # no compaction by a program that lost its lock
    assert (tmp_path / JOURNAL_NAME).read_bytes() == journal
    if other is not None:
        other.close()
    reopened = DataFolder(tmp_path, readonly=True, today=TODAY)
    learned = [v.learned for v in RecordStore(reopened).all("visits", 2026)]
    assert learned == (["另一程序导入的走访"] if other else [])
    assert RecordStore(reopened).get("households", 1).address != "也不该写入"
    reopened.close()


@pytest.mark.skipif(sys.platform.startswith("win"), reason="the journal's own lock is POSIX flock")
def test_a_second_program_never_appends_to_a_journal_being_replaced(tmp_path, monkeypatch):
    """Issue 25 item 2: ``.lock`` deleted while the first program compacts; a second program opens the
    folder and saves six visits. Each of its saves is refused or kept: none is acknowledged and then
    lost when the first program replaces the journal (six were, and ``verify`` passed)."""
    from village_tui.exchange.verify import verify_data_folder
    from village_tui.store import journaled

    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "单雄信")
    store.insert(sample("households"), "单雄信")
    folder.compact()
    mine = [store.insert(sample("visits", text=f"第一程序的走访{n}"), "单雄信").id for n in range(3)]
    replies: list[str] = []
    real_write = journaled.atomic_write_bytes

    def write_while_another_program_gets_in(path, data):
        if not replies:
            (tmp_path / ".lock").unlink()
            other, said = start_holder(tmp_path)
            assert said.startswith("writable"), said
            replies.extend(ask(other, "save") for _ in range(6))
            other.stdin.close()
            other.wait(timeout=20)
        real_write(path, data)

    monkeypatch.setattr(journaled, "atomic_write_bytes", write_while_another_program_gets_in)
    try:
        folder.compact()
    except ReadOnlyError:
        pass  # the first program finds its lock gone right before it replaces the journal
    monkeypatch.undo()
    folder.close()
    assert len(replies) == 6 and all(r.startswith(("saved", "refused")) for r in replies), replies
    theirs = [r.split()[1] for r in replies if r.startswith("saved")]
    reopened = DataFolder(tmp_path, today=TODAY)
    assert not reopened.readonly, reopened.readonly_reason
    kept = RecordStore(reopened)
    for visit_id in mine:
        assert kept.get("visits", visit_id).learned.startswith("第一程序的走访")
    for visit_id in theirs:
        assert kept.get("visits", visit_id).learned == "另一程序的走访", f"acknowledged save {visit_id} lost"
    reopened.close()
    assert verify_data_folder(tmp_path).ok
