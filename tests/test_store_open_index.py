"""The open index: kept up to date by saves, rebuilt when missing, and month checks read no closed old years."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.models import Cadre, Household, LedgerItem, ServiceRequest, VillageSettings
from village_tui.service import VillageService
from village_tui.store import folder as folder_module
from village_tui.store.open_index import INDEX_TABLE, OPEN_NOW

TODAY = date(2026, 11, 27)


def _setup(svc: VillageService) -> VillageService:
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组"],
                                      request_due_days=15))
    svc.save_cadre(Cadre("王建国", "书记", date(2015, 3, 1)))
    svc.save_household(Household("H001", "张秀英", "1组"))
    svc.sign_in(1)
    return svc


def _item(svc: VillageService, day: date, due: date | None = None) -> LedgerItem:
    return svc.save_ledger_item(LedgerItem(day=day, source="来访", category="行路", content="村道塌方",
                                           household_id=1, due=due))


def _close(svc: VillageService, item_id: str, day: date) -> None:
    svc.close_item(item_id, "已修好", "满意", "满意", day)


def _drop_index(svc: VillageService) -> None:
    svc.records.folder.reference_table(INDEX_TABLE).truncate()
    svc.records.forget_caches()


def test_ledger_index_follows_save_close_and_reopen():
    svc = _setup(VillageService.in_memory(today=TODAY))
    this_year = _item(svc, date(2026, 11, 2))
    old = _item(svc, date(2025, 12, 20))
    index = svc.records.open_index("ledger")
    assert index == {this_year.id: OPEN_NOW, old.id: OPEN_NOW}
    _close(svc, this_year.id, date(2026, 11, 20))
    _close(svc, old.id, date(2026, 1, 5))
    assert svc.records.open_index("ledger") == {old.id: 2026}  # closed in a later year: still matters in 2026
    svc.reopen_item(this_year.id, "群众反映又塌了", date(2026, 11, 25))
    assert svc.records.open_index("ledger") == {old.id: 2026, this_year.id: OPEN_NOW}


def test_request_index_keeps_open_and_early_closed_requests():
    svc = _setup(VillageService.in_memory(today=TODAY))
    early = svc.save_request(ServiceRequest(day=date(2025, 12, 28), kind="医疗保险", household_id=1,
                                            due=date(2026, 1, 12)))
    done = svc.save_request(ServiceRequest(day=date(2025, 3, 3), kind="医疗保险", household_id=1))
    svc.finish_request(done.id, date(2025, 3, 10))
    assert svc.records.open_index("requests") == {early.id: OPEN_NOW}
    svc.finish_request(early.id, date(2025, 12, 30))
    assert svc.records.open_index("requests") == {early.id: 2026}  # due in 2026: its month reports it


def test_index_is_rebuilt_from_the_files_when_missing(tmp_path):
    svc = _setup(VillageService.open(tmp_path / "村", today=TODAY))
    a = _item(svc, date(2024, 6, 1))
    b = _item(svc, date(2025, 6, 1))
    _close(svc, b.id, date(2025, 6, 9))
    expected = svc.records.open_index("ledger")
    assert expected == {a.id: OPEN_NOW}
    _drop_index(svc)
    svc.close()
    reopened = VillageService.open(tmp_path / "村", today=TODAY)
    assert reopened.records.open_index("ledger") == expected
    doc = reopened.records.folder.reference_table(INDEX_TABLE).all()
    assert [d["kind"] for d in doc] == ["ledger"]  # written back for the next session


def _history(svc: VillageService) -> None:
    """Items and requests over five years, some closed in later years, some still open."""
    for year in range(2021, 2027):
        first = _item(svc, date(year, 3, 1), due=date(year, 3, 20))
        _close(svc, first.id, date(year, 3, 10))
        late = _item(svc, date(year, 11, 20), due=date(year, 12, 5))
        if year < 2024:
            _close(svc, late.id, date(year + 1, 1, 8))
        request = svc.save_request(ServiceRequest(day=date(year, 10, 20), kind="医疗保险", household_id=1))
        if year % 2 and year < 2026:
            svc.finish_request(request.id, date(year + 1, 1, 20))


def _all_findings(svc: VillageService) -> list:
    found = []
    for year, month in ((2021, 12), (2022, 1), (2024, 1), (2025, 6), (2026, 1), (2026, 10), (2026, 11)):
        found += svc.ledger_month_findings(year, month) + svc.ledger_satisfaction_findings(year, month)
        found += svc.desk_month_findings(year, month)
    return found + [svc.open_items(), svc.overdue_items(), svc.overdue_requests(TODAY)]


def test_month_checks_are_the_same_with_and_without_the_index(tmp_path, monkeypatch):
    svc = _setup(VillageService.open(tmp_path / "村", today=TODAY))
    _history(svc)
    svc.close()
    with_index = _all_findings(VillageService.open(tmp_path / "村", readonly=True, today=TODAY))
    # Without the index every earlier year is read, as before it existed.
    monkeypatch.setattr("village_tui.store.records.RecordStore.open_years",
                        lambda self, kind, year: [y for y in self.years(kind) if y < year])
    without = _all_findings(VillageService.open(tmp_path / "村", readonly=True, today=TODAY))
    assert with_index == without
    assert any(not f.ok and f.rule == "R10" for f in without)


def test_old_open_request_is_reported_years_later():
    svc = _setup(VillageService.in_memory(today=TODAY))
    old = svc.save_request(ServiceRequest(day=date(2023, 5, 8), kind="医疗保险", household_id=1))
    assert [r.id for r in svc.overdue_requests(TODAY)] == [old.id]
    failing = [f for f in svc.desk_month_findings(2026, 10) if f.rule == "R13" and not f.ok]
    assert len(failing) == 1 and "已超期" in failing[0].detail


def test_month_check_reads_only_this_years_ledger_when_old_items_are_closed(tmp_path, monkeypatch):
    svc = _setup(VillageService.open(tmp_path / "村", today=TODAY))
    for year in range(2017, 2027):
        item = _item(svc, date(year, 5, 6))
        _close(svc, item.id, date(year, 5, 16))
    svc.close()
    opened: list[str] = []
    original = folder_module.DataFolder.db

    def counting(self, relative):
        opened.append(relative)
        return original(self, relative)

    monkeypatch.setattr(folder_module.DataFolder, "db", counting)
    monkeypatch.setattr(folder_module.DataFolder, "read_file",
                        lambda self, relative: pytest.fail(f"old year read: {relative}"))
    fresh = VillageService.open(tmp_path / "村", readonly=True, today=TODAY)
    findings = fresh.ledger_month_findings(2026, 10) + fresh.ledger_satisfaction_findings(2026, 10)
    fresh.open_items()
    assert any(f.rule == "R10" and f.ok for f in findings)
    assert {r for r in opened if r.endswith("ledger.json")} == {"2026/ledger.json"}
