"""Masking on its edges: the shortest and longest numbers, month and day limits, separators, hashes."""

from __future__ import annotations

import pytest

from village_tui.domain.privacy import mask_id_number, mask_numbers_in_text, mask_phone, may_hold_number, number_positions


@pytest.mark.parametrize(("given", "shown"), [("1234567890", "1234567890"), ("12345678901", "123456*8901"),
                                              ("350425771117045", "350425*****7045")])
def test_an_id_number_of_more_than_ten_characters_keeps_six_and_four(given, shown):
    assert mask_id_number(given) == shown


@pytest.mark.parametrize(("given", "shown"), [
    ("123", "123"), ("1234", "1234"), ("12345", "*2345"), ("7233678", "***3678"), ("72336789", "723*6789"),
    ("0598-123", "0598-123"), ("0598-1234", "0598-1234"), ("0598-12345", "0598-*2345"), ("0598-", "0598-"),
])
def test_a_phone_keeps_its_last_four_digits_and_a_mobile_its_first_three(given, shown):
    assert mask_phone(given) == shown


@pytest.mark.parametrize(("text", "masked"), [
    ("350425771231045", "350425*****1045"), ("350425771001045", "350425*****1045"), ("350425770931045", "350425*****1045"),
    ("350425771010045", "350425*****0045"), ("350425771120045", "350425*****0045"), ("350425770130045", "350425*****0045"),
    ("35042519771117045X", "350425********045X"), ("19062991083", "190****1083"), ("13962991083", "139****1083"),
    ("130   6299   1083", "130   ****   1083"), ("00 86 13062991083", "00 86 130****1083"),
    ("130６２９９1083", "130****1083"), ("abc13062991083def", "abc130****1083def"),
])
def test_numbers_on_their_edges_are_masked(text, masked):
    assert mask_numbers_in_text(text) == masked


def test_a_run_in_a_hash_of_16_or_64_hex_digits_is_not_a_number():
    assert number_positions('{"hash":"13062991083abcde"}') == [], "16 hex digits"
    assert number_positions('{"hash":"13062991083abcdef"}') == [9], "17 are not a hash"
    digest = "13062991083" + "a" * 53
    assert number_positions('{"sha":"' + digest + '"}') == []
    assert number_positions('{"sha":"' + digest + 'b"}') == [8]
    assert number_positions('13062991083abcde"') == [0], "no opening quote: not a JSON string"
    assert number_positions('"13062991083abcde') == [1], "no closing quote"
    far = '"' + "x" * 70 + "13062991083abcde" + '"'
    assert number_positions(far) == [71], "the quote is too far to be the hash's own"


@pytest.mark.parametrize(("text", "may"), [
    ('{"a":"130-6299-1083"}', True), ('{"a":"１３０６２９９１０８３"}', True),
    ('{"a":"130\u30006299\u30001083"}', True), ('{"a":"2026-11-27 10:00:00"}', False),
    ('{"a":"13062991083abcde"}', False), ('{"a":"王"}', False),
])
def test_may_hold_number_answers_from_the_bytes_or_searches_exactly(text, may):
    assert may_hold_number(text.encode()) is may
    assert may_hold_number(text.encode(), text) is may


def test_only_the_ten_full_width_digits_become_half_width():
    assert mask_numbers_in_text("电话１３０６２９９１０８３／李") == "电话130****1083／李"
    assert mask_numbers_in_text("电话１３０６２９９１０８３：李") == "电话130****1083：李"


@pytest.mark.parametrize("text", ["13062991０83", "1306299108９"])
def test_a_file_with_a_single_full_width_zero_or_nine_is_searched_exactly(text):
    assert may_hold_number(text.encode()) is True


def test_a_hash_string_at_the_very_start_of_the_text():
    assert number_positions('"13062991083abcde"') == []
    assert number_positions('"13062991083abcdef') == [1], "no closing quote: not a hash, however long"
