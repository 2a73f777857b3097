"""Round trips of every record kind through RecordStore, on memory and on file folders."""

from __future__ import annotations

from datetime import date

import pytest

from store_samples import VILLAGE, data_snapshot, sample, settings
from village_tui.domain import models as m
from village_tui.domain.errors import NotFoundError, ValidationError
from village_tui.store import KINDS, DataFolder, RecordStore

TODAY = date(2026, 11, 27)


@pytest.fixture(params=["memory", "file"])
def opener(request, tmp_path):
    """A function that (re)opens the same folder; memory folders keep their data, caches are fresh."""
    memory = DataFolder.in_memory() if request.param == "memory" else None
    opened: list[DataFolder] = []

    def reopen() -> RecordStore:
        for folder in opened:
            if folder is not memory:
                folder.close()
        folder = memory if memory is not None else DataFolder(tmp_path / "data", today=TODAY)
        opened.append(folder)
        return RecordStore(folder)

    yield reopen
    for folder in opened:
        folder.close()


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_round_trips_with_chinese_data(opener, kind):
    store = opener()
    store.save_settings(settings(), "单雄信")  # a village's settings come before its records
    saved = store.insert(sample(kind), "单雄信", "新登记")
    expected = KINDS[kind].cls is m.Cadre and 1 or saved.id
    assert saved.id == (f"2026-0001" if KINDS[kind].yearly else expected)
    again = opener()
    loaded = again.get(kind, saved.id)
    assert loaded == saved
    listed = again.all(kind, 2026 if KINDS[kind].yearly else None)
    assert listed == [saved]


def test_settings_round_trip(opener):
    store = opener()
    assert store.settings() is None
    store.save_settings(settings(), "系统")
    assert opener().settings() == settings()


def test_nested_values_changed_in_place_are_saved(opener):
    store = opener()
    item = store.insert(sample("ledger"), "单雄信")
    item.history.append(m.StatusChange(day=date(2026, 11, 21), status="办理中", note="已联系水厂"))
    store.update(item, "单雄信")
    edited = store.get("ledger", item.id)
    edited.escalations[0].reply = "已派人维修"
    store.update(edited, "单雄信")
    loaded = opener().get("ledger", item.id)
    assert [h.status for h in loaded.history] == ["受理", "办理中"]
    assert loaded.escalations[0].reply == "已派人维修"


def test_ids_are_never_reused_and_nothing_is_deleted(opener):
    store = opener()
    store.save_settings(settings(), "单雄信")  # a village's settings come before its records
    first = [store.insert(sample("households"), "单雄信").id for _ in range(3)]
    visits = [store.insert(sample("visits"), "单雄信").id for _ in range(2)]
    assert first == [1, 2, 3] and visits == ["2026-0001", "2026-0002"]
    household = store.get("households", 3)
    household.archived, household.archive_reason = True, "全家迁往县城"
    store.update(household, "单雄信", action="归档")
    visit = store.get("visits", "2026-0002")
    visit.cancelled, visit.cancel_reason = True, "重复登记"
    store.update(visit, "单雄信", action="作废")
    store = opener()
    assert [h.id for h in store.all("households")] == [1, 2, 3]
    assert store.get("households", 3).archived
    assert store.get("visits", "2026-0002").cancelled
    assert store.insert(sample("households"), "单雄信").id == 4
    assert store.insert(sample("visits"), "单雄信").id == "2026-0003"
    actions = [e.action for e in store.audit.for_record("households", "3")]
    assert actions == ["归档", "新增"]


def test_moving_a_yearly_record_to_another_year_is_refused(opener):
    store = opener()
    visit = store.insert(sample("visits"), "单雄信")
    visit.day = date(2025, 12, 30)
    with pytest.raises(ValidationError):
        store.update(visit, "单雄信")
    assert opener().get("visits", visit.id).day == date(2026, 11, 20)


