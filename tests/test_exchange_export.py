"""Export to a USB stick: snapshot, manifest, masking, workbook, read-back verification, period lock."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from datetime import date

import pytest

from exchange_fixtures import FULL_ID, SECRET, TYPED_ID, build_village, open_village
from village_tui.cli import main
from village_tui.domain.errors import PeriodLockedError
from village_tui.exchange.export import export_village, lock_period
from village_tui.exchange.manifest import read_manifest
from village_tui.exchange.masking import WITHHELD
from village_tui.store import DataFolder

FULL_ID_RE = re.compile(rb"(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])")


@pytest.fixture
def village(tmp_path):
    return build_village(tmp_path / "data", "东风村")


def _export(village, usb, masked=True):
    service = open_village(village)
    try:
        return export_village(service, usb, masked=masked)
    finally:
        service.close()


def _every_byte(folder):
    """The bytes of every file of an export, the xlsx's XML parts unzipped."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    yield f"{path.name}:{name}", book.read(name)
        else:
            yield str(path.relative_to(folder)), path.read_bytes()


def test_export_writes_snapshot_manifest_and_workbook(village, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    result = _export(village, usb)
    assert result.verify.ok
    assert result.folder.parent == usb and re.fullmatch(r"东风村-20261127-\d{4}", result.folder.name)
    manifest = read_manifest(result.folder)
    assert (manifest.village, manifest.township, manifest.county, manifest.masked) == ("东风村", "青山镇", "田县", True)
    assert manifest.operator == "张建国" and manifest.locked and manifest.schema >= 1
    assert manifest.counts["households"] == 4 and manifest.counts["visits"] == 2 and manifest.counts["ledger"] == 2
    assert "data/reference.json" in manifest.files and "东风村-2026年台账.xlsx" in manifest.files
    assert any(name.startswith("data/audit/") for name in manifest.files)
    for name, entry in manifest.files.items():
        assert hashlib.sha256((result.folder / name).read_bytes()).hexdigest() == entry.sha256
    assert not list(usb.glob("*.partial"))
    assert "校验通过" in "\n".join(result.lines())


def test_masked_export_holds_no_full_id_number_anywhere(village, tmp_path):
    result = _export(village, tmp_path)
    for name, data in _every_byte(result.folder):
        assert not FULL_ID_RE.search(data), name
        assert b"13812345678" not in data and b"13955556666" not in data, name
        assert SECRET.encode() not in data and "已调解，双方签字".encode() not in data, name
    households = json.loads((result.folder / "data/reference.json").read_text("utf-8"))["households"]
    assert households["1"]["id_number"] == FULL_ID[:6] + "********" + FULL_ID[-4:]
    assert households["1"]["phone"] == "138****5678"
    ledger = json.loads((result.folder / "data/2026/ledger.json").read_text("utf-8"))["ledger"]
    assert ledger["1"]["content"] == WITHHELD and ledger["1"]["result"] == WITHHELD
    assert ledger["2"]["content"] == "3组村道坑洼"  # only sensitive items are withheld
    visits = json.loads((result.folder / "data/2026/visits.json").read_text("utf-8"))["visits"]
    assert TYPED_ID[:6] + "********" + TYPED_ID[-4:] in visits["1"]["learned"]


def test_masking_leaves_the_village_data_untouched(village, tmp_path):
    before = {p: p.read_bytes() for p in village.rglob("*.json") if "audit" not in p.parts}
    _export(village, tmp_path)
    assert FULL_ID.encode() in (village / "reference.json").read_bytes()
    for path, data in before.items():
        if path.name != "reference.json":  # the export's period lock changes the settings
            assert path.read_bytes() == data


def test_unmasked_export_keeps_id_numbers_and_says_so(village, tmp_path):
    assert main(["export", str(tmp_path), "--data", str(village), "--unmasked"]) == 0
    folder = next(p for p in tmp_path.iterdir() if p.name.startswith("东风村-"))
    assert read_manifest(folder).masked is False
    assert FULL_ID.encode() in (folder / "data/reference.json").read_bytes()


def test_export_command_prints_the_verification(village, tmp_path, capsys):
    assert main(["export", str(tmp_path), "--data", str(village)]) == 0
    out = capsys.readouterr().out
    assert "校验通过" in out and "已遮盖" in out and "2026年11月1日以前的记录" in out


def test_export_to_a_missing_stick_says_what_to_do(village, tmp_path, capsys):
    assert main(["export", str(tmp_path / "no-stick"), "--data", str(village)]) == 2
    assert "换一个U盘或重新插好后再导出" in capsys.readouterr().err


def test_export_without_the_lock_still_copies_and_says_so(village, tmp_path):
    holder = DataFolder(village)  # another program holds the folder
    try:
        service = open_village(village)
        assert service.readonly
        try:
            result = export_village(service, tmp_path)
            assert lock_period(service, service.today) is None
        finally:
            service.close()
    finally:
        holder.close()
    manifest = read_manifest(result.folder)
    assert manifest.locked is False and "未能锁定" in manifest.lock_note
    assert result.verify.ok and any("未能锁定" in line for line in result.lines())


def test_export_locks_months_before_it_and_corrections_are_audited(village, tmp_path):
    _export(village, tmp_path)
    service = open_village(village)
    try:
        assert lock_period(service, service.today) == date(2026, 11, 1)
        assert service.settings().locked_before == date(2026, 11, 1)
        service.sign_in(service.cadres()[0].id)
        visit = service.visits(2026, 10).rows[-1]
        visit.learned = "补记：户主身体好转"
        with pytest.raises(PeriodLockedError):
            service.save_visit(visit)
        service.save_visit(visit, reason="漏记情况，补充")
        entry = service.records.audit.for_record("visits", visit.id)[0]
        assert (entry.action, entry.reason) == ("更正", "漏记情况，补充")
        assert lock_period(service, date(2026, 11, 30)) is None  # the same month again changes nothing
    finally:
        service.close()


def test_a_killed_exports_partial_folder_is_removed_by_the_next_export_which_says_so(village, tmp_path, monkeypatch):
    """Issue 25 item 6: an export cut before its rename leaves ``…partial`` on the stick; the next one removes it."""
    import village_tui.exchange.export as export_module

    usb = tmp_path / "usb"
    usb.mkdir()

    class Pulled(BaseException):
        """The stick pulled out (or the program killed) while the manifest was being written."""

    def pulled(folder, manifest):
        raise Pulled

    with monkeypatch.context() as patch:
        patch.setattr(export_module, "write_manifest", pulled)
        with pytest.raises(Pulled):
            _export(village, usb)
    left = [p.name for p in usb.glob("*.partial")]
    assert len(left) == 1 and left[0].startswith("东风村-")
    (usb / "别的东西.partial").mkdir()  # not named like an export: never touched
    result = _export(village, usb)
    assert not (usb / left[0]).exists()
    assert (usb / "别的东西.partial").is_dir()
    assert f"已删除上次中断的导出留下的未完成文件夹：{left[0]}" in result.lines()
    assert result.verify.ok
