"""A form written the old way (FormFields yielded by hand, read with read_dates) still works on the base.

New forms declare their fields (widgets.forms.spec); forms on the first base keep working meanwhile.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input

from app_fixtures import make_village
from village_tui.app import VillageApp
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog


class OldStyleForm(FormDialog[tuple[date, str], str]):
    """Two fields composed and read by id, as forms did before the declarations."""

    FORM_TITLE = "旧式表单"

    def form_fields(self) -> ComposeResult:
        yield FormField("日期", DateInput(None, today=date(2026, 11, 27), id="day"), "day")
        yield FormField("事由", Input(id="reason"), "reason")

    def collect(self) -> tuple[date, str]:
        day = self.read_dates("day", required=("day",)).day("day")
        return day, self.query_one("#reason", Input).value

    def save(self, draft: tuple[date, str]) -> str:
        return f"{draft[0].isoformat()} {draft[1]}"


async def test_an_old_style_form_marks_focuses_and_saves():
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        results: list[str | None] = []
        app.push_screen(OldStyleForm(), results.append)
        await pilot.pause()
        form = app.screen
        form.query_one("#reason", Input).value = "外出培训"
        form.query_one("#day", DateInput).value = "11月45日"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "日期：" in str(form.query_one("#form-message").render())
        assert form.focused is form.query_one("#day", DateInput)
        form.query_one("#day", DateInput).value = "11月20日"
        await pilot.pause()
        assert str(form.query_one("#form-message").render()) == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert results == ["2026-11-20 外出培训"]
