"""Redraw whole rows when a toast comes or goes, so Chinese text beside it is never left with holes.

Textual redraws only the region a toast covered. A Chinese character is two cells wide; one that
straddles the toast's left edge is cut in two by that partial redraw, and the terminal blanks the
half left outside: 「已  存：4组机  路硬化」 until something redraws the row. A full redraw of the
screen right after the toasts changed draws every row whole again (one frame at 80x24 is cheap).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual.screen import Screen

_TOASTS_SEEN: WeakKeyDictionary[Screen, int] = WeakKeyDictionary()


def redraw_rows_after_toasts(screen: Screen) -> None:
    """Repaint the whole of ``screen`` after each layout in which its toasts came or went."""
    if screen in _TOASTS_SEEN:
        return
    _TOASTS_SEEN[screen] = 0

    def laid_out(laid: Screen) -> None:
        shown = len(laid.query("Toast"))
        if shown != _TOASTS_SEEN.get(laid, 0):
            _TOASTS_SEEN[laid] = shown
            laid.refresh()  # the whole screen, on the next update

    # The app listens: a screen being dressed may not run yet (a signal wants a running subscriber).
    screen.screen_layout_refresh_signal.subscribe(screen.app, laid_out)
