"""Shapes checked at load (issue 17, item 4): the store side.

A data file that parses but is of the wrong shape is treated like one that does not
parse: named with its record, kept byte for byte, the folder read-only, the newest
backup offered. A missing ``reference.json`` beside year files is a broken folder, not
a first run. The checks come from the dataclasses, so a field added to a record is
checked without a word here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import pytest

from store_samples import sample, settings
from village_tui.domain.errors import ReadOnlyError
from village_tui.store import BrokenDataFile, DataFolder, RecordStore
from village_tui.store.backup import make_backup
from village_tui.store.shapes import WrongShapeFile, record_check, record_problem, tables_problem

TODAY = date(2026, 11, 27)


def village(root) -> None:
    """Settings, a household, visits in 2025 and 2026, and a backup of it all."""
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "系统")
    store.insert(sample("households"), "单雄信")
    store.insert(sample("visits", day=date(2025, 6, 1)), "单雄信")
    for n in range(3):
        store.insert(sample("visits", text=f"桃源村第{n}次走访"), "单雄信")
    folder.compact()  # the saves are in the journal until now
    make_backup(root, folder.data_files(), date(2026, 11, 26))
    folder.close()


def rewrite(path, edit) -> bytes:
    tables = json.loads(path.read_text(encoding="utf-8"))
    edit(tables)
    raw = json.dumps(tables, ensure_ascii=False).encode("utf-8")
    path.write_bytes(raw)
    return raw


@pytest.mark.parametrize("target, edit, words", [
    ("2026/visits.json", lambda t: t["visits"]["2"].update(day="31/02/2026"), ["第2条记录", "「day」", "31/02/2026"]),
    ("2026/visits.json", lambda t: t.update(visits=list(t["visits"].values())), ["「走访」表", "列表"]),
    ("reference.json", lambda t: t["households"].update({"1": "曾国强"}), ["「农户」表第1条记录", "曾国强"]),
    ("reference.json", lambda t: t["households"]["1"].pop("head"), ["缺少「head」"]),
    ("reference.json", lambda t: t["settings"]["1"].update(locked_before="yesterday"),
     ["「设置」表第1条记录", "locked_before", "yesterday"]),
    ("reference.json", lambda t: t["households"]["1"]["group_history"][0].update(until=20250601),
     ["「group_history」第1项「until」", "数字 20250601"]),
])
def test_a_wrong_shaped_file_is_named_kept_read_only_and_restored(tmp_path, target, edit, words):
    village(tmp_path)
    path = tmp_path / target
    wrong = rewrite(path, edit)

    folder = DataFolder(tmp_path, today=TODAY)
    assert folder.readonly and target in folder.readonly_reason
    (broken,) = folder.broken_files
    assert isinstance(broken, WrongShapeFile) and broken.path == path
    message = folder.broken_message()
    for word in [target, *words]:
        assert word in message, message
    store = RecordStore(folder)
    with pytest.raises((ReadOnlyError, BrokenDataFile)):
        store.insert(sample("visits", text="不该写入"), "单雄信")
    assert path.read_bytes() == wrong, "never written over"

    folder.restore_from_backup(path)
    assert not folder.readonly and folder.broken_files == []
    RecordStore(folder).insert(sample("visits", text="恢复后的走访"), "单雄信")
    folder.close()


def test_a_wrong_shaped_old_year_found_when_first_read_turns_the_folder_read_only(tmp_path):
    village(tmp_path)
    path = tmp_path / "2025" / "visits.json"
    wrong = rewrite(path, lambda t: t["visits"]["1"].update(household_id="曾国强家"))
    folder = DataFolder(tmp_path, today=TODAY)
    assert not folder.readonly, "old years are read when first needed"
    store = RecordStore(folder)
    with pytest.raises(WrongShapeFile, match="household_id"):
        store.scan("visits", 2025, lambda doc: True)
    assert folder.readonly and "2025/visits.json" in folder.readonly_reason
    with pytest.raises(ReadOnlyError):
        store.insert(sample("visits", text="不该写入"), "单雄信")
    assert path.read_bytes() == wrong
    folder.close()


def test_a_missing_reference_file_beside_year_files_is_broken_not_a_first_run(tmp_path):
    village(tmp_path)
    (tmp_path / "reference.json").unlink()
    folder = DataFolder(tmp_path, today=TODAY)
    assert folder.readonly and "reference.json" in folder.readonly_reason
    store = RecordStore(folder)
    with pytest.raises(BrokenDataFile, match="不见了"):
        store.settings()  # not "None": the first-run setup must not start and hand out the old ids again
    with pytest.raises((ReadOnlyError, BrokenDataFile)):
        store.insert(sample("households"), "单雄信")
    assert not (tmp_path / "reference.json").exists()

    folder.restore_from_backup(tmp_path / "reference.json")
    assert not folder.readonly
    restored = RecordStore(folder)
    assert [h.head for h in restored.all("households")] == ["曾国强"]
    assert restored.insert(sample("households"), "单雄信").id == 2, "the next household gets a new id"
    folder.close()


def test_an_empty_folder_and_one_with_only_a_schema_are_first_runs(tmp_path):
    assert not DataFolder(tmp_path / "new", today=TODAY).readonly
    folder = DataFolder(tmp_path / "new", today=TODAY)  # now it holds schema.json only
    assert folder.broken_files == []
    folder.close()


@dataclass
class Handover:
    """A record of a kind some other change might add one day."""

    day: date
    cadre_id: int
    notes: list[str] = field(default_factory=list)
    until: date | None = None
    history: list[Handover] = field(default_factory=list)


def test_checks_come_from_the_dataclass_so_a_new_field_is_checked_without_work():
    check = record_check(Handover)
    assert check({"day": "2026-11-27", "cadre_id": 3}) is None
    assert check({"day": "2026-11-27", "cadre_id": 3, "until": None, "notes": ["交接"]}) is None
    assert check({"cadre_id": 3}) == ("", "缺少「day」")
    assert check({"day": "2026-02-30", "cadre_id": 3})[0] == "「day」"
    assert "应为整数" in check({"day": "2026-11-27", "cadre_id": "3"})[1]
    assert "应为整数" in check({"day": "2026-11-27", "cadre_id": True})[1], "true is not a number"
    assert check({"day": "2026-11-27", "cadre_id": 3, "notes": "交接"})[0] == "「notes」"
    nested = {"day": "2026-11-27", "cadre_id": 3, "history": [{"day": "2026-11-01", "cadre_id": 1}, {"day": 5}]}
    assert check(nested) == ("「history」第2项", "缺少「cadre_id」")


def test_every_kind_of_the_store_accepts_what_the_store_writes(tmp_path):
    """A check that refused the program's own records would turn every folder read-only."""
    from village_tui.store.convert import to_document
    from village_tui.store.records import KINDS

    for name in KINDS:
        record = sample(name)
        assert record_problem(name, to_document(record), year=2026) is None, name
    assert tables_problem("reference.json", {"settings": {"1": to_document(settings())}}) is None


