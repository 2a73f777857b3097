"""Validators for fields typed by users.

Each validator takes the raw text from an input box, returns the normalised
value, or raises :class:`~village_tui.domain.errors.ValidationError` with a
Chinese message the screen can show next to the field.
"""

from __future__ import annotations

import re
from datetime import date

from village_tui.domain.errors import ValidationError
from village_tui.domain.normalize import clean_text, digits_only

__all__ = [
    "ID_WEIGHTS",
    "ID_CHECK_CHARS",
    "id_check_digit",
    "validate_id_number",
    "validate_phone",
    "validate_required",
    "validate_text",
    "validate_int",
    "validate_date_range",
]

# GB 11643-1999, ISO 7064 MOD 11-2.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
_ID_MIN_YEAR = 1800

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_PHONE_CHARS_RE = re.compile(r"^[\d\s\-+()]+$")
_LOCAL_RE = re.compile(r"^[2-9]\d{6,7}$")
_INT_RE = re.compile(r"^[+-]?\d+$")


def id_check_digit(first17: str) -> str:
    """The check character of a 18-digit resident ID number.

    Args:
        first17: The first 17 digits.

    Returns:
        One of ``"0"``-``"9"`` or ``"X"``.

    Raises:
        ValueError: If ``first17`` is not 17 ASCII digits.
    """
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("first17 must be 17 ASCII digits")
    total = sum(int(ch) * w for ch, w in zip(first17, ID_WEIGHTS))
    return ID_CHECK_CHARS[total % 11]


def validate_id_number(
    s: str,
    field: str = "id_number",
    required: bool = False,
    *,
    today: date | None = None,
) -> str:
    """Validate a resident ID number (居民身份证号码, GB 11643-1999).

    Spaces are ignored, full-width digits accepted and a lowercase ``x``
    check character is returned as ``X``.

    Args:
        s: The raw text.
        field: The field name reported in errors.
        required: When False an empty value is allowed and returns ``""``.
        today: Reference day for the "birth date in the future" check;
            defaults to today in China.

    Returns:
        The 18-character number, or ``""`` when empty and not required.

    Raises:
        ValidationError: Empty (when required), wrong length, non-digit
            characters, impossible birth date or wrong check digit.
    """
    text = clean_text(s or "").replace(" ", "").upper()
    if not text:
        if required:
            raise ValidationError(field, "身份证号不能为空")
        return ""
    if len(text) != 18:
        raise ValidationError(field, f"身份证号位数不对：应为18位，现在是{len(text)}位")
    body, last = text[:17], text[17]
    if not (body.isascii() and body.isdigit()) or not (last == "X" or last.isascii() and last.isdigit()):
        raise ValidationError(field, "身份证号含有非数字的字符（只有最后一位可以是X）")
    year, month, day = int(body[6:10]), int(body[10:12]), int(body[12:14])
    try:
        birth = date(year, month, day)
    except ValueError:
        birth = None
    if birth is None or year < _ID_MIN_YEAR:
        raise ValidationError(field, f"身份证号中的出生日期不存在：{year}年{month}月{day}日")
    if today is None:
        from village_tui.domain.dates import today as china_today

        today = china_today()
    if birth > today:
        raise ValidationError(field, "身份证号中的出生日期晚于今天，请核对")
    if id_check_digit(body) != last:
        raise ValidationError(field, "身份证号最后一位校验码不对，请核对")
    return text


