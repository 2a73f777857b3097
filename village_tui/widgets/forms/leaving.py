"""Asking every form about to be dropped whether its unsaved changes may go (Esc, area keys, quit).

The form base (and the form widgets it imports: text areas, selects, lists) is only
imported when a screen first needs it; until then no screen can be a form, so the
app starts without importing it.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeGuard

from textual.app import App
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


class AsksBeforeLeaving(App[object]):
    """An app whose Esc, area keys, palette and quitting ask each half-filled form before dropping it."""

    _leaving = False  # a question is on screen: further leave requests wait for its answer

    async def request_leave(self, screens: list[Screen[Any]], then: Callable[[], object]) -> None:
        """Run ``then`` once every form among ``screens`` agreed to be left (保存 / 不保存 / 继续编辑).

        With no unsaved changes ``then`` runs at once; otherwise a worker asks and runs it.
        ``then`` may be async.
        """
        if self._leaving:
            return
        if not dirty_forms(screens):
            result = then()
            if inspect.isawaitable(result):
                await result
            return
        self._leaving = True

        async def leave() -> None:
            try:
                if await forms_allow_leaving(screens):
                    result = then()
                    if inspect.isawaitable(result):
                        await result
            finally:
                self._leaving = False

        self.run_worker(leave(), group="leave", name="request_leave")
