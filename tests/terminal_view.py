"""What a real terminal shows: the app's updates replayed onto a grid of cells, wide characters and all.

The pilot's own screenshot always draws the whole screen afresh, so it never shows what a partial
redraw leaves behind. This replays each update the app sends (cursor moves and text) onto a grid,
the way a terminal does: writing over either half of a two-cell Chinese character blanks the whole
character. A hole left by a partial redraw stays on the grid until a later update covers it.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

_TAIL = ""  # the right half of a two-cell character
_SEQUENCE = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b[78=>]|([^\x1b]+)")


class Terminal:
    """A grid of ``width`` x ``height`` cells fed with terminal output."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.grid = [[" "] * width for _ in range(height)]
        self.x = self.y = 0

    def _blank(self, x: int) -> None:
        row = self.grid[self.y]
        if not 0 <= x < self.width:
            return
        if row[x] == _TAIL and x > 0:
            row[x - 1] = " "
        elif x + 1 < self.width and row[x + 1] == _TAIL:
            row[x + 1] = " "
        row[x] = " "

    def _put(self, char: str) -> None:
        width = cell_len(char)
        if width == 0 or not 0 <= self.y < self.height:
            return
        if self.x + width > self.width:
            self.x += width
            return
        self._blank(self.x)
        if width == 2:
            self._blank(self.x + 1)
        self.grid[self.y][self.x] = char
        if width == 2:
            self.grid[self.y][self.x + 1] = _TAIL
        self.x += width

    def feed(self, data: str) -> None:
        """Apply terminal output: cursor positioning (``ESC[row;colH``) and text; styles are ignored."""
        for match in _SEQUENCE.finditer(data):
            params, command, text = match.groups()
            if text is not None:
                for char in text:
                    if char == "\n":
                        self.x, self.y = 0, self.y + 1
                    elif char == "\r":
                        self.x = 0
                    else:
                        self._put(char)
            elif command == "H":
                row, _, col = (params or "1;1").partition(";")
                self.y, self.x = int(row or 1) - 1, int(col or 1) - 1

    def lines(self) -> list[str]:
        """The rows as text."""
        return ["".join(cell for cell in row if cell != _TAIL) for row in self.grid]


def watch(app) -> Terminal:
    """A terminal that receives every update ``app`` draws from now on (the next update is drawn whole)."""
    from textual._compositor import CompositorUpdate

    terminal = Terminal(*app.size)
    shown = app._display

    def display(screen, renderable) -> None:
        if isinstance(renderable, CompositorUpdate) and not app._batch_count:
            terminal.feed(renderable.render_segments(app.console))
        shown(screen, renderable)

    app._display = display
    app.screen.refresh()
    return terminal
