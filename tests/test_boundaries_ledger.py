"""R9, R10 and R15 on the boundary days: the day before, of and after each due day, and each month's end."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain import ledger as L
from village_tui.domain.models import Escalation, LedgerItem, Meeting, MeetingDecision, StatusChange
from village_tui.domain.rules_ledger import check_day, r9_month, r10_month, r15_ledger

DUE = date(2026, 9, 20)


def item(number: int = 1, day: date = date(2026, 9, 1), due: date | None = DUE, **kw) -> LedgerItem:
    """A 饮水 item opened on 9月1日, due on 9月20日 unless told otherwise."""
    return LedgerItem(day=day, source="来访", category="饮水", content="自来水管破裂", due=due,
                      history=[StatusChange(day, "受理")], id=f"{day.year}-{number:04d}", **kw)


def closed(on: date, number: int = 1, due: date | None = DUE, opened: date = date(2026, 9, 1)) -> LedgerItem:
    return L.close_item(item(number, day=opened, due=due), on, "修好水管", "", "满意")


def only(findings):
    [finding] = findings
    return finding


# -- the day a month is judged on ---------------------------------------------

@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 9, 29), date(2026, 9, 29)), (date(2026, 9, 30), date(2026, 9, 30)), (date(2026, 10, 1), date(2026, 9, 30)),
])
def test_a_month_is_judged_on_today_while_it_runs_and_on_its_last_day_after(today, expected):
    assert check_day(2026, 9, today) == expected


# -- R10: an item kept in the village ------------------------------------------

def test_r10_an_item_open_the_day_before_its_due_day_is_still_being_handled():
    finding = only(r10_month(2026, 9, [item()], date(2026, 9, 19)))
    assert (finding.status, finding.date, finding.item) == ("open", DUE, "2026-0001")
    assert "9月20日到期，仍在办理" in finding.detail


def test_r10_an_item_open_on_its_due_day_is_not_overdue():
    finding = only(r10_month(2026, 9, [item()], DUE))
    assert finding.status == "open" and "超期" not in finding.detail, "on its due day it is not 超期0天"


def test_r10_an_item_open_the_day_after_its_due_day_is_one_day_overdue():
    finding = only(r10_month(2026, 9, [item()], date(2026, 9, 21)))
    assert (finding.status, finding.actual, finding.ok) == ("missed", 1, False)
    assert "超期1天未办结" in finding.detail


def test_r10_an_item_due_on_the_months_last_day_and_open_at_its_end_is_not_missed():
    due_last = item(due=date(2026, 9, 30))
    assert only(r10_month(2026, 9, [due_last], date(2026, 9, 30))).status == "open"
    ended = only(r10_month(2026, 9, [due_last], date(2026, 11, 27)))
    assert ended.item is None and ended.ok, "judged on 9月30日 it was still within its due day"
    october = only(r10_month(2026, 10, [due_last], date(2026, 11, 27)))
    assert (october.status, october.actual) == ("missed", 31), "overdue from 10月1日, judged at 10月31日"


def test_r10_an_item_due_next_month_is_not_judged_this_month():
    later = item(due=date(2026, 10, 5))
    assert only(r10_month(2026, 9, [later], date(2026, 9, 30))).item is None


def test_r10_an_item_opened_after_the_day_judged_is_left_out():
    tomorrow = item(day=date(2026, 9, 21), due=date(2026, 9, 22))
    assert only(r10_month(2026, 9, [tomorrow], date(2026, 9, 20))).item is None
    assert only(r10_month(2026, 9, [tomorrow], date(2026, 9, 21))).status == "open"


def test_r10_a_cancelled_or_undated_item_is_never_judged():
    gone = item(cancelled=True, cancel_reason="重复登记")
    undated = item(2, due=None)
    finding = only(r10_month(2026, 9, [gone, undated], date(2026, 11, 27)))
    assert finding.item is None and finding.ok and finding.detail == "截至2026年9月30日没有超期未办结的民情事项"


def test_r10_a_month_not_begun_gives_nothing():
    assert r10_month(2026, 12, [item()], date(2026, 11, 30)) == []
    assert r10_month(2026, 12, [], date(2026, 12, 1))[0].date == date(2026, 12, 1)


@pytest.mark.parametrize(("closed_on", "late"), [(date(2026, 9, 19), None), (DUE, None), (date(2026, 9, 21), 1)])
def test_r10_an_item_closed_the_day_before_on_or_after_its_due_day(closed_on, late):
    finding = only(r10_month(2026, 9, [closed(closed_on)], date(2026, 11, 27)))
    if late is None:
        assert finding.item is None and finding.ok, "closed by its due day is on time"
    else:
        assert (finding.item, finding.status, finding.actual) == ("2026-0001", "missed", late)
        assert f"逾期{late}天" in finding.detail and finding.date == DUE


def test_r10_an_item_closed_late_is_reported_once_in_the_month_it_closed():
    late = closed(date(2026, 10, 1))
    september = only(r10_month(2026, 9, [late], date(2026, 11, 27)))
    assert (september.status, september.actual) == ("missed", 10), "open and overdue at 9月30日"
    october = only(r10_month(2026, 10, [late], date(2026, 11, 27)))
    assert (october.status, october.actual) == ("missed", 11) and "10月1日才办结，逾期11天" in october.detail
    assert only(r10_month(2026, 11, [late], date(2026, 11, 27))).item is None, "not reported again in November"


def test_r10_an_item_closed_late_today_is_reported_while_the_month_runs():
    late = closed(date(2026, 10, 1))
    assert only(r10_month(2026, 10, [late], date(2026, 10, 1))).status == "missed"


def test_r10_an_item_reopened_and_open_past_its_due_day_is_overdue_again():
    reopened = L.set_status(closed(date(2026, 9, 10)), "办理中", date(2026, 9, 25), "群众反映又漏水")
    finding = only(r10_month(2026, 9, [reopened], date(2026, 9, 30)))
    assert (finding.status, finding.actual) == ("missed", 10)


# -- R10: an item escalated to 乡镇/县 -----------------------------------------

def escalated(on: date, reply_day: date | None = None, due: date | None = DUE) -> LedgerItem:
    sent = L.escalate(item(due=due), "乡镇", on, "武陵乡民情处理站")
    if reply_day is not None:
        sent.escalations[-1].reply = "已安排施工队"
        sent.escalations[-1].reply_day = reply_day
    return sent


@pytest.mark.parametrize(("sent_on", "late"), [(date(2026, 9, 19), None), (DUE, None), (date(2026, 9, 21), 1)])
def test_r10_escalated_the_day_before_on_or_after_its_due_day(sent_on, late):
    finding = only(r10_month(2026, 9, [escalated(sent_on)], date(2026, 11, 27)))
    if late is None:
        assert (finding.status, finding.ok) == ("met", True) and "等待答复" in finding.detail
    else:
        assert (finding.status, finding.actual) == ("missed", late)
        assert "应于2026年9月20日前处理或报送，2026年9月21日才报送武陵乡民情处理站" in finding.detail


def test_r10_a_late_escalation_is_reported_once_not_every_month():
    late = escalated(date(2026, 9, 25))
    assert only(r10_month(2026, 9, [late], date(2026, 11, 27))).status == "missed"
    october = only(r10_month(2026, 10, [late], date(2026, 11, 27)))
    assert october.status == "met" and "等待答复" in october.detail, "waiting for the reply, not late again"


def test_r10_waiting_for_the_reply_is_open_while_the_month_runs_and_met_after():
    waiting = escalated(date(2026, 9, 10))
    assert only(r10_month(2026, 9, [waiting], date(2026, 9, 30))).status == "open"
    assert only(r10_month(2026, 9, [waiting], date(2026, 10, 1))).status == "met"
    assert only(r10_month(2026, 9, [waiting], date(2026, 9, 9))).status == "open", "not yet sent: kept in the village"


def test_r10_an_escalation_is_judged_from_the_day_it_was_sent():
    waiting = escalated(date(2026, 9, 25))
    before = only(r10_month(2026, 9, [waiting], date(2026, 9, 24)))
    assert (before.status, before.actual) == ("missed", 4) and "超期4天未办结" in before.detail


def test_r10_a_reply_is_met_in_its_month_and_not_reported_after():
    answered = escalated(date(2026, 9, 10), reply_day=date(2026, 10, 31))
    assert "等待答复" in only(r10_month(2026, 10, [answered], date(2026, 10, 30))).detail
    october = only(r10_month(2026, 10, [answered], date(2026, 11, 27)))
    assert october.status == "met" and "收到答复" in october.detail
    assert only(r10_month(2026, 11, [answered], date(2026, 11, 27))).item is None, "the reply came in October"


def test_r10_a_reply_without_a_day_is_taken_as_come_and_an_empty_reply_as_not():
    answered = escalated(date(2026, 9, 10))
    answered.escalations[-1].reply = "已答复"
    assert "收到答复" in only(r10_month(2026, 9, [answered], date(2026, 9, 30))).detail
    answered.escalations[-1].reply = ""
    answered.escalations[-1].reply_day = date(2026, 9, 12)
    assert "等待答复" in only(r10_month(2026, 9, [answered], date(2026, 9, 30))).detail


def test_r10_the_latest_escalation_decides_and_an_item_without_due_day_is_dated_by_the_first():
    twice = escalated(date(2026, 9, 10), reply_day=date(2026, 9, 12))
    twice = L.escalate(twice, "县", date(2026, 9, 15), "大田县民情处理中心")
    finding = only(r10_month(2026, 9, [twice], date(2026, 9, 30)))
    assert "2026年9月15日报送大田县民情处理中心，等待答复" in finding.detail
    undated = escalated(date(2026, 9, 10), due=None)
    assert only(r10_month(2026, 9, [undated], date(2026, 9, 30))).date == date(2026, 9, 10)


def test_r10_an_escalated_item_closed_later_is_no_longer_waiting():
    sent = escalated(date(2026, 9, 10))
    sent.status, sent.closed_day = "已办结", date(2026, 10, 5)
    sent.history.append(StatusChange(date(2026, 10, 5), "已办结"))
    assert only(r10_month(2026, 10, [sent], date(2026, 11, 27))).item is None
    assert only(r10_month(2026, 9, [sent], date(2026, 11, 27))).status == "met"


# -- R9 -----------------------------------------------------------------------

@pytest.mark.parametrize(("today", "status", "left"), [
    (date(2026, 9, 29), "open", "（本月还剩1天）"), (date(2026, 9, 30), "open", "（本月还剩0天）"),
    (date(2026, 10, 1), "missed", ""),
])
def test_r9_without_a_meeting_on_the_months_last_days(today, status, left):
    finding = r9_month(2026, 9, None, 2, today)
    assert (finding.status, finding.date, finding.required, finding.actual) == (status, date(2026, 9, 30), 1, 0)
    assert finding.detail.endswith(("尚未召开民情分析会" if status == "open" else "没有民情分析会记录") + left)


def test_r9_a_meeting_that_lists_nothing_while_items_waited():
    silent = Meeting(day=date(2026, 9, 25))
    running = r9_month(2026, 9, silent, 2, date(2026, 9, 30))
    assert (running.status, running.required, running.actual, running.date) == ("open", 2, 0, date(2026, 9, 25))
    assert r9_month(2026, 9, silent, 2, date(2026, 10, 1)).status == "missed"
    one = Meeting(day=date(2026, 9, 25), decisions=[MeetingDecision("2026-0001", "尽快修复"),
                                                     MeetingDecision("2026-0001", "再议")])
    held = r9_month(2026, 9, one, 2, date(2026, 10, 1))
    assert (held.status, held.actual, held.required) == ("met", 1, 2) and "议定1件事项" in held.detail
    nothing = r9_month(2026, 9, silent, 0, date(2026, 10, 1))
    assert nothing.status == "met" and "本月没有待议事项" in nothing.detail


# -- R15 (ledger part) ---------------------------------------------------------

def test_r15_counts_items_closed_from_the_first_to_the_last_day_of_the_period():
    items = [closed(date(2026, 8, 31), 1, opened=date(2026, 8, 1)), closed(date(2026, 9, 1), 2), closed(date(2026, 9, 30), 3),
             closed(date(2026, 10, 1), 4)]
    findings = r15_ledger(items, date(2026, 9, 1), date(2026, 9, 30))
    assert [(f.item, f.ok, f.date) for f in findings] == [("2026-0002", True, date(2026, 9, 1)),
                                                         ("2026-0003", True, date(2026, 9, 30))]


def test_r15_open_cancelled_and_unsatisfied_items():
    unrated = item(1, status="已办结", closed_day=date(2026, 9, 5))
    gone = closed(date(2026, 9, 5), 2)
    gone.cancelled = True
    still_open = item(3, closed_day=date(2026, 9, 5))
    findings = r15_ledger([unrated, gone, still_open], date(2026, 9, 1), date(2026, 9, 30))
    assert [(f.item, f.ok, f.detail) for f in findings] == [("2026-0001", False, "2026-0001已办结但没有记录群众满意度")]
    rated = r15_ledger([closed(date(2026, 9, 5))], date(2026, 9, 1), date(2026, 9, 30))
    assert rated[0].detail == "2026-0001办结，群众评价：满意"


def test_r15_an_escalation_record_is_not_a_closing():
    sent = escalated(date(2026, 9, 10))
    assert r15_ledger([sent], date(2026, 9, 1), date(2026, 9, 30)) == []
    assert isinstance(sent.escalations[0], Escalation)


# -- the first day of the month, two escalations, the day judged --------------------------

def test_r9_on_the_months_first_day_and_an_agenda_of_one():
    first = r9_month(2026, 9, None, 1, date(2026, 9, 1))
    assert first.status == "open" and first.detail.endswith("（本月还剩29天）")
    silent = r9_month(2026, 9, Meeting(day=date(2026, 9, 25)), 1, date(2026, 10, 1))
    assert (silent.status, silent.required, silent.actual) == ("missed", 1, 0)
    assert silent.detail == "2026年9月民情分析会（2026年9月25日）没有记录讨论了哪些事项"


def test_r10_findings_count_days_late_and_nothing_required():
    empty = only(r10_month(2026, 9, [], date(2026, 11, 27)))
    assert (empty.required, empty.actual, empty.status) == (0, 0, "met")
    running = only(r10_month(2026, 9, [item()], date(2026, 9, 19)))
    assert (running.required, running.actual) == (0, 0)
    overdue = only(r10_month(2026, 9, [item()], date(2026, 9, 25)))
    assert (overdue.required, overdue.actual) == (0, 5)
    late = only(r10_month(2026, 9, [closed(date(2026, 9, 23))], date(2026, 11, 27)))
    assert (late.required, late.actual) == (0, 3)
    sent = only(r10_month(2026, 9, [escalated(date(2026, 9, 22))], date(2026, 11, 27)))
    assert (sent.required, sent.actual) == (0, 2)


def test_r10_an_item_due_on_the_months_first_day_is_open_on_that_day():
    finding = only(r10_month(2026, 9, [item(due=date(2026, 9, 1))], date(2026, 9, 1)))
    assert finding.status == "open" and finding.date == date(2026, 9, 1)


def test_r10_a_cancelled_item_closed_late_or_answered_is_not_reported():
    late = closed(date(2026, 9, 25))
    late.cancelled = True
    answered = escalated(date(2026, 9, 10), reply_day=date(2026, 9, 12))
    answered.cancelled = True
    assert only(r10_month(2026, 9, [late, answered], date(2026, 11, 27))).item is None


@pytest.mark.parametrize(("sent_on", "today"), [(date(2026, 10, 1), date(2026, 10, 31)),
                                                (date(2026, 10, 15), date(2026, 10, 15))])
def test_r10_a_late_escalation_on_the_months_first_day_or_on_the_day_judged_is_reported(sent_on, today):
    late = escalated(sent_on)
    finding = only(r10_month(2026, 10, [late], today))
    assert finding.status == "missed" and f"{sent_on.month}月{sent_on.day}日才报送" in finding.detail


def test_r10_two_escalations_the_first_decides_whether_it_was_late():
    twice = escalated(date(2026, 9, 25))
    twice = L.escalate(twice, "县", date(2026, 9, 28), "大田县民情处理中心")
    september = only(r10_month(2026, 9, [twice], date(2026, 11, 27)))
    assert (september.status, september.actual) == ("missed", 5)
    assert september.detail.endswith("2026年9月25日才报送武陵乡民情处理站")
    later = escalated(date(2026, 9, 25))
    later = L.escalate(later, "县", date(2026, 10, 5), "大田县民情处理中心")
    october = only(r10_month(2026, 10, [later], date(2026, 11, 27)))
    assert october.status == "met" and "2026年10月5日报送大田县民情处理中心，等待答复" in october.detail
    undated = L.escalate(escalated(date(2026, 9, 10), due=None), "县", date(2026, 9, 15), "大田县民情处理中心")
    assert only(r10_month(2026, 9, [undated], date(2026, 9, 30))).date == date(2026, 9, 10)


def test_r10_an_escalation_without_an_office_names_the_level():
    sent = item()
    sent.level = "乡镇"
    sent.escalations = [Escalation("乡镇", date(2026, 9, 25))]
    late = only(r10_month(2026, 9, [sent], date(2026, 11, 27)))
    assert late.detail.endswith("2026年9月25日才报送乡镇")
    sent.escalations = [Escalation("乡镇", date(2026, 9, 15))]
    assert "）于2026年9月15日报送乡镇，等待答复（在乡镇" in only(r10_month(2026, 9, [sent], date(2026, 9, 30))).detail
    sent.escalations = [Escalation("乡镇", date(2026, 9, 25)), Escalation("县", date(2026, 9, 28), "大田县民情处理中心")]
    assert only(r10_month(2026, 9, [sent], date(2026, 11, 27))).detail.endswith("2026年9月25日才报送乡镇")


def test_r10_a_reply_on_the_months_first_day_is_met_in_that_month():
    answered = escalated(date(2026, 9, 10), reply_day=date(2026, 10, 1))
    october = only(r10_month(2026, 10, [answered], date(2026, 11, 27)))
    assert october.status == "met" and "收到答复" in october.detail
    assert only(r10_month(2026, 10, [answered], date(2026, 10, 1))).item == "2026-0001"


def test_r10_an_escalation_on_the_day_judged_counts_that_day():
    sent = escalated(date(2026, 9, 15))
    assert "等待答复" in only(r10_month(2026, 9, [sent], date(2026, 9, 15))).detail
