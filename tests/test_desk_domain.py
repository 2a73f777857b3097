"""The service desk (R13) as pure functions: checklists, statuses, overdue, receipts."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain import service_desk as desk
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import ServiceRequest, VillageSettings
from village_tui.domain.rules_desk import request_findings


def request(**changes) -> ServiceRequest:
    base = dict(day=date(2026, 10, 10), kind="农村低保", applicant="张桂兰", handler_id=1,
                due=date(2026, 10, 30), id="2026-0007")
    base.update(changes)
    return ServiceRequest(**base)


def test_every_request_type_has_a_realistic_checklist():
    for kind in ("婚育证件", "户口迁移", "医疗保险", "农村低保", "建房审批", "涉农补贴", "党员组织关系接转"):
        assert len(desk.checklist_for(kind)) >= 3
    assert "户口簿" in desk.checklist_for("户口迁移")


def test_the_village_can_change_a_checklist():
    settings = VillageSettings(request_checklists={"农村低保": ["申请书", "收入证明"]})
    assert desk.checklist_for("农村低保", settings) == ["申请书", "收入证明"]
    assert "身份证" in desk.checklist_for("医疗保险", settings)


def test_status_goes_forward_only():
    desk.check_transition("已受理", "办理中")
    desk.check_transition("办理中", "已办结")
    desk.check_transition("办理中", "退回")
    with pytest.raises(ValidationError, match="「已办结」的申请不能改为「办理中」"):
        desk.check_transition("已办结", "办理中")
    with pytest.raises(ValidationError, match="已经是"):
        desk.check_transition("办理中", "办理中")


def test_overdue_is_open_and_past_due():
    assert not desk.is_overdue(request(), date(2026, 10, 30))
    assert desk.is_overdue(request(), date(2026, 10, 31))
    assert desk.days_overdue(request(), date(2026, 11, 2)) == 3
    done = request(status="已办结", done_day=date(2026, 11, 5))
    assert desk.is_overdue(done, date(2026, 11, 4))
    assert not desk.is_overdue(done, date(2026, 11, 5))


def test_receipt_lists_what_was_received_and_what_is_missing():
    text = desk.receipt_text(request(documents={"低保申请书": True, "户口簿": True, "收入证明": False}),
                             village="青石村", household="0312 张桂兰", handler="王建国", phone="13800001111")
    assert "青石村便民服务室 受理回执" in text
    assert "回执编号：2026-0007" in text
    assert "已收材料：低保申请书、户口簿" in text
    assert "待补材料：收入证明" in text
    assert "经办干部：王建国" in text
    assert "承诺办结日期：2026年10月30日" in text
    assert not any(ch in text for ch in "─│┌┐└┘━※")


def test_checklist_editor_text_round_trips():
    settings = VillageSettings()
    text = desk.format_checklists(["农村低保", "医疗保险"], settings)
    parsed = desk.parse_checklists(text + "\n新事项：申请书、身份证")
    assert parsed["新事项"] == ["申请书", "身份证"]
    assert parsed["农村低保"] == desk.checklist_for("农村低保")
    with pytest.raises(ValidationError, match="第1行缺少事项名称"):
        desk.parse_checklists("：申请书")


def test_r13_open_and_past_due_at_month_end_fails():
    [finding] = request_findings([request()], 2026, 10, {1: "王建国"})
    assert not finding.ok and finding.item == "2026-0007" and finding.cadre == "王建国"
    assert "已超期1天" in finding.detail
    [still] = request_findings([request()], 2026, 11)
    assert not still.ok and "已超期31天" in still.detail


def test_r13_done_on_time_holds_and_is_not_repeated():
    done = request(status="已办结", done_day=date(2026, 10, 20))
    [finding] = request_findings([done], 2026, 10)
    assert finding.ok
    assert request_findings([done], 2026, 11) == []


def test_r13_done_late_fails_in_its_month():
    late = request(status="已办结", done_day=date(2026, 11, 3), due=date(2026, 11, 1))
    [finding] = request_findings([late], 2026, 11)
    assert not finding.ok and "2026年11月3日才办结" in finding.detail


def test_r13_skips_cancelled_and_not_yet_due():
    assert request_findings([request(cancelled=True)], 2026, 10) == []
    assert request_findings([request(due=date(2026, 11, 20))], 2026, 10) == []
