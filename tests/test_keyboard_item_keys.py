"""Every handling button of a ledger item has its key in the footer; 上报 and 办结 say what happened
(issue 28, items 5 and 8)."""

from __future__ import annotations

from textual.widgets import Footer, Input, Static

from tests.app_fixtures import make_village
from village_tui.app import VillageApp
from village_tui.domain.models import LedgerItem
from village_tui.screens.ledger.ledger_item_form import LedgerItemForm
from village_tui.widgets.dialogs.confirm import ConfirmDialog
from village_tui.widgets.forms.field import FormField


def footer(app) -> dict[str, str]:
    return {k.description: k.key_display for k in app.screen.query_one(Footer).query("FooterKey")}


async def open_item(pilot, app) -> LedgerItemForm:
    await pilot.pause()
    await pilot.press("f7")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, LedgerItemForm)
    return app.screen


async def test_escalate_and_close_by_keys_shown_in_the_footer():
    service = make_village()
    service.sign_in(1)
    service.save_ledger_item(LedgerItem(day=service.today, source="来访", category="行路", content="村道路灯坏了",
                                        household_id=1))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_item(pilot, app)
        keys = footer(app)
        assert keys.get("上报") == "Ctrl+G" and keys.get("办结") == "Ctrl+L" and keys.get("办理") == "Ctrl+B"
        assert "重开" not in keys  # only the steps the item's status allows
        bar = app.screen.query_one(Footer)
        assert sum(k.outer_size.width for k in bar.query("FooterKey")) <= bar.size.width
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # 取消 has the focus
        await pilot.pause()
        assert app.screen is form
        assert "未上报" in str(form.query_one("#form-message", Static).content)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("left", "enter")  # on to 上报
        await pilot.pause()
        assert service.ledger_item(form.item.id).level == "乡镇"
        await pilot.press("ctrl+l")  # 办结 with no result
        await pilot.pause()
        note = form.query_one("#note", Input)
        assert app.focused is note
        field = next(f for f in form.query(FormField) if f.name == "note")
        assert field.label == "结果/说明" and "结果" in (field.error or "")
