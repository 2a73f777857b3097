"""Wrap Chinese help text to the terminal's width without breaking a word.

argparse wraps with ``textwrap``, which sees a run of Chinese as one long word and
cuts it anywhere, ``review`` and ``./data`` included. Here a line may break between
two Chinese characters or at a space, never inside a run of Latin letters, digits or
a path, and never before closing punctuation (、，。）」). Widths count a Chinese
character as two columns, as a terminal draws it.
"""

from __future__ import annotations

import re
import unicodedata

_NO_LINE_START = set("、，。；：！？）」』》】,.;:!?)]}")
_NO_LINE_END = set("（「『《【")
_TOKEN = re.compile(r"\s+|[\x21-\x7e]+|.", re.S)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide and full-width characters count two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _units(text: str) -> list[str]:
    """Unbreakable pieces: spaces, Latin runs, single Chinese characters; punctuation stays with its word."""
    units: list[str] = []
    for token in _TOKEN.findall(text):
        if units and not token.isspace() and not units[-1].isspace() and (
                token[0] in _NO_LINE_START or units[-1][-1] in _NO_LINE_END):
            units[-1] += token
        else:
            units.append(token)
    return units


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Lines of ``text`` (one paragraph) of at most ``width`` columns where the words allow.

    Args:
        text: The paragraph (newlines are treated as spaces).
        width: Columns per line.
        indent: Put before the first line.
        subsequent: Put before the other lines (default ``indent``).
    """
    subsequent = indent if subsequent is None else subsequent
    lines: list[str] = []
    line, used = indent, display_width(indent)
    for unit in _units(" ".join(text.split("\n"))):
        size = display_width(unit)
        if unit.isspace():
            if line.strip():
                line, used = line + " ", used + 1
            continue
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = subsequent, display_width(subsequent)
        line, used = line + unit, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def wrap_block(text: str, width: int) -> str:
    """Wrap each line of ``text`` on its own, keeping its indentation; ``name  purpose`` lines hang under the purpose."""
    out = []
    for raw in text.splitlines():
        if not raw.strip():
            out.append("")
            continue
        match = re.match(r"(\s*\S+\s{2,})(.*)", raw)
        if match:
            out.extend(wrap(match[2], width, match[1], " " * display_width(match[1])))
        else:
            lead = raw[: len(raw) - len(raw.lstrip())]
            out.extend(wrap(raw.strip(), width, lead))
    return "\n".join(out)
