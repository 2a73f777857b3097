"""Work Textual (8.x) repeats for nothing, done once: parsing the CSS.

Each app has its own ``Stylesheet``, and a stylesheet's cache of parsed sources is lost
whenever Textual re-parses it: ``Stylesheet.reparse`` (run each time a screen brings CSS of its
own, and on every start) parses into a fresh stylesheet, so every source was tokenised and parsed
again (about 20 ms at each start and each first showing of an area). The rules a source gives
depend only on its text, where it was read from, its scope and the CSS variables (the theme), and
Textual never changes a parsed rule set (a stylesheet already hands the same rules out again), so
one process-wide table keyed on all of these serves every stylesheet: each source is parsed once
per process and theme. Errors are never kept: broken CSS raises as before.
"""

from __future__ import annotations

from collections.abc import Callable

#: Parsed rule sets by (CSS text, read from, default rules, tie breaker, scope, CSS variables).
_PARSED: dict[tuple, list] = {}
#: Each set of CSS variables (a theme's, about 150 pairs) once, shared by the keys made with it.
_VARIABLES: dict[tuple, tuple] = {}
#: Sources × themes kept at most (the app has about 60 sources and one theme; tests start many apps).
_MOST = 1024


def parse_each_css_source_once() -> None:
    """Share parsed CSS between every stylesheet of the process (idempotent)."""
    try:  # Textual's own method: a Textual without it parses as it does, and must still start
        from textual.css.stylesheet import Stylesheet
    except ImportError:
        return
    original: Callable | None = getattr(Stylesheet, "_parse_rules", None)
    if original is None or getattr(original, "shared_by_the_process", False):
        return

    def _parse_rules(self, css: str, read_from, is_default_rules: bool = False, tie_breaker: int = 0,
                     scope: str = "") -> list:
        variables = tuple(self._variables.items())
        key = (css, read_from, is_default_rules, tie_breaker, scope, variables)
        rules = _PARSED.get(key)
        if rules is None:
            rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
            if len(_PARSED) >= _MOST:
                del _PARSED[next(iter(_PARSED))]  # the oldest: a theme or a test's app long gone
                _VARIABLES.clear()  # (keys still kept hold their own; new ones share again)
            variables = _VARIABLES.setdefault(variables, variables)
            _PARSED[(css, read_from, is_default_rules, tie_breaker, scope, variables)] = rules
        return rules

    _parse_rules.shared_by_the_process = True  # type: ignore[attr-defined]
    _parse_rules.__doc__ = original.__doc__
    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
