"""The ``village-tui review`` app: the scorecard, and each village's own screens read-only on demand."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from textual.binding import Binding

from village_tui.app import VILLAGE_THEME
from village_tui.exchange.review import VillageScore, open_for_township
from village_tui.widgets.chinese_app import ChineseApp
from village_tui.widgets.narrow_glyphs import use_narrow_glyphs

if TYPE_CHECKING:
    from village_tui.service import VillageService


class ReviewApp(ChineseApp[int]):
    """Shows the scorecard; exits with the index of the village to open, or None to quit.

    Args:
        rows: The scored villages.
        period: The period shown.
        summary: An extra line under the table.
        start: The row to start on.
    """

    CSS_PATH = "app.tcss"
    TITLE = "乡镇审阅"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "退出", priority=True)]

    def __init__(self, rows: list[VillageScore], period: str, summary: str = "", start: int = 0) -> None:
        use_narrow_glyphs()
        super().__init__()
        self._screen_args = (rows, period, summary, start)

    def on_mount(self) -> None:
        from village_tui.screens.exchange.review import ReviewScreen

        self.register_theme(VILLAGE_THEME)
        self.theme = VILLAGE_THEME.name
        self.push_screen(ReviewScreen(*self._screen_args))


def first_cadre_id(service: VillageService) -> int | None:
    """The cadre to show a village as (main cadres first): read-only, nothing is stamped."""
    cadres = service.cadres(include_archived=True)
    return cadres[0].id if cadres else None


def review_loop(rows: list[VillageScore], period: str, summary: str = "") -> None:
    """Scorecard → a village's screens (read-only) → back to the scorecard, until the user quits."""
    from village_tui.app import VillageApp

    index = 0
    while True:
        chosen = ReviewApp(rows, period, summary, start=index).run()
        if chosen is None:
            return
        index = chosen
        service = open_for_township(rows[index].folder)
        try:
            operator = first_cadre_id(service)
            if operator is None:
                print(f"{rows[index].name}没有干部名册，不能查看", file=sys.stderr)
                continue
            VillageApp(service, operator_id=operator, exit_on_back=True).run()
        finally:
            service.close()
