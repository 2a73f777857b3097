"""Lists read their records again when a save touched a kind they show, and only then."""

from __future__ import annotations

import threading
from datetime import date

from textual.widgets import DataTable, Input

from app_fixtures import TODAY, make_village
from village_tui.app import VillageApp
from village_tui.domain.models import Household, LedgerItem, Visit
from village_tui.screens.households.households import HouseholdsScreen
from village_tui.screens.ledger.ledger import LedgerScreen
from village_tui.screens.visits.visit_list import VisitListScreen
from village_tui.screens.visits.visits import VisitsScreen
from village_tui.widgets.worklist_summary import WorklistSummary


def _counting(monkeypatch, cls, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(cls, name)

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counted)
    return calls


def _in_a_worker(save, *args) -> None:
    saver = threading.Thread(target=save, args=args)
    saver.start()
    saver.join()


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _column(table: DataTable, column: int) -> list[str]:
    return [str(table.get_row_at(n)[column]) for n in range(table.row_count)]


async def test_households_read_again_only_when_a_household_was_saved(monkeypatch):
    service = make_village()
    reads = _counting(monkeypatch, HouseholdsScreen, "reload")
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await _settle(pilot)
        assert isinstance(app.screen, HouseholdsScreen)
        assert len(reads) == 1
        await pilot.press("enter")  # the profile of 0001, and back without saving
        await _settle(pilot)
        assert type(app.screen).__name__ == "HouseholdProfileScreen"
        await pilot.press("escape")
        await _settle(pilot)
        assert isinstance(app.screen, HouseholdsScreen)
        assert len(reads) == 1  # nothing saved: the list is not read again
        _in_a_worker(service.save_visit, Visit(day=TODAY, cadre_id=1, household_id=1, learned="老人身体好"))
        await _settle(pilot)
        assert len(reads) == 1  # a visit is not a kind the list shows
        household = service.household_by_code("0002")
        household.head = "曾晓明"
        _in_a_worker(service.save_household, household)
        await _settle(pilot)
        assert len(reads) == 2
        assert "曾晓明" in _column(app.screen.query_one(DataTable), 1)  # the new name shows at once


async def test_a_visit_voided_on_the_list_is_no_longer_counted_under_the_form():
    service = make_village()
    for n, code in enumerate(("0001", "0002"), start=1):
        service.save_visit(Visit(day=date(2026, 11, 3 + n), cadre_id=1, household_id=service.household_by_code(code).id,
                                 learned="走访了解情况"))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        await _settle(pilot)
        form = app.screen
        assert isinstance(form, VisitsScreen)
        assert "本月走访 2/10 户" in form.query_one(WorklistSummary).plain
        await pilot.press("ctrl+r")
        await _settle(pilot)
        assert isinstance(app.screen, VisitListScreen)
        await pilot.press("delete")
        await _settle(pilot)
        await pilot.press(*"chongfu")
        app.screen.query_one(Input).value = "重复登记"
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, VisitListScreen)
        assert service.visits(2026, 11).total == 1
        await pilot.press("escape")
        await _settle(pilot)
        assert app.screen is form
        assert "本月走访 1/10 户" in form.query_one(WorklistSummary).plain


async def test_the_ledger_shows_an_item_saved_elsewhere_and_ignores_other_kinds(monkeypatch):
    service = make_village()
    reads = _counting(monkeypatch, LedgerScreen, "refresh_data")
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f7")
        await _settle(pilot)
        assert isinstance(app.screen, LedgerScreen)
        assert len(reads) == 1
        _in_a_worker(service.save_household, Household(code="0005", head="钱秋月", group="1组"))
        _in_a_worker(service.save_matter, "修建村口便桥", "行路")
        await _settle(pilot)
        assert len(reads) == 2  # a household may be named on the list; a matter is not shown
        _in_a_worker(service.save_ledger_item, LedgerItem(day=TODAY, source="来访", category="行路",
                                                          content="村道坑洼", household_id=1))
        await _settle(pilot)
        assert len(reads) == 3
        assert any("村道坑洼" in cell for cell in _column(app.screen.query_one(DataTable), 4))


async def test_one_save_is_one_message_to_each_screen_on_the_stack(monkeypatch):
    service = make_village()
    heard: list[object] = []
    original = HouseholdsScreen.on_data_changed

    def counted(self, event):
        heard.append(event.change)
        return original(self, event)

    monkeypatch.setattr(HouseholdsScreen, "on_data_changed", counted)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await _settle(pilot)
        _in_a_worker(service.save_household, Household(code="0005", head="钱秋月", group="1组"))
        for _ in range(5):
            await pilot.pause()  # a notice echoed back to the app would arrive again meanwhile
        assert [sorted(change.kinds) for change in heard] == [["households"]]
