"""``verify`` tells a torn save from tampering (issue 25 item 4).

A last journal line without its newline is a save a crash cut short: dropped, and
said once. A complete last line whose checksum does not match was edited: an alarm.
The compaction's seals are chained, so editing a file together with its seal is caught.
An export's manifest is checked against its data: counts, village, operator, and a
year file removed with its manifest entry.
"""

from __future__ import annotations

import pytest

from exchange_fixtures import build_village, open_village
from store_samples import sample, settings
from village_tui.app import VillageApp
from village_tui.cli import main
from village_tui.exchange.export import export_village
from village_tui.exchange.manifest import read_manifest, write_manifest
from village_tui.service import VillageService
from village_tui.store import DataFolder, RecordStore
from village_tui.store.journal import JOURNAL_NAME, decode_line, encode_line

TORN = "上次异常退出，最后一次未完成的保存已丢弃"


def verify(folder, capsys) -> tuple[int, str]:
    code = main(["verify", str(folder)])
    return code, capsys.readouterr().out


def village_with_journal(root):
    """Settings, a household and a visit compacted; then two saves left in the journal by a killed program."""
    folder = DataFolder(root)
    store = RecordStore(folder)
    store.save_settings(settings(), "单雄信")
    store.insert(sample("households"), "单雄信")
    store.insert(sample("visits", text="桃源村旧走访"), "单雄信")
    folder.close()
    folder = DataFolder(root)
    store = RecordStore(folder)
    for n in range(2):
        store.insert(sample("visits", text=f"桃源村日志走访{n}"), "单雄信")
    folder._journal.close()
    folder._lock.release()  # killed: no clean close
    return root / JOURNAL_NAME


def test_a_last_line_cut_short_is_a_torn_save_said_once_and_no_alarm(tmp_path, capsys):
    journal = village_with_journal(tmp_path)
    whole = journal.read_bytes()
    last = whole.splitlines(keepends=True)[-1]
    journal.write_bytes(whole[: -len(last)] + last[: len(last) // 2])
    code, out = verify(tmp_path, capsys)
    assert code == 0 and TORN in out and "校验通过" in out, out
    folder = DataFolder(tmp_path)
    assert folder.open_notices() == [TORN]
    folder.close()
    again = DataFolder(tmp_path)
    assert again.open_notices() == [], "said once: the torn line was cut off by the writable open"
    again.close()
    code, out = verify(tmp_path, capsys)
    assert code == 0 and TORN not in out


async def test_the_app_says_once_that_the_last_unfinished_save_was_dropped(tmp_path):
    journal = village_with_journal(tmp_path)
    journal.write_bytes(journal.read_bytes()[:-7])
    for expected in (True, False):
        service = VillageService.open(tmp_path)
        app = VillageApp(service)
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                said = [str(n.message) for n in app._notifications]
                assert (TORN in said) == expected, said
        finally:
            service.close()


def test_a_complete_last_line_with_a_bad_checksum_is_tampering(tmp_path, capsys):
    journal = village_with_journal(tmp_path)
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[-1] = lines[-1].replace("桃源村日志走访1".encode(), "桃源村日志走访9".encode())
    journal.write_bytes(b"".join(lines))
    code, out = verify(tmp_path, capsys)
    assert code == 1 and JOURNAL_NAME in out and "改动" in out and TORN not in out, out
    folder = DataFolder(tmp_path)
    assert folder.readonly and folder.open_notices() == []
    folder.close()
    assert journal.read_bytes() == b"".join(lines), "the edited journal is kept as it is"


def test_a_record_edited_together_with_its_files_seal_is_caught(tmp_path, capsys):
    journal = village_with_journal(tmp_path)
    folder = DataFolder(tmp_path)
    folder.compact()  # the files are sealed in the journal's only line
    folder.close()
    visits = tmp_path / "2026" / "visits.json"
    visits.write_bytes(visits.read_bytes().replace("桃源村日志走访0".encode(), "桃源村伪造走访".encode()))
    (line,) = journal.read_bytes().splitlines()
    change = decode_line(line)
    import hashlib

    change["sealed"]["2026/visits.json"] = hashlib.sha256(visits.read_bytes()).hexdigest()
    journal.write_bytes(encode_line(change))  # the line's own checksum recomputed too
    code, out = verify(tmp_path, capsys)
    assert code == 1 and "改动" in out and "2026-0002" in out, out


@pytest.fixture
def exported(tmp_path):
    (tmp_path / "usb").mkdir()
    service = open_village(build_village(tmp_path / "data", "东风村"))
    try:
        result = export_village(service, tmp_path / "usb", masked=True)
    finally:
        service.close()
    assert result.verify.ok
    return result.folder


@pytest.mark.parametrize("field,value", [("counts", "visits"), ("village", "西风村"), ("operator", "王冒名")])
def test_a_manifest_whose_counts_village_or_operator_do_not_match_the_data_is_caught(exported, capsys, field, value):
    manifest = read_manifest(exported)
    if field == "counts":
        manifest.counts[value] += 1
    else:
        setattr(manifest, field, value)
    write_manifest(exported, manifest)
    code, out = verify(exported, capsys)
    assert code == 1 and "清单" in out, out


def test_a_year_file_removed_with_its_manifest_entry_and_count_is_caught(exported, capsys):
    manifest = read_manifest(exported)
    removed = "data/2026/visits.json"
    assert removed in manifest.files
    (exported / removed).unlink()
    del manifest.files[removed]
    manifest.counts.pop("visits")
    write_manifest(exported, manifest)
    code, out = verify(exported, capsys)
    assert code == 1 and "2026/visits.json" in out, out


def test_the_export_command_says_once_that_the_last_unfinished_save_was_dropped(tmp_path, capsys):
    journal = village_with_journal(tmp_path / "data")
    journal.write_bytes(journal.read_bytes()[:-7])
    (tmp_path / "usb").mkdir()
    said = []
    for _ in range(2):
        code = main(["export", str(tmp_path / "usb"), "--data", str(tmp_path / "data")])
        assert code == 0
        said.append(capsys.readouterr().err.count(TORN))
    assert said == [1, 0]
