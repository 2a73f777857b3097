"""A Textual cache that keeps the drawn lines of widgets long gone, and how the app lets them go.

Textual (8.x) caches ``StylesCache.get_inner_outer`` with ``functools.lru_cache(1024)`` on the
method itself, so each entry is keyed by the widget's ``StylesCache`` and keeps it alive, with
every line (``Strip``, seven small caches each) the widget last drew. A screen the cadre left is
freed, but up to 1,024 of its widgets' line caches stayed: after five rounds of every area that
was about 8,000 strips and 54,000 small caches, a quarter of the program's memory.

The cached value (two background styles) is quick to work out again, so the app empties that
cache whenever the screen changes: only the widgets on show keep their lines.
"""

from __future__ import annotations

def release_left_widgets_lines() -> None:
    """Forget the ``StylesCache`` objects Textual's method cache holds, so left widgets' lines are freed."""
    try:  # a private module: a Textual that moved it has no such cache to empty, and must still start
        from textual._styles_cache import StylesCache
    except ImportError:
        return
    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if clear is not None:  # a Textual without the method cache has nothing to let go
        clear()
