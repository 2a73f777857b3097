"""A date field that accepts the ways cadres type dates (2026-11-27, 11月27日, 今天 ...)."""

from __future__ import annotations

import datetime

from rich.cells import cell_len
from textual.widget import Widget
from textual.widgets import Input

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.widgets.inert_text import Text


class DateInput(Input):
    """An input for one date; shows the understood date as its border subtitle.

    Args:
        value: The initial date, or None for an empty field.
        today: The reference day for ``今天``, ``11-27`` and future checks.
        allow_future: When False a day after ``today`` is an error.
        id: The widget id.
    """

    DEFAULT_CSS = """
    DateInput {
        width: 24;
        border-subtitle-align: left;  /* kept in sight when a narrow row clips the field's right side */
    }
    DateInput.-bad {
        border: ascii $error;
    }
    """

    def __init__(self, value: datetime.date | None = None, *, today: datetime.date, allow_future: bool = True,
                 id: str | None = None) -> None:
        # Set before Input.__init__: it assigns the value, which runs the watcher that reads these.
        self._today = today
        self._allow_future = allow_future
        super().__init__(value.isoformat() if value else "", placeholder="如 2026-11-27 或 今天", id=id)

    @property
    def date(self) -> datetime.date:
        """The date typed.

        Raises:
            ValidationError: The text is not a date (or a future one when not allowed); Chinese message.
        """
        return dates.parse_date(self.value, self._today, self.id or "day", self._allow_future)

    @property
    def date_or_none(self) -> datetime.date | None:
        """The date typed, or None when the field is empty or wrong."""
        try:
            return self.date
        except ValidationError:
            return None

    def on_mount(self) -> None:
        self._show()

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self._show()

    def _show(self) -> None:
        if not self.value.strip():
            self.border_subtitle = ""
            self.tooltip = None
            self.remove_class("-bad")
            return
        try:
            day = self.date
        except ValidationError as error:
            self.border_subtitle = "日期有误"
            self.tooltip = Text(error.message)  # the message quotes what was typed
            self.add_class("-bad")
        else:
            self.border_subtitle = self._fitting_text(day)
            self.tooltip = dates.format_cn_long(day)
            self.remove_class("-bad")

    def _fitting_text(self, day: datetime.date) -> str:
        """The longest way of writing ``day`` that fits under the field (never a cut ``星…``)."""
        week = "周" + "一二三四五六日"[day.weekday()]
        ways = [dates.format_cn_long(day), f"{day.year}年{day.month}月{day.day}日 {week}"]
        if day.year == self._today.year:
            ways.append(f"{day.month}月{day.day}日 {week}")
        ways.append(f"{day.month}-{day.day} {week}")
        width = self.outer_size.width
        container = self.parent
        while isinstance(container, Widget):
            if container.content_region.width:  # a row too narrow for the field clips its right side
                width = min(width, container.content_region.right - self.region.x)
            container = container.parent if container.parent is not self.screen else None
        room = width - 5  # the border's corners, a space each side and a dash
        if room <= 0:
            return ways[0]  # not laid out yet: redrawn on resize
        return next((way for way in ways if cell_len(way) <= room), ways[-1])

    def on_resize(self) -> None:
        self._show()
