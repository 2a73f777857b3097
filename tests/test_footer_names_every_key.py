"""Every record dialog's footer names each of its keys on screen at 80x24 (issue 28: the keyboard walk).

The footer of a dialog is one row: a key that does not fit is simply not drawn, so a cadre never
learns it. Each dialog is opened at 80 columns and the bottom row of the screen, as a person reads
it, must name every key the footer lists, and every handling button's key.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.screen import Screen
from textual.binding import Binding
from textual.widgets import Button, Footer

from tests.app_fixtures import make_village
from tests.bad_input_helpers import fresh_service
from tests.screen_text import screen_lines
from tests.test_forms_everywhere import all_forms
from village_tui.app import VillageApp
from village_tui.domain.models import LedgerItem
from village_tui.screens.ledger.ledger_item_form import HANDLING_KEYS, LedgerItemForm


def _escalated_village():
    """A village whose 行路 item was escalated to the township and not yet started: five handling steps apply."""
    service = make_village()
    service.sign_in(1)
    item = service.save_ledger_item(LedgerItem(day=date(2026, 11, 20), source="来访", category="行路",
                                               content="村道路灯坏了", household_id=1))
    service.escalate(item.id, "乡镇", date(2026, 11, 21))
    return service


async def _open_escalated(app):
    form = LedgerItemForm(app.service.ledger_items(2026, limit=1)[0])
    await app.push_screen(form)
    return form


DIALOGS = {name: (village, opener) for name, village, opener in all_forms()}
DIALOGS["ledger item escalated"] = (_escalated_village, _open_escalated)


@pytest.mark.parametrize("name", list(DIALOGS))
async def test_the_footer_at_80x24_names_every_key_it_lists(name):
    village, opener = DIALOGS[name]
    app = VillageApp(fresh_service(), operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(Screen())
        app.service = village()  # (as the form walk does: the app signed in, the form's own village)
        form = await opener(app)
        await app.workers.wait_for_complete()
        for _ in range(4):  # the footer lists the dialog's keys a refresh or two after it opened
            await pilot.pause()
        bottom = screen_lines(app)[-1]
        listed = [f"{key.key_display} {key.description}" for key in form.query_one(Footer).query("FooterKey")]
        assert listed and [key for key in listed if key not in bottom] == [], bottom
        for button in form.query(".handle").results(Button):  # each handling button that can be pressed
            if button.display and not button.disabled:
                key, word = HANDLING_KEYS[button.name or ""]
                assert f"{app.get_key_display(Binding(key, ''))} {word}" in bottom, (str(button.label), bottom)
