"""Chinese text wrapped by the rules of Chinese typesetting: no line starts with 、，。）」 and the like.

Rich breaks Chinese text at any character, so a line could start with 「、」 or 「）」 (the F1 help,
the yearly assessment's heading). :class:`CjkText` wraps greedily by cells as Rich does, but never
begins a line with a closing mark (the character before it moves down with it) and never ends one
with an opening mark; a run of Latin letters and digits (``R14``, ``Ctrl+S``, a path) stays whole
unless it alone is wider than the line, and a line breaks at a space without starting with it.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

#: Marks a line may not start with.
NO_START = frozenset("、，。；：？！）」』》〉】〕”’…%,.;:?!)]}·～")
#: Marks a line may not end with.
NO_END = frozenset("（「『《〈【〔“‘([{")

_TOKEN = re.compile(r"[ \t]+|[!-~]+|.", re.DOTALL)


def _tokens(plain: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each unit: a run of spaces, a run of Latin characters, or one other character."""
    return [match.span() for match in _TOKEN.finditer(plain)]


def line_starts(plain: str, width: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of one paragraph wrapped at ``width`` cells (spaces at breaks left out)."""
    width = max(width, 2)
    lines: list[list[tuple[int, int]]] = [[]]
    used = 0
    for start, end in _tokens(plain):
        piece = plain[start:end]
        size = cell_len(piece)
        line = lines[-1]
        if piece.isspace():
            if line and used + size <= width:
                line.append((start, end))
                used += size
            elif line:
                lines.append([])  # break at the space; the next line does not start with it
                used = 0
            continue
        if used + size <= width:
            line.append((start, end))
            used += size
            continue
        while line and plain[line[-1][0]:line[-1][1]].isspace():
            line.pop()
        carried: list[tuple[int, int]] = []
        # A closing mark takes the character before it down; an opening mark goes down with what follows.
        if piece in NO_START:
            # Marks in a row (「）、」) go down together, with the character before the first of them.
            while len(line) > 1 and (not carried or plain[carried[0][0]:carried[0][1]] in NO_START):
                carried.insert(0, line.pop())
        while len(line) > 1 and plain[line[-1][0]:line[-1][1]] in NO_END:
            carried.insert(0, line.pop())
        if not line:
            line.extend(carried)
            carried = []
        new = carried
        used = sum(cell_len(plain[s:e]) for s, e in new)
        if size > width and not new:  # a Latin run wider than a line: folded by cells
            offset = start
            for chunk in chop_cells(piece, width):
                lines.append([(offset, offset + len(chunk))])
                offset += len(chunk)
            used = cell_len(plain[lines[-1][0][0]:lines[-1][0][1]])
            continue
        new.append((start, end))
        used += size
        lines.append(new)
    spans = []
    for line in lines:
        while line and plain[line[-1][0]:line[-1][1]].isspace():
            line.pop()
        if line:
            spans.append((line[0][0], line[-1][1]))
    return spans or [(0, 0)]


def wrap(text: Text, width: int) -> list[Text]:
    """``text`` in lines of at most ``width`` cells (a longer unbreakable unit is folded), styles kept."""
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        for start, end in line_starts(paragraph.plain, width):
            lines.append(paragraph[start:end])
    return lines


class CjkText:
    """A Rich renderable: ``text`` wrapped to the width it is given, by :func:`wrap`.

    Args:
        text: The text (a plain string is taken literally, never as markup).
        style: A style for the whole text.
    """

    def __init__(self, text: Text | str, style: str = "") -> None:
        self.text = text.copy() if isinstance(text, Text) else Text(text)
        if style:
            self.text.stylize(style)

    @property
    def plain(self) -> str:
        """The text without styles."""
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap(self.text, options.max_width):
            line.no_wrap = True
            line.end = "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        paragraphs = plain.split("\n")
        longest = max((cell_len(p) for p in paragraphs), default=0)
        unit = max((cell_len(plain[s:e]) for s, e in _tokens(plain) if not plain[s:e].isspace()), default=0)
        return Measurement(min(unit + 1, longest), longest).clamp(max_width=options.max_width)
