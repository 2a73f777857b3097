"""``Text`` for screens and widgets: Rich text that never carries a terminal escape from a data file.

Screens draw names, notes and village names read from data files (and from other
villages' exports in the township's review). Rich's ``Text`` shows markup literally,
but it passes escape sequences, most control characters and bidi overrides straight
to the terminal. This subclass runs every string it is given through
:func:`village_tui.domain.safe_text.inert` (keeping line breaks), so a screen that
imports ``Text`` from here draws stored text inert without remembering to.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text as RichText

from village_tui.domain.safe_text import inert

__all__ = ["Text"]


class Text(RichText):
    """Rich ``Text`` whose content is made inert when it is built or appended to."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(inert(text, multiline=True), *args, **kwargs)

    def append(self, text: Any, style: Any = None) -> Text:
        """Append a string (made inert) or another ``Text``."""
        if isinstance(text, str):
            text = inert(text, multiline=True)
        super().append(text, style)
        return self


def known_or_literal(value: str, known: tuple[str, ...]) -> str | Text:
    """A table cell for a field with a fixed vocabulary (a status, a level, a way of visiting).

    One of the program's own words stays a plain string; anything else (a data file is
    hostile until checked, and the shape check does not check vocabularies) is drawn as
    inert, literal :class:`Text`, so DataTable never reads it as markup.
    """
    return value if value in known else Text(value)
