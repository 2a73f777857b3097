"""What every app of ours shares: keys named as Windows names them, and notifications that are never markup."""

from __future__ import annotations

from typing import TypeVar

from textual.app import App
from textual.binding import Binding

from village_tui.domain.safe_text import inert
from village_tui.widgets.chinese_keys import binding_key_name
from village_tui.widgets.textual_repeats import parse_each_css_source_once


ReturnType = TypeVar("ReturnType")


class ChineseApp(App[ReturnType]):
    """An app whose footers say Esc, Ctrl+S, 回车 and 空格, and whose toasts show users' text literally.

    Its CSS sources are parsed once per process (see :mod:`village_tui.widgets.textual_repeats`).
    """

    def __init__(self, *args, **kwargs) -> None:
        parse_each_css_source_once()  # before Textual builds the stylesheet
        super().__init__(*args, **kwargs)

    def get_key_display(self, binding: Binding) -> str:
        """Name keys in footers as Windows does (Esc, Ctrl+S, Del, 空格), through the one mapping."""
        return binding_key_name(binding)

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Show a notification; its text is always literal (names and contents typed by users are in it)."""
        del markup  # user text must never be read as markup, whoever calls this
        super().notify(inert(message, multiline=True), title=inert(title), severity=severity, timeout=timeout,
                       markup=False)
