"""A year's records are kept once in memory: as records, the file's parsed documents let go.

Once a year's records are read (a list, a check), the documents parsed from its file are
dropped; saves of that year still land in the journal, corrections find what was stored, the
duplicate check still sees the day's visits, and nothing saved is lost across a reopen.
"""

from __future__ import annotations

from datetime import date

import pytest

from app_fixtures import TODAY, make_village
from village_tui.domain.errors import ValidationErrors
from village_tui.domain.models import Visit
from village_tui.service import VillageService
from village_tui.store import storage

VISITS = "2026/visits.json"


@pytest.fixture
def folder(tmp_path):
    """东风村 on disk with three visits of this year, compacted into 2026/visits.json."""
    path = tmp_path / "村"
    service = VillageService.open(path, today=TODAY)
    make_village(service)
    service.sign_in(1)
    for household, day in ((1, date(2026, 11, 3)), (2, date(2026, 11, 4)), (3, date(2026, 11, 5))):
        service.save_visit(Visit(day=day, cadre_id=1, household_id=household, learned="家里老人身体好"))
    service.folder.compact()
    service.close()
    return path


def _opened(path) -> VillageService:
    service = VillageService.open(path, today=TODAY)
    service.sign_in(1)
    return service


def test_reading_a_years_records_lets_its_parsed_file_go_and_saves_do_not_parse_it_again(folder, monkeypatch):
    service = _opened(folder)
    assert service.folder.is_loaded(VISITS), "this year's file is parsed at open"
    assert service.visits(2026).total == 3
    assert not service.folder.is_loaded(VISITS), "its records are the one copy in memory"
    parsed = []
    real = storage.read_json_file
    monkeypatch.setattr(storage, "read_json_file",
                        lambda path, *a, **k: parsed.append(path.name) or real(path, *a, **k))
    new = service.save_visit(Visit(day=date(2026, 11, 20), cadre_id=1, household_id=4, learned="新修了猪圈"))
    first = service.visits(2026).rows[-1]
    first.learned = "家里老人住院了"
    service.save_visit(first, reason="记错了")
    with pytest.raises(ValidationErrors, match="已登记过"):
        service.save_visit(Visit(day=date(2026, 11, 4), cadre_id=1, household_id=2))
    assert parsed == [], "no save and no duplicate check parsed the year's file again"
    assert [v.household_id for v in service.visits(2026).rows] == [4, 3, 2, 1]
    service.close()

    again = _opened(folder)
    rows = again.visits(2026).rows
    assert [v.household_id for v in rows] == [4, 3, 2, 1]
    assert rows[0].id == new.id and rows[0].learned == "新修了猪圈"
    assert rows[-1].learned == "家里老人住院了"
    again.close()


def test_an_export_check_reads_a_released_year_without_keeping_it(folder):
    service = _opened(folder)
    service.visits(2026)
    service.save_visit(Visit(day=date(2026, 11, 21), cadre_id=1, household_id=4))
    service.folder.check_every_file()
    assert not service.folder.is_loaded(VISITS)
    assert len(service.records.stored_documents("visits", 2026)) == 4, "the file with the journal's save"
    service.close()
