"""Lazy loading of area screens and the command palette entries built from the area registry."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from typing import cast

from rich.text import Text
from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.visual import VisualType

from village_tui.screens.areas import ACTIONS, AREAS, Area
from village_tui.screens.base import AreaSwitcher


def load_screen_class(spec: str) -> type[Screen[object]]:
    """Import ``"module:Class"`` and return the class."""
    module_name, _, class_name = spec.partition(":")
    found: type[Screen[object]] = getattr(importlib.import_module(module_name), class_name)
    return found


def screen_factory(area: Area) -> Callable[[], Screen[object]]:
    """A callable building the area's screen; the module is imported on first use."""
    return lambda: load_screen_class(area.screen)()


def key_label(key: str) -> str:
    """``"f3"`` → ``"F3"``."""
    return key.upper()


class AreaCommands(Provider):
    """Every area and main action, found by Chinese name or by pinyin initials."""

    async def startup(self) -> None:
        # Initials are computed when the palette opens, never at start-up.
        from village_tui.domain.pinyin import name_initials, name_spellings

        app: App[object] = self.app
        areas = cast(AreaSwitcher, app)
        names = {a.key: a.name for a in AREAS}
        self._entries: list[tuple[str, str, list[str], list[str], Callable[[], object]]] = []

        def add(title: str, name: str, help_text: str, command: Callable[[], object]) -> None:
            self._entries.append((title, help_text, name_initials(name), name_spellings(name), command))

        for area in AREAS:
            add(f"{key_label(area.key)} {area.name}", area.name, area.description,
                partial(app.call_later, areas.open_area, area.key))
        for action in ACTIONS:
            if action.area in names:
                add(action.name, action.name, f"在「{names[action.area]}」中",
                    partial(app.call_later, areas.run_area_action, action.area, action.action))
        add("换操作员", "换操作员", "换一位村干部操作，不用退出（首页按 o）",
            partial(app.call_later, app.run_action, "switch_operator"))
        add("退出", "退出", "关闭工作台（Ctrl+Q）", partial(app.call_later, areas.action_quit))

    async def discover(self) -> Hits:
        for title, help_text, _, _, command in self._entries:
            yield DiscoveryHit(Text(title), command, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        letters = "".join(query.split()).lower()
        found = False
        for title, help_text, initials, spellings, command in self._entries:
            score = matcher.match(title)
            shown: VisualType
            if score <= 0:
                score = pinyin_score(letters, initials, spellings)
                shown = Text(title)
            else:
                shown = matcher.highlight(title)
            if score > 0:
                found = True
                yield Hit(score, shown, command, text=title, help=help_text)
        if not found and letters:
            # In Chinese, instead of the palette's own "No matches found".
            yield Hit(0.01, Text(f"没有找到「{query.strip()}」：可输入中文名称、全拼或拼音首字母"), _nothing,
                      text=query, help="按 Esc 关闭")


def _nothing() -> None:
    """What choosing the "没有找到" line does: nothing."""


def pinyin_score(letters: str, initials: list[str], spellings: list[str]) -> float:
    """How well typed letters match a name by pinyin: initials, full pinyin, or initials in order; 0 when not.

    Args:
        letters: The query, lowercase without spaces.
        initials: The name's pinyin initials (``["xznh"]``).
        spellings: The name's full pinyin (``["xinzengnonghu"]``).
    """
    from village_tui.domain.pinyin import matches_initials, matches_initials_loosely, matches_spelling

    if not (letters.isascii() and letters.isalpha()):
        return 0
    if matches_initials(letters, initials):
        return 0.9 if any(i.startswith(letters) for i in initials) else 0.6
    if matches_spelling(letters, spellings):
        return 0.85 if any(s.startswith(letters) for s in spellings) else 0.55
    if matches_initials_loosely(letters, initials):
        return 0.5
    return 0
