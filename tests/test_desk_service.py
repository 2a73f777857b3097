"""The service desk part of the service: receipt, handler, status, paging, overdue, receipts, R13."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.errors import ValidationError
from village_tui.domain.models import Cadre, DutyDay, Household, ServiceRequest, VillageSettings
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组"], request_due_days=15))
    svc.save_cadre(Cadre("王建国", "书记", date(2026, 3, 1)))
    svc.save_cadre(Cadre("陈海峰", "委员", date(2024, 1, 1), phone="13912345678"))
    svc.save_cadre(Cadre("刘小梅", "委员", date(2024, 1, 1)))
    svc.save_household(Household("H001", "张桂兰", "1组"))
    svc.sign_in(1)
    return svc


def test_new_request_gets_defaults(service):
    service.save_duty_day(DutyDay(day=TODAY, rostered=[2]))
    saved = service.save_request(ServiceRequest(day=TODAY, kind="医疗保险", household_id=1))
    assert saved.id == "2026-0001"
    assert saved.applicant == "张桂兰"
    assert saved.handler_id == 1, "the operator, never a hidden pick of the rostered cadre"
    assert saved.due == date(2026, 12, 12)
    assert saved.status == "已受理"
    assert "身份证" in saved.documents and not any(saved.documents.values())


def test_handler_is_the_one_named_else_the_operator_else_who_signed_in_first(service):
    service.duty_sign_in(3, TODAY, "08:10")
    named = service.save_request(ServiceRequest(day=TODAY, kind="涉农补贴", applicant="李四", handler_id=2))
    assert named.handler_id == 2
    assert service.save_request(ServiceRequest(day=TODAY, kind="涉农补贴", applicant="李四")).handler_id == 1
    service.operator = None  # a script without an operator
    assert service.save_request(ServiceRequest(day=TODAY, kind="涉农补贴", applicant="李四")).handler_id == 3


def test_request_needs_a_known_type_and_an_applicant(service):
    with pytest.raises(ValidationError, match="没有这个办理事项"):
        service.save_request(ServiceRequest(day=TODAY, kind="办证", applicant="李四"))
    with pytest.raises(ValidationError, match="请填写申请人或选择农户"):
        service.save_request(ServiceRequest(day=TODAY, kind="户口迁移"))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        service.save_request(ServiceRequest(day=date(2026, 11, 28), kind="户口迁移", applicant="李四"))


def test_request_goes_from_receipt_to_done(service):
    saved = service.save_request(ServiceRequest(day=date(2026, 11, 20), kind="建房审批", applicant="李四"))
    service.set_request_status(saved.id, "办理中", note="已报乡镇")
    done = service.finish_request(saved.id, date(2026, 11, 26))
    assert done.status == "已办结" and done.done_day == date(2026, 11, 26) and "已报乡镇" in done.note
    with pytest.raises(ValidationError, match="不能改为"):
        service.set_request_status(saved.id, "办理中")


def test_finish_date_cannot_be_before_receipt(service):
    saved = service.save_request(ServiceRequest(day=date(2026, 11, 20), kind="建房审批", applicant="李四"))
    with pytest.raises(ValidationError, match="不能早于受理日期"):
        service.finish_request(saved.id, date(2026, 11, 19))
    assert service.request(saved.id).status == "已受理"


def test_listing_by_month_status_and_page(service):
    for day in (1, 2, 3, 4, 5):
        service.save_request(ServiceRequest(day=date(2026, 11, day), kind="医疗保险", applicant=f"村民{day}"))
    service.save_request(ServiceRequest(day=date(2026, 10, 9), kind="医疗保险", applicant="十月"))
    page = service.requests(2026, 11, limit=2)
    assert [r.applicant for r in page] == ["村民5", "村民4"]
    assert [r.applicant for r in service.requests(2026, 11, offset=4)] == ["村民1"]
    assert len(service.requests(2026)) == 6
    service.set_request_status(page[0].id, "办理中")
    assert [r.applicant for r in service.requests(2026, status="办理中")] == ["村民5"]


def test_overdue_requests_and_month_findings(service):
    late = service.save_request(ServiceRequest(day=date(2026, 10, 1), kind="农村低保", household_id=1,
                                               due=date(2026, 10, 20)))
    service.save_request(ServiceRequest(day=date(2026, 11, 20), kind="农村低保", applicant="李四"))
    assert [r.id for r in service.overdue_requests(TODAY)] == [late.id]
    [finding] = [f for f in service.desk_month_findings(2026, 10) if f.rule == "R13"]
    assert not finding.ok and finding.household == "H001" and finding.item == late.id
    service.finish_request(late.id, TODAY)
    assert service.overdue_requests(TODAY) == []


def test_receipt_text_names_household_handler_and_documents(service):
    saved = service.save_request(ServiceRequest(day=TODAY, kind="户口迁移", household_id=1, handler_id=2,
                                                documents={"户口簿": True, "准予迁入证明": False}))
    text = service.receipt_text(saved.id)
    assert "桃源村便民服务室 受理回执" in text
    assert "农户：H001 张桂兰" in text and "经办干部：陈海峰" in text
    assert "已收材料：户口簿" in text and "待补材料：准予迁入证明" in text
    assert "咨询电话：13912345678" in text


def test_request_types_and_checklists_are_editable(service):
    service.save_request_settings(["医疗保险"], "医疗保险：参保表、身份证\n土地流转：合同、身份证", "10")
    settings = service.settings()
    assert settings.request_types == ["医疗保险", "土地流转"]
    assert settings.request_due_days == 10
    saved = service.save_request(ServiceRequest(day=TODAY, kind="土地流转", applicant="李四"))
    assert list(saved.documents) == ["合同", "身份证"]
    with pytest.raises(ValidationError, match="办结期限天数"):
        service.save_request_settings(["医疗保险"], "", "0")


def test_a_request_of_last_year_still_open_is_judged_in_this_years_months_from_a_fresh_folder(tmp_path):
    folder = tmp_path / "v"
    svc = VillageService.open(folder, today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组"], request_due_days=15))
    svc.save_cadre(Cadre("陈海峰", "委员", date(2024, 1, 1)))
    svc.save_household(Household("H001", "张桂兰", "1组"))
    svc.sign_in(1)
    kept_open = svc.save_request(ServiceRequest(day=date(2025, 12, 1), kind="农村低保", household_id=1,
                                                due=date(2025, 12, 20), handler_id=1))
    done = svc.save_request(ServiceRequest(day=date(2025, 12, 2), kind="医疗保险", applicant="李四",
                                           due=date(2025, 12, 20), handler_id=1))
    svc.finish_request(done.id, date(2025, 12, 10))
    for n in range(3):  # more of last year's requests, closed in time
        other = svc.save_request(ServiceRequest(day=date(2025, 11, 1 + n), kind="医疗保险", applicant=f"王{n}",
                                                due=date(2025, 11, 20), handler_id=1))
        svc.finish_request(other.id, date(2025, 11, 5))
    svc.close()
    for in_memory in (False, True):  # the old year read from its file, then from memory
        fresh = VillageService.open(folder, readonly=True, today=TODAY)
        try:
            if in_memory:
                list(fresh.records.peek("requests", 2025))
            judged = [(f.item, f.household, f.status) for f in fresh.desk_month_findings(2026, 1) if f.rule == "R13"]
            assert judged == [(kept_open.id, "H001", "missed")]
            assert [r.id for r in fresh.overdue_requests(TODAY)] == [kept_open.id]
        finally:
            fresh.close()
