"""Pinyin initials of names, for quick search (type ``dxm`` to find 单小明).

Names are searched by the initials of every possible reading, because
cadres may not know which reading a family uses (单 is *Shan* as a surname
but *dan* in ordinary words). ``pypinyin`` and its large dictionary are only
imported the first time :func:`name_initials` runs, never at start-up.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any

__all__ = ["MAX_COMBINATIONS", "SURNAME_INITIALS", "name_initials", "matches_initials", "name_spellings",
           "matches_spelling", "matches_initials_loosely", "looks_like_spelling"]

MAX_COMBINATIONS = 64

# Readings of a character used as a surname (first character of a name),
# most common surname reading first. For a listed first character these
# replace pypinyin's readings: they cover surname readings its heteronym
# list may miss and drop readings a surname never has.
SURNAME_INITIALS: dict[str, tuple[str, ...]] = {
    "单": ("s", "d", "c"),
    "解": ("x", "j"),
    "曾": ("z", "c"),
    "区": ("o", "q"),
    "仇": ("q", "c"),
    "查": ("z", "c"),
    "朴": ("p",),  # pu / piao / po all start with p
    "覃": ("q", "t"),
    "尉": ("y", "w"),
    "乐": ("y", "l"),
    "长": ("c", "z"),
    "重": ("c", "z"),
    "盖": ("g",),
    "缪": ("m",),
    "翟": ("z", "d"),
    "召": ("s", "z"),
    "任": ("r",),
    "华": ("h",),
    "朝": ("c", "z"),
    "种": ("c", "z"),
    "秘": ("b", "m"),
    "繁": ("p", "f"),
    "员": ("y",),
    "过": ("g",),
    "句": ("g", "j"),
    "阚": ("k",),
    "能": ("n",),
    "隗": ("w", "k"),
    "沈": ("s",),
    "柏": ("b",),
    "薄": ("b",),
    "牟": ("m",),
    "藏": ("z", "c"),
    "宿": ("s", "x"),
    "洗": ("x",),
    "冼": ("x",),
    "相": ("x",),
    "万": ("w", "m"),
    "那": ("n",),
    "都": ("d",),
    "角": ("j", "l"),
    "石": ("s",),
    "折": ("s", "z"),
    "祭": ("z", "j"),
    "蕃": ("p", "f"),
    "燕": ("y",),
    "应": ("y",),
    "养": ("y",),
    "会": ("h", "k"),
    "汤": ("t",),
    "哈": ("h",),
    "王": ("w",),
    "李": ("l",),
    "张": ("z",),
    "刘": ("l",),
    "陈": ("c",),
    "杨": ("y",),
    "黄": ("h",),
    "赵": ("z",),
    "吴": ("w",),
    "周": ("z",),
    "于": ("y",),
    "余": ("y",),
    "叶": ("y", "x"),
    "贾": ("j", "g"),
    "莫": ("m",),
    "谌": ("c", "s"),
    "奇": ("q", "j"),
    "费": ("f", "b"),
    "訾": ("z",),
    "便": ("p", "b"),
}

# Compound surnames whose reading differs from the characters read alone.
_COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "尉迟": ("yc",),
    "万俟": ("mq",),
    "单于": ("cy",),
    "长孙": ("zs",),
    "澹台": ("tt",),
    "令狐": ("lh",),
}

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def _is_han(ch: str) -> bool:
    return bool(_HAN_RE.fullmatch(ch))


def _han_readings(segment: str) -> list[list[str]]:
    """Initials per character of a run of Chinese characters, default reading first."""
    from pypinyin import Style, pinyin  # imported lazily: the dictionary is large

    def keep(chars: str) -> Any:  # pypinyin's hints say str; it takes the list of readings too
        return list(chars)

    default = pinyin(segment, style=Style.FIRST_LETTER, heteronym=False, errors=keep)
    every = pinyin(segment, style=Style.FIRST_LETTER, heteronym=True, errors=keep)
    if len(default) != len(segment) or len(every) != len(segment):
        default = [pinyin(ch, style=Style.FIRST_LETTER, errors=keep)[0] for ch in segment]
        every = [pinyin(ch, style=Style.FIRST_LETTER, heteronym=True, errors=keep)[0] for ch in segment]
    result = []
    for first, others in zip(default, every):
        letters = [r.lower() for r in (*first, *others) if r and r.isascii() and r.isalpha()]
        result.append(list(dict.fromkeys(letters)))
    return result


@lru_cache(maxsize=4096)
def _initials(name: str) -> tuple[str, ...]:
    chars = [ch for ch in name if _is_han(ch) or (ch.isascii() and ch.isalnum())]
    if not chars:
        return ()
    text = "".join(chars)
    # options[i]: initials of character i, most common reading first.
    options: list[list[str]] = []
    for match in re.finditer(r"[^\x00-\x7f]+|[\x00-\x7f]+", text):
        segment = match.group()
        if segment.isascii():
            options.extend([ch.lower()] for ch in segment)
        else:
            options.extend(_han_readings(segment))
    for i, ch in enumerate(text):
        if not options[i]:
            options[i] = [ch.lower()] if ch.isascii() else []
    if _is_han(text[0]) and text[0] in SURNAME_INITIALS:
        # The table is authoritative for a surname: it lists every reading
        # a family name has, and leaves out rare non-surname readings
        # (王 is never "yu" as a surname).
        options[0] = list(SURNAME_INITIALS[text[0]])
    options = [opt for opt in options if opt]
    combos = _best_combinations(options, MAX_COMBINATIONS)
    compound = _COMPOUND_SURNAMES.get(text[:2])
    if compound and len(options) >= 2:
        rest = _best_combinations(options[2:], MAX_COMBINATIONS) if len(options) > 2 else [""]
        extra = [c + r for c in compound for r in rest]
        combos = list(dict.fromkeys([combos[0], *extra, *combos]))[:MAX_COMBINATIONS]
    return tuple(sorted(set(combos)))


def _best_combinations(options: list[list[str]], limit: int) -> list[str]:
    """Combinations ordered by how common their readings are, at most ``limit``."""
    total = 1
    for opt in options:
        total *= len(opt)
    if total <= limit:
        return ["".join(p) for p in itertools.product(*options)]
    # Rank each combination by the sum of its readings' positions; the
    # all-first-readings combination has rank 0 and is always kept.
    ranked = sorted(
        itertools.product(*(list(enumerate(opt)) for opt in options)),
        key=lambda combo: sum(rank for rank, _ in combo),
    ) if total <= 100_000 else _greedy(options, limit)
    return ["".join(letter for _, letter in combo) for combo in ranked[:limit]]


def _greedy(options: list[list[str]], limit: int) -> list[tuple[tuple[int, str], ...]]:
    """For very long names: vary one character at a time from the first readings."""
    base = [(0, opt[0]) for opt in options]
    combos = [tuple(base)]
    for i, opt in enumerate(options):
        for rank, letter in enumerate(opt[1:], start=1):
            if len(combos) >= limit:
                return combos
            varied = list(base)
            varied[i] = (rank, letter)
            combos.append(tuple(varied))
    return combos


def name_initials(name: str) -> list[str]:
    """Pinyin initials of a name under every reading of its characters.

    The first character also gets its surname readings (``单`` → s, d, c).
    ASCII letters and digits are kept in lowercase; other symbols such as
    ``·`` or spaces are skipped.

    Args:
        name: A person's name, e.g. ``"单小明"``.

    Returns:
        Distinct lowercase initials strings, sorted, at most 64 of them
        (the most common readings win when there are more), e.g.
        ``["cxm", "dxm", "sxm"]``. Empty for an empty name.
    """
    if not name:
        return []
    return list(_initials(name.strip()))


def matches_initials(query: str, initials: list[str]) -> bool:
    """Whether an initials query such as ``"sxm"`` matches a name.

    Args:
        query: What the user typed; compared in lowercase, spaces ignored.
        initials: The result of :func:`name_initials` for the name.

    Returns:
        True if any initials string starts with or contains the query.
        An empty query matches everything.
    """
    q = "".join(query.split()).lower()
    if not q:
        return True
    return any(q in item for item in initials)


MAX_SPELLINGS = 16


@lru_cache(maxsize=8192)

def _no_reading(chars: str) -> Any:  # pypinyin's hints say str; an empty list means "no reading"
    return []

def _spellings(name: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin  # imported lazily: the dictionary is large

    options: list[list[str]] = []
    for ch in name:
        if ch.isascii():
            if ch.isalnum():
                options.append([ch.lower()])
            continue
        if not _is_han(ch):
            continue
        readings = pinyin(ch, style=Style.NORMAL, heteronym=True, errors=_no_reading)
        letters = [r.lower() for r in (readings[0] if readings else []) if r and r.isascii() and r.isalpha()]
        if letters:
            options.append(list(dict.fromkeys(letters)))
    if not options:
        return ()
    return tuple(sorted(set(_best_combinations(options, MAX_SPELLINGS))))


def name_spellings(name: str) -> list[str]:
    """Full pinyin of a name without tones or spaces, under its likelier readings.

    Args:
        name: ``"曾素琴"``.

    Returns:
        At most 16 spellings, e.g. ``["cengsuqin", "zengsuqin"]``; empty for an empty name.
    """
    return list(_spellings(name.strip())) if name else []


def matches_spelling(query: str, spellings: list[str]) -> bool:
    """Whether a full-pinyin query (``zengsuqin``, ``suqin``) is part of one of the spellings."""
    q = "".join(query.split()).lower()
    return bool(q) and any(q in item for item in spellings)


def looks_like_spelling(query: str) -> bool:
    """Whether letters typed look like full pinyin (they hold a vowel) rather than initials only."""
    q = query.lower()
    return len(q) >= 2 and q.isascii() and q.isalpha() and any(v in q for v in "aeiouv")


def matches_initials_loosely(query: str, initials: list[str]) -> bool:
    """Whether the query's letters appear in order in some initials, from the first (``xzh`` → 新增农户)."""
    q = "".join(query.split()).lower()
    if not q:
        return True
    for item in initials:
        if not item.startswith(q[0]):
            continue
        rest = iter(item)
        if all(letter in rest for letter in q):
            return True
    return False
