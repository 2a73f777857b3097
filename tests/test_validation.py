"""Tests for village_tui.domain.validation."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.errors import DomainError, ValidationError
from village_tui.domain.validation import (
    id_check_digit,
    validate_date_range,
    validate_id_number,
    validate_int,
    validate_phone,
    validate_required,
    validate_text,
)

TODAY = date(2026, 11, 27)


def compute_check(first17: str) -> str:
    """Independent ISO 7064 MOD 11-2 implementation for building test numbers."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    total = sum(int(c) * w for c, w in zip(first17, weights))
    return "10X98765432"[total % 11]


def make_id(area: str, birth: str, seq: str) -> str:
    first17 = area + birth + seq
    return first17 + compute_check(first17)


# --- ID numbers --------------------------------------------------------------


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_gb_standard_examples_are_valid(number: str) -> None:
    assert validate_id_number(number, today=TODAY) == number


def test_helper_agrees_with_module() -> None:
    assert compute_check("11010519491231002") == "X"
    assert id_check_digit("44052418800101001") == "4"
    for seq in ("001", "123", "447", "998"):
        body = "350702" + "19900307" + seq
        assert id_check_digit(body) == compute_check(body)


def test_computed_numbers_are_valid() -> None:
    for birth in ("19900307", "20000229", "19491001", "20261127"):
        number = make_id("350702", birth, "447")
        assert validate_id_number(number, today=TODAY) == number


def test_lowercase_x_accepted_and_upper_cased() -> None:
    assert validate_id_number("11010519491231002x", today=TODAY) == "11010519491231002X"


def test_fullwidth_digits_and_spaces_accepted() -> None:
    assert validate_id_number("１１０１０５ １９４９１２３１ ００２Ｘ", today=TODAY) == "11010519491231002X"


def test_wrong_check_digit() -> None:
    with pytest.raises(ValidationError) as info:
        validate_id_number("110105194912310021", today=TODAY)
    assert info.value.field == "id_number"
    assert "最后一位校验码不对，请核对" in info.value.message


def test_17_digits_wrong_length() -> None:
    with pytest.raises(ValidationError) as info:
        validate_id_number("11010519491231002", today=TODAY)
    assert "18位" in info.value.message and "17位" in info.value.message


def test_old_15_digit_number_rejected() -> None:
    with pytest.raises(ValidationError, match="15位"):
        validate_id_number("110105491231002", today=TODAY)


def test_non_digit_characters() -> None:
    with pytest.raises(ValidationError, match="非数字"):
        validate_id_number("1101051949A231002X", today=TODAY)
    with pytest.raises(ValidationError, match="非数字"):
        validate_id_number("11010519491231002Y", today=TODAY)


def test_february_30_birth_date() -> None:
    number = make_id("110105", "19900230", "002")
    with pytest.raises(ValidationError, match="出生日期不存在：1990年2月30日"):
        validate_id_number(number, today=TODAY)


def test_leap_day_birth_dates() -> None:
    ok = make_id("110105", "20000229", "002")
    assert validate_id_number(ok, today=TODAY) == ok
    bad = make_id("110105", "19000229", "002")  # 1900 is not a leap year
    with pytest.raises(ValidationError, match="出生日期不存在"):
        validate_id_number(bad, today=TODAY)


def test_birth_year_too_early_and_future() -> None:
    with pytest.raises(ValidationError, match="出生日期不存在"):
        validate_id_number(make_id("110105", "17991231", "002"), today=TODAY)
    with pytest.raises(ValidationError, match="晚于今天"):
        validate_id_number(make_id("110105", "20261128", "002"), today=TODAY)


def test_empty_id_number() -> None:
    assert validate_id_number("", today=TODAY) == ""
    assert validate_id_number("　 ", today=TODAY) == ""
    with pytest.raises(ValidationError, match="不能为空"):
        validate_id_number("", required=True)


def test_custom_field_name_and_domain_error() -> None:
    with pytest.raises(DomainError) as info:
        validate_id_number("123", field="guardian_id")
    assert isinstance(info.value, ValidationError)
    assert info.value.field == "guardian_id"


def test_id_check_digit_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        id_check_digit("123")