def test_unknown_ids_are_not_found(opener):
    store = opener()
    with pytest.raises(NotFoundError):
        store.get("visits", "2026-0001")
    with pytest.raises(NotFoundError):
        store.get("cadres", 9)
    assert store.all("visits", 2019) == []


def test_yearly_records_land_in_their_year_file(tmp_path):
    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    for kind in KINDS:
        store.insert(sample(kind, day=date(2025, 2, 3)), "单雄信")
    folder.compact()
    folder.close()
    for kind in KINDS.values():
        yearly = tmp_path / "2025" / f"{kind.name}.json"
        assert yearly.exists() == kind.yearly
    reference = (tmp_path / "reference.json").read_text(encoding="utf-8")
    assert all(f'"{k.name}"' in reference for k in KINDS.values() if not k.yearly)
    assert '"visits"' not in reference


def test_a_save_in_one_year_leaves_other_years_untouched(tmp_path):
    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    ids = {}
    for year in (2024, 2025, 2026):
        for kind in ("visits", "duty", "ledger"):
            ids[(kind, year)] = store.insert(sample(kind, day=date(year, 5, 1)), "单雄信").id
    store.insert(sample("households"), "单雄信")
    assert folder.compact()
    before = data_snapshot(tmp_path)
    store.insert(sample("visits", day=date(2025, 8, 8)), "单雄信")
    visit = store.get("visits", ids[("visits", 2024)])
    visit.learned = "补记：雨天路滑"
    store.update(visit, "单雄信")
    assert data_snapshot(tmp_path) == before, "a save appends to the journal and rewrites no data file"
    folder.compact()
    after = data_snapshot(tmp_path)
    changed = {rel for rel in before if before[rel] != after[rel]}
    assert changed == {"2025/visits.json", "2024/visits.json"}, "compaction rewrites only the files that changed"
    assert set(after) == set(before)
    folder.close()


def test_files_are_utf8_json_with_chinese_unescaped(tmp_path):
    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "系统")
    store.insert(sample("visits"), "单雄信")
    folder.compact()
    folder.close()
    for rel in ("reference.json", "2026/visits.json"):
        raw = (tmp_path / rel).read_bytes()
        assert VILLAGE.encode("utf-8") in raw
        assert b"\\u" not in raw
    audit = next((tmp_path / "audit").glob("*.json")).read_bytes()
    assert VILLAGE.encode("utf-8") in audit and b"\\u" not in audit


def test_a_shallow_copy_of_a_peeked_record_changed_in_place_is_saved(opener):
    import dataclasses

    store = opener()
    store.save_settings(settings(), "单雄信")  # a village's settings come before its records
    store.insert(sample("households"), "单雄信")
    household = dataclasses.replace(next(store.peek("households")))  # what a service list hands out
    household.needs.append("残疾人")
    store.update(household, "单雄信")
    assert opener().get("households", 1).needs == ["孤寡老人", "低保户", "残疾人"]


def test_a_months_records_read_without_the_year_are_those_of_the_month_in_stored_order(opener):
    store = opener()
    store.save_settings(settings(), "系统")
    days = [date(2025, 10, 31), date(2025, 11, 1), date(2025, 11, 30), date(2025, 11, 15), date(2025, 12, 1)]
    for n, day in enumerate(days):
        store.insert(m.Visit(day=day, cadre_id=1, household_id=n + 1, learned=f"第{n + 1}次走访王家"), "单雄信")
    store = opener()  # a fresh store: the year is not in memory
    november = store.peek_between("visits", date(2025, 11, 1), date(2025, 11, 30))
    assert [v.learned for v in november] == ["第2次走访王家", "第3次走访王家", "第4次走访王家"]
    moved = store.get("visits", november[0].id)
    moved.day = date(2025, 12, 2)
    store.update(moved, "单雄信")  # a save after the month was read moves it out of the month
    store.insert(m.Visit(day=date(2025, 11, 20), cadre_id=1, household_id=9, learned="补录的走访"), "单雄信")
    again = [v.learned for v in store.peek_between("visits", date(2025, 11, 1), date(2025, 11, 30))]
    assert again == ["第3次走访王家", "第4次走访王家", "补录的走访"]
    assert again == [v.learned for v in store.peek("visits", 2025) if date(2025, 11, 1) <= v.day <= date(2025, 11, 30)]


