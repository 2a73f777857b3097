"""Asking every form about to be dropped whether its unsaved changes may go (Esc, area keys, quit)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.screen import Screen

from village_tui.widgets.forms.form_base import FormMixin


def dirty_forms(screens: Iterable[Screen]) -> list[FormMixin]:
    """The forms among ``screens`` holding unsaved changes, topmost first."""
    return [s for s in reversed(list(screens)) if isinstance(s, FormMixin) and s.is_dirty]


async def forms_allow_leaving(screens: Iterable[Screen]) -> bool:
    """Ask each form among ``screens`` (topmost first); False as soon as one says 继续编辑.

    Must run in a worker.
    """
    for screen in reversed(list(screens)):
        if isinstance(screen, FormMixin) and not await screen.request_leave():
            return False
    return True