def validate_phone(s: str, field: str = "phone", required: bool = False) -> str:
    """Validate a mobile or landline phone number.

    Accepted: mobile numbers ``1[3-9]`` + 9 digits (spaces, dashes,
    full-width digits and a ``+86`` / ``0086`` prefix allowed), landlines
    with area code (``0598-7233678``, ``05987233678``, ``(010)12345678``)
    and 7-8 digit local numbers.

    Args:
        s: The raw text.
        field: The field name reported in errors.
        required: When False an empty value is allowed and returns ``""``.

    Returns:
        The mobile number as 11 digits, a landline as ``"0598-7233678"``, a
        local number as its digits, or ``""``.

    Raises:
        ValidationError: The number cannot be a Chinese phone number.
    """
    text = clean_text(s or "")
    if not text:
        if required:
            raise ValidationError(field, "电话不能为空")
        return ""
    if not _PHONE_CHARS_RE.match(text):
        raise ValidationError(field, "电话号码只能包含数字、空格和「-」")
    compact = re.sub(r"[\s\-()]", "", text)
    international = False
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix):
            compact, international = compact[len(prefix):], True
            break
    else:
        if compact.startswith("86") and len(compact) == 13 and compact[2] == "1":
            compact, international = compact[2:], True
    if "+" in compact:
        raise ValidationError(field, "电话号码只能包含数字、空格和「-」")
    digits = compact
    if international and digits and not digits.startswith(("0", "1")):
        digits = "0" + digits  # +86 598 7233678 -> 0598 7233678
    if digits.startswith("1"):
        if not _MOBILE_RE.match(digits):
            raise ValidationError(field, f"手机号应为11位，以13-19开头（现在是{len(digits)}位：{digits}）")
        return digits
    if digits.startswith("0"):
        return _landline(text, digits, field)
    if _LOCAL_RE.match(digits):
        return digits
    raise ValidationError(
        field, f"电话号码位数不对：手机号11位，座机7到8位（可带区号，如 0598-7233678），现在是{len(digits)}位"
    )


def _landline(text: str, digits: str, field: str) -> str:
    groups = [g for g in re.split(r"[\s\-()]+", text.replace("+86", "").strip()) if g]
    if len(groups) >= 2:
        area = digits_only(groups[0])
        if not area.startswith("0"):
            area = "0" + area
        local = digits[len(area):]
        if 3 <= len(area) <= 4 and _LOCAL_RE.match(local) and digits.startswith(area):
            return f"{area}-{local}"
    area_len = 3 if digits.startswith(("010", "02")) else 4
    area, local = digits[:area_len], digits[area_len:]
    if _LOCAL_RE.match(local):
        return f"{area}-{local}"
    raise ValidationError(field, "座机号码应为区号加7到8位号码，如 0598-7233678")


def _check_length(text: str, field: str, label: str, max_len: int | None) -> None:
    if max_len is not None and len(text) > max_len:
        raise ValidationError(field, f"{label}不能超过{max_len}个字（现在{len(text)}个）")


def validate_required(
    s: str, field: str, label: str, max_len: int | None = None, multiline: bool = False
) -> str:
    """Validate a required text field.

    Args:
        s: The raw text.
        field: The field name reported in errors.
        label: The Chinese label used in messages, e.g. ``"姓名"``.
        max_len: Maximum length in characters after cleaning, or None.
        multiline: Keep line breaks (see :func:`clean_text`).

    Returns:
        The cleaned text.

    Raises:
        ValidationError: ``"{label}不能为空"`` or the too-long message.
    """
    text = clean_text(s or "", multiline=multiline)
    if not text:
        raise ValidationError(field, f"{label}不能为空")
    _check_length(text, field, label, max_len)
    return text


_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def validate_name(s: str, field: str, label: str, max_len: int | None = None) -> str:
    """Validate a person's name (户主, 干部姓名): required, and never the start of a formula.

    A name starting with ``=``, ``+``, ``-`` or ``@`` (or their full-width forms) is no name;
    in a spreadsheet it would run as a formula, so it is refused here.

    Args:
        s: The raw text.
        field: The field name reported in errors.
        label: The Chinese label used in messages, e.g. ``"户主"``.
        max_len: Maximum length in characters after cleaning, or None.

    Returns:
        The cleaned name.

    Raises:
        ValidationError: Empty, too long, or starting with a formula character (Chinese message).
    """
    text = validate_required(s, field, label, max_len)
    first = text.lstrip(" \t")[:1]
    if first and first in _FORMULA_START:
        raise ValidationError(field, f"{label}不能以「{first}」开头：姓名里只写名字，不能写公式或符号")
    return text


