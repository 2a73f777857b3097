"""Counting records per month without building them (the home screen's 12-month trend)."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import date

import pytest

from village_tui.demo import generate_demo
from village_tui.service import VillageService
from village_tui.store.month_counts import count_file_by_month

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "demo"
    generate_demo(path, scale="small", years=2, seed=3, until=TODAY)
    return path


def decoded_counts(service, kind: str, year: int) -> Counter:
    """What the counts must be: from the decoded records, cancelled ones left out."""
    return Counter((r.day.year, r.day.month) for r in service.records.peek(kind, year) if not r.cancelled)


@pytest.mark.parametrize("kind", ["visits", "ledger"])
def test_counts_of_a_year_on_disk_match_the_records_and_keep_nothing(village, kind):
    service = VillageService.open(village, readonly=True, today=TODAY)
    try:
        counted = service.records.count_by_month(kind, 2025)
        assert (kind, 2025) not in service.records._year_cache
        assert sum(counted.values()) > 0
        assert counted == decoded_counts(service, kind, 2025)
        assert service.records.count_by_month(kind, 2025) == counted  # now counted in memory
    finally:
        service.close()


def test_cancelled_visits_are_not_counted(village, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(village, copy)
    service = VillageService.open(copy, today=TODAY)
    try:
        service.sign_in(service.cadres()[0].id)
        before = service.records.count_by_month("visits", 2026)
        visit = next(v for v in service.records.peek("visits", 2026) if not v.cancelled)
        service.records.update(dataclasses.replace(visit, cancelled=True, cancel_reason="录错了户"), "测试")
        service.records.release_year("visits", 2026)
        after = service.records.count_by_month("visits", 2026)
        assert after[(visit.day.year, visit.day.month)] == before[(visit.day.year, visit.day.month)] - 1
    finally:
        service.close()


def test_a_file_not_written_one_record_per_line_is_still_counted(tmp_path):
    path = tmp_path / "visits.json"
    docs = {"1": {"day": "2025-03-02", "cancelled": False}, "2": {"day": "2025-03-09", "cancelled": True},
            "3": {"day": "2025-04-01", "cancelled": False}}
    path.write_text(json.dumps({"visits": docs}, ensure_ascii=False, indent=2), encoding="utf-8")
    assert count_file_by_month(path, "visits", "day") == Counter({(2025, 3): 1, (2025, 4): 1})
    path.write_text(json.dumps({"visits": docs}), encoding="utf-8")
    assert count_file_by_month(path, "visits", "day") == Counter({(2025, 3): 1, (2025, 4): 1})
    assert count_file_by_month(tmp_path / "missing.json", "visits", "day") == Counter()


def test_month_trend_counts_last_year_without_keeping_it(village):
    service = VillageService.open(village, readonly=True, today=TODAY)
    try:
        trend = service.month_trend(12)
        assert ("visits", 2025) not in service.records._year_cache
        assert ("ledger", 2025) not in service.records._year_cache
        expected = decoded_counts(service, "visits", 2025) + decoded_counts(service, "visits", 2026)
        items = decoded_counts(service, "ledger", 2025) + decoded_counts(service, "ledger", 2026)
        assert [(y, m) for y, m, _, _ in trend][0] == (2025, 12)
        assert trend == [(y, m, expected[(y, m)], items[(y, m)]) for y, m, _, _ in trend]
    finally:
        service.close()
