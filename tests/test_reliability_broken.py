"""Broken data files (issue 13.2): named, never overwritten, newest backup offered and restored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from store_samples import sample, settings
from village_tui.domain.errors import ReadOnlyError
from village_tui.store import BrokenDataFile, DataFolder, RecordStore
from village_tui.store.backup import make_backup

TODAY = date(2026, 11, 27)
TARGETS = ["reference.json", "2026/visits.json", "schema.json"]


def damage(raw: bytes, how: str) -> bytes:
    """The file as a power cut, a bad USB stick or a stray editor left it."""
    if how == "zero_bytes":
        return b""
    if how == "truncated":
        return raw[: len(raw) * 2 // 3]
    if how == "truncated_at_line_end":
        lines = raw.splitlines(keepends=True)
        return b"".join(lines[: max(2, len(lines) - 3)]).rstrip(b"\n,")
    if how == "trailing_garbage":
        return raw + b"\x00\x00\x00garbage"
    if how == "not_utf8":
        return raw.replace("桃源村".encode("utf-8"), "桃源村".encode("gbk"))
    raise KeyError(how)


def village(root: Path) -> None:
    """A folder with data in two years and two dated backups (the newest has one visit more)."""
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "系统")
    store.insert(sample("households"), "单雄信")
    store.insert(sample("visits", day=date(2025, 6, 1)), "单雄信")
    for n in range(3):
        store.insert(sample("visits", text=f"桃源村第{n}次走访"), "单雄信")
    folder.compact()  # as the daily backup does before copying
    make_backup(root, folder.data_files(), date(2026, 11, 25))
    store.insert(sample("visits", text="桃源村备份前最后一次走访"), "单雄信")
    folder.compact()
    make_backup(root, folder.data_files(), date(2026, 11, 26))
    store.insert(sample("visits", text="桃源村备份之后的走访"), "单雄信")
    folder.compact()  # into the files (a size compaction): lost with a damaged file, as the backup is older
    folder.close()


@pytest.mark.parametrize("how", ["zero_bytes", "truncated", "truncated_at_line_end", "trailing_garbage", "not_utf8"])
@pytest.mark.parametrize("target", TARGETS)
def test_broken_file_is_named_kept_and_restored(tmp_path, target, how):
    village(tmp_path)
    path = tmp_path / target
    broken = damage(path.read_bytes(), how)
    if target == "schema.json" and how == "not_utf8":
        broken = b"\xff\xfe" + broken
    path.write_bytes(broken)

    folder = DataFolder(tmp_path, today=TODAY)
    assert folder.readonly
    assert path.name in folder.readonly_reason
    assert [b.path for b in folder.broken_files] == [path]
    assert str(path) in str(folder.broken_files[0])
    store = RecordStore(folder)
    with pytest.raises(ReadOnlyError):
        store.insert(sample("visits", text="桃源村不该写入"), "单雄信")
    with pytest.raises(ReadOnlyError):
        store.save_settings(settings(), "系统")
    assert path.read_bytes() == broken

    newest = folder.newest_backup_of(path)
    assert newest == tmp_path / "backups" / "2026-11-26" / target
    kept = folder.restore_from_backup(path)
    assert kept.read_bytes() == broken and kept.parent == path.parent
    assert path.read_bytes() == newest.read_bytes()
    assert not folder.readonly, "with every broken file restored the folder is writable again"
    store = RecordStore(folder)
    store.insert(sample("visits", text="桃源村恢复后的走访"), "单雄信")
    folder.close()

    reopened = DataFolder(tmp_path, today=TODAY)
    assert not reopened.readonly and reopened.broken_files == []
    learned = [v.learned for v in RecordStore(reopened).all("visits", 2026)]
    if target == "2026/visits.json":
        assert "桃源村备份之后的走访" not in learned and "桃源村备份前最后一次走访" in learned
    assert "桃源村恢复后的走访" in learned
    reopened.close()


def test_a_broken_file_found_after_opening_is_never_overwritten(tmp_path):
    village(tmp_path)
    path = tmp_path / "2025" / "visits.json"
    broken = damage(path.read_bytes(), "truncated_at_line_end")
    path.write_bytes(broken)
    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    with pytest.raises((BrokenDataFile, ReadOnlyError)):
        store.insert(sample("visits", day=date(2025, 7, 1)), "单雄信")
    with pytest.raises((BrokenDataFile, ReadOnlyError)):
        store.insert(sample("visits", day=date(2026, 7, 1)), "单雄信")
    assert path.read_bytes() == broken
    assert [b.path for b in folder.broken_files] == [path]
    folder.close()


def test_no_backup_means_a_clear_refusal(tmp_path):
    folder = DataFolder(tmp_path, today=TODAY)
    RecordStore(folder).insert(sample("households"), "单雄信")
    folder.close()
    (tmp_path / "reference.json").write_bytes(b"")
    folder = DataFolder(tmp_path, today=TODAY)
    assert folder.newest_backup_of(tmp_path / "reference.json") is None
    with pytest.raises(FileNotFoundError, match="备份"):
        folder.restore_from_backup(tmp_path / "reference.json")
    assert (tmp_path / "reference.json").read_bytes() == b""
    folder.close()


def test_stale_temp_files_are_removed_at_open(tmp_path):
    village(tmp_path)
    stale = [tmp_path / ".reference.json.123.tmp", tmp_path / "2026" / ".visits.json.4567.tmp",
             tmp_path / "audit" / ".2026-11.json.9.tmp"]
    for path in stale:
        path.write_bytes(b'{"visits":{"1":{"day":"2026-')
    in_backup = tmp_path / "backups" / "2026-11-26" / ".reference.json.5.tmp"
    in_backup.write_bytes(b"{}")
    folder = DataFolder(tmp_path, today=TODAY)
    assert not folder.readonly and folder.broken_files == []
    assert not any(path.exists() for path in stale)
    assert in_backup.exists(), "backups are never touched"
    assert len(RecordStore(folder).all("visits", 2026)) == 5
    folder.close()


def test_a_read_only_open_removes_nothing(tmp_path):
    village(tmp_path)
    stale = tmp_path / "2026" / ".visits.json.4567.tmp"
    stale.write_bytes(b"{")
    folder = DataFolder(tmp_path, readonly=True, today=TODAY)
    assert stale.exists()
    folder.close()
