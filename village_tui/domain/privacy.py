"""Masking of personal data shown in lists and exports.

In free text every run of 7 or more digits is masked, whatever the digits look like and whatever
stands between them (``domain/digits.py``): an 11-digit mobile keeps its first 3 and last 4
digits (and a +86 before it), an 18- or 15-digit ID number its first 6 and last 4, any other run
only its last 4. Left alone: a date (``2026-11-27``, ``2026.11.27``, ``2026/11/27``) or a record
number (``2026-0042``) at either end of a run, and an amount grouped by thousands under 11 digits
(``1,250,000``); text whose digits stand apart (``2026年11月27日``, ``一二三组``) has no run.
"""

from __future__ import annotations

import re
from functools import cache

from village_tui.domain.digits import (BMP_DIGIT_CLASS, DIGIT_CLASS, LOOKALIKE_CLASS, MAX_SEPARATORS,
                                      SEPARATOR_CHARS, digit_value)


def mask_id_number(id_number: str) -> str:
    """``110105194912310021`` → ``110105********0021`` (first 6 and last 4)."""
    if len(id_number) <= 10:
        return id_number
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def mask_phone(phone: str) -> str:
    """``13812345678`` → ``138****5678`` (first 3 and last 4); ``0598-7233678`` → ``0598-***3678``."""
    if "-" in phone:
        area, _, local = phone.partition("-")
        return f"{area}-{'*' * max(len(local) - 4, 0)}{local[-4:]}"
    if len(phone) <= 7:
        return "*" * max(len(phone) - 4, 0) + phone[-4:]
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_name(name: str) -> str:
    """A resident's name for a posted notice: ``王小明`` → ``王**`` (the surname, then one ``*`` per other character).

    A name of one character is kept; an empty name stays empty.
    """
    name = name.strip()
    return name[0] + "*" * (len(name) - 1) if len(name) > 1 else name


MIN_DIGITS = 7  # a run of this many digits is a number to mask
# Fields that are no free text: never read together with the field before them.
NOT_FREE_TEXT = (r"(?:hash|prev_hash|sha256|digests|id|code|[a-z_]*_id|[a-z_]*_key|period|month|time|date|day|due|"
                 r"[a-z_]*_(?:at|on|day|date|month))")
# In a data file's JSON text: a number may run on from one string field into the next free-text one
# (``"learned":"电话139 5724","requests":"6810"``).
_NEXT_FIELD = f'"\\s*,\\s*"(?!{NOT_FREE_TEXT}")(?![0-9-]+")[^"\\\\]{{1,40}}"\\s*:\\s*"'
# A run starts after a character that is no digit; a stored date, time or record number ending its
# string is passed over inside the search (both checked after the first character, so that the search
# still starts from a character class, which the regex engine skips to at C speed).
_STORED_REST = '(?<=[12])[09][0-9]{2}-(?:[0-9]{2}-[0-9]{2}(?:"|[ T][0-9]{2}:)|[0-9]{4}")'
_STEP_REACH = 80  # characters searched on either side of a step between fields
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class _Patterns:
    """The searches for runs of digits, built for one class of digits.

    Args:
        digits: A regex class body of the digit characters.
    """

    def __init__(self, digits: str) -> None:
        d, dw = f"[{digits}]", f"[{digits}{LOOKALIKE_CLASS}]"
        sep = f"[{SEPARATOR_CHARS}]{{0,{MAX_SEPARATORS}}}"
        end_x = "[Xx](?![A-Za-z])"
        # Lookalike letters right before a run, not ending a word (``l39…``, not the o of ``hello139…``).
        lead = f"(?:(?<![A-Za-z])[{LOOKALIKE_CLASS}]+)?"
        # In free text: a digit, then digits or lookalikes with separators between; it may end in the X
        # of an ID number. Lookalikes at its end that begin a word are trimmed by :func:`_hidden`.
        self.run = re.compile(f"{lead}{d}(?:{sep}{dw})*(?:{sep}{end_x})?")
        # Cheap test: a string with no 7 digits in a row (with separators) holds nothing to mask.
        self.candidate = re.compile(f"{dw}(?:{sep}{dw}){{{MIN_DIGITS - 1},}}")
        # In a data file's JSON text a line break is ``\n``; the whole file is searched for plain runs,
        # and only around a step between fields with digits on both sides (rare) across the step.
        plain_sep = f"(?:[{SEPARATOR_CHARS}]|\\\\[tnr]){{0,{MAX_SEPARATORS}}}"
        json_sep = f"(?:[{SEPARATOR_CHARS}]|\\\\[tnr]|{_NEXT_FIELD}){{0,{MAX_SEPARATORS}}}"
        self.plain_run = re.compile(f"{dw}(?<![{digits}]{dw})(?<![A-Za-z][{LOOKALIKE_CLASS}])(?!{_STORED_REST})"
                                    f"(?:{plain_sep}{dw}){{{MIN_DIGITS - 1},}}(?:{plain_sep}{end_x})?")
        self.json_run = re.compile(f"{dw}(?:{json_sep}{dw}){{{MIN_DIGITS - 1},}}(?:{json_sep}{end_x})?")
        # The step starts with a quote, so its search skips to quotes at C speed; the character before
        # it is checked by :func:`number_positions`.
        self.field_step = re.compile(f"{_NEXT_FIELD}(?={plain_sep}{dw})")
        self.digit_or_separator = re.compile(f"[{digits}{LOOKALIKE_CLASS}{SEPARATOR_CHARS}]")


