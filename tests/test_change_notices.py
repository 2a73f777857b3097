"""The service tells its subscribers what each committed save changed: kinds, months and ids."""

from __future__ import annotations

import errno
import threading
from datetime import date

import pytest

from village_tui.domain.changes import DataChange
from village_tui.domain.models import Cadre, Household, LedgerItem, VillageSettings, Visit
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组"]))
    svc.save_cadre(Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"]))
    svc.save_household(Household("0101", "赵春生", "1组"))
    svc.sign_in(1)
    return svc


@pytest.fixture
def told(service) -> list[DataChange]:
    changes: list[DataChange] = []
    service.on_change(changes.append)
    return changes


def test_a_visit_save_tells_its_kind_month_and_id(service, told):
    saved = service.save_visit(Visit(day=date(2026, 11, 20), cadre_id=1, household_id=1, learned="老人身体好"))
    [change] = told
    assert change.kinds == {"visits"}
    assert change.touches_month("visits", 2026, 11) and not change.touches_month("visits", 2026, 10)
    assert change.ids["visits"] == {saved.id}
    assert not change.touches("ledger", "settings")


def test_a_visit_with_its_ledger_item_is_one_notice_of_both_kinds(service, told):
    visit = service.save_visit_to_ledger(Visit(day=date(2026, 11, 20), cadre_id=1, household_id=1,
                                               requests="村口路灯坏了"))
    [change] = told  # one transaction, one notice
    assert change.kinds == {"visits", "ledger"}
    assert change.ids["ledger"] == {visit.ledger_item_id}
    assert change.touches_month("ledger", 2026, 11)


def test_moving_a_visit_to_another_month_names_both_months(service, told):
    saved = service.save_visit(Visit(day=date(2026, 10, 30), cadre_id=1, household_id=1, learned="问了医保"))
    told.clear()
    saved.day = date(2026, 11, 2)
    service.save_visit(saved, reason="日期记错")
    [change] = told
    assert change.months["visits"] == {(2026, 10), (2026, 11)}


def test_a_reference_record_bears_on_every_month(service, told):
    service.save_household(Household("0102", "钱秋月", "1组"))
    [change] = told
    assert change.touches_month("households", 2026, 11) and change.touches_month("households", 2019, 1)


def test_a_save_that_fails_tells_nobody(service, told, monkeypatch):
    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(service.areas.visits, "link_visit_to_ledger", disk_full)
    with pytest.raises(OSError):
        service.save_visit_to_ledger(Visit(day=TODAY, cadre_id=1, household_id=1, requests="村口路灯坏了"))
    assert told == []
    service.save_ledger_item(LedgerItem(day=TODAY, source="来访", category="行路", content="村道坑洼", household_id=1))
    assert [c.kinds for c in told] == [{"ledger"}]


def test_the_notice_leaves_once_the_saved_record_reads_back(service):
    """A subscriber reading at once (a screen in another thread) finds the record, never the state before."""
    seen: list[int] = []
    service.on_change(lambda change: seen.append(service.visits(2026).total))
    service.save_visit(Visit(day=TODAY, cadre_id=1, household_id=1, learned="老人身体好"))
    assert seen == [1]


def test_a_failing_subscriber_neither_undoes_the_save_nor_silences_the_others(service, told):
    def broken(_change: DataChange) -> None:
        raise RuntimeError("订阅者出错")

    service.on_change(broken)
    later: list[DataChange] = []
    service.on_change(later.append)
    service.save_visit(Visit(day=TODAY, cadre_id=1, household_id=1, learned="老人身体好"))
    assert service.visits(2026).total == 1 and len(told) == 1 and len(later) == 1


def test_an_ended_subscription_hears_nothing_more(service):
    heard: list[DataChange] = []
    stop = service.on_change(heard.append)
    stop()
    service.save_visit(Visit(day=TODAY, cadre_id=1, household_id=1, learned="老人身体好"))
    assert heard == []


def test_a_save_in_a_worker_thread_is_told_in_that_thread(service):
    threads: list[int] = []
    service.on_change(lambda _change: threads.append(threading.get_ident()))
    worker = threading.Thread(target=service.save_visit,
                              args=(Visit(day=TODAY, cadre_id=1, household_id=1, learned="老人身体好"),))
    worker.start()
    worker.join()
    assert threads == [worker.ident]
