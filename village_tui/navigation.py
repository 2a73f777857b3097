"""Lazy loading of area screens and the command palette entries built from the area registry."""

from __future__ import annotations

import importlib
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from village_tui.screens.areas import ACTIONS, AREAS, Area

if TYPE_CHECKING:
    from village_tui.app import VillageApp


def load_screen_class(spec: str) -> type[Screen]:
    """Import ``"module:Class"`` and return the class."""
    module_name, _, class_name = spec.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def screen_factory(area: Area):
    """A callable building the area's screen; the module is imported on first use."""
    return lambda: load_screen_class(area.screen)()


def key_label(key: str) -> str:
    """``"f3"`` → ``"F3"``."""
    return key.upper()


class AreaCommands(Provider):
    """Every area and main action, found by Chinese name or by pinyin initials."""

    async def startup(self) -> None:
        # Initials are computed when the palette opens, never at start-up.
        from village_tui.domain.pinyin import name_initials

        app: VillageApp = self.app  # type: ignore[assignment]
        names = {a.key: a.name for a in AREAS}
        self._entries: list[tuple[str, str, list[str], object]] = []
        for area in AREAS:
            title = f"{key_label(area.key)} {area.name}"
            self._entries.append((title, area.description, name_initials(area.name),
                                  partial(app.call_later, app.open_area, area.key)))
        for action in ACTIONS:
            if action.area not in names:
                continue
            self._entries.append((action.name, f"在「{names[action.area]}」中", name_initials(action.name),
                                  partial(app.call_later, app.run_area_action, action.area, action.action)))

    async def discover(self) -> Hits:
        for title, help_text, _, command in self._entries:
            yield DiscoveryHit(Text(title), command, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        from village_tui.domain.pinyin import matches_initials

        matcher = self.matcher(query)
        letters = "".join(query.split()).lower()
        for title, help_text, initials, command in self._entries:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=help_text)
            elif letters.isascii() and letters.isalpha() and matches_initials(letters, initials):
                starts = any(i.startswith(letters) for i in initials)
                yield Hit(0.9 if starts else 0.6, Text(title), command, text=title, help=help_text)