@cache
def _built(digits: str) -> _Patterns:
    """The searches for one class of digits, compiled on first use (40 ms: not at import, not at start)."""
    return _Patterns(digits)


def _patterns(text: str) -> _Patterns:
    """The fast searches, unless ``text`` holds a character beyond U+FFFF (a digit may be one)."""
    return _built(DIGIT_CLASS) if _ASTRAL.search(text) else _built(BMP_DIGIT_CLASS)


# A stored date, time or record number standing alone (most of a file's long runs): nothing to mask.
_STORED_VALUE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d(?:[ T]\d\d)?|20\d\d-\d{4}")
_ESCAPED_BREAK = re.compile(r"\\[tnr]")  # a JSON escape of a line break or tab
_JSON_GLUE = re.compile('\\\\[tnr]|"\\s*,\\s*"[^"\\\\]{1,40}"\\s*:\\s*"')
# Dates and record numbers in ASCII digits, which a run may begin or end with and which are kept.
_DATE = r"(?:19|20)\d\d([-./])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])"
_RECORD_NO = r"20\d\d-\d{4}"
_KEPT = f"(?:{_DATE}|{_RECORD_NO})"
_KEPT_HEAD = re.compile(f"{_KEPT}(?![0-9])[{SEPARATOR_CHARS}]*")
# The separators before a kept tail go with it (so that a second tail before it is found): a tail
# starts after a separator or a character that is no ASCII digit.
_KEPT_TAIL = re.compile(f"[{SEPARATOR_CHARS}]*(?<![0-9]){_KEPT}$")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_HEX_TOKEN = re.compile("[0-9a-f]{16}|[0-9a-f]{64}")
_FULLWIDTH_DIGITS = {code: chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)}


def _letter_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and ("a" <= text[i] <= "z" or "A" <= text[i] <= "Z")


_X = {"X": 10, "x": 10}  # the check digit of an ID number: counted, never a 1 or an 8


