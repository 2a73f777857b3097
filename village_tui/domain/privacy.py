"""Masking of personal data shown in lists and exports."""

from __future__ import annotations

import re


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


# Between two digits of a number people put spaces, dashes, dots and brackets (``(138)1234-5678``),
# ASCII, full-width or Chinese forms.
_SEP_CHARS = (" \t\n\r\u00a0\u3000\\-._\u00b7\u2010-\u2015\u2212\u30fb\uff0d\uff0e\uff65"
              "()\\[\\]\uff08\uff09\u3010\u3011")
_SEP = f"[{_SEP_CHARS}]{{0,3}}"
# The same in a JSON file's bytes, over-approximated: any \uXXXX escape may be a separator.
_SEP_BYTES = (rb"(?:[ \-._()\[\]]|\\[tnr]|\\u[0-9a-fA-F]{4}|\xc2[\xa0\xb7]|\xe3\x80[\x80\x90\x91]"
              rb"|\xe2\x80[\x90-\x95]|\xe2\x88\x92|\xe3\x83\xbb|\xef\xbc[\x88\x89\x8d\x8e]|\xef\xbd\xa5){0,3}")
_DIGIT_BYTES = rb"(?:[0-9]|\xef\xbc[\x90-\x99]|\\u003[0-9]|\\u[fF][fF]1[0-9])"
_FULLWIDTH_DIGITS = {code: chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)}


def _spaced(*parts: str) -> str:
    """A pattern of ``parts`` (one digit each) that allows separators between them."""
    return _SEP.join(parts)


_D = "[0-9]"
_MONTH = "(?:0" + _SEP + "[1-9]|1" + _SEP + "[0-2])"
_DAY = "(?:0" + _SEP + "[1-9]|[12]" + _SEP + "[0-9]|3" + _SEP + "[01])"
# 18-digit ID numbers (the last may be X or x) and the old 15-digit ones (region, YYMMDD with a real
# month and day, sequence), found through separators and next to letters or Chinese.
_ID18 = "(?P<id18>" + _spaced("[1-9]", *[_D] * 16, "[0-9Xx]") + ")"
_ID15 = ("(?P<id15>" + _spaced("[1-9]", *[_D] * 7) + _SEP + _MONTH + _SEP + _DAY + _SEP + _spaced(_D, _D, _D)
         + ")")
# 11-digit mobiles (1[3-9]...), with or without +86 / 86 / 0086 in front.
_MOBILE = "(?P<cc>(?:\\+|00)?" + _spaced("8", "6") + _SEP + ")?(?P<mobile>" + _spaced("1", "[3-9]", *[_D] * 9) + ")"
# Not inside a longer run of digits; a number directly followed by more digits is still masked when a
# shorter reading fits (over-masking a note is better than leaking a number).
NUMBER_PATTERN = re.compile(f"(?<![0-9])(?:{_ID18}|{_ID15}|{_MOBILE})(?![0-9])")
# Cheap tests, on text and on a data file's bytes: is there a run of 11 digits (with separators) at all?
_CANDIDATE = re.compile(f"[0-9\uff10-\uff19](?:{_SEP}[0-9\uff10-\uff19]){{10}}")
CANDIDATE_BYTES = re.compile(_DIGIT_BYTES + rb"(?:" + _SEP_BYTES + _DIGIT_BYTES + rb"){10}")
# A run of digits and separators (JSON escapes included) long enough to hold 11 digits.
_RUN = re.compile(f"[0-9\\uff10-\\uff19][0-9\\uff10-\\uff19{_SEP_CHARS}\\\\tnr]{{10,}}")
_JSON_SEPARATORS = re.compile(r"\\[tnr]")
_HEX_TOKEN = re.compile("[0-9a-f]{16}|[0-9a-f]{64}")
# Byte classes for the quick test: d a digit, s an ASCII separator or a letter of a JSON escape, x the rest.
_BYTE_CLASSES = bytes(ord("d") if chr(b).isdigit() and b < 128 else ord("s") if chr(b) in " -._\\tnr()[]"
                      else ord("x") for b in range(256))
