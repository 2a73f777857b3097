"""The paged list base every list screen uses: one page of rows in a DataTable, one set of keys to turn pages.

A list screen gives ``fetch(offset, limit)`` (a page of records and the total)
and ``row(record)`` (the cells of one row); the base fills the table, keeps
the cursor, turns pages with PgDn/PgUp while the table has the focus, says
``第1-50条，共230条`` and hands back the record under the cursor. No list draws
more than one page of rows. With a :class:`FittedTable` and a ``#row-more``
line, that line shows what the highlighted row's cut and hidden cells hold.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable

from village_tui.widgets.lists.fitted_table import RowMoreMixin
from village_tui.widgets.workbench import workbench

PAGE_BINDINGS: list[BindingType] = [
    Binding("pagedown", "page(1)", "下一页", priority=True, show=False),
    Binding("pageup", "page(-1)", "上一页", priority=True, show=False),
]


ResultT = TypeVar("ResultT")


class PagedListMixin(RowMoreMixin, Screen[ResultT]):
    """Paging for a screen with one DataTable (see the module docstring).

    Attributes:
        page_offset: The index of the first row shown.
        total: How many records the list has in all.
        rows: The records of the page shown.
    """

    PAGE_SIZE: ClassVar[int] = 50
    UNIT: ClassVar[str] = "条"
    EDIT_ACTIONS: ClassVar[frozenset[str]] = frozenset()  # actions that change data: off when read-only

    page_offset: int = 0
    total: int = 0
    rows: list[Any] = []

    def fetch(self, offset: int, limit: int) -> tuple[list[Any], int]:
        """The records ``offset`` to ``offset + limit`` and the total."""
        raise NotImplementedError

    def row(self, record: Any) -> tuple:
        """The cells of one record's row."""
        raise NotImplementedError

    def row_key(self, record: Any) -> str | None:
        """The table key of a record's row (None: no key)."""
        return None

    @property
    def list_table(self) -> DataTable:
        """The table the list fills."""
        found: DataTable[object] = self.query_one(DataTable)
        return found

    def show_page(self, offset: int | None = None, cursor: int = 0) -> None:
        """Fill the table with the page at ``offset`` (the current one when None); the cursor on row ``cursor``."""
        offset = self.page_offset if offset is None else offset
        rows, total = self.fetch(offset, self.PAGE_SIZE)
        if total and offset >= total:  # the list shrank: show its last page
            offset = (total - 1) // self.PAGE_SIZE * self.PAGE_SIZE
            rows, total = self.fetch(offset, self.PAGE_SIZE)
        self.page_offset, self.total, self.rows = offset, total, list(rows)
        table = self.list_table
        table.clear()
        for record in self.rows:
            table.add_row(*self.row(record), key=self.row_key(record))
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))

    def show_record(self, index: int) -> None:
        """Show the page holding the ``index``-th record of the list, the cursor on it."""
        self.show_page(index - index % self.PAGE_SIZE, index % self.PAGE_SIZE)

    def page_text(self) -> str:
        """``第1-50条，共230条  PgDn/PgUp 翻页`` (or ``共0条``)."""
        if not self.total:
            return f"共0{self.UNIT}"
        shown = f"第{self.page_offset + 1}-{self.page_offset + len(self.rows)}{self.UNIT}，共{self.total}{self.UNIT}"
        return shown + ("  PgDn/PgUp 翻页" if self.total > self.PAGE_SIZE else "")

    @property
    def current(self) -> Any | None:
        """The record under the cursor, or None."""
        row = self.list_table.cursor_row
        return self.rows[row] if self.rows and row is not None and 0 <= row < len(self.rows) else None

    def page_allowed(self, step: int) -> bool | None:
        """PgDn/PgUp turn pages only while the table has the focus and there is a page that way."""
        if not isinstance(self.focused, DataTable):
            return False  # elsewhere (a drop-down, the search box) the key keeps its own meaning
        return True if 0 <= self.page_offset + step * self.PAGE_SIZE < self.total else None

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "page":
            return self.page_allowed(parameters[0])
        if action in self.EDIT_ACTIONS and workbench(self.app).readonly:
            return False
        return True

    def refuse_readonly(self) -> bool:
        """Say so and return True when the folder is read-only (before opening a form that changes data)."""
        village = workbench(self.app)
        if village.readonly:
            self.notify(f"只读：{village.readonly_reason}。不能修改。", severity="error")
            return True
        return False

    def action_page(self, step: int) -> None:
        """Show the next (1) or previous (-1) page."""
        offset = self.page_offset + step * self.PAGE_SIZE
        if 0 <= offset < self.total:
            self.show_page(offset)
            self.page_shown()

    def page_shown(self) -> None:
        """Called after a page was turned (a screen updates its count line here)."""


class PagedListScreen(PagedListMixin[ResultT]):
    """A full screen that is a paged list."""

    BINDINGS = PAGE_BINDINGS
