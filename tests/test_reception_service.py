"""The duty desk's one-step visitor registration: ledger item, service request, or just the count."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.errors import DomainError, ValidationError
from village_tui.domain.models import Cadre, Household, LedgerItem, ServiceRequest, VillageSettings
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service():
    s = VillageService.in_memory(today=TODAY)
    s.save_settings(VillageSettings(name="桃源村", township="桃源镇", county="田县", groups=["1组", "2组"]))
    s.wang = s.save_cadre(Cadre(name="王建国", role="书记", term_start=date(2021, 1, 1)))
    s.li = s.save_cadre(Cadre(name="李秀英", role="委员", term_start=date(2021, 1, 1)))
    s.zhao = s.save_household(Household(code="0001", head="赵春生", group="1组", phone="13812345678"))
    s.sign_in(s.wang.id)
    return s


def signin_of(service, day, cadre_id):
    return next(s for s in service.duty_day(day).signins if s.cadre_id == cadre_id)


def test_concern_to_the_ledger_counts_a_visitor(service):
    service.duty_sign_in(service.wang.id, TODAY, "08:30", 2)
    item = service.receive_visitor(TODAY, service.wang.id, service.zhao.id, "", "村东头的路灯坏了", "民情台账", "行路")
    assert isinstance(item, LedgerItem)
    stored = service.ledger_item(item.id)
    assert (stored.source, stored.category, stored.content) == ("来访", "行路", "村东头的路灯坏了")
    assert (stored.household_id, stored.handler_id, stored.status) == (service.zhao.id, service.wang.id, "受理")
    signin = signin_of(service, TODAY, service.wang.id)
    assert (signin.time, signin.visitors) == ("08:30", 3)


def test_concern_to_the_service_desk_with_a_named_visitor(service):
    request = service.receive_visitor(TODAY, service.li.id, None, "钱五", "想办新农合", "便民服务", "医疗保险")
    assert isinstance(request, ServiceRequest)
    stored = service.request(request.id)
    assert (stored.kind, stored.applicant, stored.note, stored.handler_id) == ("医疗保险", "钱五", "想办新农合",
                                                                               service.li.id)
    signin = signin_of(service, TODAY, service.li.id)  # not signed in before: signed in now
    assert signin.visitors == 1 and signin.time


def test_no_route_keeps_the_concern_in_the_sign_in_note(service):
    service.duty_sign_in(service.wang.id, TODAY, "08:30", 0, "上午接待")
    day = service.receive_visitor(TODAY, service.wang.id, service.zhao.id, "", "问补贴什么时候发", None)
    signin = signin_of(service, day.day, service.wang.id)
    assert signin.visitors == 1 and signin.note == "上午接待；来访：问补贴什么时候发"
    assert service.ledger_item_count(2026) == 0 and service.requests(2026) == []


def test_refusals_leave_nothing_behind(service):
    with pytest.raises(ValidationError, match="请选择农户或填写来访人姓名"):
        service.receive_visitor(TODAY, service.wang.id, None, "", "路灯坏了", "民情台账", "行路")
    with pytest.raises(ValidationError, match="来访诉求"):
        service.receive_visitor(TODAY, service.wang.id, service.zhao.id, "", "  ", "民情台账", "行路")
    with pytest.raises(ValidationError, match="没有值班签到"):
        service.receive_visitor(date(2026, 11, 20), service.wang.id, service.zhao.id, "", "路灯坏了", None)
    with pytest.raises(ValidationError, match="以后"):
        service.receive_visitor(date(2026, 11, 28), service.wang.id, service.zhao.id, "", "路灯坏了", None)
    with pytest.raises(DomainError, match="类别"):
        service.receive_visitor(TODAY, service.wang.id, service.zhao.id, "", "路灯坏了", "民情台账", "修路灯")
    with pytest.raises(DomainError, match="没有这个办理事项"):
        service.receive_visitor(TODAY, service.wang.id, service.zhao.id, "", "路灯坏了", "便民服务", "")
    assert service.duty_day(TODAY) is None or not service.duty_day(TODAY).signins
    assert service.ledger_item_count(2026) == 0 and service.requests(2026) == []


def test_a_past_day_counts_on_the_existing_sign_in(service):
    past = date(2026, 11, 20)
    service.duty_sign_in(service.li.id, past, "09:00", 1)
    service.receive_visitor(past, service.li.id, service.zhao.id, "", "邻里纠纷", "民情台账", "矛盾纠纷")
    assert signin_of(service, past, service.li.id).visitors == 2
    assert service.ledger_items(2026, 11)[0].day == past
