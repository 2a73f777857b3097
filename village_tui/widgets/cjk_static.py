"""A Static whose text is wrapped by the Chinese rules (:mod:`village_tui.widgets.cjk_text`) at its own width."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from village_tui.widgets.cjk_text import wrap


class CjkStatic(Static):
    """Shows one text, its line breaks chosen by :func:`village_tui.widgets.cjk_text.wrap`.

    The breaks are put in for the width the widget has and redone when it changes, so no line of it
    starts with 、 or ）. Before the first layout the text is shown as given.
    """

    def __init__(self, text: Text | str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = text if isinstance(text, Text) else Text(text)
        self._wrapped_at = 0

    def show(self, text: Text | str) -> None:
        """Show ``text`` (a plain string is literal, never markup)."""
        self._text = text if isinstance(text, Text) else Text(text)
        self._wrapped_at = 0
        self._rewrap()

    def on_mount(self) -> None:
        self._rewrap()

    def on_resize(self) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        width = self.content_size.width
        if width and width == self._wrapped_at:
            return
        self._wrapped_at = width
        self.update(Text("\n").join(wrap(self._text, width)) if width else self._text)
