"""Normalisation of text typed through Chinese input methods or pasted in.

Chinese IMEs easily produce full-width digits and letters (``１３８``,
``ＡＢ``), ideographic spaces, and text copied from chat apps or terminals
may carry control characters or ANSI escape sequences. Everything a user
types goes through :func:`clean_text` before it is validated or stored.
Nothing here truncates: length limits are checked by validation.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "split_list", "digits_only", "to_halfwidth", "strip_escapes"]

# Full-width punctuation that belongs in Chinese free text and stays as typed.
_KEEP_FULLWIDTH = frozenset("，！？：；（）")

_HALFWIDTH_TABLE: dict[int, str | None] = {
    code: chr(code - 0xFEE0)
    for code in range(0xFF01, 0xFF5F)
    if chr(code) not in _KEEP_FULLWIDTH
}
# Ideographic space and the other Unicode spaces become a plain space.
_HALFWIDTH_TABLE.update({0x3000: " ", 0x00A0: " ", 0x202F: " ", 0x205F: " "})
_HALFWIDTH_TABLE.update({code: " " for code in range(0x2000, 0x200B)})
# Invisible characters: zero-width spaces/joiners, BOM, bidi controls.
_HALFWIDTH_TABLE.update(
    {code: None for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)}
)
_HALFWIDTH_TABLE.update({code: None for code in range(0x202A, 0x202F)})
_HALFWIDTH_TABLE.update({code: None for code in range(0x2066, 0x206A)})
_HALFWIDTH_TABLE.update({code: None for code in range(0x200E, 0x2010)})

_FULLWIDTH_DIGITS = {code: chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)}

# Terminal escape sequences, longest forms first.
_ESCAPE_RE = re.compile(
    r"""
      \x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?     # OSC ... BEL / ST (or unterminated)
    | \x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?       # 8-bit OSC
    | \x1b[P^_X][^\x1b\x9c]*(?:\x1b\\|\x9c)?          # DCS / PM / APC / SOS ... ST
    | [\x90\x9e\x9f\x98][^\x1b\x9c]*(?:\x1b\\|\x9c)?  # 8-bit DCS / PM / APC / SOS
    | \x1b\[[0-?]*[ -/]*[@-~]?                        # CSI (ESC [ params final)
    | \x9b[0-?]*[ -/]*[@-~]?                          # 8-bit CSI
    | \x1b[ -/]*[0-~]?                                # other two-byte escapes (ESC c, ESC ( B)
    """,
    re.VERBOSE,
)

# C0 and C1 control characters plus DEL.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES_RE = re.compile(r" {2,}")
# Characters that start a spreadsheet formula, and their full-width forms typed first in a field.
_FORMULA_CHARS = ("=", "+", "-", "@")
_LEADING_FULLWIDTH_TRIGGER = re.compile("[\\s\u3000\u00a0]*([\uff1d\uff0b\uff0d\uff20])")
_LIST_SEPARATORS_RE = re.compile(r"[、，,；;\s]+")


def strip_escapes(s: str) -> str:
    """Remove ANSI / terminal escape sequences (CSI, OSC, DCS, ...) entirely.

    Args:
        s: Raw text.

    Returns:
        The text without escape sequences; other characters are untouched.
    """
    return _ESCAPE_RE.sub("", s)


def to_halfwidth(s: str) -> str:
    """Turn full-width digits, letters and ASCII punctuation into ASCII.

    Chinese punctuation used in free text (``，！？：；（）`` and anything
    outside the full-width ASCII block such as ``。、「」``) is kept. Unicode
    spaces become a plain space and zero-width / bidi characters vanish.

    Args:
        s: Text to convert.

    Returns:
        The converted text.
    """
    return s.translate(_HALFWIDTH_TABLE)


def clean_text(s: str, max_len: int | None = None, *, multiline: bool = False) -> str:
    """Normalise one piece of user text.

    Steps: remove terminal escape sequences, NFC-compose, convert full-width
    ASCII to half-width (keeping Chinese punctuation), drop control
    characters, collapse runs of spaces and strip the ends. Single-line text
    turns newlines and tabs into spaces; multi-line text keeps ``\\n`` and
    ``\\t`` (``\\r\\n`` and ``\\r`` become ``\\n``) and strips each line's end.

    Args:
        s: Raw text; ``None`` is treated as empty.
        max_len: Accepted for call-site documentation only. The text is never
            truncated here; length limits belong to validation.
        multiline: Keep line breaks and tabs.

    Returns:
        The cleaned text.
    """
    del max_len  # never truncate silently
    if not s:
        return ""
    text = str(s)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_escapes(text)
    text = unicodedata.normalize("NFC", text)
    lead = _LEADING_FULLWIDTH_TRIGGER.match(text)
    text = to_halfwidth(text)
    if lead:  # a leading ＝ ＋ － ＠ stays full-width: converted, it would start a formula
        text = text[:lead.start(1)] + lead.group(1) + text[lead.end(1):]
    if multiline:
        text = _CONTROL_MULTILINE_RE.sub("", text)
        lines = [_SPACES_RE.sub(" ", line).rstrip(" \t") for line in text.split("\n")]
        text = "\n".join(lines)
        return _keep_formula_guard(text, text.strip(" \n\t"))
    text = text.replace("\n", " ").replace("\t", " ")
    text = _CONTROL_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)
    return _keep_formula_guard(text, text.strip(" "))


def _keep_formula_guard(before: str, stripped: str) -> str:
    """Strip the ends, but keep one leading space (or tab) that stands before ``= + - @``.

    Stripping it would turn harmless text (`` =1+1``) into a spreadsheet formula.
    """
    if stripped.startswith(_FORMULA_CHARS) and before[:1] in (" ", "\t", "\n"):
        guard = " " if before[:1] == "\n" else before[:1]
        return guard + stripped
    return stripped


def split_list(s: str) -> list[str]:
    """Split a typed list such as ``"张三、李四，王五"`` into its items.

    Separators are 、，,；; and any whitespace (full-width included). Each
    item is cleaned; empty items and repeats are dropped, order is kept.

    Args:
        s: Raw text.

    Returns:
        The distinct items in the order first typed.
    """
    text = clean_text(s)
    result: list[str] = []
    seen: set[str] = set()
    for part in _LIST_SEPARATORS_RE.split(text):
        item = clean_text(part)
        if item and item not in seen:
            seen.add(item)
            result.append(item)
    return result


def digits_only(s: str) -> str:
    """Keep only the digits 0-9 of ``s``, full-width digits converted first.

    Args:
        s: Raw text such as ``"１３８ 0000-1111"``.

    Returns:
        The ASCII digits, e.g. ``"13800001111"``.
    """
    if not s:
        return ""
    text = str(s).translate(_FULLWIDTH_DIGITS)
    return "".join(ch for ch in text if "0" <= ch <= "9")
