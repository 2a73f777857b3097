"""``village-tui verify`` finds records changed, removed or added behind the program's back."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date

import pytest

from app_fixtures import TODAY, make_village
from exchange_fixtures import build_village, open_village
from import_fixtures import write_workbook
from village_tui.cli import main
from village_tui.demo import generate_demo
from village_tui.domain.models import LedgerItem, VillageSettings, Visit
from village_tui.exchange.export import export_village
from village_tui.exchange.manifest import read_manifest, write_manifest
from village_tui.service import VillageService
from village_tui.store import DataFolder, RecordStore
from village_tui.store.tamper import check_records


def edit_by_hand(path, change, indent=None):
    """Rewrite a data file as a person with Notepad would: parse, change, save (no audit entry)."""
    tables = json.loads(path.read_text("utf-8"))
    change(tables)
    path.write_text(json.dumps(tables, ensure_ascii=False, indent=indent), encoding="utf-8")


def verify(folder, capsys) -> tuple[int, str]:
    code = main(["verify", str(folder)])
    return code, capsys.readouterr().out


@pytest.fixture
def village(tmp_path):
    """A village saved through the service only: settings, cadres, households, visits, ledger items."""
    return build_village(tmp_path / "data", "东风村")


@pytest.fixture(scope="module")
def demo_village(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "data"
    generate_demo(path, scale="small", seed=3, until=TODAY)
    return path


@pytest.fixture
def demo(demo_village, tmp_path):
    target = tmp_path / "demo"
    shutil.copytree(demo_village, target)
    return target


def test_a_field_edited_by_hand_is_named(village, capsys):
    def change(tables):
        tables["ledger"]["2"]["content"] = "3组村道已修好"
    edit_by_hand(village / "2026/ledger.json", change)
    code, out = verify(village, capsys)
    assert code == 1
    assert "民情 2026-0002 在程序之外被改动（2026/ledger.json）" in out
    assert "民情 2026-0001" not in out and "不是通过本程序保存的" in out


def test_settings_and_reference_records_edited_by_hand_are_named(village, capsys):
    def change(tables):
        tables["households"]["3"]["phone"] = "13900009999"
        tables["settings"]["1"]["name"] = "西风村"
    edit_by_hand(village / "reference.json", change)
    code, out = verify(village, capsys)
    assert code == 1 and "农户 3 在程序之外被改动" in out and "设置 1 在程序之外被改动" in out


def test_a_record_deleted_by_hand_is_named(village, capsys):
    edit_by_hand(village / "2026/visits.json", lambda tables: tables["visits"].pop("1"))
    edit_by_hand(village / "reference.json", lambda tables: tables["households"].pop("4"))
    code, out = verify(village, capsys)
    assert code == 1
    assert "走访 2026-0001 被删除" in out and "农户 4 被删除" in out


def test_a_whole_year_file_deleted_names_its_records(village, capsys):
    (village / "2026/ledger.json").unlink()
    code, out = verify(village, capsys)
    assert code == 1 and "民情 2026-0001 被删除" in out and "民情 2026-0002 被删除" in out


def test_a_record_added_by_hand_is_named(village, capsys):
    def change(tables):
        tables["visits"]["7"] = dict(tables["visits"]["2"], learned="补记一次走访")
    edit_by_hand(village / "2026/visits.json", change)
    code, out = verify(village, capsys)
    assert code == 1 and "走访 2026-0007 没有登记记录，可能在程序之外添加（2026/visits.json）" in out


def test_untouched_service_folder_passes_even_reformatted(village, capsys):
    edit_by_hand(village / "reference.json", lambda tables: None, indent=2)  # same content, other layout
    code, out = verify(village, capsys)
    assert code == 0 and "校验通过：审计日志完整，每条记录都与审计日志一致" in out


def test_untouched_demo_village_passes_and_a_hand_edit_in_it_is_named(demo, capsys):
    assert verify(demo, capsys)[0] == 0

    def change(tables):
        first = sorted(tables["visits"], key=int)[0]
        tables["visits"][first]["learned"] = "手工改过"
    edit_by_hand(demo / "2026/visits.json", change)
    code, out = verify(demo, capsys)
    assert code == 1 and "在程序之外被改动（2026/visits.json）" in out


def test_imported_folder_passes(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["import", str(write_workbook(tmp_path / "台账.xlsx")), "--data", str(data)]) == 0
    capsys.readouterr()
    code, out = verify(data, capsys)
    assert code == 0, out


def test_updates_after_a_bulk_insert_raise_no_false_alarm(demo, capsys):
    service = VillageService.open(demo, today=TODAY)
    try:
        service.sign_in(service.cadres()[0].id)
        household = service.households()[0]
        household.phone = "13511112222"
        service.save_household(household, "电话换了")
        service.save_visit(Visit(day=date(2026, 11, 26), cadre_id=service.cadres()[0].id,
                                 household_id=household.id, learned="新登记"))
        service.save_ledger_item(LedgerItem(day=date(2026, 11, 26), source="来访", category="行路",
                                            content="村口路灯不亮", household_id=household.id,
                                            handler_id=service.cadres()[0].id))
    finally:
        service.close()
    code, out = verify(demo, capsys)
    assert code == 0, out


def test_a_folder_in_memory_is_checked_too():
    service = make_village()
    assert check_records(service.folder) == []
    service.folder.reference_table("households").insert({"code": "0099", "head": "外人", "group": "1组"})
    assert check_records(service.folder) == ["农户 5 没有登记记录，可能在程序之外添加（reference.json）"]


def test_an_old_bulk_entry_without_digests_checks_presence_only():
    folder = DataFolder.in_memory()
    store = RecordStore(folder)
    store.save_settings(VillageSettings(name="桃源村"), "单雄信")  # a village's settings come before its households
    table = folder.reference_table("households")
    table.insert_multiple([{"code": "0001", "head": "王大山", "group": "1组"}, {"code": "0002", "head": "曾小明", "group": "1组"}])
    store.audit.record("系统", "批量新增", "households", "1…2", None, {"count": 2, "year": None})  # older format
    table.update({"head": "王小山"}, doc_ids=[1])
    assert check_records(folder) == []
    table.remove(doc_ids=[2])
    assert check_records(folder) == ["农户 2 被删除（审计日志中有，reference.json 中没有）"]


def test_an_unreadable_file_is_named_and_its_records_not_called_deleted(village, capsys):
    (village / "2026/ledger.json").write_text('{"ledger":{"1":', encoding="utf-8")
    code, out = verify(village, capsys)
    assert code == 1 and "2026/ledger.json" in out and "被删除" not in out


@pytest.fixture
def exported(village, tmp_path):
    def export(masked: bool):
        service = open_village(village)
        try:
            return export_village(service, tmp_path / f"stick-{masked}", masked=masked).folder
        finally:
            service.close()
    return export


def _reseal(copy, relative):
    """Make the manifest agree with a file changed on the stick (a careful forger)."""
    manifest = read_manifest(copy)
    path = copy / relative
    entry = manifest.files[relative]
    entry.size, entry.sha256 = path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest()
    write_manifest(copy, manifest)


def test_unmasked_export_gets_the_record_check(exported, capsys):
    copy = exported(False)
    assert verify(copy, capsys)[0] == 0

    def change(tables):
        tables["visits"]["2"]["requests"] = "不需要低保了"
    edit_by_hand(copy / "data/2026/visits.json", change)
    _reseal(copy, "data/2026/visits.json")
    code, out = verify(copy, capsys)
    assert code == 1 and "走访 2026-0002 在程序之外被改动" in out and "文件内容不一致" not in out


def test_masked_export_skips_the_record_check_with_a_note_and_keeps_the_manifest_check(exported, capsys):
    copy = exported(True)
    code, out = verify(copy, capsys)
    assert code == 0 and "没有逐条核对记录" in out and "校验通过" in out

    def change(tables):
        tables["visits"]["2"]["requests"] = "不需要低保了"
    edit_by_hand(copy / "data/2026/visits.json", change)
    code, out = verify(copy, capsys)
    assert code == 1 and "文件内容不一致：data/2026/visits.json" in out and "没有逐条核对记录" in out


def test_a_hand_edit_stays_named_after_a_later_save_of_the_same_record(village, capsys):
    """Tamper laundering (issue 17.6): an outside edit followed by a legitimate save of another field."""
    def change(tables):
        tables["households"]["3"]["address"] = "东风村3组（已被人改过）"
    edit_by_hand(village / "reference.json", change)
    service = VillageService.open(village, today=TODAY)
    household = service.household(3)
    household.phone = "13911112222"
    service.save_household(household)
    service.close()
    code, out = verify(village, capsys)
    assert code == 1
    assert "农户 3 在程序之外被改动过：第" in out and "修改前的内容与上一次保存的不一致" in out
    assert "农户 1" not in out and "农户 4" not in out


def test_saves_after_saves_raise_no_laundering_alarm(village, capsys):
    service = VillageService.open(village, today=TODAY)
    for phone in ("13911112222", "13933334444"):
        household = service.household(3)
        household.phone = phone
        service.save_household(household)
    service.close()
    code, out = verify(village, capsys)
    assert code == 0, out


def test_a_hand_edit_in_a_file_the_program_rewrites_later_is_still_named(village, capsys):
    """verify skips files byte for byte as the program wrote them; a compaction must not bless a hand edit."""
    def change(tables):
        tables["households"]["4"]["address"] = "东风村4组（改过）"
    edit_by_hand(village / "reference.json", change)
    service = VillageService.open(village, today=TODAY)
    household = service.household(2)  # another record of the same file, saved and compacted on close
    household.phone = "13911112222"
    service.save_household(household)
    service.close()
    code, out = verify(village, capsys)
    assert code == 1 and "农户 4 在程序之外被改动（reference.json）" in out
    assert "农户 2" not in out
