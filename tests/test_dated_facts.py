"""Dated facts (issue 16.1): changes are kept with the day they hold from, never overwritten."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store_samples import sample, settings
from village_tui.domain.dated import DatedFlag, value_on, with_change
from village_tui.domain.errors import PeriodLockedError, ValidationErrors
from village_tui.domain.facts import set_household_fact
from village_tui.domain.models import Cadre, Household, VillageSettings
from village_tui.service import VillageService
from village_tui.store import DataFolder, RecordStore
from village_tui.store.tamper import check_records

TODAY = date(2026, 11, 30)


def test_value_on_reads_the_entry_in_force_and_the_first_before_any():
    history = [DatedFlag(None, False), DatedFlag(date(2026, 3, 1), True), DatedFlag(date(2026, 9, 1), False)]
    assert value_on(history, date(2020, 1, 1), True) is False
    assert value_on(history, date(2026, 3, 1), False) is True
    assert value_on(history, date(2026, 8, 31), False) is True
    assert value_on(history, date(2026, 11, 1), True) is False
    assert value_on([], date(2026, 1, 1), True) is True, "no history: the plain field since always"


def test_a_change_from_a_day_keeps_the_days_before_and_same_day_changes_replace():
    history = with_change([], date(2026, 11, 30), False, True)
    assert [(e.since, e.value) for e in history] == [(None, True), (date(2026, 11, 30), False)]
    again = with_change(history, date(2026, 11, 30), True, False)
    assert [(e.since, e.value) for e in again] == [(None, True)], "a same-day correction replaces the entry"
    assert with_change(history, date(2026, 12, 5), False, False) == history, "the same value adds nothing"


def test_household_facts_change_from_their_day():
    h = Household(code="01001", head="王秀英", group="1组", away=True, needs=["低保户"])
    set_household_fact(h, "away", date(2026, 11, 30), False)
    set_household_fact(h, "group", date(2026, 6, 1), "2组")
    set_household_fact(h, "needs", date(2026, 7, 1), [])
    set_household_fact(h, "left", date(2026, 12, 1), None)
    assert h.away is False and h.away_on(date(2026, 10, 15)) is True
    assert h.group == "2组" and h.group_on(date(2026, 5, 31)) == "1组" and h.group_on(date(2026, 6, 1)) == "2组"
    assert h.needs == [] and h.needs_on(date(2026, 6, 30)) == ["低保户"]
    assert h.resident_on(date(2026, 11, 30)) and not h.resident_on(date(2026, 12, 1))


def _village() -> VillageService:
    service = VillageService.in_memory(today=TODAY)
    service.save_settings(settings())
    return service


def test_clearing_an_away_mark_today_keeps_october_away():
    service = _village()
    h = service.save_household(Household(code="01001", head="王秀英", group="1组", away=True,
                                         registered_on=date(2020, 1, 1)))
    h.away = False
    saved = service.save_household(h)
    assert saved.away is False
    assert saved.away_on(date(2026, 10, 15)) is True and saved.away_on(TODAY) is False
    assert saved.registered_on == date(2020, 1, 1)


def test_a_new_household_is_registered_today_and_a_change_can_hold_from_an_earlier_day():
    service = _village()
    h = service.save_household(Household(code="01002", head="李明", group="1组"))
    assert h.registered_on == TODAY
    h.group = "2组"
    h = service.save_household(h, since=date(2026, 11, 1))
    assert h.group_on(date(2026, 10, 31)) == "1组" and h.group_on(date(2026, 11, 1)) == "2组"
    h.needs = ["残疾人"]
    with pytest.raises(ValidationErrors) as caught:
        service.save_household(h, since=date(2026, 12, 5))
    assert caught.value.errors[0].message == "生效日期不能晚于今天"
    with pytest.raises(PeriodLockedError):
        service.save_household(h, since=date(2025, 12, 1))  # before the locked 2026-01-01
    assert service.save_household(h, reason="补录残疾证", since=date(2025, 12, 1)).needs_on(date(2025, 12, 1)) == ["残疾人"]


def test_archiving_keeps_earlier_obligations_and_a_role_change_holds_from_its_day():
    service = _village()
    cadre = service.save_cadre(Cadre(name="张伟", role="委员", term_start=date(2024, 1, 1), groups=["1组"]))
    cadre.role = "主任"
    cadre = service.save_cadre(cadre, since=date(2026, 7, 1))
    assert cadre.role_on(date(2026, 6, 30)) == "委员" and cadre.is_main_on(date(2026, 7, 1))
    archived = service.archive_cadre(cadre.id, "调任乡镇", day=date(2026, 9, 1))
    assert archived.active_on(date(2026, 8, 31)) and not archived.active_on(date(2026, 9, 1))
    assert archived.days_in_office(date(2026, 8, 1), date(2026, 9, 30)) == 31


def test_a_new_term_keeps_the_old_one():
    service = _village()
    cadre = service.save_cadre(Cadre(name="刘芳", role="委员", term_start=date(2021, 1, 1)))
    cadre.term_start = date(2024, 3, 1)
    cadre = service.save_cadre(cadre)
    assert [(t.start, t.end) for t in cadre.past_terms] == [(date(2021, 1, 1), date(2024, 2, 29))]
    assert cadre.active_on(date(2022, 5, 1))


def test_the_migration_dates_single_values_and_archives_and_keeps_the_tamper_check_quiet(tmp_path):
    folder = DataFolder(tmp_path, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(VillageSettings(name="桃源村"), "单雄信")  # a village's settings come before its records
    cadre = store.insert(sample("cadres"), "单雄信")
    household = store.insert(sample("households"), "单雄信")
    cadre.archived, cadre.archive_reason = True, "换届离任"
    store.update(cadre, "单雄信", action="归档")
    household.away = True
    store.update(household, "单雄信")
    folder.compact()  # into the files: a schema-1 folder had no journal
    folder.close()
    # Make the folder look like one saved by schema 1: no dated fields at all.
    data = json.loads((tmp_path / "reference.json").read_text(encoding="utf-8"))
    for kind, fields in (("cadres", ("archived_on", "role_history", "groups_history", "mentor_history", "past_terms")),
                         ("households", ("registered_on", "left_on", "away_history", "needs_history"))):
        for doc in data[kind].values():
            for name in fields:
                doc.pop(name, None)
    (tmp_path / "reference.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "schema.json").write_text(json.dumps({"schema": 1, "program": "0.1"}), encoding="utf-8")
    folder = DataFolder(tmp_path, today=TODAY)
    assert folder.migrated_from == 1 and not folder.readonly
    store = RecordStore(folder)
    migrated_cadre = store.get("cadres", 1)
    migrated_household = store.get("households", 1)
    archive_day = date.fromisoformat(folder.audit_months()[-1] + "-01")
    assert migrated_cadre.archived_on is not None and migrated_cadre.archived_on >= archive_day
    assert [(e.since, e.value) for e in migrated_cadre.role_history] == [(date(2024, 1, 1), "书记")]
    assert [(e.since, e.value) for e in migrated_household.away_history] == [(None, True)]
    assert migrated_household.registered_on is None and migrated_household.resident_on(date(2000, 1, 1))
    assert check_records(folder) == [], "the upgrade is in the audit log"
    folder.close()


def test_a_households_changes_read_in_words_oldest_first():
    from village_tui.domain.facts import household_changes_text

    h = Household(code="01001", head="王秀英", group="1组", away=True, registered_on=date(2020, 3, 1))
    set_household_fact(h, "away", date(2026, 11, 1), False)
    set_household_fact(h, "group", date(2025, 6, 1), "2组")
    set_household_fact(h, "left", date(2026, 11, 20), None)
    assert household_changes_text(h) == ["2020年3月1日登记", "2025年6月1日起由1组迁到2组", "2026年11月1日起不再外出",
                                         "2026年11月20日起不在本村（迁出或归档）"]


def test_a_visit_before_a_households_archive_day_can_still_be_entered():
    from village_tui.domain.models import Visit

    service = _village()
    cadre = service.save_cadre(Cadre(name="王建国", role="书记", term_start=date(2021, 1, 1)))
    h = service.save_household(Household(code="01003", head="赵四", group="1组", registered_on=date(2020, 1, 1)))
    service.archive_household(h.id, "迁往县城", day=date(2026, 10, 1))
    saved = service.save_visit(Visit(day=date(2026, 9, 20), cadre_id=cadre.id, household_id=h.id))
    assert saved.id is not None
    with pytest.raises(ValidationErrors):
        service.save_visit(Visit(day=date(2026, 10, 2), cadre_id=cadre.id, household_id=h.id))
