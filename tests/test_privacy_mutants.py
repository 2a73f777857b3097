"""Masking rules pinned where a moved boundary would change what a cadre sees (issue 24, mutation testing)."""

from __future__ import annotations

import pytest

from village_tui.domain.digits import BMP_DIGIT_CLASS
from village_tui.domain.privacy import (_Patterns, mask_joined_texts, mask_name, mask_numbers_in_text,
                                        number_positions)


@pytest.mark.parametrize(("name", "shown"), [
    ("王小明", "王**"), (" 王小明 ", "王**"), ("王明", "王*"), ("欧阳小明", "欧***"), ("王", "王"), ("", ""),
])
def test_a_posted_name_keeps_only_its_first_character(name, shown):
    assert mask_name(name) == shown


def test_fresh_patterns_find_a_run_from_seven_digits_on():
    patterns = _Patterns(BMP_DIGIT_CLASS)
    assert patterns.candidate.search("电话123456") is None
    assert patterns.candidate.search("电话1234567").group() == "1234567"
    assert patterns.plain_run.search('{"a":"123456"}') is None
    assert patterns.plain_run.search('{"a":"1234567"}').group() == "1234567"
    assert patterns.json_run.search('{"a":"123456"}') is None
    assert patterns.json_run.search('{"a":"1234567"}').group() == "1234567"


@pytest.mark.parametrize(("text", "masked"), [
    # Lookalikes before a Latin letter begin a word: the number is the nine digits before them.
    ("130629910loa", "*****9910loa"), ("130629910loz", "*****9910loz"),
    ("130629910loA", "*****9910loA"), ("130629910loZ", "*****9910loZ"),
    ("1306299108loa", "******9108loa"), ("电话1306299108oa", "电话******9108oa"),
    # A digit before a letter stays a digit, even after a separator.
    ("电话1306299 1a", "电话****299 1a"),
    # No letter after: the lookalikes are digits (1 and 0) and the run is an 11-digit mobile.
    ("130629910lo`", "130****10lo`"), ("130629910lo{", "130****10lo{"),
    ("130629910lo@", "130****10lo@"), ("130629910lo[", "130****10lo["),
    ("130629910lo号", "130****10lo号"), ("130629910lo-", "130****10lo-"),
])
def test_lookalike_letters_at_a_runs_end_count_only_when_no_latin_letter_follows(text, masked):
    assert mask_numbers_in_text(text) == masked


@pytest.mark.parametrize(("text", "masked"), [
    ("捐款1,234,567,890元", "捐款1,234,567,890元"),  # ten digits grouped by thousands: an amount
    ("13,957,246,810", "13,9**,**6,810"),  # eleven: a mobile, however it is grouped
    ("老证350415771117045", "老证350415*****7045"),  # 15 digits, the fifth a 1: an ID, not +86 and a mobile
    ("身份证110105194912310021", "身份证110105********0021"),  # an ID starting with 1 keeps six
    ("编号1234567", "编号***4567"),  # seven digits starting with 1: only the last four kept
    ("2026-11-27 2026-0042 1395724", "2026-11-27 2026-0042 ***5724"),  # two kept heads
    ("1395724 2026-11-27", "***5724 2026-11-27"),
])
def test_amounts_ids_and_kept_heads_on_their_edges(text, masked):
    assert mask_numbers_in_text(text) == masked


@pytest.mark.parametrize(("text", "positions"), [
    ('{"a":"电话139","b":"5724"}', [8]),  # seven digits across two fields
    ('{"a":"电话1","b":"395724"}', [8]),  # one digit before the step
    ('{"a":"电话139","b":"572"}', []),  # six across: nothing to mask
    ('139","b":"5724"', [0]),  # a run at the very start of the text
    ('{"a":"电话l39","b":"5724"}', [8]),  # l after 话 stands for 1
    ('al39","b":"5724"', []),  # l after a Latin letter ends a word: six digits
    ('l39","b":"5724a', [0]),  # at the very start, l is a digit
    ('{"a":"2026-11-27 10"}', []),  # a stored date with an hour: nothing to mask
])
def test_a_number_split_across_two_fields_is_found(text, positions):
    assert number_positions(text) == positions


def test_a_field_ending_in_an_escaped_line_break_still_joins_the_next_one():
    """Masking reads ``"电话139\\n"`` and ``"5724"`` as one number; the search must find it too."""
    assert mask_joined_texts(["电话139\n", "5724"]) == ["电话***\n", "5724"]
    assert number_positions('{"a":"电话139\\n","b":"5724"}') == [8]
    assert number_positions('{"a":"电话139\\t","b":"5724"}') == [8]


def test_a_single_field_is_masked_alone():
    assert mask_joined_texts(["电话13957246810"]) == ["电话139****6810"]
    assert mask_joined_texts([]) == []


@pytest.mark.parametrize(("text", "masked"), [
    ("电话1395724 2026-0042 2026-11-27", "电话***5724 2026-0042 2026-11-27"),
    ("捐款1,250,000 2026-11-27", "捐款1,250,000 2026-11-27"),
    ("记录2026-0042 2026-11-27 13957246810 2026-0043 2026-11-28",
     "记录2026-0042 2026-11-27 139****6810 2026-0043 2026-11-28"),
    ("13957242026-11-27", "139572*****-11-27"),  # a date run into the digits before it is no date
])
def test_every_date_and_record_number_at_a_runs_end_is_kept(text, masked):
    assert mask_numbers_in_text(text) == masked
