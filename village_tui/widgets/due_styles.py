"""The colours of a due date: amber when it is near, red when it has passed, from the theme."""

from __future__ import annotations

from rich.style import Style
from textual.app import App

DUE_COLOUR = {"amber": "warning", "red": "error"}


def due_styles(app: App[object]) -> dict[str, Style]:
    """Rich styles for amber and red due dates, from the theme's $warning and $error.

    Args:
        app: The running app, whose theme variables give the colours.
    """
    theme = app.get_css_variables()
    return {state: Style(color=theme.get(name), bold=True) for state, name in DUE_COLOUR.items()}