# --- phones ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("+8619912345678", "19912345678"),
        ("0086 13800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        ("0598-7233678", "0598-7233678"),
        ("０５９８－７２３３６７８", "0598-7233678"),
        ("05987233678", "0598-7233678"),
        ("0598 72336789", "0598-72336789"),
        ("010-62345678", "010-62345678"),
        ("01062345678", "010-62345678"),
        ("(010)62345678", "010-62345678"),
        ("020 3456789", "020-3456789"),
        ("+86 598 7233678", "0598-7233678"),
        ("7233678", "7233678"),
        ("72336789", "72336789"),
    ],
)
def test_valid_phones(raw: str, expected: str) -> None:
    assert validate_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("1380013800", "手机号应为11位"),
        ("12800138000", "以13-19开头"),
        ("138001380001", "手机号应为11位"),
        ("0598-723", "座机号码"),
        ("12345", "手机号"),
        ("23456", "位数不对"),
        ("138abc", "只能包含数字"),
        ("电话13800138000", "只能包含数字"),
    ],
)
def test_invalid_phones(raw: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_phone(raw)
    assert fragment in info.value.message
    assert info.value.field == "phone"


def test_empty_phone() -> None:
    assert validate_phone("") == ""
    with pytest.raises(ValidationError, match="不能为空"):
        validate_phone(" ", field="mobile", required=True)


# --- text and numbers ----------------------------------------------------------


def test_validate_required() -> None:
    assert validate_required("  王　建国 ", "name", "姓名", 10) == "王 建国"
    with pytest.raises(ValidationError) as info:
        validate_required("  ", "name", "姓名", 10)
    assert info.value.message == "姓名不能为空"
    assert info.value.field == "name"
    with pytest.raises(ValidationError) as info:
        validate_required("一二三四五六", "name", "姓名", 5)
    assert info.value.message == "姓名不能超过5个字（现在6个）"


def test_validate_required_length_counts_cleaned_text() -> None:
    assert validate_required("\x1b[1m张三\x1b[0m", "name", "姓名", 2) == "张三"


def test_validate_text() -> None:
    assert validate_text("", "note", "备注", 100) == ""
    assert validate_text("第一行\n第二行", "note", "备注", 100, multiline=True) == "第一行\n第二行"
    assert validate_text("第一行\n第二行", "note", "备注", 100) == "第一行 第二行"
    assert validate_text("[b]不是标记[/b]", "note", "备注", 100) == "[b]不是标记[/b]"
    with pytest.raises(ValidationError, match="备注不能超过3个字（现在4个）"):
        validate_text("一二三四", "note", "备注", 3)


def test_validate_int() -> None:
    assert validate_int("１２", "members", "人口数", 1, 99) == 12
    assert validate_int(" 7 ", "members", "人口数", 1, 99) == 7
    assert validate_int("-3", "delta", "变化", -10, 10) == -3
    assert validate_int(5, "members", "人口数", 1, 99) == 5
    with pytest.raises(ValidationError, match="人口数不能为空"):
        validate_int("", "members", "人口数", 1, 99)
    with pytest.raises(ValidationError, match="人口数应为整数"):
        validate_int("三", "members", "人口数", 1, 99)
    with pytest.raises(ValidationError, match="人口数应为整数"):
        validate_int("1.5", "members", "人口数", 1, 99)
    with pytest.raises(ValidationError, match="人口数应在1到99之间"):
        validate_int("100", "members", "人口数", 1, 99)
    with pytest.raises(ValidationError, match="不能小于0"):
        validate_int("-1", "amount", "金额", 0, None)


def test_validate_date_range() -> None:
    validate_date_range(date(2026, 1, 5), date(2026, 1, 5), "end")
    validate_date_range(date(2026, 1, 5), None, "end")
    validate_date_range(None, date(2026, 1, 5), "end")
    with pytest.raises(ValidationError) as info:
        validate_date_range(date(2026, 1, 5), date(2026, 1, 4), "leave_end")
    assert info.value.field == "leave_end"
    assert "结束日期不能早于开始日期" in info.value.message


def test_groups_are_kept_in_natural_order():
    from village_tui.domain.validation import natural_groups, validate_groups

    assert validate_groups(["10组", "2组", "1组", "东山组", "11组"]) == ["1组", "2组", "10组", "11组", "东山组"]
    assert natural_groups(["十组", "二组", "一组", "十一组"]) == ["一组", "二组", "十组", "十一组"]
