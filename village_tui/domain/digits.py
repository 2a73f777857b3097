"""What counts as a digit, and what may stand between the digits of one number, in typed text.

A phone or ID number typed into a note is read by what its characters mean, not by how they
look: ``13957246810``, ``１３９５７２４６８１０``, ``一三九五七二四六八一〇``, ``幺三九…``,
``壹叁玖…``, ``①③⑨…``, ``¹³⁹…``, ``١٣٩…`` and ``l39 57Z4 68lO`` (l, I, O, o between digits)
are the same number to a reader, so they are the same number to the masking.
"""

from __future__ import annotations

import unicodedata

# Chinese numerals, everyday and financial (大写), with 幺 (one, read out in phone numbers) and 两 (two).
CHINESE_DIGITS: dict[str, int] = {
    **dict(zip("〇一二三四五六七八九", range(10))),
    **dict(zip("零壹贰叁肆伍陆柒捌玖", range(10))),
    **dict(zip("貳參陸", (2, 3, 6))),  # traditional forms of the financial numerals
    "幺": 1, "两": 2, "兩": 2,
}
# Letters written for 1 and 0; they count only between digits (``l39``, ``68lO`` …).
LOOKALIKES: dict[str, int] = {"l": 1, "I": 1, "O": 0, "o": 0}
# Unicode digits that are not decimal digits (``\d`` finds those): superscript, subscript, circled,
# parenthesised, dingbat … Every character for which ``unicodedata.digit`` gives a value and
# ``str.isdecimal`` is false, as ranges (checked against the whole Unicode table by a test; the
# scan itself takes 0.2 s, too long for the program's start).
OTHER_DIGIT_RANGES = ("\u00b2-\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468"
                      "\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792"
                      "\U00010a40-\U00010a43\U00010e60-\U00010e68\U00011052-\U0001105a\U0001f100-\U0001f10a")
# A regex class body (for ``[...]``) of every digit: decimal digits of any script, the others, Chinese.
DIGIT_CLASS = "\\d" + OTHER_DIGIT_RANGES + "".join(CHINESE_DIGITS)
# The same for text without characters beyond U+FFFF (almost all text): every BMP character for which
# ``unicodedata.digit`` gives a value, as ranges (checked by a test). A class of BMP ranges is a table
# lookup for the regex engine; ``\d`` or a range beyond U+FFFF makes it test character by character,
# four times slower over a year's visits.
BMP_DIGIT_CLASS = ("\u0030-\u0039\u00b2-\u00b3\u00b9\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f"
                   "\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef"
                   "\u0d66-\u0d6f\u0de6-\u0def\u0e50-\u0e59\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049\u1090-\u1099"
                   "\u1369-\u1371\u17e0-\u17e9\u1810-\u1819\u1946-\u194f\u19d0-\u19da\u1a80-\u1a89\u1a90-\u1a99"
                   "\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49\u1c50-\u1c59\u2070\u2074-\u2079\u2080-\u2089"
                   "\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788"
                   "\u278a-\u2792\ua620-\ua629\ua8d0-\ua8d9\ua900-\ua909\ua9d0-\ua9d9\ua9f0-\ua9f9\uaa50-\uaa59"
                   "\uabf0-\uabf9\uff10-\uff19" + "".join(CHINESE_DIGITS))
LOOKALIKE_CLASS = "".join(LOOKALIKES)
# What may stand between two digits of one number: spaces (ideographic too), line breaks, dashes,
# dots, slashes, ASCII commas, underscores, brackets and 转 (extension). Not the Chinese comma ，
# or 、, which separate the items of a list (``13957246810，13812345678``).
SEPARATOR_CHARS = (" \t\n\r\v\f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000"
                   "\\-\u2010-\u2015\u2212\u2e3a\u2e3b\u30fc\uff0d\ufe58\ufe63"
                   ".\u00b7\u2024\u2027\u30fb\uff0e\uff65"
                   "/\uff0f\u2044\u2215"
                   ",_\uff3f"
                   "()\\[\\]{}\uff08\uff09\u3010\u3011\u3014\u3015\uff3b\uff3d\u3008-\u300f\uff5b\uff5d"
                   "转轉")
# At most this many separators between two digits (``139----5724``).
MAX_SEPARATORS = 5


# The characters met most: ASCII and full-width digits, Chinese numerals, lookalikes; and the ASCII
# characters that are no digit. Anything else is asked of ``unicodedata``.
_KNOWN: dict[str, int | None] = {chr(c): None for c in range(128)}
_KNOWN.update({str(d): d for d in range(10)})
_KNOWN.update({chr(0xFF10 + d): d for d in range(10)})
_KNOWN.update(CHINESE_DIGITS)
_KNOWN.update(LOOKALIKES)


def digit_value(ch: str) -> int | None:
    """The value of one digit character of any kind above (lookalike letters included), else None."""
    if ch in _KNOWN:
        return _KNOWN[ch]
    return unicodedata.digit(ch, None)
