"""How wide a value prints in a spreadsheet column: East Asian wide characters take two columns."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

# East Asian wide and full-width characters (Unicode's W and F classes): they take two columns.
_WIDE = re.compile("[\u1100-\u115f\u231a\u231b\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   "\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60"
                   "\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]")


def display_width(value: Any) -> int:
    """Width of a value in Excel character units (wide Chinese characters count 2)."""
    if value is None:
        return 0
    text = value.isoformat() if isinstance(value, date) else str(value)
    if "\n" in text:
        text = max(text.split("\n"), key=len)
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))
