"""The editable list of ledger categories and their default days to resolve (民情类别设置).

The editor shows one category per line, optionally followed by its default
days: ``饮水 10`` or ``饮水：10天``. A line without days keeps the built-in
default (:func:`village_tui.domain.ledger.due_days_for`).
"""

from __future__ import annotations

from collections.abc import Iterable

from village_tui.domain.errors import ValidationError
from village_tui.domain.ledger import due_days_for
from village_tui.domain.models import LedgerItem, VillageSettings
from village_tui.domain.normalize import clean_text
from village_tui.domain.validation import validate_int

FIELD = "ledger_categories"
NAME_MAX = 10
DAYS_MIN, DAYS_MAX = 1, 365
IDS_SHOWN = 5
EXAMPLE = "如「饮水 10」或「饮水：10天」"


def _split_line(line: str) -> tuple[str, str | None]:
    """``(name, days text or None)`` of one cleaned, non-empty line."""
    name, sep, rest = line.replace(":", "：").partition("：")
    if not sep:
        head, _, tail = line.rpartition(" ")
        # Only a trailing number counts as days; "环境 卫生" stays one (bad) name.
        if not head or not tail.removesuffix("天").isdigit():
            return line, None
        name, rest = head, tail
    days = rest.strip().removesuffix("天").strip()
    return name.strip(), days or None


def parse_categories(text: str) -> tuple[list[str], dict[str, int]]:
    """Parse the editor's text into the categories, in order, and the days given for them.

    Args:
        text: One category per line, optionally followed by its days; blank lines are skipped.

    Returns:
        ``(names, days)``: ``days`` holds only the categories whose line gives a number.

    Raises:
        ValidationError: No category, a line with no name, a name with spaces or longer
            than 10 characters, a repeated name, or days that are not 1 to 365.
    """
    names: list[str] = []
    days: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean_text(raw)
        if not line:
            continue
        name, value = _split_line(line)
        if not name:
            raise ValidationError(FIELD, f"第{number}行缺少类别名称，{EXAMPLE}")
        if " " in name:
            raise ValidationError(FIELD, f"第{number}行：类别名称「{name}」不能含空格；天数请写数字，{EXAMPLE}")
        if len(name) > NAME_MAX:
            raise ValidationError(FIELD, f"第{number}行：类别名称「{name}」不能超过{NAME_MAX}个字")
        if name in names:
            raise ValidationError(FIELD, f"第{number}行：类别「{name}」重复了")
        names.append(name)
        if value is not None:
            days[name] = validate_int(value, FIELD, f"第{number}行「{name}」的默认天数", DAYS_MIN, DAYS_MAX)
    if not names:
        raise ValidationError(FIELD, "至少要有一个类别")
    return names, days


def format_categories(settings: VillageSettings) -> str:
    """The editor's text for the village's categories, each with the days it has now."""
    return "\n".join(f"{name} {due_days_for(name, settings.category_due_days)}"
                     for name in settings.ledger_categories)


def check_removal(old: list[str], new: list[str], open_items: Iterable[LedgerItem]) -> None:
    """Refuse to drop a category that open items still use.

    Args:
        old: The categories saved now.
        new: The categories about to be saved.
        open_items: Every open item, of any year.

    Raises:
        ValidationError: Names each removed category still in use and its items' numbers.
    """
    removed = set(old) - set(new)
    using: dict[str, list[str]] = {}
    for item in open_items:
        if item.category in removed and not item.cancelled:
            using.setdefault(item.category, []).append(str(item.id))
    if not using:
        return
    parts = []
    for name in (n for n in old if n in using):
        ids = sorted(using[name])
        more = f"等{len(ids)}件" if len(ids) > IDS_SHOWN else ""
        parts.append(f"「{name}」还有未办结的事项{'、'.join(ids[:IDS_SHOWN])}{more}")
    raise ValidationError(FIELD, "；".join(parts) + "，办结后才能删除这个类别")


__all__ = ["check_removal", "format_categories", "parse_categories"]
