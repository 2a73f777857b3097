"""Where an escalated item stands at the township, and how long it has waited there (R10)."""

from __future__ import annotations

from datetime import date

from village_tui.domain import township as T
from village_tui.domain.models import Escalation, StatusChange, TownshipItem

TODAY = date(2026, 11, 27)


def _item(**changes) -> TownshipItem:
    fields = dict(village="桃源村", item="2026-0019", category="行路", content="1组通组路塌方",
                  village_day=date(2026, 3, 20), escalated_on=date(2026, 3, 25),
                  escalations=[Escalation("乡镇", date(2026, 3, 25), "青山镇民情处理站")],
                  history=[StatusChange(date(2026, 3, 20), "受理"), StatusChange(date(2026, 3, 25), "办理中")],
                  village_status="办理中")
    return TownshipItem(**{**fields, **changes})


def test_waiting_item_counts_to_today_and_is_overdue_after_fifteen_days():
    item = _item()
    assert T.desk_state(item).status == "待答复"
    assert T.waiting_days(item, TODAY) == 247
    assert T.reply_due(item, {}) == date(2026, 4, 9)
    assert T.is_overdue(item, {}, TODAY) and not T.is_overdue(item, {"行路": 300}, TODAY)


def test_reply_the_village_recorded_by_hand_stops_the_clock():
    step = Escalation("乡镇", date(2026, 3, 25), "青山镇民情处理站", "已安排实地查看", date(2026, 4, 3))
    state = T.desk_state(_item(escalations=[step]))
    assert (state.status, state.reply, state.stopped) == ("已答复", "已安排实地查看", date(2026, 4, 3))
    assert T.waiting_days(_item(escalations=[step]), TODAY) == 9


def test_village_escalating_to_the_county_stops_the_township_clock():
    steps = [Escalation("乡镇", date(2026, 3, 25), "青山镇民情处理站"), Escalation("县", date(2026, 4, 20), "田县")]
    item = _item(escalations=steps, level="县")
    assert (T.desk_state(item).status, T.desk_state(item).forwarded) == ("已转县", date(2026, 4, 20))
    assert T.waiting_days(item, TODAY) == 26


def test_item_the_village_closed_is_no_longer_waiting():
    history = [StatusChange(date(2026, 3, 20), "受理"), StatusChange(date(2026, 5, 1), "已办结")]
    item = _item(village_status="已办结", history=history)
    assert T.desk_state(item).status == "村里已办结"
    assert T.waiting_days(item, TODAY) == 37