def validate_text(
    s: str, field: str, label: str, max_len: int | None = None, multiline: bool = False
) -> str:
    """Validate an optional text field.

    Args:
        s: The raw text; empty is fine.
        field: The field name reported in errors.
        label: The Chinese label used in messages.
        max_len: Maximum length in characters after cleaning, or None.
        multiline: Keep line breaks (see :func:`clean_text`).

    Returns:
        The cleaned text, possibly ``""``.

    Raises:
        ValidationError: The text is too long.
    """
    text = clean_text(s or "", multiline=multiline)
    _check_length(text, field, label, max_len)
    return text


def validate_int(
    s: str | int,
    field: str,
    label: str,
    min_value: int | None = None,
    max_value: int | None = None,
) -> int:
    """Validate a whole number (full-width digits accepted).

    Args:
        s: The raw text (an ``int`` is accepted as is).
        field: The field name reported in errors.
        label: The Chinese label used in messages.
        min_value: Smallest allowed value, or None.
        max_value: Largest allowed value, or None.

    Returns:
        The number.

    Raises:
        ValidationError: Empty, not a whole number, or out of range.
    """
    if isinstance(s, bool):
        raise ValidationError(field, f"{label}应为整数")
    if isinstance(s, int):
        value = s
    else:
        text = clean_text(s or "").replace(" ", "").replace(",", "")
        if not text:
            raise ValidationError(field, f"{label}不能为空")
        if not _INT_RE.match(text) or not text.lstrip("+-").isascii():
            raise ValidationError(field, f"{label}应为整数，现在是「{text}」")
        value = int(text)
    if min_value is not None and max_value is not None and not min_value <= value <= max_value:
        raise ValidationError(field, f"{label}应在{min_value}到{max_value}之间（现在是{value}）")
    if min_value is not None and value < min_value:
        raise ValidationError(field, f"{label}不能小于{min_value}（现在是{value}）")
    if max_value is not None and value > max_value:
        raise ValidationError(field, f"{label}不能大于{max_value}（现在是{value}）")
    return value


def validate_date_range(start: date | None, end: date | None, field: str = "end") -> None:
    """Check that a period does not end before it starts.

    Args:
        start: First day, or None when open.
        end: Last day, or None when open.
        field: The field name reported in errors (usually the end field).

    Raises:
        ValidationError: ``end`` is before ``start``.
    """
    if start is not None and end is not None and end < start:
        raise ValidationError(
            field,
            f"结束日期不能早于开始日期（开始{start.year}年{start.month}月{start.day}日，"
            f"结束{end.year}年{end.month}月{end.day}日）",
        )


GROUP_MAX = 10  # 村民小组 names are short: "1组", "东山组"


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_LEADING_NUMBER = re.compile(r"^\s*(\d+|[零一二两三四五六七八九十百]+)")


def _chinese_number(text: str) -> int:
    """``十二`` → 12, ``二十`` → 20, ``一百零三`` → 103 (small numbers, as group names use)."""
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def group_order_key(name: str) -> tuple[int, int]:
    """Sort key putting groups in natural order: 1组, 2组 … 10组 (一组 … 十组 too); unnumbered ones after."""
    match = _LEADING_NUMBER.match(name)
    if match is None:
        return (1, 0)
    number = match.group(1)
    return (0, int(number) if number.isdigit() else _chinese_number(number))


def natural_groups(names: list[str]) -> list[str]:
    """Group names in natural order (unnumbered names keep their order, after the numbered ones)."""
    return sorted(names, key=group_order_key)


def validate_groups(names: list[str], field: str = "groups") -> list[str]:
    """Clean the village's group names (split by the caller), in natural order; each at most ``GROUP_MAX`` characters.

    Raises:
        ValidationError: No group, or a name too long (Chinese message).
    """
    groups = [validate_required(name, field, "组名", GROUP_MAX) for name in names if clean_text(name)]
    if not groups:
        raise ValidationError(field, "请至少填写一个村民小组，如 1组、2组")
    return natural_groups(list(dict.fromkeys(groups)))
