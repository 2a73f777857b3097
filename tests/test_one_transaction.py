"""Every command that changes data is one journal transaction: a failure half-way leaves nothing written.

Each test opens a real data folder, makes the second write of a command fail (the disk refuses it,
as a full USB stick or a pulled cable does), and opens the folder again to see what was kept.
"""

from __future__ import annotations

import errno
from datetime import date

import pytest
from textual.widgets import Static

from village_tui.app import VillageApp
from village_tui.domain.errors import ReadOnlyError
from village_tui.domain.models import Cadre, Household, LedgerItem, Meeting, VillageSettings, Visit
from village_tui.screens.visits.visits import VisitsScreen
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _lock_lost(*_args, **_kwargs):
    raise ReadOnlyError("只读：锁文件被删除或替换。刚才的内容没有保存。")


@pytest.fixture
def folder(tmp_path):
    service = VillageService.open(tmp_path)
    service.save_settings(VillageSettings(name="桃源村", township="桃源镇", county="田县", groups=["1组"]))
    service.save_cadre(Cadre(name="王建国", role="书记", term_start=date(2021, 1, 1)))
    service.save_household(Household(code="0001", head="赵春生", group="1组"))
    service.close()
    return tmp_path


@pytest.fixture
def service(folder):
    opened = VillageService.open(folder)
    opened.sign_in(1)
    yield opened
    opened.close()


def _reopened(folder) -> VillageService:
    return VillageService.open(folder, readonly=True)


def test_a_visit_and_its_ledger_item_land_together(service, folder):
    visit = service.save_visit_to_ledger(Visit(day=TODAY, cadre_id=1, household_id=1, learned="家里老人身体好",
                                               requests="村口路灯坏了"))
    service.close()
    kept = _reopened(folder)
    try:
        [stored] = kept.visits(2026).rows
        assert stored.ledger_item_id == visit.ledger_item_id
        assert kept.ledger_item(visit.ledger_item_id).visit_id == stored.id
    finally:
        kept.close()


def test_a_visit_whose_ledger_item_fails_is_not_saved_either(service, folder, monkeypatch):
    monkeypatch.setattr(service.areas.visits, "link_visit_to_ledger", _disk_full)
    with pytest.raises(OSError):
        service.save_visit_to_ledger(Visit(day=TODAY, cadre_id=1, household_id=1, requests="村口路灯坏了"))
    assert service.visits(2026).total == 0 and service.ledger_item_count(2026) == 0
    service.close()
    kept = _reopened(folder)
    try:
        assert kept.visits(2026).total == 0 and kept.ledger_item_count(2026) == 0
    finally:
        kept.close()


def test_a_ledger_item_from_a_visit_is_not_kept_when_the_link_fails(service, folder, monkeypatch):
    visit = service.save_visit(Visit(day=TODAY, cadre_id=1, household_id=1, requests="想问低保怎么申请"))
    monkeypatch.setattr(service.areas.visits, "link_visit_to_ledger", _disk_full)
    with pytest.raises(OSError):
        service.ledger_item_from_visit(visit.id)
    assert service.ledger_item_count(2026) == 0
    service.close()
    kept = _reopened(folder)
    try:
        assert kept.ledger_item_count(2026) == 0 and kept.visit(visit.id).ledger_item_id is None
    finally:
        kept.close()


def test_a_reception_whose_sign_in_fails_leaves_no_ledger_item(service, folder, monkeypatch):
    monkeypatch.setattr(service.areas.duty, "save_duty_day", _disk_full)
    with pytest.raises(OSError):
        service.receive_visitor(TODAY, 1, 1, "", "村东头的路灯坏了", "民情台账", "行路")
    assert service.ledger_item_count(2026) == 0
    service.close()
    kept = _reopened(folder)
    try:
        assert kept.ledger_item_count(2026) == 0 and kept.duty_day(TODAY) is None
    finally:
        kept.close()


