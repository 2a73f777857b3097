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

    for text in ("2026-11-27 09:30 到户", "民情 2026-0012、2026-0013 已办结", "补助 13000 元", "1组 13户 14人"):
        assert mask(text) == text
    # Issue 25 item 8: every run of 7 or more digits is masked now, a bank card's too (it was left alone).
    assert mask("6222021234567890123") == "***************0123"


def test_a_file_without_a_run_of_eleven_digits_is_not_looked_into():
    from village_tui.domain.privacy import may_hold_number

    assert not may_hold_number('{"day":"2026-11-27","time":"2026-11-30 16:50:32","hash":"13062991083abcde"}'.encode())
    assert may_hold_number('{"learned":"电话 130\\t6299\\t1083"}'.encode())
    assert may_hold_number('{"learned":"\\u0031\\u0033\\u0030\\uff16\\u0032\\u0039\\u0039\\u0031\\u0030\\u0038\\u0033"}'.encode())


# Issue 25 item 8: masking by what the characters mean.

def test_every_unicode_digit_that_is_not_decimal_is_in_the_digit_class():
    """The hard-coded ranges of other digits are the Unicode table's, not a guess."""
    import re
    import sys
    import unicodedata

    from village_tui.domain.digits import OTHER_DIGIT_RANGES

    wanted = {chr(c) for c in range(sys.maxunicode + 1)
              if unicodedata.digit(chr(c), None) is not None and not chr(c).isdecimal()}
    listed = re.compile(f"[{OTHER_DIGIT_RANGES}]")
    assert {ch for ch in wanted if not listed.fullmatch(ch)} == set()
    assert all(unicodedata.digit(chr(c), None) is not None for c in range(sys.maxunicode + 1)
               if listed.fullmatch(chr(c)))
    from village_tui.domain.digits import BMP_DIGIT_CLASS, CHINESE_DIGITS

    bmp = re.compile(f"[{BMP_DIGIT_CLASS}]")
    assert {chr(c) for c in range(0x10000) if bmp.fullmatch(chr(c))} == {
        chr(c) for c in range(0x10000) if unicodedata.digit(chr(c), None) is not None} | set(CHINESE_DIGITS)


def test_a_digit_beyond_u_ffff_is_read_too():
    from village_tui.domain.privacy import mask_numbers_in_text as mask, number_positions

    mathematical = "".join(chr(0x1D7CE + int(d)) for d in "13957246810")  # 𝟏𝟑𝟗… (bold digits)
    assert mask(f"电话{mathematical}") == f"电话{mathematical[:3]}****{mathematical[7:]}"
    assert number_positions(f'{{"learned":"{mathematical}"}}') == [12]


def test_numbers_spelled_by_meaning_are_masked():
    from village_tui.domain.privacy import mask_numbers_in_text as mask

    assert mask("电话一三九五七二四六八一〇") == "电话一三九****六八一〇"
    assert mask("幺三九 五七两四 六八幺〇") == "幺三九 **** 六八幺〇"
    assert mask("壹叁玖伍柒贰肆陆捌壹零") == "壹叁玖****陆捌壹零"
    assert mask("①③⑨⑤⑦②④⑥⑧①⓪") == "①③⑨****⑥⑧①⓪"
    assert mask("¹³⁹⁵⁷²⁴⁶⁸¹⁰") == "¹³⁹****⁶⁸¹⁰"
    assert mask("١٣٩٥٧٢٤٦٨١٠") == "١٣٩****٦٨١٠"
    assert mask("tel l39-5724-68lO") == "tel l39-****-68lO"
    assert mask("139/5724/6810、139,5724,6810") == "139/****/6810、139,****,6810"
    assert mask("+86 139----5724-6810") == "+86 139----****-6810"
    assert mask("139转57246810") == "139转****6810"
    assert mask("139\n5724\n6810") == "139\n****\n6810"
    assert mask("１３９　５７２４　６８１０") == "139　****　6810"
    assert mask("固话7233678") == "固话***3678"


def test_ordinary_text_is_left_alone():
    from village_tui.domain.privacy import mask_numbers_in_text as mask

    for text in ("2026年11月27日上午", "二〇二六年十一月二十七日", "一二三组各派两人", "补助 1,250,000 元",
                 "2026-11-27 到 2026-12-03", "2026.11.27、2026/11/27", "见台账 2026-0042 2026-0043",
                 "hello world 100 人", "3组 45户 126人", "Oolong 茶 12 斤", "第一二三四五六名"):
        assert mask(text) == text, text
    assert mask("2026-11-27 13957246810") == "2026-11-27 139****6810"