_CLASSED_RUN = re.compile(rb"d[ds]{10,}")
# Non-ASCII separators and full-width digits: a file holding any is searched exactly.
_SPECIAL_CHARS = ("\u00a0\u3000\u00b7\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fb\uff0d\uff0e\uff65"
                  "\uff08\uff09\u3010\u3011" + "".join(chr(code) for code in range(0xFF10, 0xFF1A)))


def number_positions(text: str) -> list[int] | None:
    """Offsets in a data file's text (JSON as written) where an ID or mobile number may start.

    Used to find, without parsing, the files and the lines that masking may change. It errs
    on the side of finding too much: JSON's ``\\t``, ``\\n`` and ``\\r`` count as separators, and a
    file with ``\\uXXXX`` escapes is searched as a whole with a looser pattern.

    Returns:
        The offsets (empty: no number anywhere), or None when the file may hold one but
        the escapes hide where.
    """
    if "\\u" in text:
        return None if CANDIDATE_BYTES.search(text.encode("utf-8", "replace")) else []
    found = []
    for run in _RUN.finditer(text):
        if _CANDIDATE.search(_JSON_SEPARATORS.sub(" ", run.group())) is not None and not _in_hash(text, run):
            found.append(run.start())
    return found


def _in_hash(text: str, run: re.Match[str]) -> bool:
    """Whether a run of digits is part of a hash or digest: a whole JSON string of 16 or 64 hex digits.

    Nothing in such a string can be masked anyway: a 16- or 64-digit run holds no number
    that stands alone (an ID is 15 or 18 digits, a mobile 11, with +86 up to 15).
    """
    before = text.rfind('"', max(0, run.start() - 64), run.start())
    after = text.find('"', run.end(), run.end() + 64)
    if before < 0 or after < 0:
        return False
    token = text[before + 1:after]
    return _HEX_TOKEN.fullmatch(token) is not None


def may_hold_number(data: bytes, text: str | None = None) -> bool:
    """Whether a data file's bytes might hold an ID or mobile number: a run of 11 digits with separators.

    False means masking cannot change any text of the file, so the file need not be parsed for it.
    A file whose separators near digits are all ASCII (almost every file) is answered from its bytes:
    each byte is classed (digit, ASCII separator or JSON escape letter, other) and a run of 11 such
    bytes starting with a digit is looked for; only a file with such a run, a ``\\u`` escape, a
    full-width digit or a non-ASCII separator is searched exactly.

    Args:
        data: The file's bytes.
        text: The same decoded, when the caller has it.
    """
    text = data.decode("utf-8", "replace") if text is None else text
    if "\\u" in text or any(ch in text for ch in _SPECIAL_CHARS):
        return number_positions(text) != []
    if _CLASSED_RUN.search(data.translate(_BYTE_CLASSES)) is None:
        return False
    return number_positions(text) != []


def _mask_digits(text: str, keep_head: int, keep_tail: int) -> str:
    """Replace the digits of ``text`` between the first ``keep_head`` and the last ``keep_tail`` by ``*``."""
    positions = [i for i, ch in enumerate(text) if ch in "0123456789Xx"]
    hidden = set(positions[keep_head:len(positions) - keep_tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def _mask_match(match: re.Match[str]) -> str:
    whole, start = match.group(), match.start()
    for name, head, tail in (("id18", 6, 4), ("id15", 6, 4), ("mobile", 3, 4)):
        if match.group(name) is not None:
            first, last = match.start(name) - start, match.end(name) - start
            return whole[:first] + _mask_digits(whole[first:last], head, tail) + whole[last:]
    return whole


def mask_numbers_in_text(text: str) -> str:
    """Mask every ID number and mobile typed into free text, however it is spelled.

    ``ID350425197711170454`` → ``ID350425********0454``, ``130-6299-1083`` → ``130-****-1083``,
    ``+8613062991083`` → ``+86130****1083``: the layout stays, the hidden digits become ``*``.
    IDs keep their first 6 and last 4 digits, mobiles their first 3 and last 4. Full-width
    digits are read as digits (and written half-width where a number was masked).
    """
    if not text or _CANDIDATE.search(text) is None:
        return text
    plain = text.translate(_FULLWIDTH_DIGITS)
    masked = NUMBER_PATTERN.sub(_mask_match, plain)
    return text if masked == plain else masked
