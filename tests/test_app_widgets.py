"""Pilot tests of the shared widgets: DateInput and HouseholdPicker."""

from __future__ import annotations

from datetime import date

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input

from app_fixtures import TODAY, make_village
from village_tui.domain.errors import ValidationError
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.household_picker import HouseholdPicker


class DateApp(App):
    def compose(self) -> ComposeResult:
        yield DateInput(date(2026, 11, 1), today=TODAY, allow_future=False, id="day")


async def test_date_input_parses_cadre_formats_and_marks_errors():
    app = DateApp()
    async with app.run_test() as pilot:
        field = app.query_one(DateInput)
        assert field.date == date(2026, 11, 1)
        field.value = "昨天"
        await pilot.pause()
        assert field.date == date(2026, 11, 26)
        # The hint is never cut (星…): 24 columns hold the short weekday, a wider field the long one.
        assert field.border_subtitle == "2026年11月26日 周四"
        field.styles.width = 30
        await pilot.pause()
        assert field.border_subtitle == "2026年11月26日 星期四"
        field.styles.width = 18
        await pilot.pause()
        assert field.border_subtitle == "11月26日 周四"
        field.value = "12月5日"
        await pilot.pause()
        assert field.has_class("-bad")
        with pytest.raises(ValidationError, match="不能晚于今天"):
            field.date
        field.value = "2026-13-01"
        await pilot.pause()
        assert field.date_or_none is None


class PickerApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.service = make_village()
        self.chosen = []

    def compose(self) -> ComposeResult:
        yield HouseholdPicker(self.service.search_households)

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        self.chosen.append(event.household.code)


async def test_picker_arrow_keys_and_enter_choose():
    app = PickerApp()
    async with app.run_test() as pilot:
        picker = app.query_one(HouseholdPicker)
        picker.focus()
        await pilot.press("w", "d", "s")
        await pilot.pause()
        assert [h.code for h in picker.results] == ["0001", "0004"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.chosen == ["0004"]
        assert picker.household.code == "0004"
        assert picker.query_one(Input).value == "0004 王大山"
        await pilot.press("backspace")
        await pilot.pause()
        assert picker.household is None
        picker.clear()
        await pilot.pause()
        assert picker.results == [] and picker.query_one(Input).value == ""