def test_a_number_split_across_two_fields_is_masked_in_both():
    from village_tui.domain.privacy import mask_joined_texts

    assert mask_joined_texts(["电话139 5724", "6810，请回电"]) == ["电话139 ****", "6810，请回电"]
    assert mask_joined_texts(["身份证350425", "197711170454号"]) == ["身份证350425", "********0454号"]
    assert mask_joined_texts(["走访了", "2026-11-27"]) == ["走访了", "2026-11-27"]


def store_line_file(learned: str) -> bytes:
    """A year file in the store's layout (one record per line) with one visit."""
    return ('{\n"visits":{\n"1":{"day":"2026-11-20","cadre_id":1,"household_id":1,"way":"入户",'
            f'"learned":"{learned}","requests":""}}\n}}\n}}\n').encode("utf-8")


def test_a_file_whose_only_number_is_in_special_characters_is_masked_not_copied():
    """privacy's file test must read full-width digits and ideographic spaces, or the file is copied as it is."""
    import json

    from village_tui.domain.privacy import may_hold_number
    from village_tui.exchange.masking import Masker

    for learned, masked in (("电话１３９５７２４６８１０", "电话139****6810"),
                            ("电话139\u30005724\u30006810", "电话139\u3000****\u30006810"),
                            ("电话一三九五七二四六八一〇", "电话一三九****六八一〇")):
        data = store_line_file(learned)
        assert may_hold_number(data)
        out = json.loads(Masker()("2026/visits.json", data))
        assert out["visits"]["1"]["learned"] == masked


def test_a_file_whose_number_is_split_across_fields_is_masked_line_by_line_and_whole():
    import json

    from village_tui.exchange.masking import Masker

    data = ('{\n"visits":{\n"1":{"day":"2026-11-20","cadre_id":1,"household_id":1,"way":"入户",'
            '"learned":"电话139 5724","requests":"6810"}\n}\n}\n').encode("utf-8")
    by_lines = json.loads(Masker()("2026/visits.json", data))
    whole = json.loads(Masker()("2026/visits.json", json.dumps(json.loads(data), indent=2).encode()))
    assert by_lines == whole
    assert by_lines["visits"]["1"]["learned"] == "电话139 ****" and by_lines["visits"]["1"]["day"] == "2026-11-20"


def test_a_file_whose_first_field_ends_in_a_line_break_before_the_rest_of_a_number_is_masked():
    import json

    from village_tui.exchange.masking import Masker

    data = ('{\n"visits":{\n"1":{"day":"2026-11-20","cadre_id":1,"household_id":1,"way":"入户",'
            '"learned":"电话139\\n","requests":"5724"}\n}\n}\n').encode("utf-8")
    masked = json.loads(Masker()("2026/visits.json", data))
    assert masked["visits"]["1"]["learned"] == "电话***\n"  # was copied as it was: 电话139 and 5724 on show
    assert masked["visits"]["1"]["requests"] == "5724"

def test_adjacent_dates_and_times_of_a_record_are_not_read_as_one_number() -> None:
    from village_tui.exchange.masking import mask_free_text

    meta = {"period": "2026-10", "frozen_at": "2026-11-20 09:00:00", "operator": "张建国"}
    assert mask_free_text(meta) == meta
    item = {"content": "联系电话139 5724", "requests": "6810，尽快修路", "due_on": "2026-12-24"}
    masked = mask_free_text(item)
    assert masked["content"] == "联系电话139 ****"  # still read across the two free-text fields
    assert masked["requests"] == "6810，尽快修路" and masked["due_on"] == "2026-12-24"


def test_the_public_signing_key_is_kept_whole_line_by_line_and_in_a_file_laid_out_otherwise():
    """A key's hex digits may hold a run of seven digits; it is no number, and the township needs it whole."""
    import json

    from village_tui.exchange.masking import Masker

    key = "5b553f79a9c0371eae20a0fa9eb5887251f9f537057bb9a8d8693c553243b647"  # 5887251: seven digits
    data = ('{\n"settings":{\n"1":{"name":"桃源村","signing_key":"' + key + '","phone_note":"电话13957246810"}\n}\n}\n'
            ).encode("utf-8")
    by_lines = json.loads(Masker()("reference.json", data))
    whole = json.loads(Masker()("reference.json", json.dumps(json.loads(data), indent=2).encode()))
    assert by_lines["settings"]["1"]["signing_key"] == key == whole["settings"]["1"]["signing_key"]
    assert by_lines["settings"]["1"]["phone_note"] == "电话139****6810" == whole["settings"]["1"]["phone_note"]
