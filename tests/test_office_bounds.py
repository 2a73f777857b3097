"""Office bounds (RULEBOOK): work is a cadre's only while in office.

刘雪 (委员, 1组, in office since 2024-03-01) was archived from 2026-10-20 after her
visits, sign-in and closing of 2026-10-25 had been entered. Entry and import refuse
such work; what is already stored counts for no rule and ``check`` lists it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from import_fixtures import write_workbook
from village_tui.cli import main
from village_tui.domain.errors import ValidationError, ValidationErrors
from village_tui.domain.models import Cadre, Household, LedgerItem, Pairing, ServiceRequest, VillageSettings, Visit
from village_tui.imports import plan_file
from village_tui.service import VillageService

ARCHIVE_DAY = date(2026, 10, 20)
AFTER = date(2026, 10, 25)
REFUSAL = "刘雪的任期自2024年3月1日起，2026年10月20日已离任；2026年10月25日的走访不能记在刘雪名下"


def build(service: VillageService, archive: bool = True) -> VillageService:
    """The village; with ``archive`` 刘雪 is archived from 2026-10-20 after her work of 2026-10-25 was entered."""
    service.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组"]))
    service.save_cadre(Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"]))
    liu = service.save_cadre(Cadre("刘雪", "委员", date(2024, 3, 1), groups=["1组"]))
    needy = service.save_household(Household("0101", "张秀英", "1组", needs=["低保户"], registered_on=date(2020, 1, 1)))
    other = service.save_household(Household("0102", "李国强", "1组", registered_on=date(2020, 1, 1)))
    service.sign_in(1)
    pairing, _ = service.save_pairing(Pairing(cadre_id=liu.id, household_id=needy.id, kind="帮扶",
                                              start=date(2026, 1, 1)))
    service.save_visit(Visit(day=date(2026, 5, 10), cadre_id=liu.id, household_id=other.id))
    service.save_visit(Visit(day=AFTER, cadre_id=liu.id, household_id=other.id))
    service.record_pairing_visit(pairing.id, AFTER, "送去慰问金")
    service.duty_sign_in(liu.id, AFTER, "08:30")
    item = service.save_ledger_item(LedgerItem(day=date(2026, 10, 2), source="来访", category="行路",
                                               content="村道塌方", household_id=other.id, handler_id=liu.id))
    service.close_item(item.id, "已修好", "", "满意", AFTER)
    if archive:
        service.archive_cadre(liu.id, "调任乡镇", ARCHIVE_DAY)
    return service


@pytest.fixture
def service():
    return build(VillageService.in_memory())


def _liu(service) -> int:
    return next(c.id for c in service.cadres(include_archived=True) if c.name == "刘雪")


# -- entry ------------------------------------------------------------------


def test_a_visit_after_the_archive_day_is_refused_naming_the_term_and_the_archive_day(service):
    with pytest.raises(ValidationErrors) as caught:
        service.save_visit(Visit(day=AFTER, cadre_id=_liu(service), household_id=1, way="电话"))
    assert caught.value.for_field("cadre_id") == REFUSAL


def test_a_visit_on_the_archive_day_is_refused_and_the_day_before_is_kept(service):
    with pytest.raises(ValidationErrors) as caught:
        service.save_visit(Visit(day=ARCHIVE_DAY, cadre_id=_liu(service), household_id=1))
    assert "2026年10月20日已离任" in caught.value.for_field("cadre_id")
    saved = service.save_visit(Visit(day=date(2026, 10, 19), cadre_id=_liu(service), household_id=1))
    assert service.visit(saved.id).day == date(2026, 10, 19)


def test_a_visit_before_the_term_began_is_refused_and_the_first_day_is_kept(service):
    zhao = service.save_cadre(Cadre("赵明", "委员", date(2026, 11, 1), groups=["1组"]))
    with pytest.raises(ValidationErrors) as caught:
        service.save_visit(Visit(day=date(2026, 10, 31), cadre_id=zhao.id, household_id=2))
    assert caught.value.for_field("cadre_id") == (
        "赵明的任期自2026年11月1日起；2026年10月31日（尚未上任）的走访不能记在赵明名下")
    saved = service.save_visit(Visit(day=date(2026, 11, 1), cadre_id=zhao.id, household_id=2))
    assert service.visit(saved.id).cadre_id == zhao.id


def test_a_pairing_visit_and_a_sign_in_out_of_office_are_refused(service):
    pairing = service.pairings(2026)[0]
    with pytest.raises(ValidationError) as caught:
        service.record_pairing_visit(pairing.id, date(2026, 11, 2), "送米")
    assert "2026年10月20日已离任" in caught.value.message and "帮扶走访不能记在刘雪名下" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        service.duty_sign_in(_liu(service), date(2026, 11, 2), "08:30")
    assert caught.value.message == ("刘雪的任期自2024年3月1日起，2026年10月20日已离任；"
                                    "2026年11月2日的值班签到不能记在刘雪名下")


def test_closing_a_ledger_item_or_request_by_a_handler_out_of_office_is_refused(service):
    item = service.save_ledger_item(LedgerItem(day=date(2026, 10, 5), source="来访", category="饮水",
                                               content="自来水停了", household_id=1, handler_id=_liu(service)))
    with pytest.raises(ValidationError) as caught:
        service.close_item(item.id, "已修好", "", "满意", date(2026, 11, 2))
    assert "2026年10月20日已离任" in caught.value.message and "请先改由在任的干部经办" in caught.value.message
    assert service.ledger_item(item.id).is_open
    request = service.save_request(ServiceRequest(day=date(2026, 10, 5), kind="医疗保险", household_id=1,
                                                  handler_id=_liu(service)))
    with pytest.raises(ValidationError) as caught:
        service.set_request_status(request.id, "已办结", day=date(2026, 11, 2))
    assert "办结不能记在刘雪名下" in caught.value.message
    assert service.request(request.id).is_open


# -- import -----------------------------------------------------------------


def test_import_refuses_visits_and_sign_ins_out_of_office(service, tmp_path):
    book = write_workbook(tmp_path / "台账.xlsx", {
        "走访": [["日期", "干部", "户编号", "方式", "情况", "诉求"],
                 ["2026-10-26", "刘雪", "0101", "入户", "", ""],
                 ["2026-10-19", "刘雪", "0101", "入户", "", ""]],
        "值班": [["日期", "值班干部", "签到时间", "接待人次", "备注"],
                 ["2026-10-27", "刘雪", "08:30", "", ""]],
        "民情": [["编号", "登记日期", "来源", "户编号", "类别", "内容", "层级", "状态", "承办人", "期限",
                  "办结日期", "满意度"],
                 ["2026-0009", "2026-10-08", "走访", "0101", "住房", "屋顶漏雨", "村", "已办结", "刘雪",
                  "2026-10-30", "2026-10-28", "满意"]],
    }, village=False)
    plan = plan_file(service, book)
    found = {(p.sheet, p.row, p.column): p.message for p in plan.problems}
    assert found == {
        ("走访", 2, "干部"): "刘雪的任期自2024年3月1日起，2026年10月20日已离任；2026年10月26日的走访不能记在刘雪名下",
        ("值班", 2, "值班干部"): "刘雪的任期自2024年3月1日起，2026年10月20日已离任；2026年10月27日的值班签到不能记在刘雪名下",
        ("民情", 2, "承办人"): "刘雪的任期自2024年3月1日起，2026年10月20日已离任；2026年10月28日的办结不能记在刘雪名下",
    }
    assert len(plan.kinds["走访"].add) == 1  # the visit of 10-19, the day before the archive day


# -- stored records count for no rule --------------------------------------


def test_stored_work_after_the_archive_day_counts_for_no_rule(service):
    october = service.month_findings(2026, 10)
    r12 = next(f for f in october if f.rule == "R12" and f.household == "0101")
    assert r12.status == "missed" and r12.actual == 0  # the pairing visit of 10-25 was not hers to make
    r1 = next(f for f in october if f.rule == "R1" and f.date == AFTER)
    assert r1.status == "missed"  # her sign-in of 10-25 does not staff the office
    r7 = next(f for f in service.year_findings(2026) if f.rule == "R7" and f.household == "0102")
    assert (r7.actual, r7.required, r7.status) == (1, 2, "missed")
    assessment = next(a for a in service.yearly_assessment(2026) if a.cadre == "刘雪")
    assert (assessment.duty_days, assessment.visits, assessment.items_handled) == (0, 1, 0)
    assert assessment.rules["R7"].ok == 0 and assessment.pairing_months.ok < assessment.pairing_months.total
    matrix = service.pairing_matrix(2026)
    assert matrix.rows[0].cells[9] == "未走访" and 10 not in matrix.rows[0].visit_days


def test_the_same_work_counts_while_she_is_in_office():
    """Without the archive the same records count: the rules above change only because of office bounds."""
    service = build(VillageService.in_memory(), archive=False)
    october = service.month_findings(2026, 10)
    assert next(f for f in october if f.rule == "R12" and f.household == "0101").status == "met"
    assert next(f for f in october if f.rule == "R1" and f.date == AFTER).status == "met"
    assert service.office_problems(2026, 10) == []


def test_office_problems_list_each_record_out_of_office(service):
    problems = service.office_problems(2026, 10)
    assert [(p.kind, p.day, p.cadre) for p in problems] == [
        ("值班签到", AFTER, "刘雪"), ("民情台账办结", AFTER, "刘雪"), ("走访", AFTER, "刘雪"), ("走访", AFTER, "刘雪")]
    assert all("2026年10月20日已离任" in p.detail for p in problems)
    assert service.office_problems(2026, 9) == []
    assert len(service.office_problems(2026)) == 4


# -- check lists them -------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "桃源村"
    build(VillageService.open(path)).close()
    return str(path)


def test_check_lists_the_records_out_of_office_in_text_and_json(folder, capsys):
    main(["check", "--data", folder, "--month", "2026-10"])
    out = capsys.readouterr().out
    assert "数据问题：4 条记录不在干部任期内，不计入任何规则" in out
    assert "走访 2026-10-25 " in out and REFUSAL in out
    main(["check", "--data", folder, "--month", "2026-10", "--json"])
    body = json.loads(capsys.readouterr().out)
    kinds = sorted(p["kind"] for p in body["problems"])
    assert kinds == ["值班签到", "民情台账办结", "走访", "走访"]
    visit = next(p for p in body["problems"] if p["kind"] == "走访")
    assert visit["cadre"] == "刘雪" and visit["date"] == "2026-10-25" and visit["detail"] == REFUSAL
    main(["check", "--data", folder, "--year", "2026", "--json"])
    assert len(json.loads(capsys.readouterr().out)["problems"]) == 4


def test_check_of_a_clean_month_has_no_problems_key(folder, capsys):
    main(["check", "--data", folder, "--month", "2026-09", "--json"])
    body = json.loads(capsys.readouterr().out)
    assert "problems" not in body


def test_returning_an_item_by_a_handler_out_of_office_is_refused_too(service):
    item = service.save_ledger_item(LedgerItem(day=date(2026, 10, 5), source="来访", category="饮水",
                                               content="自来水停了", household_id=1, handler_id=_liu(service)))
    with pytest.raises(ValidationError) as caught:
        service.set_ledger_status(item.id, "退回", "不属于村级受理范围", date(2026, 11, 2))
    assert "2026年11月2日的退回不能记在刘雪名下" in caught.value.message
    assert service.set_ledger_status(item.id, "退回", "不属于村级受理范围", date(2026, 10, 19)).status == "退回"


def test_the_last_day_of_an_ended_term_is_in_office_and_the_next_is_not(service):
    sun = service.save_cadre(Cadre("孙立新", "委员", date(2024, 3, 1), date(2026, 6, 30), groups=["1组"]))
    kept = service.save_visit(Visit(day=date(2026, 6, 30), cadre_id=sun.id, household_id=2))
    assert service.visit(kept.id).day == date(2026, 6, 30)
    with pytest.raises(ValidationErrors) as caught:
        service.save_visit(Visit(day=date(2026, 7, 1), cadre_id=sun.id, household_id=2))
    assert caught.value.for_field("cadre_id") == (
        "孙立新的任期为2024年3月1日至2026年6月30日；2026年7月1日（不在任期内）的走访不能记在孙立新名下")
