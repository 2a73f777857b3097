"""Dated facts as pure functions: the value in force the day before, on and after a change."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.dated import DatedFlag, DatedTags, DatedText, latest, value_on, values_between, with_change

CHANGE = date(2026, 6, 1)
HISTORY = [DatedText(None, "委员"), DatedText(CHANGE, "主任"), DatedText(date(2026, 9, 1), "书记")]


@pytest.mark.parametrize(("day", "value"), [(date(2026, 5, 31), "委员"), (CHANGE, "主任"), (date(2026, 6, 2), "主任"),
                                            (date(2026, 8, 31), "主任"), (date(2026, 9, 1), "书记"), (date.max, "书记")])
def test_value_on_the_day_before_of_and_after_a_change(day, value):
    assert value_on(HISTORY, day, "默认") == value


def test_value_on_before_the_first_dated_entry_is_the_first_entry_and_without_entries_the_default():
    dated = [DatedFlag(CHANGE, True), DatedFlag(date(2026, 7, 1), False)]
    assert value_on(dated, date(2026, 5, 31), None) is True
    assert value_on(dated, date(2026, 7, 1), None) is False
    assert value_on([], CHANGE, "默认") == "默认"


def test_values_between_lists_the_changes_inside_the_period_only():
    assert values_between(HISTORY, CHANGE, date(2026, 9, 1), "默认") == [(CHANGE, "主任"), (date(2026, 9, 1), "书记")]
    assert values_between(HISTORY, date(2026, 5, 31), date(2026, 8, 31), "默认") == [
        (date(2026, 5, 31), "委员"), (CHANGE, "主任")]
    assert values_between(HISTORY, date(2026, 6, 2), date(2026, 8, 31), "默认") == [(date(2026, 6, 2), "主任")]
    assert values_between([], CHANGE, CHANGE, "默认") == [(CHANGE, "默认")]


def test_with_change_starts_an_empty_history_at_its_origin_or_since_always():
    assert with_change([], CHANGE, "主任", "委员", origin=date(2021, 1, 1)) == [
        DatedText(date(2021, 1, 1), "委员"), DatedText(CHANGE, "主任")]
    assert with_change([], CHANGE, "主任", "委员") == [DatedText(None, "委员"), DatedText(CHANGE, "主任")]
    assert with_change([], CHANGE, "主任", "委员", origin=CHANGE) == [DatedText(None, "委员"), DatedText(CHANGE, "主任")]
    assert with_change([], CHANGE, "主任", "委员", origin=date(2026, 6, 2)) == [
        DatedText(None, "委员"), DatedText(CHANGE, "主任")]


def test_with_change_replaces_a_same_day_entry_and_ignores_a_change_to_the_value_in_force():
    assert with_change(HISTORY, CHANGE, "书记", "书记") == [
        DatedText(None, "委员"), DatedText(CHANGE, "书记"), DatedText(date(2026, 9, 1), "书记")]
    assert with_change(HISTORY, date(2026, 7, 1), "主任", "书记") == HISTORY
    assert with_change(HISTORY, date(2026, 7, 1), "委员", "书记") == [
        DatedText(None, "委员"), DatedText(CHANGE, "主任"), DatedText(date(2026, 7, 1), "委员"),
        DatedText(date(2026, 9, 1), "书记")]
    assert with_change([DatedText(CHANGE, "主任")], CHANGE, "书记", "主任") == [DatedText(CHANGE, "书记")]


def test_with_change_picks_the_entry_kind_from_the_value_and_copies_lists():
    tags = ["低保户"]
    changed = with_change([], CHANGE, tags, [])
    assert changed == [DatedTags(None, []), DatedTags(CHANGE, ["低保户"])]
    tags.append("五保户")
    assert changed[-1].value == ["低保户"], "the history keeps its own copy"
    assert with_change([], CHANGE, True, False) == [DatedFlag(None, False), DatedFlag(CHANGE, True)]
    assert isinstance(with_change([], CHANGE, "主任", "委员")[0], DatedText)


def test_latest_is_a_copy_of_the_last_entry_or_the_default():
    history = [DatedTags(None, ["低保户"]), DatedTags(CHANGE, ["五保户"])]
    value = latest(history, [])
    value.append("残疾户")
    assert latest(history, []) == ["五保户"] and latest([], "默认") == "默认"
