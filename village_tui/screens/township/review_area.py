"""村情审阅: the villages' scorecard as ``village-tui review`` shows it, from a folder of their exports.

The township types the folder (the USB stick, or where it keeps the exports); the scorecard of
last month is worked out in a thread and shown on the review's own screen. 回车 on a village
leaves the desk for that village's screens, read-only (the desk comes back on Esc).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static

from village_tui.domain import dates
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
    """

    rows: list[VillageScore]
    period: str
    index: int


def last_month(today) -> tuple[int, int]:
    """The month before ``today``'s: the month the review shows, as ``review`` does by default."""
    first = today.replace(day=1)
    return (first.year - 1, 12) if first.month == 1 else (first.year, first.month - 1)


class DeskReviewScreen(ReviewScreen):
    """The review's scorecard inside the desk: 回车 opens the village read-only, Esc goes back to the desk."""

    CSS_PATH = str(Path(review_module.__file__).parent / "review.tcss")  # the review's own styles
    # Priority, so the footer names it over the table's own (hidden) Enter.
    BINDINGS = [Binding("enter", "open_village", "查看该村（只读）", priority=True)]

    def action_open_village(self) -> None:
        current = self._current()
        if current is None:
            return
        index, row = current
        if any(note.startswith("打不开") for note in row.notes):
            self.notify(f"{row.name}的数据打不开，不能查看", severity="error")
            return
        self.app.exit(ReviewChoice(self.rows, self.period, index))


class DeskReviewPick(Screen):
    """Asks where the villages' exports are, then shows their scorecard."""

    CSS_PATH = "township.tcss"

    def compose(self) -> ComposeResult:
        yield DeskHeader(id="desk-header")
        yield Static("村情审阅", classes="desk-title")
        yield Static("各村导出所在的文件夹（U盘或存放导出的文件夹；也可以是某一个村的导出），回车审阅上个月的情况：",
                     id="review-hint")
        folder = getattr(self.app, "review_folder", "")
        yield Input(folder, placeholder="如 E:\\ 或 /media/u盘", id="review-folder")
        yield Static("", id="review-message", classes="form-message")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        message = self.query_one("#review-message", Static)
        if not text:
            message.update(Text("请填写各村导出所在的文件夹"))
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
        year, month = last_month(dates.today())
        message.update(Text(f"正在审阅 {len(folders)} 个村（{year}年{month}月），请稍候……"))
        self._score(folders, year, month)

    @work(thread=True, exclusive=True, group="review")
    def _score(self, folders: list[Path], year: int, month: int) -> None:
        rows = list(scorecard(folders, year, month))
        self.app.call_from_thread(self._show, rows, f"{year}年{month}月")

    def _show(self, rows: list[VillageScore], period: str) -> None:
        self.query_one("#review-message", Static).update("")
        self.app.push_screen(DeskReviewScreen(rows, period))
