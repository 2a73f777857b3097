"""Every form on the form base: typed text is never dropped without 保存 / 不保存 / 继续编辑 (issue 19).

The per-form check (Esc, Ctrl+Q and an area key must ask) runs in the one 80x24
walk of every form in ``test_dialogs_at_80_columns.py``; the tests here cover the picker refusing a mismatch, the ledger item's handling buttons
on screen, Enter from a Select and the lock holder's time.
"""

from __future__ import annotations

import json
from datetime import date

from textual.screen import Screen
from textual.widgets import Button, Input, Select, SelectionList, TextArea

from tests.app_fixtures import make_village
from tests.bad_input_helpers import fresh_service
from tests.test_bad_input_forms import FORMS
from tests.test_bad_input_forms_more import SPECS, open_pane, push
from village_tui.app import VillageApp
from village_tui.domain.models import LedgerItem
from village_tui.screens.ledger.ledger_item_form import LedgerItemForm
from village_tui.store.lock import INFO_NAME, FolderLock
from village_tui.widgets.forms.form_base import FormMixin
from village_tui.widgets.forms.unsaved_dialog import UnsavedDialog
from village_tui.widgets.household_picker import HouseholdPicker


def _ledger_village():
    service = fresh_service()
    service.save_ledger_item(LedgerItem(day=date(2026, 11, 20), source="来访", category="住房", content="屋顶漏雨",
                                        household_id=1))
    return service


def all_forms():
    """(name, village, opener) for every form of the app: the two bad-input catalogues and the rest."""
    from village_tui.screens.cadres.cadre_form import CadreFormScreen
    from village_tui.screens.desk.service_desk import ServiceDeskScreen
    from village_tui.screens.duty.duty_dialogs import RosterDialog
    from village_tui.screens.households.household_form import HouseholdFormScreen
    from village_tui.screens.ledger.ledger_categories import LedgerCategoriesDialog

    found = []
    for name, form in FORMS.items():
        if name.startswith("reason"):
            continue  # a confirmation, not a form

        async def opener(app, form=form):
            return await push(app, form.open(app.service))
        found.append((name, fresh_service, opener))
    for name, spec in SPECS.items():
        found.append((name, spec.village, spec.open))
    found += [
        ("household edit", fresh_service, lambda app: push(app, HouseholdFormScreen(app.service.household(1)))),
        ("cadre edit", fresh_service, lambda app: push(app, CadreFormScreen(app.service.cadre(1)))),
        ("ledger item edit", _ledger_village,
         lambda app: push(app, LedgerItemForm(app.service.ledger_items(2026, limit=1)[0]))),
        ("duty roster", fresh_service, lambda app: push(app, RosterDialog(date(2026, 11, 28)))),
        ("ledger categories", fresh_service, lambda app: push(app, LedgerCategoriesDialog())),
        ("request types", fresh_service, lambda app: open_pane(app, ServiceDeskScreen(), "action_edit_types")),
    ]
    return found


def _first_text_field(form: Screen):
    """The first enabled, shown Input or TextArea of a form that is not a household picker's, or None."""
    for widget in form.query("Input, TextArea"):
        if widget.disabled or not widget.display or not widget.parent.display:
            continue
        if any(isinstance(a, HouseholdPicker) for a in widget.ancestors):
            continue
        if any(not a.display for a in widget.ancestors if hasattr(a, "display")):
            continue
        return widget
    return None


def _text(widget) -> object:
    if isinstance(widget, SelectionList):
        return tuple(widget.selected)
    return widget.text if isinstance(widget, TextArea) else widget.value


async def opened_forms(app, base: Screen):
    """Open each form of :func:`all_forms` in turn over ``base``, each in its own fresh village: yields (name, form)."""
    for name, village, opener in all_forms():
        while app.screen is not base:
            app.pop_screen()
        app.service = village()
        form = await opener(app)
        await app.workers.wait_for_complete()
        yield name, form


async def asks_before_dropping_typed_text(pilot, app, name: str, form: Screen) -> None:
    """Type into ``form`` (open at the top of ``app``), then Esc, Ctrl+Q and F5 must each ask, 继续编辑 keeping the text.

    Types 问题 at the end of the first text field (or ticks one box on a form of ticks only);
    the first-run setup has nowhere to go on Esc and the area keys, but Ctrl+Q asks there too.
    Run once a form by the 80x24 walk of ``tests/test_dialogs_at_80_columns.py``, after its
    wholeness checks, so that the typed text cannot change what those checks see.
    """
    assert isinstance(form, FormMixin), name
    field = _first_text_field(form)
    if field is None:  # a form of ticks only (the roster): tick one
        field = form.query(SelectionList).first()
        field.focus()
        await pilot.press("space")
    else:
        field.focus()
        await pilot.press("end", "问", "题")
        assert "问题" in _text(field), name
    typed = _text(field)
    assert form.is_dirty, name
    for key in ("escape", "ctrl+q", "f5"):
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        if isinstance(app.screen, UnsavedDialog):
            assert app.screen.focused.id == "stay", name
            await pilot.press("enter")  # 继续编辑, the default
            await pilot.pause()
        else:  # an area key asks from a dialog too; in the first-run setup (nobody signed in yet)
            # Esc and the area keys have nowhere to go
            assert key != "ctrl+q" and name == "first-run setup", f"{name}: {key} did not ask"
        assert app.screen is form and _text(field) == typed, f"{name}: {key} lost the text"