def test_a_reception_whose_sign_in_fails_leaves_no_service_request(service, folder, monkeypatch):
    monkeypatch.setattr(service.areas.duty, "save_duty_day", _disk_full)
    with pytest.raises(OSError):
        service.receive_visitor(TODAY, 1, 1, "", "想办新农合", "便民服务", "医疗保险")
    service.close()
    kept = _reopened(folder)
    try:
        assert kept.requests(2026) == []
    finally:
        kept.close()


async def test_the_visit_form_keeps_the_entry_when_its_ledger_item_is_refused(service, folder, monkeypatch):
    """走访: 诉求转民情台账 ticked and the item refused: the form says so and nothing was half saved."""
    monkeypatch.setattr(service.areas.visits, "link_visit_to_ledger", _lock_lost)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VisitsScreen)
        await pilot.press(*"01", "enter", *"ok", "enter", *"xiulu")
        await pilot.press("tab", "tab", "tab", "space")  # past 矛盾纠纷 and 情绪疏导 to 诉求转民情台账
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.visits(2026).total == 0 and service.ledger_item_count(2026) == 0
        assert screen.is_dirty  # the typed entry is still there to save again
        assert "未保存：只读：锁文件被删除或替换" in str(screen.query_one("#form-message", Static).content)


def test_a_special_period_whose_roster_fails_is_not_kept(service, folder, monkeypatch):
    monkeypatch.setattr(service.areas.duty, "save_duty_day", _disk_full)
    with pytest.raises(OSError):
        service.add_special_period(date(2026, 12, 1), date(2026, 12, 3), "防火")
    service.close()
    kept = _reopened(folder)
    try:
        assert kept.special_periods() == []
    finally:
        kept.close()


def _fails_the_second_time(real):
    calls = []

    def wrapped(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            _disk_full()
        return real(*args, **kwargs)

    return wrapped


def test_escalating_after_the_meeting_keeps_none_when_the_second_item_fails(service, folder, monkeypatch):
    """分析会后一并上报: the second item's escalation is refused, so neither item goes up and no meeting is half kept."""
    items = [service.save_ledger_item(LedgerItem(day=date(2026, 11, day), source="走访", category="其他",
                                                 content=content, household_id=1, handler_id=1))
             for day, content in ((2, "村口路灯坏了"), (3, "水渠堵了"))]
    meeting = Meeting(day=TODAY, attendees=[1])
    monkeypatch.setattr(service.areas.ledger, "escalate", _fails_the_second_time(service.areas.ledger.escalate))
    with pytest.raises(OSError):
        service.escalate_after_meeting(meeting, [item.id for item in items])
    assert meeting.id is None and meeting.decisions == []  # the screen's meeting can be saved again
    service.close()
    kept = _reopened(folder)
    try:
        assert [kept.ledger_item(item.id).level for item in items] == ["村", "村"]
        assert kept.meeting_for_month(2026, 11) is None
    finally:
        kept.close()


def test_a_meeting_decision_whose_meeting_is_refused_changes_neither_the_item_nor_the_meeting(service, folder,
                                                                                              monkeypatch):
    """分析会指定承办人: the meeting's save is refused, so the item keeps no new handler and the
    screen's meeting holds no decision that never landed (saving it again would record one)."""
    service.save_cadre(Cadre(name="陈海峰", role="委员", term_start=date(2021, 1, 1)))
    item = service.save_ledger_item(LedgerItem(day=date(2026, 11, 2), source="走访", category="其他",
                                               content="村口路灯坏了", household_id=1, handler_id=1))
    meeting = Meeting(day=TODAY, attendees=[1])
    monkeypatch.setattr(service.areas.ledger, "save_meeting", _disk_full)
    with pytest.raises(OSError):
        service.decide(meeting, item.id, "请陈海峰负责", handler_id=2, action="指定承办人")
    assert meeting.id is None and meeting.decisions == []
    assert service.ledger_item(item.id).handler_id == 1
    service.close()
    kept = _reopened(folder)
    try:
        assert kept.ledger_item(item.id).handler_id == 1 and kept.ledger_item(item.id).status == "受理"
        assert kept.meeting_for_month(2026, 11) is None
    finally:
        kept.close()