def test_records_read_by_id_without_the_kind_are_those_stored_with_later_saves(opener):
    import dataclasses

    store = opener()
    store.save_settings(settings(), "系统")
    for n in range(1, 6):
        store.insert(dataclasses.replace(sample("households"), code=f"01{n:02d}", head=f"王{n}"), "单雄信")
    store = opener()  # a fresh store: the households are not in memory
    some = store.peek_ids("households", [2, 4, 99])
    assert sorted(some) == [2, 4] and (some[2].head, some[4].head) == ("王2", "王4")
    moved = store.get("households", 4)
    moved.head = "王四"
    store.update(moved, "单雄信")  # a save after the first read is seen by the next
    assert store.peek_ids("households", [4])[4].head == "王四"
    assert store.peek_ids("households", [1, 4]) == {h.id: h for h in store.peek("households") if h.id in (1, 4)}


def test_a_record_whose_key_was_written_with_a_leading_zero_is_read_by_id_as_the_whole_kind_reads_it(tmp_path):
    import json

    from village_tui.store.convert import to_document

    folder = tmp_path / "data"
    folder.mkdir()
    household = to_document(sample("households"))
    tables = {"settings": {"1": to_document(settings())}, "households": {"007": household}}
    (folder / "reference.json").write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    store = RecordStore(DataFolder(folder, readonly=True, today=TODAY))
    try:
        assert store.peek_ids("households", [7, None]) == {7: next(store.peek("households"))}
    finally:
        store.folder.close()


def test_a_months_records_read_twice_are_built_once_and_a_save_in_between_is_seen(opener, monkeypatch):
    from village_tui.store import records as records_module

    store = opener()
    store.save_settings(settings(), "系统")
    for n, day in enumerate([date(2025, 11, 3), date(2025, 11, 9), date(2025, 12, 1)]):
        store.insert(m.Visit(day=day, cadre_id=1, household_id=n + 1, learned=f"第{n + 1}次走访王家"), "单雄信")
    store = opener()  # a fresh store: the year is not in memory
    built: list[str] = []
    real = records_module.from_document
    monkeypatch.setattr(records_module, "from_document",
                        lambda cls, doc, record_id=None: built.append(record_id) or real(cls, doc, record_id))
    november = store.peek_between("visits", date(2025, 11, 1), date(2025, 11, 30))
    november.clear()  # a reader's own list: changing it changes nothing for the next
    again = store.peek_between("visits", date(2025, 11, 1), date(2025, 11, 30))
    assert [v.learned for v in again] == ["第1次走访王家", "第2次走访王家"]
    if not store.folder.is_memory:
        assert len(built) == 2  # built for the first reader only
    store.insert(m.Visit(day=date(2025, 11, 20), cadre_id=1, household_id=9, learned="补录的走访"), "单雄信")
    latest = store.peek_between("visits", date(2025, 11, 1), date(2025, 11, 30))
    assert [v.learned for v in latest] == ["第1次走访王家", "第2次走访王家", "补录的走访"]


def test_only_the_last_few_periods_read_are_kept(opener):
    store = opener()
    store.save_settings(settings(), "系统")
    for month in range(1, 13):
        store.insert(m.Visit(day=date(2025, month, 5), cadre_id=1, household_id=month, learned=f"{month}月走访"), "单雄信")
    store = opener()
    months = [store.peek_between("visits", date(2025, n, 1), date(2025, n, 28)) for n in range(1, 13)]
    assert [v.learned for month in months for v in month] == [f"{n}月走访" for n in range(1, 13)]
    assert len(store._between) <= 4  # a year's months read one by one do not stay in memory
