"""The tables the sign-in shows, read from the start of ``reference.json`` before the whole file is parsed.

The sign-in frame needs the village's settings and its cadres: a few kilobytes of a
reference file whose households and matters run to megabytes. The program writes those
two tables first (:func:`sign_in_first`), so an open that checks the rest later
(:class:`~village_tui.store.folder.DataFolder` with ``check_later``) decodes the file's
top-level tables one by one, with the same strict decoder as a whole parse (no key
twice, no NaN), and stops once both are decoded (:func:`read_sign_in_tables`). A file
written by an older version, with them further in, is decoded further.

Nothing is weakened: the whole file is still parsed and shape-checked from the very same
bytes by the check after the first frame, and every write waits for that check.
"""

from __future__ import annotations

import re
from typing import Any

from village_tui.store.kinds import SETTINGS_TABLE
from village_tui.store.storage import strict_decoder

REFERENCE_NAME = "reference.json"
SIGN_IN_TABLES = (SETTINGS_TABLE, "cadres")
_SPACE = re.compile(r"[ \t\n\r]*")  # the whitespace JSON allows between tokens


def _skip_space(text: str, at: int) -> int:
    """The index of the first character at or after ``at`` that is not whitespace."""
    space = _SPACE.match(text, at)
    return space.end() if space is not None else at


def sign_in_first(data: dict[str, Any]) -> dict[str, Any]:
    """The reference file's tables with the sign-in's first, the rest in their order (as it is written)."""
    first = {name: data[name] for name in SIGN_IN_TABLES if name in data}
    if list(data)[:len(first)] == list(first):
        return data  # already in order: the usual case after the first compaction
    return first | {name: docs for name, docs in data.items() if name not in first}


def read_sign_in_tables(text: str) -> dict[str, Any] | None:
    """The settings and cadres tables decoded from the start of a reference file's text.

    Tables are decoded one at a time, and the rest of the file is not read once both are:
    what follows is the later check's (a broken household after them is found there).

    Args:
        text: The whole file, decoded from UTF-8.

    Returns:
        ``{"settings": ..., "cadres": ...}``, or None when the file does not start with an object
        holding both, or anything read on the way does not parse strictly (a key twice, NaN, a
        table name written twice): the caller then parses the whole file, which names the problem.
    """
    decode = strict_decoder().raw_decode
    at = _skip_space(text, 0)
    if text[at:at + 1] != "{":
        return None
    found: dict[str, Any] = {}
    seen: set[str] = set()
    at += 1
    try:
        while True:
            at = _skip_space(text, at)
            if text[at:at + 1] != '"':
                return None
            name, at = decode(text, at)  # the table's name: a JSON string
            if name in seen:
                return None  # a table written twice: the whole parse refuses it
            seen.add(name)
            at = _skip_space(text, at)
            if text[at:at + 1] != ":":
                return None
            value, at = decode(text, _skip_space(text, at + 1))
            if name in SIGN_IN_TABLES:
                found[name] = value
                if len(found) == len(SIGN_IN_TABLES):
                    return found
            at = _skip_space(text, at)
            if text[at:at + 1] != ",":
                return None  # the end of the file's object (a table missing) or not JSON
            at += 1
    except (ValueError, RecursionError):  # JSONDecodeError, a key twice, NaN, a number too long, too deep
        return None
