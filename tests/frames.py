"""Pilot walks that lay screens out as usual but draw only the frames a test looks at.

In a headless test nothing shows the frames the app draws, yet drawing them (every dirty region
of every refresh, turned into strips) is a third of a pilot walk's CPU. A walk whose checks read
where widgets lie (the compositor's map, laid out as usual), what a widget says (its own
``render()``), the focus and the screen stack runs inside :func:`frames_not_drawn`, and draws a
frame where it must draw without an error with :func:`drawn_whole`. A screenshot
(``export_screenshot``) is drawn on its own and is unaffected.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.screen import Screen

_DRAW = Screen._compositor_refresh  # lays out nothing: draws the screen's dirty regions (the frame)


def _lay_out_only(screen: Screen) -> None:
    """What ``_compositor_refresh`` does, less drawing: the dirty regions are dropped, not drawn."""
    if screen is screen.app.screen or screen in screen.app._background_screens:
        screen._compositor._dirty_regions.clear()
        screen._dirty_widgets.clear()
    screen.app._update_mouse_over(screen)


@contextmanager
def frames_not_drawn() -> Iterator[None]:
    """Lay screens out as usual but draw none of their frames (nobody looks at them).

    The walk reads where each widget lies (the compositor's map, laid out as usual), what a
    widget says (its own ``render()``), the focus and the screen stack; drawing every frame of every
    opening, Tab and question cost a third of its time. :func:`drawn_whole` draws one frame whole.
    """
    Screen._compositor_refresh = _lay_out_only  # type: ignore[method-assign]
    try:
        yield
    finally:
        Screen._compositor_refresh = _DRAW  # type: ignore[method-assign]


async def drawn_whole(pilot) -> None:
    """Draw the top screen once, whole, also inside :func:`frames_not_drawn`: it must draw without an error."""
    not_drawn = Screen._compositor_refresh
    Screen._compositor_refresh = _DRAW  # type: ignore[method-assign]
    try:
        pilot.app.screen.refresh()
        await pilot.pause()
    finally:
        Screen._compositor_refresh = not_drawn  # type: ignore[method-assign]
