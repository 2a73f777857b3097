"""R13, R14 and the matters' R15 on the boundary days: before, on and after each due or promised day, month ends."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.models import Matter, MatterStep, ServiceRequest
from village_tui.domain.rules_desk import (
    deliberation_findings, matter_label, promise_findings, publication_findings, request_findings,
)

DUE = date(2026, 10, 20)
NAMES = {1: "王建国", 2: "刘雪"}
CODES = {7: "0107"}


def request(**changes) -> ServiceRequest:
    """A 农村低保 application received on 10月10日, handled by 王建国 (1), due 10月20日."""
    base = dict(day=date(2026, 10, 10), kind="农村低保", applicant="张桂兰", handler_id=1, due=DUE,
                household_id=7, id="2026-0007")
    base.update(changes)
    return ServiceRequest(**base)


def done(on: date, status: str = "已办结", **changes) -> ServiceRequest:
    return request(status=status, done_day=on, **changes)


def r13(requests, month=10, today=None):
    return request_findings(requests, 2026, month, NAMES, CODES, today=today)


# -- R13: a request still open ---------------------------------------------------

@pytest.mark.parametrize(("today", "status", "words"), [
    (date(2026, 10, 19), "open", "2026年10月20日到期，仍在办理"), (DUE, "open", "2026年10月20日到期，仍在办理"),
    (date(2026, 10, 21), "missed", "仍未办结，已超期1天"),
])
def test_r13_a_request_open_the_day_before_on_and_after_its_due_day(today, status, words):
    [finding] = r13([request()], today=today)
    assert (finding.status, finding.date, finding.item) == (status, DUE, "2026-0007")
    assert words in finding.detail and (finding.cadre, finding.household, finding.cadre_id) == ("王建国", "0107", 1)


def test_r13_a_request_due_on_the_months_last_day_is_missed_only_in_the_next_month():
    last = request(due=date(2026, 10, 31))
    assert [f.status for f in r13([last], today=date(2026, 10, 31))] == ["open"]
    [ended] = r13([last])
    assert ended.status == "open", "at the month's end it is still within its due day"
    [november] = r13([last], month=11)
    assert november.status == "missed" and "已超期30天" in november.detail


def test_r13_a_request_due_next_month_or_received_later_is_not_judged_now():
    assert r13([request(due=date(2026, 11, 1))]) == []
    assert r13([request(day=date(2026, 10, 22), due=date(2026, 10, 25))], today=date(2026, 10, 21)) == []
    assert r13([request(cancelled=True, cancel_reason="重复受理")], today=date(2026, 10, 25)) == []
    assert r13([request(due=None)], today=date(2026, 10, 25)) == []


def test_r13_a_month_not_begun_gives_nothing_and_a_month_ended_is_judged_at_its_end():
    assert r13([request()], month=11, today=date(2026, 10, 31)) == []
    [ended] = r13([request()], today=date(2026, 11, 27))
    assert ended.status == "missed" and "已超期11天" in ended.detail


# -- R13: a request finished -------------------------------------------------------

@pytest.mark.parametrize(("on", "status"), [(date(2026, 10, 19), "met"), (DUE, "met"), (date(2026, 10, 21), "missed")])
def test_r13_a_request_finished_the_day_before_on_or_after_its_due_day(on, status):
    [finding] = r13([done(on)])
    assert finding.status == status and finding.ok == (status == "met")
    if status == "met":
        assert finding.detail == "农村低保：按期已办结"
    else:
        assert finding.detail == "农村低保：应于2026年10月20日办结，2026年10月21日才办结"


def test_r13_a_request_returned_late_says_returned():
    [finding] = r13([done(date(2026, 10, 25), "退回")])
    assert finding.detail.endswith("才退回") and finding.status == "missed"


def test_r13_a_request_finished_late_is_missed_once_in_its_due_month():
    late = done(date(2026, 11, 3))
    [october] = r13([late])
    assert october.status == "missed" and "已超期11天" in october.detail, "open at 10月31日"
    assert r13([late], month=11) == [], "not reported again in the month it was finished"


def test_r13_a_request_finished_while_the_month_runs_is_judged_on_its_day():
    [finding] = r13([done(date(2026, 10, 15))], today=date(2026, 10, 16))
    assert finding.status == "met"
    [still] = r13([done(date(2026, 10, 18))], today=date(2026, 10, 17))
    assert still.status == "open", "finished after the day judged: still open then"


# -- R13: a request without a handler ------------------------------------------------

@pytest.mark.parametrize(("today", "status"), [(date(2026, 10, 31), "open"), (date(2026, 11, 1), "missed")])
def test_r13_a_request_received_without_a_handler_is_a_finding_in_the_month_received(today, status):
    nobody = request(handler_id=None, due=date(2026, 11, 30))
    [finding] = r13([nobody], today=today)
    assert (finding.status, finding.date, finding.cadre) == (status, date(2026, 11, 30), None)
    assert finding.detail == "农村低保：2026年10月10日受理，没有经办人"
    november = r13([nobody], month=11, today=date(2026, 11, 5))
    assert [f.detail for f in november] == ["农村低保：2026年11月30日到期，仍在办理"], "reported in the month received"


def test_r13_without_a_handler_or_due_day_is_dated_the_day_received():
    [finding] = r13([request(handler_id=None, due=None, household_id=None)], today=date(2026, 10, 12))
    assert (finding.date, finding.household) == (date(2026, 10, 10), None)


# -- R14: deliberations and promises ---------------------------------------------------

def matter(*steps: MatterStep, number: int = 3) -> Matter:
    return Matter(title="三组饮水改造", category="饮水", steps=list(steps), id=number)


def deliberation(day: date, participants=("王建国", "张伟"), outcome="同意改造") -> MatterStep:
    return MatterStep("干群议事", day, participants=list(participants), outcome=outcome)


def promise(promised: date, day: date = date(2026, 10, 5)) -> MatterStep:
    return MatterStep("承诺干事", day, responsible_id=2, promised=promised)


def evaluation(day: date, **kw) -> MatterStep:
    return MatterStep("考评亮事", day, evaluation="按期完成", **kw)


@pytest.mark.parametrize(("day", "kept"), [(date(2026, 9, 30), False), (date(2026, 10, 1), True),
                                           (date(2026, 10, 31), True), (date(2026, 11, 1), False)])
def test_r14_a_deliberation_counts_in_the_month_it_was_held(day, kept):
    found = deliberation_findings([matter(deliberation(day))], 2026, 10)
    assert [(f.item, f.status, f.date) for f in found] == ([("五事-3", "met", day)] if kept else [])
    assert matter_label(matter(number=9)) == "五事-9"


def test_r14_a_deliberation_lacking_its_record_is_open_while_the_month_runs():
    bare = matter(deliberation(date(2026, 10, 10), participants=(), outcome="  "))
    [running] = deliberation_findings([bare], 2026, 10, date(2026, 10, 31))
    assert running.status == "open" and running.detail.endswith("缺少参与人员、议事结果，请在月底前补记")
    [ended] = deliberation_findings([bare], 2026, 10, date(2026, 11, 1))
    assert ended.status == "missed" and ended.detail.endswith("缺少参与人员、议事结果")
    assert deliberation_findings([bare], 2026, 10, date(2026, 10, 9)) == [], "held after the day judged"
    bare.cancelled = True
    assert deliberation_findings([bare], 2026, 10) == []
    assert deliberation_findings([matter(promise(DUE))], 2026, 10) == []


@pytest.mark.parametrize(("today", "status"), [(date(2026, 10, 19), "open"), (DUE, "open"), (date(2026, 10, 21), "missed")])
def test_r14_a_promise_not_evaluated_the_day_before_on_and_after_its_promised_day(today, status):
    [finding] = promise_findings([matter(promise(DUE))], 2026, 10, NAMES, today)
    assert (finding.status, finding.date, finding.cadre, finding.cadre_id) == (status, DUE, "刘雪", 2)
    assert ("尚未到期" if status == "open" else "已过期，尚未村民监事和考评亮事") in finding.detail


def test_r14_a_promise_for_the_months_last_day_is_judged_from_the_next_month_on():
    last = matter(promise(date(2026, 10, 31)))
    assert promise_findings([last], 2026, 10, NAMES) == []
    [november] = promise_findings([last], 2026, 11, NAMES)
    [december] = promise_findings([last], 2026, 12, NAMES)
    assert november.status == december.status == "missed", "every month until it is evaluated"


def test_r14_a_promise_supervised_but_not_evaluated_names_what_is_missing():
    supervised = matter(promise(DUE), MatterStep("村民监事", date(2026, 10, 18), supervisors=["李大山"]))
    [finding] = promise_findings([supervised], 2026, 10, NAMES)
    assert finding.detail.endswith("已过期，尚未考评亮事")


def test_r14_an_evaluated_promise_holds_once():
    kept = matter(promise(DUE), evaluation(date(2026, 10, 31)))
    [october] = promise_findings([kept], 2026, 10, NAMES)
    assert october.status == "met" and october.detail.endswith("已监督并考评亮事")
    assert promise_findings([kept], 2026, 11, NAMES) == [], "evaluated before November began"
    [late] = promise_findings([matter(promise(DUE), evaluation(date(2026, 11, 1)))], 2026, 11, NAMES)
    assert late.status == "met", "evaluated in November: reported in November"
    [running] = promise_findings([kept], 2026, 10, NAMES, date(2026, 10, 30))
    assert running.status == "missed", "not evaluated yet on 10月30日"


def test_r14_a_promise_made_later_or_for_a_later_month_is_not_judged_now():
    assert promise_findings([matter(promise(date(2026, 11, 1)))], 2026, 10, NAMES) == []
    assert promise_findings([matter(promise(DUE, day=date(2026, 10, 12)))], 2026, 10, NAMES, date(2026, 10, 11)) == []
    assert promise_findings([matter(promise(DUE))], 2026, 11, NAMES, date(2026, 10, 31)) == []
    gone = matter(promise(DUE))
    gone.cancelled = True
    assert promise_findings([gone], 2026, 10, NAMES) == []
    no_date = matter(MatterStep("承诺干事", date(2026, 10, 5), responsible_id=None))
    assert promise_findings([no_date], 2026, 10, NAMES) == []
    [nobody] = promise_findings([matter(MatterStep("承诺干事", date(2026, 10, 5), promised=DUE))], 2026, 10)
    assert nobody.cadre is None


# -- R15: publication of an evaluated matter ------------------------------------------

@pytest.mark.parametrize(("day", "kept"), [(date(2026, 9, 30), False), (date(2026, 10, 1), True),
                                           (date(2026, 10, 31), True), (date(2026, 11, 1), False)])
def test_r15_a_matter_evaluated_in_the_month_records_publication_and_satisfaction(day, kept):
    posted = evaluation(day, posted_from=date(2026, 10, 1), posted_to=date(2026, 10, 7), satisfaction="满意")
    found = publication_findings([matter(posted)], 2026, 10)
    assert [(f.ok, f.date) for f in found] == ([(True, day)] if kept else [])
    if kept:
        assert found[0].detail == "三组饮水改造：已公示（2026年10月1日至2026年10月7日），群众满意"


@pytest.mark.parametrize(("changes", "lacking"), [
    (dict(posted_from=date(2026, 10, 1)), "公示日期、满意度"), (dict(posted_to=date(2026, 10, 7), satisfaction="满意"), "公示日期"),
    (dict(posted_from=date(2026, 10, 1), posted_to=date(2026, 10, 7), satisfaction="很好"), "满意度"),
])
def test_r15_a_matter_lacking_publication_or_satisfaction(changes, lacking):
    [finding] = publication_findings([matter(evaluation(date(2026, 10, 10), **changes))], 2026, 10)
    assert not finding.ok and finding.detail == f"三组饮水改造：考评亮事缺少{lacking}"
    cancelled = matter(evaluation(date(2026, 10, 10), **changes))
    cancelled.cancelled = True
    assert publication_findings([cancelled, matter(promise(DUE))], 2026, 10) == []


# -- the month's first day and the day judged ------------------------------------------------

def test_r13_on_the_months_first_day_a_request_received_that_day_is_judged():
    first = request(day=date(2026, 10, 1), due=date(2026, 10, 1), handler_id=None)
    found = r13([first], today=date(2026, 10, 1))
    assert [(f.status, f.detail) for f in found] == [("open", "农村低保：2026年10月1日受理，没有经办人"),
                                                    ("open", "农村低保：2026年10月1日到期，仍在办理")]


def test_r13_a_request_received_on_the_day_judged_without_a_handler_is_a_finding():
    found = r13([request(day=date(2026, 10, 15), handler_id=None, due=date(2026, 11, 15))], today=date(2026, 10, 15))
    assert [f.detail for f in found] == ["农村低保：2026年10月15日受理，没有经办人"]


def test_r14_a_promise_on_the_months_first_and_last_day_and_recorded_on_the_day_judged():
    [first] = promise_findings([matter(promise(date(2026, 10, 1), day=date(2026, 9, 20)))], 2026, 10, NAMES,
                               date(2026, 10, 1))
    assert first.status == "open" and first.detail.endswith("尚未到期")
    [last] = promise_findings([matter(promise(date(2026, 10, 31)))], 2026, 10, NAMES, date(2026, 10, 31))
    assert last.status == "open" and last.date == date(2026, 10, 31)
    [today] = promise_findings([matter(promise(DUE, day=date(2026, 10, 12)))], 2026, 10, NAMES, date(2026, 10, 12))
    assert today.status == "open"


def test_r14_a_promise_for_the_first_evaluated_before_is_met_once_in_its_month():
    early = matter(promise(date(2026, 11, 1)), evaluation(date(2026, 10, 30)))
    assert promise_findings([early], 2026, 10, NAMES) == []
    [november] = promise_findings([early], 2026, 11, NAMES)
    assert november.status == "met"
    assert promise_findings([early], 2026, 12, NAMES) == []