def _values(run: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """The offsets and values of the digits (lookalikes and a final X included) in ``run[start:end]``."""
    part = run[start:end]
    if part.isascii() and part.isdigit():  # most runs: a phone number or a date as stored
        return list(range(start, end)), [ord(ch) - 48 for ch in part]
    positions, values = [], []
    for i in range(start, end):
        value = digit_value(run[i]) if run[i] not in _X else 10
        if value is not None:
            positions.append(i)
            values.append(value)
    return positions, values


def _hidden(run: str, letter_after: bool = False) -> list[int]:
    """Offsets in ``run`` (one run of digits, found by :class:`_Patterns`) of the digits to hide; empty: leave it as it is.

    Args:
        run: The run's text.
        letter_after: A Latin letter follows the run, so lookalikes at its end begin a word.
    """
    start, end = 0, len(run)
    while True:  # a date or record number at either end is kept, and what is left judged alone
        head = _KEPT_HEAD.match(run, start, end)
        if head is not None and head.end() > start:
            start = head.end()
            continue
        tail = _KEPT_TAIL.search(run, start, end)
        if tail is not None and tail.start() < end:
            end = tail.start()
            continue
        break
    if letter_after:  # lookalikes at the end begin a word (``…6810 one``)
        while end > start and run[end - 1] not in _X and (
                run[end - 1] in LOOKALIKE_CLASS or digit_value(run[end - 1]) is None):
            end -= 1
    positions, values = _values(run, start, end)
    count = len(positions)
    if count < MIN_DIGITS or (count < 11 and _THOUSANDS.fullmatch(run, start, end)):
        return []
    country = 0
    for prefix in ((0, 0, 8, 6), (8, 6)):
        if count - len(prefix) == 11 and tuple(values[:len(prefix)]) == prefix and values[len(prefix)] == 1:
            country = len(prefix)
    if count - country == 11 and values[country] == 1:
        keep_head, keep_tail = country + 3, 4
    elif count in (15, 18):
        keep_head, keep_tail = 6, 4
    else:
        keep_head, keep_tail = 0, 4
    return positions[keep_head:count - keep_tail]


def number_positions(text: str) -> list[int] | None:
    """Offsets in a data file's text (JSON as written) where a number to mask may start.

    Used to find, without parsing, the lines that masking may change. It errs on the side of
    finding too much: JSON's ``\\t``, ``\\n`` and ``\\r`` count as separators, and so does the
    step from one string field to the next, since a number may be split across two fields.

    Returns:
        The offsets (empty: no number anywhere), or None when ``\\uXXXX`` escapes may hide one
        (the file is then parsed whole).
    """
    if "\\u" in text:
        return None
    patterns = _patterns(text)
    found = [run.start() for run in patterns.plain_run.finditer(text) if _masks(text, run)]
    for step in patterns.field_step.finditer(text):
        # The field before ends in a digit or a separator (JSON's ``\\n`` too: ``"139\\n","b":"5724"``).
        if not patterns.digit_or_separator.match(text, step.start() - 1) and not _ESCAPED_BREAK.match(
                text, step.start() - 2):
            continue
        low = max(0, step.start() - _STEP_REACH)
        for run in patterns.json_run.finditer(text, low, min(len(text), step.end() + _STEP_REACH)):
            if run.start() <= step.start() < run.end() and _masks(text, run):
                found.append(run.start())
    return sorted(set(found))


def _masks(text: str, run: re.Match[str]) -> bool:
    """Whether masking hides a digit of ``run`` (a run found in a data file's JSON text)."""
    found_run = run.group()
    if _STORED_VALUE.fullmatch(found_run):
        return False
    if found_run[0] in LOOKALIKE_CLASS and _letter_at(text, run.start() - 1):
        found_run = found_run.lstrip(LOOKALIKE_CLASS)  # the end of a word (``hello139…``)
    glued = _JSON_GLUE.sub("\n", found_run)
    return bool(_hidden(glued, _letter_at(text, run.end()))) and not _in_hash(text, run)


def is_hex_token(value: str) -> bool:
    """Whether ``value`` is a hash, digest or key: a whole string of 16 or 64 hex digits."""
    return _HEX_TOKEN.fullmatch(value) is not None


def _in_hash(text: str, run: re.Match[str]) -> bool:
    """Whether a run of digits is part of a hash or digest: a whole JSON string of 16 or 64 hex digits.

    Nothing in such a string can be masked anyway: a 16- or 64-digit run holds no number
    that stands alone (an ID is 15 or 18 digits, a mobile 11, with +86 up to 15).
    """
    before = text.rfind('"', max(0, run.start() - 64), run.start())
    after = text.find('"', run.end(), run.end() + 64)
    if before < 0 or after < 0:
        return False
    return is_hex_token(text[before + 1:after])


def may_hold_number(data: bytes, text: str | None = None) -> bool:
    """Whether a data file's bytes might hold a number to mask (7 or more digits in a run).

    False means masking cannot change any free text of the file, so it need not be parsed for it.
    The search reads the digits by meaning (full-width, Chinese, circled … and the separators of
    ``domain/digits.py``), so there is no shortcut through the bytes that only knows ASCII.

    Args:
        data: The file's bytes.
        text: The same decoded, when the caller has it.
    """
    text = data.decode("utf-8", "replace") if text is None else text
    return number_positions(text) != []


def mask_numbers_in_text(text: str) -> str:
    """Mask every run of 7 or more digits typed into free text, however it is spelled.

    ``ID350425197711170454`` → ``ID350425********0454``, ``130-6299-1083`` → ``130-****-1083``,
    ``+8613062991083`` → ``+86130****1083``, ``一三九五七二四六八一〇`` → ``一三九****六八一〇``,
    ``固话7233678`` → ``固话***3678``: the layout stays, the hidden digits become ``*``. Full-width
    digits are written half-width where a number was masked.
    """
    if not text:
        return text
    patterns = _patterns(text)
    if patterns.candidate.search(text) is None:
        return text
    chars = list(text)
    for run in patterns.run.finditer(text):
        if run.end() - run.start() < MIN_DIGITS:
            continue
        for offset in _hidden(run.group(), _letter_at(text, run.end())):
            chars[run.start() + offset] = "*"
    masked = "".join(chars)
    return text if masked == text else masked.translate(_FULLWIDTH_DIGITS)


def mask_joined_texts(texts: list[str]) -> list[str]:
    """Mask the numbers in adjacent free-text fields of one record, also one split across two of them.

    ``["电话139 5724", "6810"]`` → ``["电话139 ****", "6810"]``: the fields are read as one text
    with a line break between (a separator), and each gets its part of the masking back.
    """
    if len(texts) < 2:
        return [mask_numbers_in_text(t) for t in texts]
    masked = mask_numbers_in_text("\n".join(texts))
    parts, at = [], 0
    for text in texts:
        parts.append(masked[at:at + len(text)])
        at += len(text) + 1
    return parts
