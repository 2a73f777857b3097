"""Making stored text harmless where it leaves the program: on a terminal, in xlsx and CSV.

Text read from a data file or a spreadsheet is hostile until shown otherwise. A name may
hold a terminal escape sequence that clears the screen, a bidi override that reverses what
follows, or a leading ``=`` that a spreadsheet runs as a formula. Two functions cover the
two ways text leaves the program:

- :func:`inert` for anything printed by the CLI or drawn by the TUI.
- :func:`formula_safe` for every text cell written to xlsx or CSV.
"""

from __future__ import annotations

import re

from village_tui.domain.normalize import strip_escapes

__all__ = ["inert", "formula_safe", "unquote_formula", "FORMULA_TRIGGERS"]

# C0/C1 controls and DEL; tab and newline are kept only where multi-line text is wanted.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_NO_NEWLINE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates, the marks, zero-width characters and the BOM.
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]")

# Anything :func:`inert` would change: a fast test that spares the three substitutions for plain text.
_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]")

# OWASP CSV injection: a cell starting with one of these may be run as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def inert(text: object, *, multiline: bool = False) -> str:
    """Text that is safe to print on a terminal or draw in a Textual widget.

    Escape sequences are removed whole, then every control character and every bidi
    override, isolate or zero-width character. Rich markup is not touched here: widgets
    show text literally by passing it as ``Text`` or with ``markup=False``.

    Args:
        text: Any value; ``None`` gives ``""``.
        multiline: Keep ``\\n`` (and tabs) so notes keep their lines.

    Returns:
        The text without anything a terminal would interpret.
    """
    if text is None:
        return ""
    value = strip_escapes(str(text))
    value = (_CONTROL_RE if multiline else _CONTROL_NO_NEWLINE_RE).sub("", value)
    return _INVISIBLE_RE.sub("", value)


def formula_safe(text: object) -> str:
    """A text cell value that no spreadsheet will run as a formula.

    Following the OWASP guidance on CSV injection, a value that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return (or their full-width forms) gets a leading
    single quote, so Excel and WPS show it as typed. Control characters that openpyxl
    refuses are removed first, so a stored control character never stops an export.

    Args:
        text: Any value; ``None`` gives ``""``.

    Returns:
        The value as text, neutralised.
    """
    if text is None:
        return ""
    raw = str(text)
    value = inert(raw, multiline=True) if _UNSAFE_RE.search(raw) else raw
    if value.startswith(FORMULA_TRIGGERS) or raw.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unquote_formula(text: str) -> str:
    """Undo :func:`formula_safe` on a cell read back from a spreadsheet the program wrote.

    ``'=1+1`` → ``=1+1``; a quote before anything that is not a formula trigger stays.
    The import calls it, so a CSV exported by the program imports as the same values.
    """
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text
