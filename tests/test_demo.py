"""The demo village: deterministic, realistic, valid, and never written over a real village."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from village_tui.cli import main
from village_tui.demo import DemoRefused, generate_demo
from village_tui.demo.names import MULTI_READING_SURNAMES
from village_tui.domain.validation import validate_id_number, validate_phone
from village_tui.service import VillageService

UNTIL = date(2026, 11, 27)


def data_files(folder: Path) -> dict[str, bytes]:
    """Every data file except the audit log (its entries carry the real time of writing)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.json"))
            if p.relative_to(folder).parts[0] != "audit"}


@pytest.fixture(scope="module")
def village(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("demo") / "桃源村"
    return folder, generate_demo(folder, scale="small", seed=7, until=UNTIL)


@pytest.fixture()
def service(village):
    svc = VillageService.open(village[0], readonly=True, today=UNTIL)
    yield svc
    svc.close()


def test_small_village_has_the_expected_size(village):
    _, counts = village
    assert counts["households"] == 200
    assert counts["cadres"] in (5, 6)  # five serving, plus the secretary before the election
    assert 365 <= counts["duty"] <= 380  # one year of days plus two weeks of roster ahead
    assert 600 <= counts["visits"] <= 2500
    assert 40 <= counts["ledger"] <= 250
    assert 10 <= counts["meetings"] <= 12
    assert 50 <= counts["requests"] <= 250
    assert counts["special_periods"] >= 3 and counts["pairings"] >= 5 and counts["matters"] >= 6


def test_same_seed_gives_identical_files_and_another_seed_does_not(village, tmp_path):
    folder, _ = village
    again, other = tmp_path / "again", tmp_path / "other"
    generate_demo(again, scale="small", seed=7, until=UNTIL)
    generate_demo(other, scale="small", seed=8, until=UNTIL)
    first = data_files(folder)
    assert "reference.json" in first and "2026/visits.json" in first
    assert data_files(again) == first
    assert data_files(other) != first


def test_files_are_readable_utf8_json_with_chinese_unescaped(village):
    folder, _ = village
    for name, raw in data_files(folder).items():
        json.loads(raw.decode("utf-8"))
        assert b"\\u" not in raw, name
    assert "均溪镇湖美村" in (folder / "reference.json").read_text(encoding="utf-8")  # seed 7


def test_village_settings_people_and_roles(service):
    settings = service.settings()
    assert (settings.name, settings.township, settings.county) == ("湖美村", "均溪镇", "大田县")  # seed 7
    assert settings.groups == ["1组", "2组", "3组", "4组"]
    serving = service.cadres()
    assert len(serving) == 5
    assert Counter(c.role for c in serving)["书记"] == 1 and Counter(c.role for c in serving)["主任"] == 1
    covered = sorted(g for c in serving for g in c.groups)
    assert covered == settings.groups  # every group has exactly one responsible cadre


def test_every_id_number_and_phone_is_valid_and_fits_the_age(service):
    households = service.households()
    for h in households:
        assert validate_id_number(h.id_number, today=UNTIL) == h.id_number
        assert h.id_number.startswith("350425")
        assert 18 <= UNTIL.year - int(h.id_number[6:10]) <= 100
        assert validate_phone(h.phone) == h.phone
        assert 2 <= len(h.head) <= 3
        assert h.address.startswith("均溪镇湖美村") and h.address.endswith("号")
    assert len({h.id_number for h in households}) == len(households)
    assert len({h.code for h in households}) == len(households)
    for cadre in service.cadres():
        assert validate_phone(cadre.phone) == cadre.phone


def test_names_use_surnames_with_several_readings_and_search_finds_them(service):
    households = service.households()
    heads = {h.head[0] for h in households}
    assert set(MULTI_READING_SURNAMES) <= heads
    shan = next(h for h in households if h.head.startswith("单"))
    assert {i[0] for i in shan.initials} >= {"s", "d", "c"}
    assert any(h.id == shan.id for h in service.search_households("c" + shan.initials[0][1:]))


def test_some_households_are_away_and_about_eight_percent_in_need(service):
    households = service.households()
    away = sum(h.away for h in households)
    needy = sum(bool(h.needs) for h in households)
    assert 10 <= away <= 80
    assert 6 <= needy <= 30


def test_records_reach_today_and_never_beyond(service):
    visits = service.records.all("visits", 2026)
    assert max(v.day for v in visits) <= UNTIL
    today = service.duty_day(UNTIL)
    assert today is not None and today.signins
    coming = service.duty_days(date(2026, 11, 28), date(2026, 12, 11))
    assert len(coming) == 14 and all(d.rostered and not d.signins for d in coming.values())
    assert all(i.day <= UNTIL and (i.closed_day is None or i.closed_day <= UNTIL)
               for i in service.records.all("ledger", 2026))


def test_some_cadres_fall_short_so_the_checks_find_something(service):
    cadres = {c.id: c for c in service.cadres(include_archived=True)}
    director = next(c for c in cadres.values() if c.role == "主任")
    per_month: dict[tuple[int, int], set[int]] = defaultdict(set)
    for year in (2025, 2026):
        for v in service.records.peek("visits", year):
            if v.cadre_id == director.id:
                per_month[(v.day.year, v.day.month)].add(v.household_id)
    assert any(len(found) == 7 for found in per_month.values())  # R6 short months
    meeting_months = {m.month for m in service.records.peek("meetings", 2026)}
    assert len(meeting_months) < UNTIL.month  # a month without a 民情分析会 (R9)
    ledger = service.records.all("ledger", 2026)
    assert any(i.is_open and i.due < UNTIL for i in ledger)  # overdue items (R10)
    assert any(e.level == "县" and e.reply for i in ledger for e in i.escalations)
    linked = [i for i in ledger if i.visit_id]
    assert linked and all(service.records.get("visits", i.visit_id).ledger_item_id == i.id for i in linked)


def test_refuses_a_folder_that_holds_a_village(village, capsys):
    folder, _ = village
    before = data_files(folder)
    assert main(["demo", str(folder)]) == 2
    assert "已经有村的数据" in capsys.readouterr().err
    assert data_files(folder) == before
    with pytest.raises(DemoRefused):
        generate_demo(folder, until=UNTIL)


def test_command_writes_into_an_empty_folder(tmp_path, capsys):
    target = tmp_path / "v"
    assert main(["demo", str(target), "--seed", "3", "--until", "2026-11-27"]) == 0
    assert "生成演示村 李家庄" in capsys.readouterr().out  # seed 3
    assert (target / "reference.json").exists()


def test_a_folder_opened_once_but_never_set_up_is_still_empty(tmp_path):
    VillageService.open(tmp_path / "new", today=UNTIL).close()  # writes only schema.json
    counts = generate_demo(tmp_path / "new", until=UNTIL)
    assert counts["households"] == 200


def test_other_seeds_name_other_villages_so_a_township_review_tells_them_apart(tmp_path):
    names = set()
    for seed in (1, 2, 3):
        generate_demo(tmp_path / str(seed), scale="small", seed=seed, until=date(2026, 11, 27))
        service = VillageService.open(tmp_path / str(seed), readonly=True)
        name = service.settings().name
        assert all(h.address.startswith(f"均溪镇{name}") for h in service.households())
        service.close()
        names.add(name)
    assert names == {"桃源村", "杏花村", "李家庄"}