def test_bad_values_are_quoted_short_and_inert():
    problem = record_problem("visits", {"day": "\x1b]0;标题\x07" + "9" * 500, "cadre_id": 1, "household_id": 1})
    assert "\x1b" not in problem and "\x07" not in problem and len(problem) < 120


@pytest.mark.parametrize("kind, edit, words", [
    ("duty", lambda d: d["signins"][0].update(cadre_id="1"), ["「signins」第1项「cadre_id」", "应为整数"]),
    ("duty", lambda d: d["signins"].append("单雄信"), ["「signins」第2项", "不是一条记录"]),
    ("duty", lambda d: d.update(rostered=[1, True]), ["「rostered」第2项", "应为整数"]),
    ("ledger", lambda d: d["escalations"][0].update(day="2026-02-30"), ["「escalations」第1项「day」", "不是有效日期"]),
    ("ledger", lambda d: d["history"][0].pop("status"), ["「history」第1项", "缺少「status」"]),
    ("pairings", lambda d: d.update(end="2026-13-01"), ["「end」", "不是有效日期"]),
    ("pairings", lambda d: d.update(end="2026/12/01"), ["「end」", "不是有效日期"]),
])
def test_the_fast_scan_of_a_whole_table_refuses_what_the_field_check_refuses(kind, edit, words):
    # A table is first tested whole by generated code (nested records, lists and dates inline);
    # a record it lets through is never checked again, so it must refuse all the field check refuses.
    from village_tui.store.convert import to_document
    from village_tui.store.field_checks import table_scan
    from village_tui.store.records import KINDS

    good = to_document(sample(kind))
    bad = to_document(sample(kind))
    edit(bad)
    scan = table_scan(KINDS[kind].cls, None)
    assert scan({"1": good, "2": good}) is None
    assert scan({"1": good, "2": bad, "3": good}) == "2"
    problem = record_problem(kind, bad, key="2", year=2026)
    for word in words:
        assert word in problem, problem
    assert scan({"1": good, "x2": good}) == "x2", "a key that is not a number is named too"
