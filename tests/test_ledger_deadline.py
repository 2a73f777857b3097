"""The one reading of a ledger item's 超期 (domain/ledger_deadline): the lists, the agenda and R10 agree.

Three cases from the rulebook's R10: an item escalated by its due day and waiting at the township is
the township's waiting, not the village's overdue item; one escalated after its due day keeps the
village's overdue days up to the escalation (the village's overdue item in the month R10 reports it);
one never escalated is overdue by the days since its due day.
"""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain import ledger as L
from village_tui.domain import ledger_deadline as D
from village_tui.domain.ledger_agenda import meeting_agenda
from village_tui.domain.models import LedgerItem, StatusChange
from village_tui.domain.rules_ledger import r10_month

TODAY = date(2026, 11, 27)
OPENED, DUE = date(2026, 10, 1), date(2026, 10, 16)  # 行路: 15 days


def item(number: int, **kw) -> LedgerItem:
    return LedgerItem(day=OPENED, source="来访", category="行路", content="村道塌方，车辆无法通行", due=DUE,
                      history=[StatusChange(OPENED, "受理")], id=f"2026-{number:04d}", **kw)


def sent(number: int, on: date, level_to: str = "乡镇") -> LedgerItem:
    up = L.escalate(item(number), "乡镇", on, "武陵乡民情处理站")
    if level_to == "县":
        up = L.record_reply(up, "已转县交通局", on)
        up = L.escalate(up, "县", on, "大田县民情处理中心")
    return up


def r10_for(one: LedgerItem, year: int, month: int):
    return next(f for f in r10_month(year, month, [one], TODAY) if f.item == one.id)


def test_escalated_in_time_and_waiting_is_the_townships_waiting_not_the_villages_overdue():
    waiting = sent(1, date(2026, 10, 10))  # six days before its due day
    deadline = D.village_deadline(waiting, TODAY)
    assert deadline.state == D.ABOVE and not deadline.overdue and deadline.colour == "ok"
    assert deadline.wait is not None and deadline.wait.days == 48
    # The township's own reply due day (15 days: 10月25日) passed 33 days ago: its overdue days, not the village's.
    assert deadline.reminder() == "在乡镇等待48天，乡镇已超期33天"
    assert D.village_deadline(waiting, date(2026, 10, 20)).reminder() == "在乡镇等待10天"
    assert not D.is_village_overdue(waiting, TODAY)
    november = r10_for(waiting, 2026, 11)
    assert november.status == "open" and "在乡镇已等待 48 天" in november.detail, "R10 says the same"


def test_escalated_to_the_county_in_time_waits_at_the_county():
    at_county = sent(2, date(2026, 10, 12), level_to="县")
    deadline = D.village_deadline(at_county, date(2026, 10, 20))
    assert deadline.state == D.ABOVE and deadline.reminder() == "在县等待8天"


def test_escalated_after_its_due_day_keeps_the_villages_days_up_to_the_escalation():
    late = sent(3, date(2026, 11, 5))  # twenty days after its due day
    deadline = D.village_deadline(late, TODAY)
    assert deadline.state == D.SENT_LATE and deadline.overdue and deadline.late_days == 20
    assert deadline.reminder() == "超期20天才报送，在乡镇等待22天，乡镇已超期7天"
    assert D.village_deadline(late, date(2026, 11, 30)).late_days == 20, "frozen at the escalation"
    november = r10_for(late, 2026, 11)
    assert (november.status, november.actual) == ("missed", 20), "R10 reports the same twenty days"


def test_a_late_escalation_is_the_villages_overdue_item_in_the_month_r10_reports_it_only():
    late = sent(3, date(2026, 10, 25))  # nine days late, in October
    october = D.village_deadline(late, date(2026, 10, 31))
    assert october.overdue and october.late_days == 9
    november = D.village_deadline(late, TODAY)
    assert november.state == D.ABOVE and not november.overdue
    assert november.reminder() == "超期9天才报送，在乡镇等待33天，乡镇已超期18天", "the village's days are kept"
    assert r10_for(late, 2026, 11).status == "open" and r10_for(late, 2026, 10).status == "missed"


def test_not_escalated_and_past_its_due_day_is_the_villages_overdue_item():
    kept = item(4)
    deadline = D.village_deadline(kept, TODAY)
    assert deadline.state == D.RED and deadline.overdue and deadline.late_days == 42
    assert deadline.reminder() == "已超期42天" and deadline.colour == "red"
    november = r10_for(kept, 2026, 11)
    assert (november.status, november.actual) == ("missed", 42) and "超期42天未办结" in november.detail


def test_before_the_escalation_the_item_was_the_villages_and_a_reply_ends_the_waiting():
    late = sent(5, date(2026, 10, 25))
    before = D.village_deadline(late, date(2026, 10, 20))
    assert before.state == D.RED and before.reminder() == "已超期4天"
    answered = L.record_reply(sent(6, date(2026, 10, 10)), "已安排施工队", date(2026, 11, 3))
    deadline = D.village_deadline(answered, TODAY)
    assert deadline.state == D.ANSWERED and not deadline.overdue and deadline.reminder() == "乡镇已于11月3日答复"
    assert r10_for(answered, 2026, 11).status == "met", "R10: the reply came, nothing overdue for the village"


def test_the_meeting_agenda_counts_only_the_villages_overdue_items():
    waiting, late, kept = sent(1, date(2026, 10, 10)), sent(3, date(2026, 11, 5)), item(4)
    agenda = meeting_agenda(2026, 11, [], [waiting, late, kept], TODAY, lambda i: L.NO_GROUP)
    assert [i.id for i in agenda.overdue] == ["2026-0003", "2026-0004"]
    assert agenda.reasons(waiting) == ["未办结", "待答复"]
    assert agenda.reasons(late) == ["未办结", "超期", "待答复"]


def test_an_item_closed_on_the_day_has_nothing_to_remind():
    closed = L.close_item(item(7), date(2026, 10, 20), "已抢修通车", "", "满意")
    deadline = D.village_deadline(closed, TODAY)
    assert deadline.state == D.NOT_OPEN and deadline.reminder() == "" and deadline.colour == "ok"
    assert D.village_deadline(closed, date(2026, 10, 18)).reminder() == "已超期2天", "open on 10月18日"


@pytest.mark.parametrize("day", [date(2026, 10, 16), date(2026, 10, 17), date(2026, 10, 31), date(2026, 11, 5),
                                 TODAY, date(2026, 12, 31)])
def test_the_villages_overdue_items_are_r10s_missed_open_items_of_the_month_on_every_day(day):
    answered = L.record_reply(sent(6, date(2026, 10, 10)), "已安排施工队", date(2026, 11, 3))
    items = [sent(1, date(2026, 10, 10)), sent(2, date(2026, 10, 12), level_to="县"), sent(3, date(2026, 10, 25)),
             sent(5, date(2026, 11, 5)), item(4), answered]
    overdue = {i.id for i in items if D.is_village_overdue(i, day)}
    missed = {f.item for f in r10_month(day.year, day.month, items, day) if f.status == "missed"}
    assert overdue == {i for i in missed if L.open_on(next(x for x in items if x.id == i), day)}
