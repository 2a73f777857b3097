"""A DataTable whose columns always fit its width: no list scrolls sideways at 80 columns.

Each column is declared once with :class:`Col`. When the rows are wider than the
table, long texts (``flex`` columns: 内容, 事项, 说明 …) are narrowed first and
their cells cut with ``..`` (not "…", which is two cells wide on a Chinese
console); when that is not enough, the columns a cadre needs least (``drop``)
step aside, the highest number first, and come back when the window is wider.
What a row's cut and hidden cells hold, whole, is :meth:`FittedTable.more_text`,
for a screen's detail line (a list screen's ``#row-more`` line shows it by itself). Only as a last resort (every column at its narrowest)
does the table scroll sideways.

Cells are given to ``add_row`` whole; the table keeps them and redraws them cut
to the widths of the moment, so a wider window shows more of each text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text as RichText
from textual.events import Resize
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowKey

from village_tui.widgets.inert_text import Text

CUT_MARK = ".."
DEFAULT_FLEX_MIN = 8


@dataclass(frozen=True)
class Col:
    """One column of a :class:`FittedTable`.

    Attributes:
        label: The heading (never cut).
        key: The column key (the label when None).
        flex: A long text: narrowed, its cells cut with ``..``, before any column steps aside.
        min_width: A flex column's comfortable width (8 cells when 0): it is narrowed below it only when
            no column is left to step aside.
        drop: 0 for a column always shown; otherwise it steps aside on a narrow table, the highest first.
    """

    label: str
    key: str | None = None
    flex: bool = False
    min_width: int = 0
    drop: int = 0

    @property
    def column_key(self) -> str:
        """The key the column is added with."""
        return self.key or self.label

    def narrowest(self) -> int:
        """The narrowest width this column is drawn at while other columns can still step aside."""
        if not self.flex:
            return cell_len(self.label)
        return max(cell_len(self.label), self.min_width or DEFAULT_FLEX_MIN)


def as_text(cell: Any) -> RichText | Any:
    """A cell as one line of Rich Text where it is text (a str is read as markup, as DataTable does).

    Rows are one line high: a note's line breaks become spaces, so none of it is lost from view.
    Other renderables are given back as they are.
    """
    if isinstance(cell, str):
        cell = RichText.from_markup(cell)
    if isinstance(cell, RichText):
        return RichText(" ").join(cell.split("\n")) if "\n" in cell.plain else cell
    if isinstance(cell, (int, float)) or cell is None:
        return RichText("" if cell is None else str(cell))
    return cell


def drawn_cell(cell: Any, text: Any, width: int) -> Any:
    """What the table draws for ``cell`` (``text`` is its :func:`as_text`) in a column ``width`` wide.

    A cell that fits is drawn as given (a str stays a str), one that does not is cut with ``..``.
    """
    if not isinstance(text, RichText):
        return cell
    if cell_width(text) > width:
        return cut_to(text, width)
    plain = cell.plain if isinstance(cell, RichText) else cell
    return text if isinstance(plain, str) and "\n" in plain else cell


def cell_width(cell: Any) -> int:
    """How many terminal cells a (converted) cell takes on one line."""
    if isinstance(cell, RichText):
        return max((cell_len(line) for line in cell.plain.splitlines()), default=0)
    return 0


def cut_to(cell: Any, width: int) -> Any:
    """``cell`` cut to ``width`` cells, ending in ``..`` when it was longer."""
    if not isinstance(cell, RichText) or cell_width(cell) <= width:
        return cell
    cut = cell.copy()
    cut.truncate(max(width - cell_len(CUT_MARK), 0), overflow="crop")
    cut.rstrip()
    cut.append(CUT_MARK)
    return cut


def _narrowed(columns: Sequence[Col], natural: Sequence[int], shown: list[int], room: int, padding: int,
              floor: Callable[[Col], int]) -> tuple[dict[int, int], int]:
    """The shown columns' widths with flex columns narrowed (widest first, not below ``floor``) and the excess left."""
    widths = {i: max(natural[i], cell_len(columns[i].label)) for i in shown}
    excess = sum(widths.values()) + padding * len(shown) - room
    flexible = [i for i in shown if columns[i].flex]
    while excess > 0:
        above = sorted((i for i in flexible if widths[i] > floor(columns[i])), key=lambda i: -widths[i])
        if not above:
            break
        widest = above[0]
        next_width = widths[above[1]] if len(above) > 1 else 0
        step = min(excess, widths[widest] - floor(columns[widest]), max(1, widths[widest] - next_width))
        widths[widest] -= step
        excess -= step
    return widths, excess


