"""A month calendar: seven columns Monday to Sunday, one cell per day, moved through with the keyboard."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, Static

from village_tui.domain import dates
from village_tui.widgets.inert_text import Text

WEEKDAY_HEADS = ("一", "二", "三", "四", "五", "六", "日")


@dataclass
class DayInfo:
    """What one day's cell shows.

    Attributes:
        rostered: Names of the cadres rostered (full; the calendar shortens them when a cell is narrow).
        signed: Names of the cadres who signed in.
        special: The day lies in a special period (shaded).
        empty: The day has passed and nobody signed in (the error colour).
        unplanned: The day has not ended and nobody is rostered or signed in yet: 未到, to plan
            (the warning colour), never 无人值班.
        away: Names of the cadres on leave that day (``假 刘`` when shortened).
    """

    rostered: list[str] = field(default_factory=list)
    signed: list[str] = field(default_factory=list)
    special: bool = False
    empty: bool = False
    unplanned: bool = False
    away: list[str] = field(default_factory=list)


def _fit(prefix: str, names: list[str], width: int) -> str:
    """``prefix`` and the names, or a head count when the names do not fit in ``width`` cells."""
    if not names:
        return prefix.strip()
    text = f"{prefix}{' '.join(names)}"
    if width <= 0 or cell_len(text) <= width:
        return text
    return f"{prefix}{len(names)}人"


class DayCell(Static):
    """One day of the calendar; ``day`` is None for the blank cells around the month."""

    day: date | None = None

    def on_click(self, event: Click) -> None:
        event.stop()
        if self.day is not None:
            self.app.call_later(self.query_ancestor(MonthCalendar).choose, self.day)


class MonthCalendar(Widget, can_focus=True):
    """A month of days: who is rostered, who signed in, special periods shaded, empty days in red.

    Arrows move by day and week, PageUp/PageDown by month, Home goes to today,
    Enter chooses the day. Leaving the month shown posts :class:`MonthChanged`
    so the owner can load that month and call :meth:`show`.

    Args:
        cursor: The day selected at first.
        today: Today, marked in its cell.
        id: The widget id.
    """

    DEFAULT_CSS = """
    MonthCalendar {
        height: 1fr;
        border-top: ascii $primary;
        border-title-align: center;
        border-title-style: bold;
    }
    MonthCalendar:focus {
        border-top: ascii $accent;
    }
    MonthCalendar > Grid {
        grid-size: 7;
        grid-rows: 1fr;
        grid-gutter: 0 1;
        height: 1fr;
    }
    MonthCalendar > Grid.-heads {
        height: 1;
    }
    MonthCalendar > Grid.-heads > Label {
        width: 1fr;
        text-style: bold;
    }
    MonthCalendar DayCell {
        height: 1fr;
        width: 1fr;
        overflow: hidden hidden;
        background: $boost;
    }
    MonthCalendar DayCell.-outside {
        background: $background;
    }
    MonthCalendar DayCell.-special {
        background: $warning 30%;
    }
    MonthCalendar DayCell.-empty {
        color: $error;
    }
    MonthCalendar DayCell.-unplanned {
        color: $warning;
    }
    MonthCalendar DayCell.-today {
        text-style: underline;
    }
    MonthCalendar DayCell.-cursor {
        background: $accent 50%;
        text-style: bold;
    }
    MonthCalendar:focus DayCell.-cursor {
        background: $accent;
        color: $background;
    }
    """

    BINDINGS = [
        Binding("left", "move(-1)", "前一天", show=False),
        Binding("right", "move(1)", "后一天", show=False),
        Binding("up", "move(-7)", "上一周", show=False),
        Binding("down", "move(7)", "下一周", show=False),
        Binding("pageup", "month(-1)", "上月", show=False),
        Binding("pagedown", "month(1)", "下月", show=False),
        Binding("home", "today", "今天", show=False),
        Binding("enter", "choose", "选择", show=False),
    ]

    cursor: reactive[date] = reactive(date(2000, 1, 1), init=False)

    class DayHighlighted(Message):
        """The cursor moved to ``day``."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    class DayChosen(Message):
        """Enter was pressed (or the cell clicked) on ``day``."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    class MonthChanged(Message):
        """The calendar now shows another month; the owner should call :meth:`MonthCalendar.show`."""

        def __init__(self, year: int, month: int) -> None:
            super().__init__()
            self.year = year
            self.month = month

    def __init__(self, cursor: date, today: date, id: str | None = None) -> None:
        super().__init__(id=id)
        self._today = today
        self._info: dict[date, DayInfo] = {}
        self._short: dict[str, str] = {}
        self._drawn_width = 0
        self.set_reactive(MonthCalendar.cursor, cursor)

    def compose(self) -> ComposeResult:
        with Grid(classes="-heads"):
            for head in WEEKDAY_HEADS:
                yield Label(head)
        with Grid(classes="-days"):
            for _ in range(42):
                yield DayCell()

    def on_mount(self) -> None:
        self._draw()

    @property
    def year(self) -> int:
        """The year of the month shown."""
        return self.cursor.year

    @property
    def month(self) -> int:
        """The month shown."""
        return self.cursor.month

    def cell(self, day: date) -> DayCell | None:
        """The cell of ``day`` when it is in the month shown."""
        for cell in self.query(DayCell):
            if cell.day == day:
                return cell
        return None

    def show(self, info: dict[date, DayInfo], short: Mapping[str, str] | None = None) -> None:
        """Show what each day of the current month holds (days missing from ``info`` are blank).

        Args:
            info: Each day's names and marks.
            short: A shorter form of each name (``王斌峰`` -> ``王峰``), used in a cell too narrow for the
                full names (80 columns); a wide screen shows them whole.
        """
        self._info = info
        self._short = dict(short or {})
        self._draw()

    def _draw(self) -> None:
        year, month = self.cursor.year, self.cursor.month
        self.border_title = f"{year}年{month}月"
        first, last = dates.month_bounds(year, month)
        last_day = last.day
        weeks = (first.weekday() + last_day + 6) // 7
        start = first - timedelta(days=first.weekday())
        for index, cell in enumerate(self.query(DayCell)):
            day = start + timedelta(days=index)
            inside = day.month == month and day.year == year
            cell.display = index < weeks * 7
            cell.day = day if inside else None
            info = self._info.get(day, DayInfo()) if inside else DayInfo()
            cell.set_class(not inside, "-outside")
            cell.set_class(inside and info.special, "-special")
            cell.set_class(inside and info.empty, "-empty")
            cell.set_class(inside and info.unplanned, "-unplanned")
            cell.set_class(inside and day == self._today, "-today")
            cell.set_class(inside and day == self.cursor, "-cursor")
            # One blank cell kept at the end, so neighbouring days never run together on 16 colours.
            cell.update(self._content(day, info, cell.content_size.width - 1) if inside else "")

    def _content(self, day: date, info: DayInfo, width: int) -> Text:
        """Line 1: the day (``[27]`` for today) and who is rostered; then who signed in, who is on leave.

        Empty lines are left out, so a short cell (80×24) still shows the leave when nobody signed in.
        """
        head = f"[{day.day}]" if day == self._today else str(day.day)
        whole = [(f"{head} ", info.rostered), ("签 ", info.signed), ("假 ", info.away)]
        # Full names when every line of the cell holds them, else the short forms in every line.
        if any(names and cell_len(f"{prefix}{' '.join(names)}") > width for prefix, names in whole):
            whole = [(prefix, [self._short.get(n, n) for n in names]) for prefix, names in whole]
        (first_prefix, rostered), (signed_prefix, signed), (away_prefix, away_names) = whole
        first = _fit(first_prefix, rostered, width)
        second = (_fit(signed_prefix, signed, width) if signed
                  else "无人值班" if info.empty else "未排班" if info.unplanned else "")
        away = _fit(away_prefix, away_names, width) if away_names else ""
        lines = [first] + [line for line in (second, away, "特殊时期" if info.special else "") if line]
        return Text("\n".join(lines))

    def on_resize(self) -> None:
        # Names are fitted to the cell width, which is known only after layout.
        width = self.size.width
        if width != self._drawn_width:
            self._drawn_width = width
            self.call_after_refresh(self._draw)

    def watch_cursor(self, old: date, new: date) -> None:
        if (old.year, old.month) != (new.year, new.month):
            self._info = {}
            self._draw()
            self.post_message(self.MonthChanged(new.year, new.month))
        else:
            for cell in self.query(DayCell):
                cell.set_class(cell.day == new, "-cursor")
        self.post_message(self.DayHighlighted(new))

    def action_move(self, days: int) -> None:
        self.cursor = self.cursor + timedelta(days=days)

    def action_month(self, step: int) -> None:
        index = self.cursor.year * 12 + self.cursor.month - 1 + step
        year, month = divmod(index, 12)
        last = dates.month_bounds(year, month + 1)[1]
        self.cursor = date(year, month + 1, min(self.cursor.day, last.day))

    def action_today(self) -> None:
        self.cursor = self._today

    def action_choose(self) -> None:
        self.post_message(self.DayChosen(self.cursor))

    def choose(self, day: date) -> None:
        """Move to ``day`` and choose it."""
        self.cursor = day
        self.focus()
        self.action_choose()
