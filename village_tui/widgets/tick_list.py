"""A SelectionList that shows whether an item is ticked by its glyph, not only by colour."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList


class TickList(SelectionList):
    """``[X] 孤寡老人`` when chosen, ``[ ] 孤寡老人`` when not.

    Textual's SelectionList draws the same inner glyph for both states and
    tells them apart by colour only, which a 16-colour office console and a
    tired eye barely show.
    """

    def render_line(self, y: int) -> Strip:
        """Draw one line, putting ``X`` or a space inside the brackets."""
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < 3 or index >= self.option_count:
            return strip
        value = self.get_option_at_index(index).value
        inner = segments[1]
        segments[1] = Segment("X" if value in self.selected else " ", inner.style, inner.control)
        return Strip(segments, strip.cell_length)