def plan_widths(columns: Sequence[Col], natural: Sequence[int], room: int, padding: int
                ) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Which columns to show and how wide, so that they fit ``room`` cells.

    Long texts are narrowed to their comfortable width (``min_width``) first; then
    columns step aside, the highest ``drop`` first; only when none is left to step
    aside are long texts narrowed down to their heading's width.

    Args:
        columns: The columns in order.
        natural: The width each column needs to show every cell whole.
        room: The cells available for all columns together.
        padding: The cells each shown column adds around its content.

    Returns:
        The indices of the shown columns and the width of each shown column.
    """
    droppable = sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: -columns[i].drop)
    shown: list[int] = []
    for dropped in range(len(droppable) + 1):
        shown = [i for i in range(len(columns)) if i not in droppable[:dropped]]
        widths, excess = _narrowed(columns, natural, shown, room, padding, Col.narrowest)
        if excess <= 0:
            return tuple(shown), tuple(widths[i] for i in shown)
    widths, _ = _narrowed(columns, natural, shown, room, padding, lambda c: max(cell_len(c.label), 2))
    return tuple(shown), tuple(widths[i] for i in shown)


class FittedTable(DataTable):
    """A DataTable that fits its columns to its width (see the module docstring).

    Args:
        columns: The table's columns, in order.
        **kwargs: As for DataTable (``id``, ``cursor_type``, ``zebra_stripes`` …).
    """

    def __init__(self, columns: Sequence[Col], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fitted_columns = tuple(columns)
        self._full: list[tuple[tuple, tuple, str | None]] = []  # (cells as given, as one-line text, key)
        self._natural = [cell_len(c.label) for c in self.fitted_columns]
        self._plan: tuple[tuple[int, ...], tuple[int, ...]] | None = None
        self._refit_pending = False

    # -- rows ---------------------------------------------------------------------

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None) -> RowKey:
        """Add a row of whole cells (one per column); it is drawn cut to the current widths."""
        texts = tuple(as_text(c) for c in cells)
        for index, text in enumerate(texts[:len(self._natural)]):
            self._natural[index] = max(self._natural[index], cell_width(text))
        self._ensure_columns()
        self._full.append((cells, texts, key))
        row_key = super().add_row(*self._drawn(cells, texts), height=height, key=key, label=label)
        self._schedule_refit()
        return row_key

    def clear(self, columns: bool = False) -> FittedTable:
        """Remove every row (the columns stay: they are the table's own)."""
        super().clear(columns=columns)
        self._full.clear()
        self._natural = [cell_len(c.label) for c in self.fitted_columns]
        if columns:
            self._plan = None
        return self

    def more_text(self, row_index: int) -> str:
        """``内容：屋顶漏雨，家中困难无力修缮  承办人：章义祥``: row ``row_index``'s cut and hidden cells, whole."""
        if not (0 <= row_index < len(self._full)) or self._plan is None:
            return ""
        _cells, texts, _key = self._full[row_index]
        widths = dict(zip(*self._plan))
        parts = []
        for index, column in enumerate(self.fitted_columns):
            cell = texts[index] if index < len(texts) else None
            if not isinstance(cell, RichText) or not cell.plain.strip():
                continue
            if index not in widths or cell_width(cell) > widths[index]:
                parts.append((column.flex, f"{column.label}：{cell.plain}"))
        # Short facts first, long texts after them: a long text wraps onto the lines that follow.
        return "  ".join(part for _flex, part in sorted(parts, key=lambda p: p[0]))

    def row_texts(self, row_index: int) -> dict[str, str]:
        """Every column's whole text in row ``row_index``, by heading (shown, cut and hidden columns alike)."""
        _cells, texts, _key = self._full[row_index]
        return {column.label: (texts[i].plain if i < len(texts) and isinstance(texts[i], RichText) else "")
                for i, column in enumerate(self.fitted_columns)}

    @property
    def shown_labels(self) -> list[str]:
        """The headings of the columns on screen, in order."""
        self._ensure_columns()
        assert self._plan is not None
        return [self.fitted_columns[i].label for i in self._plan[0]]

    # -- fitting ------------------------------------------------------------------

    def _room(self) -> int:
        """The cells the columns may take: the table's inner width less a vertical scrollbar it needs."""
        width = self.size.width or max(self.app.size.width - 4, 20)
        rows_room = self.size.height - (self.header_height if self.show_header else 0)
        if self.styles.scrollbar_gutter == "stable" or len(self._full) > rows_room:
            width -= self.styles.scrollbar_size_vertical
        return width

    def _new_plan(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return plan_widths(self.fitted_columns, self._natural, self._room(), 2 * self.cell_padding)

    def _ensure_columns(self) -> None:
        if self._plan is None:
            self._plan = self._new_plan()
            self._add_columns()

    def _add_columns(self) -> None:
        assert self._plan is not None
        for index, width in zip(*self._plan):
            column = self.fitted_columns[index]
            super().add_column(column.label, key=column.column_key, width=width)

    def _drawn(self, cells: tuple, texts: tuple) -> list:
        assert self._plan is not None
        shown, widths = self._plan
        return [drawn_cell(cells[i], texts[i], width) if i < len(cells) else "" for i, width in zip(shown, widths)]

    def _apply(self, plan: tuple[tuple[int, ...], tuple[int, ...]]) -> None:
        """Draw the columns of ``plan`` and every row again, keeping the cursor and the scroll position."""
        cursor, scroll = self.cursor_coordinate, self.scroll_offset
        rows = list(self._full)
        super().clear(columns=True)
        self._plan = plan
        self._add_columns()
        for cells, texts, key in rows:
            super().add_row(*self._drawn(cells, texts), key=key)
        if rows:
            self.move_cursor(row=min(cursor.row, len(rows) - 1), column=min(cursor.column, len(plan[0]) - 1),
                             animate=False, scroll=False)
            self.scroll_to(scroll.x, scroll.y, animate=False, immediate=True)
            if self.cursor_type == "row":  # the cut cells changed: a detail line shows them again
                row = self.cursor_coordinate.row
                row_key = self._row_locations.get_key(row)
                if row_key is not None:
                    self.post_message(self.RowHighlighted(self, row, row_key))

    def _schedule_refit(self) -> None:
        if not self._refit_pending:
            self._refit_pending = True
            self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        self._refit_pending = False
        if not self.is_attached:
            return
        plan = self._new_plan()
        if plan != self._plan:
            self._apply(plan)

    def on_resize(self, event: Resize) -> None:
        self._schedule_refit()


class RowMoreMixin:
    """For a screen with a :class:`FittedTable` and a ``#row-more`` line: the line shows the highlighted row whole."""

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted row's cut and hidden cells on the ``#row-more`` line, if the screen has one."""
        lines = event.data_table.screen.query("#row-more")
        if lines and isinstance(event.data_table, FittedTable):
            lines.first(Static).update(Text(event.data_table.more_text(event.cursor_row)))
