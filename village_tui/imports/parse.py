"""Turning spreadsheet cells into values: text, dates, yes/no, numbers, groups, roles, times.

Each function takes the raw cell (str, int, float, datetime, date, time or None) and
the column's Chinese header, and raises ``ValidationError(column, message)`` with a
Chinese message when the cell cannot be read.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from village_tui.domain.dates import excel_serial_to_date, parse_date
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import ROLES
from village_tui.domain.normalize import clean_text, split_list
from village_tui.domain.safe_text import unquote_formula
from village_tui.domain.validation import validate_int

_YES = frozenset({"是", "有", "y", "yes", "true", "1", "√", "对"})
_NO = frozenset({"否", "无", "不是", "n", "no", "false", "0", "×", "x", ""})
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_GROUP_RE = re.compile(r"^第?([0-9]+|[零〇一二两三四五六七八九十]+)(?:组|村民小组|小组|队|生产队)?$")
_ROLE_ALIASES = {
    "支书": "书记", "村书记": "书记", "党支部书记": "书记", "村党支部书记": "书记", "村党组织书记": "书记",
    "党总支书记": "书记", "村主任": "主任", "村委会主任": "主任", "村委主任": "主任", "书记、主任": "书记兼主任",
    "书记主任": "书记兼主任", "书记兼村主任": "书记兼主任", "一肩挑": "书记兼主任", "村副书记": "副书记",
    "村副主任": "副主任", "村委会副主任": "副主任", "村委委员": "委员", "支委": "委员", "村委": "委员",
    "两委委员": "委员",
}
_TIME_RE = re.compile(r"^(\d{1,2})[:：.时点](\d{2})分?(?::\d{2})?$|^(\d{2})(\d{2})$")


def text(value) -> str:
    """A cell as cleaned one-line text; whole numbers lose Excel's ``.0`` (``1.0`` → ``"1"``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return clean_text(unquote_formula(str(value)))


def long_text(value) -> str:
    """A cell as cleaned text that may span several lines."""
    if isinstance(value, str):
        return clean_text(unquote_formula(value), multiline=True)
    return text(value)


def date_cell(value, column: str, today: date) -> date:
    """A date: a date cell, an Excel serial number, or text in any form :func:`parse_date` reads.

    Raises:
        ValidationError: Blank or unreadable.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return excel_serial_to_date(int(value))
        except ValueError:
            raise ValidationError(column, f"{column}无法识别：{text(value)}，请写成 2026-11-27") from None
    raw = text(value)
    if not raw:
        raise ValidationError(column, f"{column}不能为空")
    try:
        return parse_date(raw, today=today, field=column)
    except ValidationError as error:
        raise ValidationError(column, f"{column}：{error.message}") from None


def optional_date(value, column: str, today: date) -> date | None:
    """Like :func:`date_cell`, but a blank cell is None."""
    return None if not text(value) else date_cell(value, column, today)


def yes_no(value, column: str) -> bool:
    """是/否 (also 有/无, Y/N, 1/0); a blank cell is 否."""
    raw = text(value).lower()
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise ValidationError(column, f"{column}应填「是」或「否」，现在是「{text(value)}」")


def whole_number(value, column: str, low: int, high: int, default: int | None = None) -> int:
    """A whole number between ``low`` and ``high``; a blank cell gives ``default`` when there is one."""
    raw = text(value)
    if not raw and default is not None:
        return default
    if isinstance(value, float) and not value.is_integer():
        raise ValidationError(column, f"{column}应为整数，现在是「{value}」")
    return validate_int(raw, column, column, low, high)


def choice(value, column: str, options, default: str | None = None) -> str:
    """One of ``options``; a blank cell gives ``default`` when there is one."""
    raw = text(value).replace(" ", "")
    if not raw and default is not None:
        return default
    if raw not in options:
        raise ValidationError(column, f"{column}应为：{'、'.join(options)}，现在是「{raw}」")
    return raw


def role(value, column: str = "职务") -> str:
    """A cadre's role (书记 / 主任 / 书记兼主任 / 副书记 / 副主任 / 委员), common longer names accepted."""
    raw = text(value).replace(" ", "")
    return choice(_ROLE_ALIASES.get(raw, raw), column, ROLES)


def items(value) -> list[str]:
    """A list in one cell, separated by 、，,；; or spaces."""
    return split_list(text(value))


def _chinese_number(s: str) -> int | None:
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        high = _CN_DIGITS.get(tens, 1 if not tens else None)
        low = _CN_DIGITS.get(ones, 0 if not ones else None)
        return None if high is None or low is None else high * 10 + low
    if len(s) == 1:
        return _CN_DIGITS.get(s)
    return None


def group_number(name: str) -> int | None:
    """The number of a group written as ``1``, ``01``, ``1组``, ``一组``, ``第一组``, ``十二组``; else None."""
    match = _GROUP_RE.match(text(name).replace(" ", ""))
    if not match:
        return None
    raw = match.group(1)
    return int(raw) if raw.isdigit() else _chinese_number(raw)


def group_name(value, groups: list[str]) -> str:
    """A group in the village's own naming: ``1``, ``1组`` and ``一组`` are all the village's ``1组``.

    A numbered group the village does not have yet is named ``N组``; other names stay as written.
    """
    raw = text(value).replace(" ", "")
    if raw in groups:
        return raw
    number = group_number(raw)
    if number is None:
        return raw
    for group in groups:
        if group_number(group) == number:
            return group
    return f"{number}组"


def time_cell(value, column: str = "签到时间") -> str:
    """A time of day as ``08:30``: a time cell, an Excel day fraction, or text like ``8:30`` / ``0830``."""
    if isinstance(value, (datetime, time)):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    raw = text(value).replace(" ", "")
    match = _TIME_RE.match(raw)
    if match:
        hour, minute = (int(g) for g in (match.groups()[:2] if match.group(1) else match.groups()[2:]))
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise ValidationError(column, f"{column}应写成 08:30，现在是「{raw}」")
