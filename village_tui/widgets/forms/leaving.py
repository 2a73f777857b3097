"""Asking every form about to be dropped whether its unsaved changes may go (Esc, area keys, quit).

The form base (and the form widgets it imports: text areas, selects, lists) is only
imported when a screen first needs it; until then no screen can be a form, so the
app starts without importing it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeGuard

from textual.screen import Screen

if TYPE_CHECKING:
    from village_tui.widgets.forms.form_base import FormMixin

_FORM_BASE = "village_tui.widgets.forms.form_base"


def is_form(screen: Screen[Any]) -> TypeGuard[FormMixin[Any, Any]]:
    """Whether ``screen`` is a form (without importing the form base before any form exists)."""
    module = sys.modules.get(_FORM_BASE)
    return module is not None and isinstance(screen, module.FormMixin)


def dirty_forms(screens: Iterable[Screen[Any]]) -> list[FormMixin[Any, Any]]:
    """The forms among ``screens`` holding unsaved changes, topmost first."""
    return [s for s in reversed(list(screens)) if is_form(s) and s.is_dirty]


async def forms_allow_leaving(screens: Iterable[Screen[Any]]) -> bool:
    """Ask each form among ``screens`` (topmost first); False as soon as one says 继续编辑.

    Must run in a worker.
    """
    for screen in reversed(list(screens)):
        if is_form(screen) and not await screen.request_leave():
            return False
    return True
