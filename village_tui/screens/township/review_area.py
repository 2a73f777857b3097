"""村情审阅: the villages' scorecard as ``village-tui review`` shows it, from a folder of their exports.

The township types the folder (the USB stick, or where it keeps the exports) and the month (last
month unless it types another: ``2026-10`` or ``2026年10月``, never a month that has not begun); the
scorecard is worked out in a thread and shown on the review's own screen, where ``[`` and ``]`` step a
month back and forward. 回车 on a village leaves the desk for that village's screens, read-only (the
desk comes back on Esc, to the same month).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.domain.review_month import check_begun, chosen_month, month_name, previous_month, step_month
from village_tui.exchange.review import VillageScore, scorecard
from village_tui.exchange.review_folders import village_folders
from village_tui.screens.exchange import review as review_module
from village_tui.screens.exchange.review import ReviewScreen
from village_tui.screens.township.desk_header import DeskHeader
from village_tui.widgets.inert_text import Text
from village_tui.widgets.steady_footer import SteadyFooter


@dataclass(frozen=True)
class ReviewChoice:
    """What the desk app exits with to open a village from its review (and comes back to).

    Attributes:
        rows: The scored villages.
        period: The period shown, ``2026年10月``.
        index: The village chosen.
        month: The month shown, ``(2026, 10)``.
    """

    rows: list[VillageScore]
    period: str
    index: int
    month: tuple[int, int]


def month_field_text(month: tuple[int, int]) -> str:
    """``2026-10``: a month as the month field shows it."""
    return f"{month[0]:04d}-{month[1]:02d}"


class DeskReviewScreen(ReviewScreen):
    """The review's scorecard inside the desk: 回车 opens the village read-only, [ and ] step the month.

    Args:
        rows: One scored village per row.
        period: The period shown, ``2026年10月``.
        month: The month scored, ``(2026, 10)``.
        start: The row to put the cursor on.
    """

    CSS_PATH = str(Path(review_module.__file__).parent / "review.tcss")  # the review's own styles
    BINDINGS = [
        # Priority, so the footer names it over the table's own (hidden) Enter.
        Binding("enter", "open_village", "查看该村（只读）", priority=True),
        Binding("left_square_bracket", "month(-1)", "上月", key_display="["),
        Binding("right_square_bracket", "month(1)", "下月", key_display="]"),
    ]

    def __init__(self, rows: list[VillageScore], period: str, month: tuple[int, int], start: int = 0) -> None:
        super().__init__(rows, period, start=start)
        self.month = month
        self._asked = month  # the month the last [ or ] asked for: keys pressed quickly add up

    def action_open_village(self) -> None:
        current = self._current()
        if current is None:
            return
        index, row = current
        if any(note.startswith("打不开") for note in row.notes):
            self.notify(f"{row.name}的数据打不开，不能查看", severity="error")
            return
        self.app.exit(ReviewChoice(self.rows, self.period, index, self.month))

    def action_month(self, step: int) -> None:
        """[ 上月 / ] 下月: score the same villages for the month before or after (never one not begun)."""
        year, month = step_month(*self._asked, step)
        try:
            check_begun(year, month, dates.today())
        except ValidationError as error:
            self.notify(error.message, severity="warning")
            return
        self._asked = (year, month)
        self.query_one("#village-notes", Static).update(Text(f"正在审阅 {month_name(year, month)}，请稍候……"))
        self._score([row.folder for row in self.rows], (year, month))

    @work(thread=True, exclusive=True, group="review-month")
    def _score(self, folders: list[Path], month: tuple[int, int]) -> None:
        rows = list(scorecard(folders, *month))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_month, rows, month)

    def _show_month(self, rows: list[VillageScore], month: tuple[int, int]) -> None:
        if self.app.screen is not self or month != self._asked:
            return  # left meanwhile (Esc, F2), or another month asked since: this one is not wanted any more
        setattr(self.app, "review_month", month_field_text(month))
        table = self.query_one("#scorecard", DataTable)
        self.app.switch_screen(DeskReviewScreen(rows, month_name(*month), month, start=table.cursor_row))


class DeskReviewPick(Screen):
    """Asks where the villages' exports are, then shows their scorecard."""

    CSS_PATH = "township.tcss"

    def compose(self) -> ComposeResult:
        yield DeskHeader(id="desk-header")
        yield Static("村情审阅", classes="desk-title")
        yield Static("各村导出所在的文件夹（U盘或存放导出的文件夹；也可以是某一个村的导出）：", id="review-hint")
        folder = getattr(self.app, "review_folder", "")
        yield Input(folder, placeholder="如 E:\\ 或 /media/u盘", id="review-folder")
        yield Static("审阅的月份（如 2026-10 或 2026年10月，不填写月份时为上个月），回车审阅：", id="review-month-hint")
        month = getattr(self.app, "review_month", "") or month_field_text(previous_month(dates.today()))
        yield Input(month, placeholder="如 2026-10", id="review-month")
        yield Static("", id="review-message", classes="form-message")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#review-folder", Input).focus()

    def on_screen_resume(self) -> None:
        """Back from the scorecard: the month field holds the month it showed last ([ and ] step it)."""
        month = getattr(self.app, "review_month", "")
        if month:
            self.query_one("#review-month", Input).value = month

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = self.query_one("#review-folder", Input).value.strip()
        message = self.query_one("#review-message", Static)
        if not text:
            message.update(Text("请填写各村导出所在的文件夹"))
            self.query_one("#review-folder", Input).focus()
            return
        month_field = self.query_one("#review-month", Input)
        try:
            year, month = chosen_month(month_field.value.strip() or month_field_text(previous_month(dates.today())),
                                       dates.today())
        except ValidationError as error:
            message.update(Text(error.message))
            month_field.focus()
            return
        try:
            folders = village_folders(Path(text))
        except OSError:
            from village_tui.domain.error_words import missing_path

            message.update(Text(missing_path(text)))
            return
        if not folders:
            message.update(Text(f"{text} 中没有村里的导出（含 manifest.json 的文件夹）"))
            return
        setattr(self.app, "review_folder", text)
        setattr(self.app, "review_month", month_field_text((year, month)))
        message.update(Text(f"正在审阅 {len(folders)} 个村（{month_name(year, month)}），请稍候……"))
        self._score(folders, year, month)

    @work(thread=True, exclusive=True, group="review")
    def _score(self, folders: list[Path], year: int, month: int) -> None:
        rows = list(scorecard(folders, year, month))
        self.app.call_from_thread(self._show, rows, (year, month))

    def _show(self, rows: list[VillageScore], month: tuple[int, int]) -> None:
        self.query_one("#review-message", Static).update("")
        self.app.push_screen(DeskReviewScreen(rows, month_name(*month), month))
