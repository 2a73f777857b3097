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


def test_numbers_in_free_text_are_masked_however_they_are_spelled():
    from village_tui.domain.privacy import mask_numbers_in_text as mask

    assert mask("ID350425197711170454") == "ID350425********0454"
    assert mask("身份证35042519771117045x号") == "身份证350425********045x号"
    assert mask("350425 19771117 0454") == "350425 ******** 0454"
    assert mask("老证350425771117045") == "老证350425*****7045"
    assert mask("tel13062991083") == "tel130****1083"
    assert mask("+8613062991083、8613062991083") == "+86130****1083、86130****1083"
    assert mask("130-6299-1083 或 130 6299 1083") == "130-****-1083 或 130 **** 1083"
    assert mask("电话１３０６２９９１０８３") == "电话130****1083"
    assert mask("电话(130)6299-1083，（130）62991083") == "电话(130)****-1083，（130）****1083"
    assert mask("【350425】19771117 0454，3504 2519 7711 1704 54") == "【350425】******** 0454，3504 25** **** **04 54"


def test_dates_record_numbers_and_amounts_are_left_alone():
    from village_tui.domain.privacy import mask_numbers_in_text as mask

    for text in ("2026-11-27 09:30 到户", "民情 2026-0012、2026-0013 已办结", "补助 13000 元", "1组 13户 14人",
                 "6222021234567890123"):
        assert mask(text) == text


def test_a_file_without_a_run_of_eleven_digits_is_not_looked_into():
    from village_tui.domain.privacy import may_hold_number

    assert not may_hold_number('{"day":"2026-11-27","time":"2026-11-30 16:50:32","hash":"13062991083abcde"}'.encode())
    assert may_hold_number('{"learned":"电话 130\\t6299\\t1083"}'.encode())
    assert may_hold_number('{"learned":"\\u0031\\u0033\\u0030\\uff16\\u0032\\u0039\\u0039\\u0031\\u0030\\u0038\\u0033"}'.encode())
