"""The forms ask from which day a changed dated fact holds (生效日期), default today (issue 16.1)."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, Input, Select

from app_fixtures import TODAY, make_village
from village_tui.app import VillageApp


def _field(screen, name: str):
    return next(f for f in screen.query("FormField") if f.name == name)


async def test_household_form_asks_from_which_day_a_changed_away_mark_holds():
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.press("e")  # the first household, 0001 王大山, at home
        await pilot.pause()
        form = app.screen
        assert not _field(form, "since").display, "nothing dated changed yet: no 生效日期"
        form.query_one("#away", Checkbox).value = True
        await pilot.pause()
        assert _field(form, "since").display
        form.query_one("#since", Input).value = "2026-12-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "晚于今天" in (_field(form, "since").error or "")
        form.query_one("#since", Input).value = "2026-11-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    saved = service.household_by_code("0001")
    assert saved.away and saved.away_on(date(2026, 11, 1)) and not saved.away_on(date(2026, 10, 31))


async def test_household_form_group_change_without_a_day_holds_from_today():
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#group", Select).value = "3组"
        await pilot.pause()
        assert _field(form, "since").display
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = service.household_by_code("0001")
    assert saved.group == "3组" and saved.group_on(TODAY) == "3组" and saved.group_on(date(2026, 11, 26)) == "1组"


async def test_cadre_form_asks_from_which_day_a_new_role_holds():
    from village_tui.screens.cadres.cadre_form import CadreFormScreen

    service = make_village()
    li = next(c for c in service.cadres() if c.name == "李秀英")
    app = VillageApp(service, operator_id=li.id)
    async with app.run_test(size=(80, 34)) as pilot:
        await pilot.pause()
        form = CadreFormScreen(service.cadre(li.id))
        app.push_screen(form)
        await pilot.pause()
        assert not _field(form, "since").display
        form.query_one("#role", Select).value = "主任"
        await pilot.pause()
        assert _field(form, "since").display
        form.query_one("#since", Input).value = "2026-10-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    saved = service.cadre(li.id)
    assert saved.role == "主任" and saved.role_on(date(2026, 9, 30)) == "委员" and saved.is_main_on(date(2026, 10, 1))


async def test_settings_set_the_assessment_weights():
    from village_tui.screens.settings.settings import SettingsScreen

    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 34)) as pilot:
        await pilot.pause()
        screen = SettingsScreen()
        app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#assessment_weights", Input).value = "R99 2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "无法识别" in (_field(screen, "assessment_weights").error or "")
        assert service.settings().assessment_weights == {}
        screen.query_one("#assessment_weights", Input).value = "R6 2，R12走访 1.5"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert service.settings().assessment_weights == {"R6": 2.0, "R12走访": 1.5}


async def test_archiving_a_household_asks_from_which_day_and_keeps_earlier_months():
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("r")  # archive the first household, 0001 王大山
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "ArchiveDialog"
        dialog.query_one("#day", Input).value = "2026-06-15"
        dialog.query_one("#reason", Input).value = "迁往县城"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog, "registered on 11-27: it cannot have left in June"
        assert "不能早于登记日期" in str(dialog.query_one("#reason-error").render())
        dialog.query_one("#day", Input).value = "2026-11-27"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdsScreen"
    archived = service.household_by_code("0001")
    assert archived.archived and archived.left_on == TODAY
    assert not archived.resident_on(TODAY)
