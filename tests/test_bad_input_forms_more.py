"""Issue 13 item 6, continued: the rest of the app's forms tried with the bad input catalogue.

Covers the visit entry form (F5), the duty swap reason, the new-matter and matter step forms (F8), the
service request form (F9), the meeting decision dialog, ending, cancelling and visiting a pairing, the
leave and visitor dialogs, the settings screen (F12) and the first-run setup. Each case puts valid text
in every field and one catalogue value in one field, then saves. A bad value must leave the stored data
exactly as it was and show a Chinese message; a good one (markup, escape sequences) is stored literally,
with escape sequences removed. The app must never crash or run an action hidden in ``[@click=...]``.

Speed (issue 30 item 4): the catalogue of every form whose fields it can read without widgets is asserted
without the app, through each field's own converter and the form's own save, in ``test_bad_input_domain``
(it reads the ``cases`` tables below). Here each such form keeps one pilot walk (one bad input typed,
Ctrl+S, the Chinese message, the focus on the bad field and nothing saved) and the cases only the screen
can show: a saved text drawn literally in the list behind the form. The first-run setup, whose cadre
fields are read from their widgets, still walks its whole catalogue: one app run per form, later cases
reuse the form and run the same save without a redraw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Awaitable, Callable

import pytest
from textual.screen import Screen
from textual.widgets import Select

from tests.app_fixtures import TODAY
from tests.bad_input_helpers import (
    ANY, BAD, BOLD, CHINESE, CLICK, EMOJI, EMPTY, ESCAPES, FUTURE, IMPOSSIBLE, LONG, MARKUP_CASES, OK, RED, SAVED_AS,
    assert_focus_on, clear_messages, field_cases, fresh_service, is_either, messages, new_words, record_text, save_by_action, set_value,
    settle, table_text, walk_case)
from village_tui.app import VillageApp
from village_tui.domain.models import LedgerItem, Meeting, Pairing
from village_tui.screens.duty.duty_dialogs import SwapDialog
from village_tui.screens.duty.leave_dialog import LeaveDialog
from village_tui.screens.matters.matters import MattersScreen
from village_tui.screens.ledger.meeting_decision import MeetingDecisionDialog
from village_tui.screens.pairing.pairing_close import PairingCloseDialog
from village_tui.screens.pairing.pairing_visit import PairingVisitDialog
from village_tui.screens.desk.service_desk import ServiceDeskScreen
from village_tui.screens.settings.settings import SettingsScreen
from village_tui.screens.shell.setup import SetupScreen
from village_tui.screens.duty.visitor_dialog import VisitorDialog
from village_tui.screens.visits.visits import VisitsScreen
from village_tui.service import VillageService
from village_tui.widgets.household_picker import HouseholdPicker

FULLWIDTH_DAY = "２０２６－１１－２０"
SWAP_DAY = date(2026, 11, 30)


@dataclass
class Spec:
    """One form: how to open it on a village, valid text per field, and the stored state it may change."""

    open: Callable[[VillageApp], Awaitable[Screen]]
    valid: dict[str, str]
    state: Callable[[VillageService], str]
    cases: list[tuple[str, str, object]]
    prepare: Callable[[Screen, VillageService], None] = lambda screen, service: None
    village: Callable[[], VillageService] = fresh_service
    shown: Callable[[VillageApp], str] | None = None  # where a saved text shows up right after saving
    shown_fields: tuple[str, ...] = ()  # the fields ``shown`` displays


async def push(app: VillageApp, screen: Screen) -> Screen:
    await app.push_screen(screen)
    return screen


async def open_pane(app: VillageApp, screen: Screen, action: str) -> Screen:
    """Open an area screen and run its action, which opens the form over it; the form is returned."""
    await app.push_screen(screen)
    await app.workers.wait_for_complete()
    getattr(screen, action)()
    return app.screen


def choose(**values) -> Callable[[Screen, VillageService], None]:
    def prepare(screen: Screen, service: VillageService) -> None:
        for widget_id, value in values.items():
            if widget_id == "household":
                screen.query_one(HouseholdPicker).set_household(service.household(value))
            else:
                screen.query_one(f"#{widget_id}", Select).value = value
    prepare.values = values  # type: ignore[attr-defined]  # read by the domain-level tests
    return prepare


# -- villages ---------------------------------------------------------------------------------------

def swap_village() -> VillageService:
    service = fresh_service()
    service.set_roster(SWAP_DAY, [1])
    return service


def matter_village(steps: int = 0) -> VillageService:
    from village_tui.domain.models import MatterStep

    service = fresh_service()
    matter = service.save_matter("三组饮水管网改造", service.settings().ledger_categories[0])
    if steps:
        service.record_step(matter.id, MatterStep(step="干群议事", day=date(2026, 11, 2), content="商议改造",
                                                  villagers=12))
    return service


def ledger_village() -> VillageService:
    service = fresh_service()
    service.save_ledger_item(LedgerItem(day=date(2026, 11, 20), source="来访", category="住房",
                                        content="屋顶漏雨", household_id=1))
    return service


def pairing_village() -> VillageService:
    service = fresh_service()
    service.save_pairing(Pairing(cadre_id=1, household_id=2, kind="帮扶", start=date(2026, 1, 1)))
    return service


def signed_in_village() -> VillageService:
    service = fresh_service()
    service.duty_sign_in(1, date(2026, 11, 26), "08:30", "0", "")
    return service


def empty_village() -> VillageService:
    return VillageService.in_memory(today=TODAY)


# -- openers ----------------------------------------------------------------------------------------

async def open_decision(app: VillageApp) -> Screen:
    service = app.service
    item = service.ledger_items(2026, limit=10)[0]
    held = {"meeting": Meeting(day=date(2026, 11, 25), attendees=[1, 2])}

    def save(decided) -> None:
        held["meeting"] = service.decide(held["meeting"], decided.item_id, decided.decision, decided.handler_id,
                                         decided.due, decided.action, feedback=decided.feedback,
                                         satisfaction=decided.satisfaction)
    return await push(app, MeetingDecisionDialog(item, "王大山", save))


async def open_pairing(app: VillageApp, cancel: bool = False, visit: bool = False) -> Screen:
    service = app.service
    pairing = service.pairings()[0]
    if visit:
        return await push(app, PairingVisitDialog(pairing, "张建国", service.household(2), date(2026, 11, 26)))
    return await push(app, PairingCloseDialog(pairing, "张建国 帮扶 曾小明", cancel=cancel))


def visits_state(s: VillageService) -> str:
    return record_text(s.visits(2026, limit=10_000))


def pairing_state(s: VillageService) -> str:
    return record_text([s.pairings(include_cancelled=True), s.visits(2026, limit=10_000)])


SPECS: dict[str, Spec] = {
    "visit entry (F5)": Spec(
        open=lambda app: push(app, VisitsScreen()),
        valid={"visit-day": "2026-11-20", "visit-learned": "家中老人身体好", "visit-requests": ""},
        prepare=choose(household=1),
        state=visits_state,
        cases=[
            *field_cases("visit-day", (EMPTY, BAD), (IMPOSSIBLE, BAD), (FUTURE, BAD), (BOLD, BAD), (CLICK, BAD),
                         (ESCAPES, BAD), (EMOJI, BAD), (FULLWIDTH_DAY, OK("2026-11-20"))),
            *field_cases("visit-learned", (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
            *field_cases("visit-requests", (LONG, BAD), (BOLD, OK(BOLD)), (CLICK, OK(CLICK))),
        ]),
    "duty swap reason": Spec(
        open=lambda app: push(app, SwapDialog(SWAP_DAY)),
        valid={"reason": "家中有事"},
        prepare=choose(**{"from": 1, "to": 2}),
        village=swap_village,
        state=lambda s: record_text(s.duty_day(SWAP_DAY)),
        cases=field_cases("reason", (EMPTY, BAD), (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES)),
    "new matter (F8)": Spec(
        open=lambda app: open_pane(app, MattersScreen(), "action_new_matter"),
        valid={"title": "三组道路硬化"},
        state=lambda s: record_text(s.matters(include_cancelled=True)),
        shown=lambda app: table_text(app.screen),
        shown_fields=("title",),
        cases=field_cases("title", (EMPTY, BAD), (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES)),
    "matter step 干群议事 (F8)": Spec(
        open=lambda app: open_pane(app, MattersScreen(), "action_record_step"),
        valid={"day": "2026-11-20", "participants": "张建国、李秀英", "villagers": "12", "content": "商议改造",
               "outcome": "同意改造"},
        village=matter_village,
        state=lambda s: record_text(s.matters(include_cancelled=True)),
        cases=[
            *field_cases("day", (EMPTY, BAD), (IMPOSSIBLE, BAD), (FUTURE, BAD), (BOLD, BAD), (EMOJI, BAD),
                         (FULLWIDTH_DAY, OK("2026-11-20"))),
            *field_cases("villagers", ("三", BAD), ("-1", BAD), (LONG, BAD), ("１２", SAVED_AS("12"))),
            *field_cases("participants", (LONG, BAD), (BOLD, OK(BOLD))),
            *field_cases("content", (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
            *field_cases("outcome", (LONG, BAD), (CLICK, OK(CLICK))),
        ]),
    "matter step 集体定事 (F8)": Spec(
        open=lambda app: open_pane(app, MattersScreen(), "action_record_step"),
        valid={"day": "2026-11-20", "participants": "张建国、李秀英", "villagers": "0", "content": "两委会议定",
               "outcome": "通过", "votes_for": "5", "votes_against": "0"},
        village=lambda: matter_village(steps=1),
        state=lambda s: record_text(s.matters(include_cancelled=True)),
        cases=[
            *field_cases("votes_for", ("五", BAD), ("-1", BAD), (LONG, BAD), (BOLD, BAD)),
            *field_cases("votes_against", ("１", SAVED_AS("1")), (EMOJI, BAD)),
        ]),
    "service request (F9)": Spec(
        open=lambda app: open_pane(app, ServiceDeskScreen(), "action_new_request"),
        valid={"applicant": "王大山", "day": "2026-11-26", "note": ""},
        prepare=choose(household=1),
        state=lambda s: record_text(s.requests(2026, limit=10_000)),
        shown=lambda app: table_text(app.screen),
        shown_fields=("applicant",),
        cases=[
            *field_cases("day", (EMPTY, BAD), (IMPOSSIBLE, BAD), (FUTURE, BAD), (RED, BAD)),
            *field_cases("applicant", (EMPTY, ANY), (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
            *field_cases("note", (LONG, BAD), (BOLD, OK(BOLD)), (CLICK, OK(CLICK))),
        ]),
    "meeting decision": Spec(
        open=open_decision,
        valid={"decision": "由张建国负责月底前修复", "due": "", "feedback": ""},
        village=ledger_village,
        state=lambda s: record_text([s.meeting_for_month(2026, 11), s.ledger_items(2026, limit=100)]),
        cases=[
            *field_cases("decision", (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
            *field_cases("due", (IMPOSSIBLE, BAD), (BOLD, BAD), (CLICK, BAD)),
            # 群众意见 is only stored when the item is closed; otherwise it must not be stored at all.
            *field_cases("feedback", (LONG, SAVED_AS(LONG))),
        ]),
    "pairing end": Spec(
        open=open_pairing,
        valid={"end": "2026-11-20", "reason": "已脱贫"},
        village=pairing_village,
        state=pairing_state,
        cases=[
            *field_cases("end", (EMPTY, BAD), (IMPOSSIBLE, BAD), ("2025-06-01", BAD), (BOLD, BAD)),
            # The end reason is written to the audit log; the pairing itself records the last day.
            *field_cases("reason", (EMPTY, BAD), (LONG, BAD), (EMOJI, SAVED_AS("2026-11-20")), (BOLD, OK("2026-11-20")),
                         (CLICK, OK("2026-11-20"))),
        ]),
    "pairing cancel": Spec(
        open=lambda app: open_pairing(app, cancel=True),
        valid={"reason": "录错了农户"},
        village=pairing_village,
        state=pairing_state,
        cases=field_cases("reason", (EMPTY, BAD), (LONG, BAD), (BOLD, OK(BOLD)), (CLICK, OK(CLICK)),
                          (ESCAPES, OK("王红字")))),
    "pairing visit": Spec(
        open=lambda app: open_pairing(app, visit=True),
        valid={"day": "2026-11-26", "help_given": "送去慰问金500元"},
        village=pairing_village,
        state=pairing_state,
        cases=[
            *field_cases("day", (EMPTY, BAD), (IMPOSSIBLE, BAD), (FUTURE, BAD), (CLICK, BAD)),
            *field_cases("help_given", (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
        ]),
    "leave": Spec(
        open=lambda app: push(app, LeaveDialog(1)),
        valid={"start": "2026-12-01", "end": "2026-12-03", "reason": "外出培训"},
        state=lambda s: record_text(s.cadre(1)),
        cases=[
            *field_cases("start", (EMPTY, BAD), (IMPOSSIBLE, BAD), (BOLD, BAD), (EMOJI, BAD)),
            *field_cases("end", ("2026-11-01", BAD), (IMPOSSIBLE, BAD)),
            *field_cases("reason", (EMPTY, ANY), (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),  # 事由 may be empty
        ]),
    "visitor": Spec(
        open=lambda app: push(app, VisitorDialog(date(2026, 11, 26))),
        valid={"reporter": "", "concern": "路灯坏了"},
        prepare=choose(household=1, category="住房"),
        village=signed_in_village,
        state=lambda s: record_text([s.ledger_items(2026, limit=100), s.duty_day(date(2026, 11, 26))]),
        cases=[
            *field_cases("concern", (EMPTY, BAD), (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
            *field_cases("reporter", (LONG, BAD), (BOLD, OK(BOLD)), (CLICK, OK(CLICK))),
        ]),
    "settings (F12)": Spec(
        open=lambda app: push(app, SettingsScreen()),
        valid={"name": "东风村", "township": "青山镇", "county": "田县", "groups": "1组、2组、3组"},
        state=lambda s: record_text(s.settings()),
        cases=[
            *field_cases("name", (EMPTY, BAD), (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), *MARKUP_CASES),
            *field_cases("township", (EMPTY, BAD), (LONG, BAD), (CLICK, OK(CLICK))),
            *field_cases("county", (EMPTY, BAD), (BOLD, OK(BOLD))),
            *field_cases("groups", (EMPTY, BAD), ("1组、2组", BAD), ("1组、2组、3组、" + LONG, BAD),
                         ("1组、2组、3组、[b]4组[/b]", OK("[b]4组[/b]")), ("1组、2组、3组、" + ESCAPES, OK("王红字"))),
            *field_cases("notice_days", ("0", BAD), ("七天", BAD), ("91", BAD), ("１０", SAVED_AS("10"))),
            *field_cases("supervision_phone", ("12", BAD), ("0598-7233678", OK("0598-7233678")), (BOLD, BAD)),
        ]),
    "first-run setup": Spec(
        open=lambda app: push(app, SetupScreen()),
        valid={"name": "东风村", "township": "青山镇", "county": "田县", "groups": "1组、2组",
               "cadre_name": "张建国", "cadre_term": "2024-01-05", "cadre_phone": ""},
        village=empty_village,
        state=lambda s: record_text([s.settings(), s.cadres()]),
        cases=[
            *field_cases("name", (EMPTY, BAD), (LONG, BAD), *MARKUP_CASES),
            *field_cases("groups", (EMPTY, BAD), (LONG, BAD), ("1组、" + BOLD, OK(BOLD))),
            *field_cases("cadre_name", (LONG, BAD), (EMOJI, SAVED_AS(EMOJI)), (BOLD, OK(BOLD)), (CLICK, OK(CLICK))),
            *field_cases("cadre_term", (EMPTY, BAD), (IMPOSSIBLE, BAD), (FUTURE, SAVED_AS(FUTURE)), (BOLD, BAD)),
            *field_cases("cadre_phone", ("12345", BAD), (EMOJI, BAD), ("１３８１２３４５６７８", OK("13812345678"))),
        ]),
}


async def try_case(app: VillageApp, pilot, spec: Spec, screen: Screen, name: str, value: str, expect,
                   by_key: bool = True) -> bool:
    """One catalogue value in one field of the open form; True when the form may be used again.

    ``by_key``: Ctrl+S is pressed and the app redrawn, and a saved form must close. Otherwise (a form
    whose key was already pressed) the same save runs without a redraw: a refused value through the
    action Ctrl+S is bound to; a value that saves on a fresh copy of the village, keeping the form open
    (``save_now(leaving=True)``), unless the saved text must be seen in the list behind the form.
    """
    keep_open = not by_key and expect not in (BAD, ANY) and not is_either(expect) and name not in spec.shown_fields
    if keep_open:
        app.service = spec.village()
    service = app.service
    before = spec.state(service)
    for widget_id, text in spec.valid.items():
        set_value(screen, widget_id, text)
    spec.prepare(screen, service)
    set_value(screen, name, value)
    if by_key or (expect not in (BAD, ANY) and not is_either(expect) and not keep_open):
        await pilot.pause()
        clear_messages(screen)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    else:
        await settle(app)  # the typed values' own messages first, so they cannot speak for the save
        clear_messages(screen)
        if keep_open:
            kept_saved = screen.save_now(leaving=True)
            await app.workers.wait_for_complete()
            await settle(app)
        else:
            await save_by_action(app, screen)
            if app.screen is not screen:
                await pilot.pause()
    label = f"{name}={value[:30]!r}"
    assert app.is_running, label
    after = spec.state(service)
    either = expect == ANY or is_either(expect)
    if expect == BAD or either and after == before:
        assert after == before, f"{label}: stored although bad"
        assert app.screen is screen, f"{label}: form closed"
        shown = messages(screen)
        assert CHINESE.search(shown), f"{label}: no Chinese message ({shown!r})"
        if by_key and expect == BAD:
            assert_focus_on(screen, name)
        return True
    if expect == ANY:
        return False
    if is_either(expect):  # saved: read back what was saved
        assert expect[1] in new_words(before, after), f"{label}: saved as {new_words(before, after)[:20]}"
        return False
    if keep_open:
        assert kept_saved and app.screen is screen, f"{label}: not saved: {messages(screen)}"
    assert after != before, f"{label}: not saved: {messages(screen)}"
    assert expect[1] in after, f"{label}: saved as {after[:300]}"
    assert "\x1b" not in after and "\x07" not in after, label
    if name in spec.shown_fields:
        assert expect[1] in spec.shown(app), f"{label}: not shown literally"
    return keep_open


#: Forms whose catalogue only the pilot can try (the others: test_bad_input_domain).
WHOLE_CATALOGUE = ("first-run setup",)


def walked_cases(form_name: str) -> list[tuple[str, str, object]]:
    """The cases the pilot walks for ``form_name``: the whole catalogue, or the one bad input of its walk
    followed by each saved text that must be seen literally in the list behind the form."""
    spec = SPECS[form_name]
    if form_name in WHOLE_CATALOGUE:
        return spec.cases
    shown = [case for case in spec.cases
             if case[0] in spec.shown_fields and case[2] not in (BAD, ANY) and not is_either(case[2])]
    return [walk_case(spec.cases), *shown]


@pytest.mark.parametrize("form_name", list(SPECS))
async def test_every_field_of_the_form_takes_the_catalogue(form_name):
    spec = SPECS[form_name]
    app = VillageApp(fresh_service(), operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.push_screen(Screen())  # forms open over a blank screen: no home screen to redraw per case
        base = app.screen
        screen = None
        for name, value, expect in walked_cases(form_name):
            by_key = screen is None or (expect not in (BAD, ANY) and not is_either(expect) and name in spec.shown_fields)
            if by_key:
                # A new form on a fresh village: the first case, and a saved text shown in the list behind.
                while app.screen is not base:
                    app.pop_screen()
                app.service = spec.village()
                screen = await spec.open(app)
                await app.workers.wait_for_complete()
                await pilot.pause()
            if by_key:
                kept = await try_case(app, pilot, spec, screen, name, value, expect, by_key)
            else:
                with app.batch_update():  # nothing looks at the screen between these saves: no layout, no redraw
                    kept = await try_case(app, pilot, spec, screen, name, value, expect, by_key)
            if not kept:
                screen = None
        assert app.is_running
