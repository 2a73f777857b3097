"""The visit part of the service: validation, cancelling, paged lists, worklists, findings."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.errors import PeriodLockedError, ValidationError, ValidationErrors
from village_tui.domain.models import Cadre, Household, VillageSettings, Visit
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组", "2组"]))
    svc.save_cadre(Cadre("王建国", "书记", date(2026, 3, 1)))
    svc.save_cadre(Cadre("陈海峰", "委员", date(2024, 1, 1), groups=["1组"]))
    for i in range(1, 13):
        svc.save_household(Household(f"H{i:03d}", f"张{i}", "1组" if i <= 6 else "2组", away=i == 12))
    svc.sign_in(1)
    return svc


def _save(svc: VillageService, cadre_id: int, hid: int, day: date, way: str = "入户", **kw) -> Visit:
    return svc.save_visit(Visit(day=day, cadre_id=cadre_id, household_id=hid, way=way, **kw))


def test_save_cleans_text_and_keeps_markup_as_typed(service):
    visit = _save(service, 1, 3, date(2026, 11, 20), learned="　玉米收成好\x1b[31m ", requests="[b]修路[/b]")
    stored = service.visit(visit.id)
    assert stored.id.startswith("2026-")
    assert stored.learned == "玉米收成好" and stored.requests == "[b]修路[/b]"


def test_save_rejects_future_day_missing_household_bad_way_and_long_text(service):
    with pytest.raises(ValidationErrors) as caught:
        service.save_visit(Visit(day=date(2026, 11, 28), cadre_id=1, household_id=None, way="上门",
                                 learned="很" * 501))
    errors = caught.value
    assert errors.for_field("day") == "走访日期不能晚于今天"
    assert errors.for_field("household_id") == "请选择走访的农户"
    assert "走访方式" in errors.for_field("way")
    assert "不能超过500个字" in errors.for_field("learned")


def test_same_visit_twice_is_refused(service):
    _save(service, 1, 3, date(2026, 11, 20))
    with pytest.raises(ValidationErrors, match="已登记过"):
        _save(service, 1, 3, date(2026, 11, 20))
    _save(service, 1, 3, date(2026, 11, 20), "电话")  # another way the same day is fine


def test_cancel_needs_a_reason_and_the_visit_stops_counting(service):
    visit = _save(service, 1, 3, date(2026, 11, 20))
    assert service.worklist(1).r6.actual == 1
    with pytest.raises(ValidationError, match="作废原因不能为空"):
        service.cancel_visit(visit.id, " ")
    service.cancel_visit(visit.id, "登记错了")
    assert service.visit(visit.id).cancelled
    assert service.worklist(1).r6.actual == 0
    assert service.visits(2026).total == 0
    assert service.visits(2026, include_cancelled=True).total == 1


def test_locked_period_needs_a_reason(service):
    settings = service.settings()
    settings.locked_before = date(2026, 11, 1)
    service.save_settings(settings)
    with pytest.raises(PeriodLockedError):
        _save(service, 1, 3, date(2026, 10, 20))
    saved = service.save_visit(Visit(day=date(2026, 10, 20), cadre_id=1, household_id=3), reason="补录笔记本")
    assert saved.id is not None


def test_correction_keeps_the_ledger_link(service):
    visit = _save(service, 1, 3, date(2026, 11, 20), requests="修水渠")
    service.link_visit_to_ledger(visit.id, "2026-0007")
    edited = service.visit(visit.id)
    edited.ledger_item_id = None
    edited.learned = "已看过水渠"
    service.save_visit(edited)
    assert service.visit(visit.id).ledger_item_id == "2026-0007"


def test_visits_are_filtered_and_paged(service):
    for i in range(1, 13):
        _save(service, 1, i, date(2026, 11, i))
    _save(service, 2, 1, date(2026, 10, 5))
    page = service.visits(2026, 11, limit=5)
    assert page.total == 12 and len(page.rows) == 5
    assert [v.day.day for v in page.rows] == [12, 11, 10, 9, 8]
    assert [v.day.day for v in service.visits(2026, 11, offset=10, limit=5).rows] == [2, 1]
    assert service.visits(2026, group="2组").total == 6
    assert service.visits(2026, cadre_id=2).total == 1
    assert service.visits(2026, household_id=1).total == 2
    assert service.visits(2025).total == 0


def test_group_filter_uses_the_group_on_the_day_of_the_visit(service):
    _save(service, 2, 1, date(2026, 11, 2))
    household = service.household(1)
    household.group = "2组"
    service.save_household(household)  # moves on 2026-11-27
    assert service.visits(2026, group="1组").total == 1
    assert service.visits(2026, group="2组").total == 0


def test_month_query_reads_one_year_only(service):
    _save(service, 1, 1, date(2026, 11, 2))
    service.records.forget_caches()
    service.visits(2026, 11)
    service.visit_month_findings(2026, 11)
    assert {y for (kind, y) in service.records._year_cache if kind == "visits"} == {2026}


def test_month_and_year_findings(service):
    for i in range(1, 11):
        _save(service, 1, i, date(2026, 10, i), "电话" if i == 10 else "入户")
    [r6] = service.visit_month_findings(2026, 10)
    assert (r6.rule, r6.actual, r6.ok) == ("R6", 9, False)  # H010 is at home: phone does not count
    assert service.visit_month_findings(2026, 12) == []
    # the secretary's first year runs into 2027: 2026 shows it, visited households met and the rest open
    year = service.visit_year_findings(2026)
    assert {f.status for f in year if f.rule == "R5"} == {"met", "open"}
    r7 = [f for f in year if f.rule == "R7"]
    assert len(r7) == 6
    assert all(f.status == "open" for f in r7), "2026 still runs: short of two visits is open, not failed"


def test_r5_year_findings_for_the_year_the_first_term_year_ends():
    svc = VillageService.in_memory(today=date(2027, 3, 5))
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组"]))
    svc.save_cadre(Cadre("王建国", "书记", date(2026, 3, 1)))
    for i in range(1, 4):
        svc.save_household(Household(f"H{i:03d}", f"张{i}", "1组", registered_on=date(2026, 1, 1)))
    _save(svc, 1, 1, date(2026, 5, 1))
    _save(svc, 1, 2, date(2027, 2, 1))
    r5 = [f for f in svc.visit_year_findings(2027) if f.rule == "R5"]
    assert [(f.household, f.ok) for f in r5] == [("H001", True), ("H002", True), ("H003", False)]
    work = svc.worklist(1)
    assert [i.household.code for i in work.open_items()] == ["H003"]
