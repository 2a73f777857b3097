"""The ledger part of the service: saving, status, escalation, overdue list across years, meetings, R9/R10."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.errors import DomainError, DuplicateError, ValidationError, ValidationErrors
from village_tui.domain.models import Cadre, Household, LedgerItem, Meeting, VillageSettings, Visit
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


def _setup(svc: VillageService) -> VillageService:
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组", "2组"],
                                      category_due_days={"饮水": 10}))
    svc.save_cadre(Cadre("王建国", "书记", date(2024, 3, 1)))
    svc.save_cadre(Cadre("陈海峰", "委员", date(2024, 1, 1), groups=["1组"]))
    svc.save_household(Household("H001", "张秀英", "1组"))
    svc.save_household(Household("H002", "李国强", "2组"))
    svc.sign_in(1)
    return svc


@pytest.fixture
def service() -> VillageService:
    return _setup(VillageService.in_memory(today=TODAY))


def _new(svc: VillageService, day: date = date(2026, 11, 2), category: str = "行路", **kw) -> LedgerItem:
    kw.setdefault("household_id", 1)
    return svc.save_ledger_item(LedgerItem(day=day, source="来访", category=category,
                                           content=kw.pop("content", "村道塌方"), **kw))


def test_new_item_gets_a_yearly_number_default_due_and_clean_text(service):
    first = _new(service, content="　[b]村道[/b]塌方\x1b[31m ")
    second = _new(service, category="饮水")
    third = _new(service, category="矛盾纠纷")
    assert (first.id, second.id) == ("2026-0001", "2026-0002")
    assert first.content == "[b]村道[/b]塌方" and first.status == "受理" and first.level == "村"
    assert first.due == date(2026, 11, 17)  # default 15 days
    assert second.due == date(2026, 11, 12)  # the village's own setting for 饮水
    assert third.due == date(2026, 11, 9)


def test_validation_messages_name_each_field(service):
    with pytest.raises(ValidationErrors) as caught:
        service.save_ledger_item(LedgerItem(day=date(2026, 11, 28), source="微信", category="天气",
                                            content="", household_id=None, due=date(2026, 11, 1)))
    errors = caught.value
    assert errors.for_field("content") == "反映内容不能为空"
    assert "来源应为" in errors.for_field("source")
    assert "类别应为" in errors.for_field("category")
    assert errors.for_field("household_id") == "请选择农户或填写反映人"
    assert errors.for_field("day") == "登记日期不能晚于今天"
    with pytest.raises(ValidationErrors, match="不能超过500个字"):
        _new(service, content="很" * 501)


def test_edited_category_list_is_used(service):
    settings = service.settings()
    settings.ledger_categories = [*settings.ledger_categories, "环境卫生"]
    service.save_settings(settings)
    assert _new(service, category="环境卫生").category == "环境卫生"


def test_listing_filters_pages_and_counts(service):
    for day in (date(2026, 10, 5), date(2026, 11, 2), date(2026, 11, 3)):
        _new(service, day=day)
    _new(service, day=date(2026, 11, 4), category="饮水")
    assert [i.id for i in service.ledger_items(2026, 11)] == ["2026-0004", "2026-0003", "2026-0002"]
    assert service.ledger_item_count(2026, category="行路") == 3
    assert [i.id for i in service.ledger_items(2026, offset=1, limit=2)] == ["2026-0003", "2026-0002"]
    service.set_ledger_status("2026-0002", "办理中")
    assert [i.id for i in service.ledger_items(2026, status="办理中")] == ["2026-0002"]


def test_escalate_uses_default_offices_then_reply_close_and_reopen(service):
    item = _new(service)
    up = service.escalate(item.id, "乡镇", date(2026, 11, 5))
    assert up.escalations[-1].office == "武陵乡民情处理站" and up.status == "办理中"
    with pytest.raises(DomainError, match="逐级上报"):
        service.escalate(item.id, "乡镇")
    service.record_reply(item.id, "已安排施工队", date(2026, 11, 8))
    top = service.escalate(item.id, "县", date(2026, 11, 9), office="县交通局")
    assert [e.office for e in top.escalations] == ["武陵乡民情处理站", "县交通局"]
    with pytest.raises(ValidationError, match="满意度"):
        service.close_item(item.id, "已修复", "", "")
    closed = service.close_item(item.id, "已修复", "很好", "满意")
    assert closed.status == "已办结" and closed.closed_day == TODAY
    again = service.reopen(item.id, "雨后又塌了")
    assert again.status == "办理中" and service.ledger_item(item.id).status == "办理中"


def test_item_from_visit_is_linked_both_ways(service):
    visit = service.save_visit(Visit(day=date(2026, 11, 20), cadre_id=2, household_id=2, requests="想申请危房改造"))
    item = service.ledger_item_from_visit(visit.id, "住房")
    assert item.source == "走访" and item.visit_id == visit.id and item.content == "想申请危房改造"
    assert item.handler_id == 2 and item.due == date(2026, 12, 20)
    assert service.visit(visit.id).ledger_item_id == item.id
    with pytest.raises(DuplicateError):
        service.ledger_item_from_visit(visit.id, "住房")


def test_overdue_list_spans_years_and_follows_saves(tmp_path):
    svc = _setup(VillageService.open(tmp_path / "data", today=TODAY))
    old = _new(svc, day=date(2023, 3, 1))
    closed_old = _new(svc, day=date(2023, 4, 1))
    svc.close_item(closed_old.id, "已解决", "", "满意", date(2023, 4, 5))
    recent = _new(svc, day=date(2026, 11, 1))  # due 11-16
    fresh = _new(svc, day=date(2026, 11, 20))
    svc.close()
    svc = VillageService.open(tmp_path / "data", today=TODAY)
    svc.sign_in(1)
    assert [i.id for i in svc.overdue_items()] == [old.id, recent.id]
    assert fresh.id not in [i.id for i in svc.overdue_items()]
    svc.close_item(old.id, "三年后终于解决", "", "基本满意")
    assert [i.id for i in svc.overdue_items()] == [recent.id]
    svc.reopen_item(old.id, "群众再次反映")
    assert [i.id for i in svc.overdue_items()] == [old.id, recent.id]
    svc.close()


def test_r10_for_a_past_month_counts_items_closed_afterwards(service):
    late = _new(service, day=date(2025, 12, 1))  # due 12-16, still open over new year
    service.close_item(late.id, "已解决", "", "满意", date(2026, 2, 3))
    dec = [f for f in service.ledger_month_findings(2025, 12) if f.rule == "R10"]
    jan = [f for f in service.ledger_month_findings(2026, 1) if f.rule == "R10"]
    mar = [f for f in service.ledger_month_findings(2026, 3) if f.rule == "R10"]
    assert [(f.item, f.ok) for f in dec] == [(late.id, False)]
    assert [(f.item, f.ok) for f in jan] == [(late.id, False)]
    assert [f.ok for f in mar] == [True]


def test_one_meeting_per_month_and_decisions_apply_their_actions(service):
    a, b, c, d = (_new(service, day=date(2026, 11, n)) for n in (2, 3, 4, 5))
    meeting = Meeting(day=date(2026, 11, 26), attendees=[1, 2, 1])
    meeting = service.decide(meeting, a.id, "请陈海峰负责", handler_id=2, action="指定承办人")
    meeting = service.decide(meeting, b.id, "延期到月底", due=date(2026, 12, 31), action="改期限")
    meeting = service.decide(meeting, c.id, "村级无法解决", action="上报乡镇")
    with pytest.raises(ValidationError, match="满意度"):
        service.decide(meeting, d.id, "已修好", action="办结")
    meeting = service.decide(meeting, d.id, "已修好", action="办结", satisfaction="满意")
    assert meeting.attendees == [1, 2]
    assert service.ledger_item(a.id).handler_id == 2 and service.ledger_item(a.id).status == "办理中"
    assert service.ledger_item(b.id).due == date(2026, 12, 31)
    assert service.ledger_item(c.id).level == "乡镇"
    assert service.ledger_item(d.id).status == "已办结"
    stored = service.meeting_for_month(2026, 11)
    assert [x.item_id for x in stored.decisions] == [a.id, b.id, c.id, d.id]
    with pytest.raises(DuplicateError):
        service.save_meeting(Meeting(day=date(2026, 11, 27)))


def test_a_decision_that_does_not_close_refuses_feedback_and_satisfaction_instead_of_dropping_them(service):
    item = _new(service)
    meeting = Meeting(day=date(2026, 11, 26), attendees=[1])
    with pytest.raises(ValidationError, match="群众意见和满意度只在办结时填写") as refused:
        service.decide(meeting, item.id, "下周再议", feedback="希望尽快修路")
    assert refused.value.field == "feedback"
    with pytest.raises(ValidationError, match="只在办结时填写") as refused:
        service.decide(meeting, item.id, "下周再议", action="指定承办人", handler_id=2, satisfaction="满意")
    assert refused.value.field == "satisfaction"
    assert service.meeting_for_month(2026, 11) is None and service.ledger_item(item.id).handler_id is None
    meeting = service.decide(meeting, item.id, "已修好", action="办结", feedback="希望尽快修路", satisfaction="满意")
    assert service.ledger_item(item.id).feedback == "希望尽快修路"


def test_escalate_after_meeting_in_one_step_and_r9_passes(service):
    items = [_new(service, day=date(2026, 11, n)) for n in (2, 3)]
    before = service.ledger_month_findings(2026, 11)
    assert before[0].status == "open" and before[0].rule == "R9", "November still runs: the meeting can come"
    meeting = service.escalate_after_meeting(Meeting(day=TODAY, attendees=[1]), [i.id for i in items])
    assert all(service.ledger_item(i.id).level == "乡镇" for i in items)
    agenda = service.meeting_agenda(2026, 11)
    assert [i.id for i in agenda.awaiting] == [i.id for i in items]
    meeting.minutes = "两件事项报送武陵乡民情处理站"
    service.save_meeting(meeting)
    r9 = service.ledger_month_findings(2026, 11)[0]
    assert r9.ok and r9.actual == 2


def test_agenda_counts_by_group_of_the_household(service):
    _new(service, day=date(2026, 11, 2), household_id=1)
    _new(service, day=date(2026, 11, 3), household_id=2)
    _new(service, day=date(2026, 11, 4), household_id=None, reporter="过路群众")
    agenda = service.meeting_agenda(2026, 11)
    assert agenda.by_group == {"1组": 1, "2组": 1, "未关联农户": 1}
