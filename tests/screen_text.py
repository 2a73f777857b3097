"""The screen as a person reads it: its rows of text, for tests that check what is cut or covered."""

from __future__ import annotations

import io

from rich.console import Console


def screen_lines(app) -> list[str]:
    """The rows of the current screen (and the screens under a dialog) as plain text, trailing blanks kept.

    Drawn as :meth:`textual.app.App.export_screenshot` draws them, without the SVG.
    """
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False).split("\n")[:height]


def screen_text(app) -> str:
    """The current screen's rows joined with newlines."""
    return "\n".join(screen_lines(app))
