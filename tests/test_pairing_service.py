"""The pairing service: saving with validation and warnings, ending, cancelling, the matrix and findings."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.errors import ReadOnlyError, ValidationError, ValidationErrors
from village_tui.domain.models import Cadre, Household, Pairing, VillageSettings
from village_tui.domain.rules_pairing import DUE, MISSED, VISITED
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service():
    s = VillageService.in_memory(today=TODAY)
    s.save_settings(VillageSettings(name="桃源村", groups=["1组", "2组"]))
    s.chen = s.save_cadre(Cadre(name="陈明", role="书记", term_start=date(2024, 1, 1), can_mentor=True))
    s.lin = s.save_cadre(Cadre(name="林芳", role="委员", term_start=date(2024, 1, 1)))
    s.homes = [s.save_household(Household(code=f"01{i:03d}", head=head, group="1组", needs=needs, away=away))
               for i, (head, needs, away) in enumerate([
                   ("王秀英", ["孤寡老人"], False), ("李建国", ["低保户"], True), ("张桂兰", [], False),
                   ("刘志强", [], False), ("赵丽", [], False), ("孙伟", [], False), ("周平", [], False)], 1)]
    s.sign_in(s.chen.id)
    return s


def needy(service, household=0, cadre=None, start=date(2026, 1, 1), **kw) -> Pairing:
    cadre = cadre or service.chen
    return Pairing(cadre_id=cadre.id, household_id=service.homes[household].id, kind="帮扶", start=start, **kw)


def mentor(service, household, cadre=None) -> Pairing:
    cadre = cadre or service.chen
    return Pairing(cadre_id=cadre.id, household_id=service.homes[household].id, kind="帮带",
                   start=date(2026, 1, 1), help_planned=["技术", "市场"])


def test_save_and_list_pairings(service):
    saved, warnings = service.save_pairing(needy(service, help_planned=["资金"], goals="  年底脱贫 "))
    assert saved.id is not None and warnings == []
    [listed] = service.pairings(2026)
    assert listed.goals == "年底脱贫" and listed.help_planned == ["资金"]
    assert service.pairings(2025) == [] and service.pairings(cadre_id=service.lin.id) == []


def test_needy_pairing_without_need_tag_warns(service):
    _, warnings = service.save_pairing(needy(service, household=2))
    assert warnings == ["张桂兰（01003）没有困难类别标记，帮扶对象应为困难群众"]


def test_mentor_count_warnings(service):
    _, first = service.save_pairing(mentor(service, 2))
    assert first == ["陈明帮带1户，少于3户"]
    for i in (3, 4):
        service.save_pairing(mentor(service, i))
    _, fifth = service.save_pairing(mentor(service, 5))
    assert fifth == []
    service.save_pairing(mentor(service, 6))
    _, seventh = service.save_pairing(mentor(service, 0))
    assert seventh == ["陈明将帮带6户，超过5户"]


def test_mentoring_by_a_cadre_not_marked_warns(service):
    _, warnings = service.save_pairing(mentor(service, 2, cadre=service.lin))
    assert "林芳未标记为有帮带能力" in warnings


def test_validation_errors(service):
    bad = needy(service, end=date(2025, 12, 1), help_planned=["送钱"])
    bad.kind = "帮忙"
    with pytest.raises(ValidationErrors) as info:
        service.save_pairing(bad)
    assert info.value.for_field("end") == "结束日期不能早于开始日期"
    assert "帮扶" in info.value.for_field("kind") and "资金" in info.value.for_field("help_planned")
    with pytest.raises(ValidationErrors) as info:
        service.save_pairing(Pairing(cadre_id=99, household_id=99, kind="帮扶", start=TODAY))
    assert info.value.for_field("cadre_id") and info.value.for_field("household_id")


def test_the_same_pairing_twice_is_refused(service):
    service.save_pairing(needy(service))
    with pytest.raises(ValidationErrors) as info:
        service.save_pairing(needy(service, start=date(2026, 6, 1)))
    assert "已有帮扶结对" in str(info.value)


def test_end_and_cancel(service):
    saved, _ = service.save_pairing(needy(service))
    with pytest.raises(ValidationError):
        service.end_pairing(saved.id, date(2026, 6, 30), "  ")
    ended = service.end_pairing(saved.id, date(2026, 6, 30), "已脱贫")
    assert ended.end == date(2026, 6, 30) and service.pairing(saved.id).end == date(2026, 6, 30)
    service.cancel_pairing(saved.id, "录错了")
    assert service.pairings(2026) == [] and service.pairings(2026, include_cancelled=True)[0].cancelled


def test_record_pairing_visit_changes_the_matrix(service):
    saved, _ = service.save_pairing(needy(service))
    before = service.pairing_matrix(2026).rows[0]
    assert before.cells[9] == MISSED and before.cells[10] == DUE
    visit = service.record_pairing_visit(saved.id, date(2026, 10, 8), "送去慰问金500元")
    assert visit.help_given == "送去慰问金500元" and visit.cadre_id == service.chen.id
    row = service.pairing_matrix(2026).rows[0]
    assert row.cells[9] == VISITED and row.household_head == "王秀英"
    assert service.pairing_matrix(2026).totals[0].missed == before.count(MISSED) - 1


def test_phone_pairing_visit_only_for_households_away(service):
    home, _ = service.save_pairing(needy(service, household=0))
    away, _ = service.save_pairing(needy(service, household=1))
    with pytest.raises(ValidationError) as info:
        service.record_pairing_visit(home.id, date(2026, 10, 8), way="电话")
    assert "电话联系不算走访" in str(info.value)
    service.record_pairing_visit(away.id, date(2026, 10, 8), way="电话")
    cells = {r.household_code: r.cells[9] for r in service.pairing_matrix(2026).rows}
    assert cells == {"01001": MISSED, "01002": VISITED}


def test_pairing_visit_outside_the_pairing_or_in_the_future_is_refused(service):
    saved, _ = service.save_pairing(needy(service, start=date(2026, 5, 1)))
    with pytest.raises(ValidationError, match="不在结对期内"):
        service.record_pairing_visit(saved.id, date(2026, 4, 30))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        service.record_pairing_visit(saved.id, date(2026, 11, 28))


def test_month_and_year_findings(service):
    saved, _ = service.save_pairing(needy(service))
    service.record_pairing_visit(saved.id, date(2026, 3, 3))
    march = service.pairing_month_findings(2026, 3)
    assert [(f.cadre, f.household, f.ok) for f in march] == [
        ("陈明", None, True), ("陈明", "01001", True), ("林芳", None, False)]
    assert [f.ok for f in service.pairing_month_findings(2026, 4) if f.household] == [False]
    [r11] = service.pairing_year_findings(2026)
    assert r11.cadre == "陈明" and r11.actual == 0 and not r11.ok and r11.date == TODAY


def test_month_findings_read_only_the_requested_year(service):
    saved, _ = service.save_pairing(needy(service, start=date(2025, 1, 1)))
    service.record_pairing_visit(saved.id, date(2025, 12, 3))
    service.records.release_year("visits", 2025)
    service.pairing_month_findings(2026, 1)
    assert ("visits", 2025) not in service.records._year_cache


def test_saving_in_a_readonly_folder_is_refused(service, monkeypatch):
    monkeypatch.setattr(service.folder, "readonly_reason", "以只读方式打开（--readonly）")
    with pytest.raises(ReadOnlyError):
        service.save_pairing(needy(service))