async def _ledger_form(pilot, app, item=None) -> LedgerItemForm:
    await pilot.press("f7")
    await pilot.pause()
    form = LedgerItemForm(item)
    await app.push_screen(form)
    await pilot.pause()
    await pilot.pause()
    return form


async def test_picker_text_that_names_no_household_is_refused_and_named():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _ledger_form(pilot, app)
        picker = form.query_one(HouseholdPicker)
        assert form.focused is picker.query_one(Input)
        await pilot.press(*"zxm", "enter")  # 曾小明 by initials: chosen, and the cursor moves on
        await pilot.pause()
        assert picker.household.head == "曾小明"
        assert form.focused is form.query_one("#content", Input)  # past 反映人: a household was chosen
        form.query_one("#content", Input).value = "路灯坏了"
        picker.query_one(Input).focus()
        await pilot.press("end", "x")  # typing after a choice starts a new search, visibly
        await pilot.pause()
        assert picker.household is None
        assert "已取消选中 0002 曾小明" in str(picker.query_one(".picker-status").render())
        form.query_one("#category", Select).value = "行路"  # no default category any more
        form.query_one("#reporter", Input).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and service.ledger_items(2026, limit=10) == []
        message = str(form.query_one("#form-message").render())
        assert "农户" in message and "没有选中农户" in message
        assert form.focused is picker.query_one(Input)  # the first bad field in screen order


async def test_ledger_handling_buttons_are_on_screen_at_80x24_and_100x30():
    for size in ((80, 24), (100, 30)):
        service = make_village()
        item = service.save_ledger_item(LedgerItem(day=date(2026, 11, 20), source="来访", category="住房",
                                                   content="屋顶漏雨", household_id=1))
        app = VillageApp(service, operator_id=1)
        async with app.run_test(size=size) as pilot:
            form = await _ledger_form(pilot, app, item)
            width, height = size
            for button_id in ("do-start", "do-escalate", "do-close", "do-reopen", "form-save", "form-cancel"):
                region = form.query_one(f"#{button_id}", Button).region
                assert region.height > 0 and region.bottom <= height and region.right <= width, (size, button_id)
            form.query_one("#note", Input).value = "已修好"
            form.query_one("#satisfaction", Select).value = "满意"
            form.query_one("#do-close", Button).press()
            await pilot.pause()
            assert service.ledger_item(item.id).status == "已办结"
            assert not form.is_dirty  # the handled item is the new saved state
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "LedgerScreen"


async def test_enter_from_a_select_moves_on_in_the_duty_sign_in():
    from village_tui.screens.duty.duty_dialogs import SignInDialog

    service = fresh_service()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = SignInDialog(date(2026, 11, 27))
        await app.push_screen(dialog)
        await pilot.pause()
        dialog.query_one("#cadre", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not dialog.query_one("#cadre", Select).expanded
        assert dialog.focused.id == "time"
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert dialog.focused.id == "note"
        await pilot.press(*"lu deng")  # typed into the note, never into a list
        assert dialog.query_one("#note", Input).value == "lu deng"


def test_lock_holder_time_is_shown_in_china_time(tmp_path):
    (tmp_path / INFO_NAME).write_text(json.dumps({"host": "村部电脑", "since": "2026-11-30T09:05:00+00:00",
                                                   "operator": "郭旺清"}, ensure_ascii=False), encoding="utf-8")
    text = FolderLock(tmp_path).holder_description()
    assert "2026-11-30 17:05（北京时间）" in text and "郭旺清" in text
    holder = FolderLock(tmp_path, "张建国")
    assert holder.acquire()
    try:
        written = json.loads((tmp_path / INFO_NAME).read_text(encoding="utf-8"))["since"]
        assert written.endswith("+00:00")
    finally:
        holder.release()


async def test_lists_turn_pages_the_same_way():
    from village_tui.domain.models import ServiceRequest

    service = fresh_service()
    for n in range(60):
        service.save_request(ServiceRequest(day=date(2026, 11, 1 + n % 26), kind="婚育证件", applicant=f"申请人{n}",
                                            household_id=None))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        desk = app.screen
        count = desk.query_one("#count")
        assert "第1-50件，共60件" in str(count.render()) and "PgDn/PgUp 翻页" in str(count.render())
        await pilot.press("pagedown")
        await pilot.pause()
        assert "第51-60件，共60件" in str(count.render())
        assert desk.list_table.row_count == 10 and desk.current is desk.rows[0]
        await pilot.press("pageup")
        await pilot.pause()
        assert "第1-50件" in str(count.render())
