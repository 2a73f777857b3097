"""The ledger domain: status flow, R15 on closing, escalation upward only, due colours, agenda, R9/R10/R15."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain import ledger as L
from village_tui.domain import ledger_agenda as A
from village_tui.domain import ledger_deadline as D
from village_tui.domain.errors import DomainError, ValidationError
from village_tui.domain.models import Escalation, LedgerItem, Meeting, MeetingDecision, StatusChange
from village_tui.domain.rules_ledger import r9_month, r10_month, r15_ledger


def item(number: int = 1, day: date = date(2026, 11, 1), due: date | None = date(2026, 11, 21),
         category: str = "饮水", **kw) -> LedgerItem:
    return LedgerItem(day=day, source="来访", category=category, content="自来水管破裂", due=due,
                      history=[StatusChange(day, "受理")], id=f"{day.year}-{number:04d}", **kw)


def test_default_due_days_per_category_with_village_overrides():
    day = date(2026, 11, 1)
    assert L.default_due(day, "饮水") == date(2026, 11, 16)
    assert L.default_due(day, "矛盾纠纷") == date(2026, 11, 8)
    assert L.default_due(day, "住房") == date(2026, 12, 1)
    assert L.default_due(day, "住房", {"住房": 60}) == date(2026, 12, 31)


def test_due_colour_amber_in_last_quarter_red_past_due_and_closed_items_stay_plain():
    thing = item(due=date(2026, 11, 21))  # 20 days: amber from the 16th (5 days left)
    assert D.due_state(thing, date(2026, 11, 15)) == "ok"
    assert D.due_state(thing, date(2026, 11, 16)) == "amber"
    assert D.due_state(thing, date(2026, 11, 21)) == "amber"
    assert D.due_state(thing, date(2026, 11, 22)) == "red"
    closed = L.close_item(thing, date(2026, 11, 25), "已修复", "", "满意")
    assert D.due_state(closed, date(2026, 11, 27)) == "ok"
    assert D.due_state(item(due=None), date(2027, 1, 1)) == "ok"


def test_status_flow_and_return_needs_a_reason():
    thing = L.set_status(item(), "办理中", date(2026, 11, 2))
    assert thing.status == "办理中" and [h.status for h in thing.history] == ["受理", "办理中"]
    with pytest.raises(DomainError, match="不能从「办理中」改为「受理」"):
        L.set_status(thing, "受理", date(2026, 11, 3))
    with pytest.raises(ValidationError, match="退回请写明原因"):
        L.set_status(thing, "退回", date(2026, 11, 3))
    returned = L.set_status(thing, "退回", date(2026, 11, 3), "不属于本村事务")
    assert not returned.is_open


def test_closing_needs_result_and_satisfaction_r15():
    thing = item()
    with pytest.raises(ValidationError, match="办理结果"):
        L.close_item(thing, date(2026, 11, 5), " ", "", "满意")
    with pytest.raises(ValidationError, match="满意度"):
        L.close_item(thing, date(2026, 11, 5), "已修复", "", "")
    closed = L.close_item(thing, date(2026, 11, 5), "已修复", "感谢", "基本满意")
    assert closed.status == "已办结" and closed.closed_day == date(2026, 11, 5)
    assert thing.status == "受理"  # the argument is untouched


def test_reopen_goes_back_to_in_progress_and_clears_satisfaction():
    closed = L.close_item(item(), date(2026, 11, 5), "已修复", "", "满意")
    with pytest.raises(ValidationError):
        L.reopen(closed, date(2026, 11, 9), "")
    again = L.reopen(closed, date(2026, 11, 9), "又漏水了")
    assert again.status == "办理中" and again.satisfaction == "" and again.closed_day is None
    assert again.history[-1].note == "重新打开：又漏水了"
    with pytest.raises(DomainError, match="只有已办结或退回"):
        L.reopen(again, date(2026, 11, 10), "再开")


def test_escalation_only_upward_one_level_at_a_time():
    thing = item()
    with pytest.raises(DomainError, match="逐级上报"):
        L.escalate(thing, "县", date(2026, 11, 3), "县民情处理中心")
    up = L.escalate(thing, "乡镇", date(2026, 11, 3), L.office_for("乡镇", "武陵乡"))
    assert up.level == "乡镇" and up.status == "办理中"
    assert up.escalations == [Escalation("乡镇", date(2026, 11, 3), "武陵乡民情处理站")]
    assert L.awaiting_reply(up)
    with pytest.raises(DomainError, match="逐级上报"):
        L.escalate(up, "乡镇", date(2026, 11, 4), "武陵乡民情处理站")
    with pytest.raises(ValidationError, match="不能早于"):
        L.escalate(up, "县", date(2026, 11, 2), "县民情处理中心")
    replied = L.record_reply(up, "转县水利局", date(2026, 11, 6))
    assert not L.awaiting_reply(replied)
    top = L.escalate(replied, "县", date(2026, 11, 7), L.office_for("县", county="大田县"))
    assert top.escalations[-1].office == "大田县民情处理中心"
    with pytest.raises(DomainError, match="不能再上报"):
        L.escalate(top, "县", date(2026, 11, 8), "x")
    closed = L.close_item(item(), date(2026, 11, 5), "已修复", "", "满意")
    with pytest.raises(DomainError, match="未办结"):
        L.escalate(closed, "乡镇", date(2026, 11, 6), "站")


def test_sensitive_items_hide_their_content_in_lists():
    assert L.list_text(item(sensitive=True)) == "（敏感事项，内容不显示）"
    assert L.list_text(item()) == "自来水管破裂"


def test_meeting_agenda_sections_and_counts():
    new = item(1, date(2026, 11, 3), due=date(2026, 12, 3), category="饮水", household_id=1)
    old_open = item(7, date(2026, 9, 1), due=date(2026, 9, 16), category="行路", household_id=2)
    waiting = L.escalate(item(8, date(2026, 10, 1), due=date(2026, 12, 30), category="住房"), "乡镇",
                         date(2026, 10, 5), "武陵乡民情处理站")
    closed_old = L.close_item(item(9, date(2026, 10, 2)), date(2026, 10, 9), "好了", "", "满意")
    groups = {1: "1组", 2: "2组"}
    agenda = A.meeting_agenda(2026, 11, [new], [old_open, waiting, closed_old, new], date(2026, 11, 27),
                              lambda i: groups.get(i.household_id, L.NO_GROUP))
    assert [i.id for i in agenda.opened] == ["2026-0001"]
    assert [i.id for i in agenda.still_open] == ["2026-0007", "2026-0008"]
    assert [i.id for i in agenda.overdue] == ["2026-0007"]
    assert [i.id for i in agenda.awaiting] == ["2026-0008"]
    assert len(agenda.items) == 3
    assert agenda.reasons(old_open) == ["未办结", "超期"]
    assert agenda.by_category == {"饮水": 1, "行路": 1, "住房": 1}
    assert agenda.by_group == {"1组": 1, "2组": 1, "未关联农户": 1}


def test_bar_chart_scales_to_width():
    rows = L.bar_chart({"饮水": 4, "行路": 2, "住房": 0}, width=8)
    assert rows == [("饮水", "########", 4), ("行路", "####", 2), ("住房", "", 0)]


def test_r9_needs_a_meeting_that_lists_items():
    today = date(2026, 11, 27)
    missing = r9_month(2026, 11, None, 3, today)
    assert missing.status == "open" and "本月还剩3天" in missing.detail and missing.clause == "二、5"
    assert r9_month(2026, 10, None, 3, today).status == "missed", "a month ended without a meeting is missed"
    empty = Meeting(day=date(2026, 11, 20))
    assert r9_month(2026, 11, empty, 3, today).status == "open"
    assert not r9_month(2026, 10, Meeting(day=date(2026, 10, 20)), 3, today).ok
    assert r9_month(2026, 11, empty, 0, today).ok
    held = Meeting(day=date(2026, 11, 20), decisions=[MeetingDecision("2026-0001", "尽快修复")])
    finding = r9_month(2026, 11, held, 3, today)
    assert finding.ok and finding.actual == 1


def test_r10_flags_items_open_past_due_at_month_end_even_if_closed_later():
    late = item(1, date(2026, 9, 1), due=date(2026, 9, 20))
    closed_in_october = L.close_item(late, date(2026, 10, 3), "修好", "", "满意")
    on_time = L.close_item(item(2, date(2026, 9, 2)), date(2026, 9, 10), "修好", "", "满意")
    sent = L.escalate(item(3, date(2026, 9, 5), due=date(2026, 10, 30)), "乡镇", date(2026, 9, 8), "站")
    findings = r10_month(2026, 9, [closed_in_october, on_time, sent], date(2026, 11, 27))
    bad = [f for f in findings if not f.ok]
    assert [f.item for f in bad] == ["2026-0001"] and "超期10天" in bad[0].detail
    assert [f.item for f in findings if f.ok] == ["2026-0003"]
    [october] = r10_month(2026, 10, [closed_in_october], date(2026, 11, 27))
    assert october.status == "missed" and "逾期13天" in october.detail, "closed late: reported once, when it closed"
    assert [f.item for f in r10_month(2026, 11, [closed_in_october], date(2026, 11, 27))] == [None]
    clean = r10_month(2026, 8, [], date(2026, 11, 27))
    assert len(clean) == 1 and clean[0].ok


def test_r15_items_closed_without_satisfaction_fail():
    good = L.close_item(item(1), date(2026, 11, 5), "修好", "", "满意")
    imported = item(2, status="已办结", closed_day=date(2026, 11, 6))
    findings = r15_ledger([good, imported], date(2026, 11, 1), date(2026, 11, 30))
    assert [(f.item, f.ok) for f in findings] == [("2026-0001", True), ("2026-0002", False)]
