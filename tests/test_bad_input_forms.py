"""Issue 13 item 6: every form field of the app tried with the bad input catalogue.

Each form is driven for real (``App.run_test``): the catalogue value is typed into one field while the
others hold valid input, then Ctrl+S. A bad value must leave the form open with a Chinese message and
save nothing; a good one (markup, escape sequences, full-width digits) is saved literally, with escape
sequences removed. The app must never crash or run an action hidden in ``[@click=...]`` markup.

Speed (issue 30 item 4): the catalogue of every form whose fields are declared is asserted without the
app, through each field's own converter and the form's own save, in ``test_bad_input_domain`` (it reads
the ``cases`` tables below). Here each such form keeps one pilot walk: one bad input typed, Ctrl+S, the
Chinese message, the focus on the bad field and nothing saved. A form without declared fields (the
reason dialog) still walks its whole catalogue: one app run per form, later cases reuse the form and run
the same save without a redraw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import pytest
from textual.screen import Screen
from textual.widgets import Input, Select

from tests.app_fixtures import make_village
from tests.bad_input_helpers import (
    ANY, BAD, BAD_CHECK_DIGIT, assert_focus_on, walk_case, BOLD, CHINESE, CLICK, EMOJI, EMPTY, ESCAPES, ESCAPES_CLEAN, FULLWIDTH_PHONE, FUTURE,
    FUTURE_BIRTH, IMPOSSIBLE, IMPOSSIBLE_BIRTH, LONG, MARKUP_CASES, OK, RED, SAVED_AS, field_cases, fresh_service,
    is_either, messages, clear_messages, record_text, save_by_action, set_value, settle, table_text)
from village_tui.app import VillageApp
from village_tui.domain.models import LedgerItem, Meeting
from village_tui.screens.cadres.cadre_form import CadreFormScreen
from village_tui.screens.duty.duty_dialogs import FillDialog, SignInDialog, SpecialPeriodDialog
from village_tui.screens.households.household_form import HouseholdFormScreen
from village_tui.screens.ledger.ledger_item_form import LedgerItemForm
from village_tui.screens.ledger.meeting_minutes import MeetingMinutesDialog
from village_tui.screens.pairing.pairing_form import PairingForm
from village_tui.widgets.dialogs.reason import ReasonDialog
from village_tui.service import VillageService
from village_tui.widgets.household_picker import HouseholdPicker

@dataclass
class Form:
    """One form: how to open it, valid input for every field, how to count and read saved records."""

    open: Callable[[VillageService], Screen]
    valid: dict[str, str]
    count: Callable[[VillageService], int]
    saved: Callable[[VillageService], object]
    cases: list[tuple[str, str, object]]
    choose: dict[str, object] = field(default_factory=dict)  # Select id -> value
    household: int | None = None  # HouseholdPicker choice
    save_key: str = "ctrl+s"


def last(items):
    return items[-1] if items else None


def ledger_items(s):
    return s.ledger_items(2026, limit=10_000)


FORMS: dict[str, Form] = {
    "household": Form(
        open=lambda s: HouseholdFormScreen(),
        valid={"code": "0100", "head": "赵新民", "id_number": "", "members": "3", "phone": "", "address": "村东头"},
        choose={"group": "3组"},
        count=lambda s: len(s.households()),
        saved=lambda s: max(s.households(), key=lambda h: h.id),
        cases=[
            *field_cases("code", (EMPTY, BAD), (LONG, BAD), (BOLD, OK(BOLD)), (ESCAPES, OK(ESCAPES_CLEAN))),
            *field_cases("head", (EMPTY, BAD), (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
            *field_cases("id_number", (BAD_CHECK_DIGIT, BAD), (IMPOSSIBLE_BIRTH, BAD), (FUTURE_BIRTH, BAD),
                         (BOLD, BAD), (EMOJI, BAD)),
            *field_cases("members", (EMPTY, BAD), ("三", BAD), ("-1", BAD), ("９９９９９", BAD), ("５", SAVED_AS(5, lambda h: h.members))),
            *field_cases("phone", (FULLWIDTH_PHONE, OK("13812345678")), ("12345", BAD), (EMOJI, BAD), (BOLD, BAD),
                         (LONG, BAD)),
            *field_cases("address", (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
        ]),
    "cadre": Form(
        open=lambda s: CadreFormScreen(),
        valid={"name": "孙立新", "term_start": "2024-01-05", "term_end": "", "phone": ""},
        count=lambda s: len(s.cadres()),
        saved=lambda s: max(s.cadres(), key=lambda c: c.id),
        cases=[
            *field_cases("name", (EMPTY, BAD), (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
            *field_cases("term_start", (EMPTY, BAD), (IMPOSSIBLE, BAD), (BOLD, BAD), (ESCAPES, BAD)),
            *field_cases("term_end", (IMPOSSIBLE, BAD), ("2020-01-01", BAD), (LONG, BAD)),
            *field_cases("phone", (FULLWIDTH_PHONE, OK("13812345678")), ("12345", BAD), (EMOJI, BAD), (CLICK, BAD)),
        ]),
    "ledger item": Form(
        open=lambda s: LedgerItemForm(),
        valid={"day": "2026-11-20", "reporter": "", "content": "路灯坏了", "due": ""},
        choose={"category": "行路"},  # no default category any more: the cadre picks one
        household=1,
        count=lambda s: len(ledger_items(s)),
        saved=lambda s: max(ledger_items(s), key=lambda i: i.id),
        cases=[
            *field_cases("day", (EMPTY, BAD), (IMPOSSIBLE, BAD), (FUTURE, BAD), (CLICK, BAD)),
            *field_cases("content", (EMPTY, BAD), (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
            *field_cases("reporter", (LONG, BAD), *MARKUP_CASES),
            *field_cases("due", (IMPOSSIBLE, BAD), ("2026-01-01", BAD), (RED, BAD)),
        ]),
    "pairing": Form(
        open=lambda s: PairingForm(),
        valid={"start": "2026-01-01", "end": "", "goals": "年底前增收"},
        household=2,
        count=lambda s: len(s.pairings()),
        saved=lambda s: max(s.pairings(), key=lambda p: p.id),
        cases=[
            *field_cases("start", (EMPTY, BAD), (IMPOSSIBLE, BAD), (BOLD, BAD)),
            *field_cases("end", (IMPOSSIBLE, BAD), ("2025-01-01", BAD)),
            *field_cases("goals", (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
        ]),
    "duty sign-in": Form(
        open=lambda s: SignInDialog(date(2026, 11, 26)),
        valid={"time": "08:30", "visitors": "2", "note": "来访群众反映路灯"},
        choose={"cadre": 1},
        count=lambda s: len(s.duty_day(date(2026, 11, 26)).signins) if s.duty_day(date(2026, 11, 26)) else 0,
        saved=lambda s: s.duty_day(date(2026, 11, 26)),
        cases=[
            *field_cases("time", ("25:61", BAD), (BOLD, BAD), ("０８：３０", SAVED_AS("08:30", lambda d: d.signins[-1].time)), (EMOJI, BAD)),
            *field_cases("visitors", ("三", BAD), ("-1", BAD), (LONG, BAD), ("３", SAVED_AS(3, lambda d: d.signins[-1].visitors))),
            *field_cases("note", (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), (BOLD, OK(BOLD))),
        ]),
    "duty special period": Form(
        open=lambda s: SpecialPeriodDialog(date(2026, 12, 1)),
        valid={"start": "2026-12-01", "end": "2026-12-05", "reason": "森林防火"},
        count=lambda s: len(s.special_periods()),
        saved=lambda s: last(s.special_periods()),
        cases=[
            *field_cases("start", (EMPTY, BAD), (IMPOSSIBLE, BAD), (CLICK, BAD)),
            *field_cases("end", ("2026-11-01", BAD), ("2026-02-30", BAD)),
            *field_cases("reason", (EMPTY, BAD), (LONG, BAD), (BOLD, OK(BOLD)), (CLICK, OK(CLICK))),
        ]),
    "duty fill": Form(
        open=lambda s: FillDialog(2026, 12),
        valid={"per_day": "2"},
        count=lambda s: len(s.duty_month(2026, 12)),
        saved=lambda s: None,
        cases=field_cases("per_day", (EMPTY, BAD), ("两", BAD), ("0", BAD), (LONG, BAD), (BOLD, BAD)),
    ),
    "reason (archive household)": Form(
        open=lambda s: ReasonDialog("归档农户 0004 王大山", lambda reason: s.archive_household(4, reason)),
        valid={"reason": "迁出本村"},
        count=lambda s: sum(h.archived for h in s.households(include_archived=True)),
        saved=lambda s: s.household(4),
        save_key="enter",
        cases=field_cases("reason", (EMPTY, BAD), (LONG, BAD), (CLICK, OK(CLICK))),
    ),
    "meeting minutes": Form(
        open=lambda s: MeetingMinutesDialog(Meeting(day=date(2026, 11, 25), attendees=[1])),
        valid={"meeting-day": "2026-11-25", "minutes": "议定两件"},
        count=lambda s: 1 if s.meeting_for_month(2026, 11) and s.meeting_for_month(2026, 11).minutes else 0,
        saved=lambda s: s.meeting_for_month(2026, 11),
        cases=[
            *field_cases("meeting-day", (EMPTY, BAD), (IMPOSSIBLE, BAD), (FUTURE, BAD)),
            *field_cases("minutes", ("长" * 4001, BAD), (BOLD + "\n" + CLICK, OK(CLICK))),
        ]),
}


async def open_form(app: VillageApp, pilot, form: Form) -> Screen:
    screen = form.open(app.service)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


async def try_case(app: VillageApp, pilot, form: Form, screen: Screen, name: str, value: str,
                   expect, by_key: bool = True) -> Screen | None:
    """One catalogue value in one field of the open form; returns the form when it is still open.

    ``by_key``: the save key is pressed and the app redrawn, and a saved form must close. Otherwise (a
    form whose key was already pressed) the same save runs without a redraw: a refused value through the
    action the key is bound to; a value that saves on a fresh copy of the village, keeping the form open
    (``save_now(leaving=True)``), so the next case needs no new form.
    """
    fast = not by_key and form.save_key == "ctrl+s"
    keep_open = fast and expect not in (BAD, ANY) and not is_either(expect)
    if keep_open:
        app.service = fresh_service()
    service = app.service
    before = form.count(service)
    for widget_id, text in form.valid.items():
        set_value(screen, widget_id, text)
    for widget_id, choice in form.choose.items():
        screen.query_one(f"#{widget_id}", Select).value = choice
    if form.household is not None:
        screen.query_one(HouseholdPicker).set_household(service.household(form.household))
    set_value(screen, name, value)
    if form.save_key == "enter":
        screen.query_one(f"#{name}", Input).focus()
    if not fast:
        clear_messages(screen)
        await pilot.pause()
        await pilot.press(form.save_key)
        await pilot.pause()
        if isinstance(app.screen, HouseholdFormScreen) and app.screen is screen and "可能重复" in messages(screen):
            await pilot.press("ctrl+s")  # confirm the duplicate warning
            await pilot.pause()
    else:
        await settle(app)  # the typed values' own messages first, so they cannot speak for the save
        clear_messages(screen)
        if keep_open:
            kept_saved = screen.save_now(leaving=True)
            if not kept_saved and "可能重复" in messages(screen):
                kept_saved = screen.save_now(leaving=True)  # confirm the duplicate warning
            await app.workers.wait_for_complete()
            await settle(app)
        else:
            await save_by_action(app, screen)
            if app.screen is not screen:
                await pilot.pause()
    label = f"{name}={value[:30]!r}"
    assert app.is_running, label
    if expect == BAD:
        assert app.screen is screen, f"{label}: form closed"
        shown = messages(screen)
        assert CHINESE.search(shown), f"{label}: no Chinese message ({shown!r})"
        assert form.count(service) == before, f"{label}: saved although bad"
        if by_key:
            assert_focus_on(screen, name)
        return screen
    if expect == ANY or is_either(expect):
        if app.screen is screen:
            assert form.count(service) == before and CHINESE.search(messages(screen)), label
            return screen
        if is_either(expect):  # saved: read back what was saved (「５」 must not become 0)
            _, expected, read = expect
            saved = form.saved(service)
            if read is not None:
                assert read(saved) == expected, f"{label}: saved as {read(saved)!r}"
            else:
                assert expected in record_text(saved).split(), f"{label}: saved as {record_text(saved)[:200]}"
        return None
    if keep_open:
        assert kept_saved and app.screen is screen, f"{label}: not saved: {messages(screen)}"
    else:
        assert app.screen is not screen, f"{label}: not saved: {messages(screen)}"
    text = record_text(form.saved(service))
    assert expect[1] in text, f"{label}: saved as {text[:200]}"
    assert "\x1b" not in text and "\x07" not in text, label
    return screen if keep_open else None


#: Forms without declared fields, whose catalogue only the pilot can try (the others: test_bad_input_domain).
WHOLE_CATALOGUE = ("reason (archive household)",)


def walked_cases(form_name: str) -> list[tuple[str, str, object]]:
    """The cases the pilot walks for ``form_name``: the whole catalogue, or the one bad input of its walk."""
    form = FORMS[form_name]
    if form_name in WHOLE_CATALOGUE:
        return form.cases
    return [walk_case(form.cases)]


@pytest.mark.parametrize("form_name", list(FORMS))
async def test_every_field_of_the_form_takes_the_catalogue(form_name):
    form = FORMS[form_name]
    # One app run per form. The first case on each opened form presses the save key; later cases reuse the
    # form (resetting every field and message first), a saving one on a fresh copy of the village.
    app = VillageApp(fresh_service(), operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.push_screen(Screen())  # forms open over a blank screen: no home screen to redraw per case
        screen = None
        for name, value, expect in walked_cases(form_name):
            by_key = screen is None
            if screen is None:
                app.service = fresh_service()
                screen = await open_form(app, pilot, form)
            if by_key:
                screen = await try_case(app, pilot, form, screen, name, value, expect, by_key)
                continue
            with app.batch_update():  # nothing looks at the screen between these saves: no layout, no redraw
                screen = await try_case(app, pilot, form, screen, name, value, expect, by_key)
        assert app.is_running


# -- shown literally in lists, and sensitive items hidden ----------------------------------------

def marked_village() -> VillageService:
    """A village whose names and texts are all markup, plus one sensitive ledger item of household 1."""
    service = make_village()
    service.sign_in(1)
    settings = service.settings()
    settings.name = "[b]粗体村[/b]"
    service.save_settings(settings)
    cadre = service.cadre(1)
    cadre.name = CLICK
    service.save_cadre(cadre)
    household = service.household(1)
    household.head = BOLD
    service.save_household(household)
    service.save_ledger_item(LedgerItem(day=date(2026, 11, 20), source="来访", category="住房",
                                        content="[red]屋顶漏雨", household_id=1))
    service.save_ledger_item(LedgerItem(day=date(2026, 11, 21), source="来访", category="矛盾纠纷",
                                        content="宅基地纠纷上访", household_id=1, sensitive=True))
    service.save_matter(BOLD, "住房")
    return service


async def test_markup_is_shown_literally_in_every_list_and_sensitive_items_stay_hidden():
    service = marked_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert BOLD in table_text(app.screen)
        await pilot.press("f10")
        await pilot.pause()
        assert CLICK in table_text(app.screen)
        await pilot.press("f8")
        await pilot.pause()
        assert BOLD in table_text(app.screen)
        await pilot.press("f7")
        await pilot.pause()
        ledger = table_text(app.screen)
        assert "[red]屋顶漏雨" in ledger and "宅基地" not in ledger and "（敏感事项，内容不显示）" in ledger
        await pilot.press("m")  # the month's meeting agenda
        await pilot.pause()
        agenda = table_text(app.screen)
        assert "[red]屋顶漏雨" in agenda and "宅基地" not in agenda and "（敏感事项，内容不显示）" in agenda
        app.notify(f"已保存：{CLICK}")  # a notification quoting user text is literal too
        await pilot.pause()
        assert app.is_running
    assert app.return_code is None or app.return_code == 0


async def test_household_profile_hides_sensitive_items():
    from village_tui.screens.households.household_profile import HouseholdProfileScreen

    service = marked_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.push_screen(HouseholdProfileScreen(1))
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = table_text(app.screen) + str(app.screen.query_one("#profile-head").render())
        assert BOLD in shown and "[red]屋顶漏雨" in shown
        assert "宅基地" not in shown and "（敏感事项，内容不显示）" in shown


async def test_import_path_field_takes_the_catalogue():
    from village_tui.screens.exchange.import_screen import ImportScreen

    app = VillageApp(fresh_service(), operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = ImportScreen()
        await app.push_screen(screen)
        await pilot.pause()
        for value in (EMPTY, LONG, BOLD, CLICK, ESCAPES, EMOJI, "/不存在/[b]台账[/b].xlsx"):
            screen.query_one("#import-path", Input).value = value
            screen.query_one("#import-path", Input).focus()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.is_running and app.screen is screen, repr(value)
            summary = str(screen.query_one("#import-summary").render())
            assert CHINESE.search(summary), repr(value)
        assert "[b]台账[/b]" in summary


async def test_export_and_report_fields_take_the_catalogue(tmp_path, monkeypatch):
    from village_tui.screens.exchange.exchange import ExchangeScreen

    monkeypatch.chdir(tmp_path)  # relative names are written beside the working folder

    app = VillageApp(fresh_service(), operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f11")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExchangeScreen)
        for value in (LONG, "/" + "长" * 300 + "/x", BOLD, CLICK, ESCAPES, EMOJI, "a\x00b"):
            for widget_id, action in (("export-dest", "export"), ("report-file", "report")):
                screen.query_one("#report-period", Input).value = "2026-11"
                screen.query_one(f"#{widget_id}", Input).value = value
                await screen.run_action(action)
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert app.is_running and app.screen is screen, (widget_id, value[:20])
                shown = messages(screen) + str(screen.query_one("#report-result").render())
                assert CHINESE.search(shown), (widget_id, value[:20])


async def test_home_screen_hides_sensitive_overdue_items():
    service = make_village()
    service.sign_in(1)
    service.save_ledger_item(LedgerItem(day=date(2026, 9, 1), source="来访", category="矛盾纠纷",
                                        content="宅基地纠纷上访", household_id=1, sensitive=True))
    service.save_ledger_item(LedgerItem(day=date(2026, 9, 2), source="来访", category="住房",
                                        content="[b]屋顶漏雨[/b]", household_id=2))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = table_text(app.screen)
        assert "[b]屋顶漏雨[/b]" in shown  # the overdue list is there, literally
        assert "宅基地" not in shown and "（敏感事项，内容不显示）" in shown
