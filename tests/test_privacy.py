"""Masking of ID numbers and phones shown in lists and masked exports."""

from village_tui.domain.privacy import mask_id_number, mask_phone


def test_id_number_keeps_first_six_and_last_four():
    assert mask_id_number("11010519491231002X") == "110105********002X"


def test_mobile_keeps_three_and_four():
    assert mask_phone("13812345678") == "138****5678"


def test_landline_keeps_area_code_and_last_four():
    assert mask_phone("0598-7233678") == "0598-***3678"


def test_local_number_shows_only_last_four():
    assert mask_phone("7233678") == "***3678"


def test_empty_values_stay_empty():
    assert mask_phone("") == ""
    assert mask_id_number("") == ""
