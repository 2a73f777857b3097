"""Every area screen draws only single-width glyphs, so Chinese consoles keep the layout."""

from __future__ import annotations

import html
import unicodedata
from datetime import date

from village_tui.app import VillageApp
from village_tui.demo import generate_demo
from village_tui.screens.areas import AREAS
from village_tui.service import VillageService


def ambiguous_glyphs(svg: str) -> set[str]:
    """Characters of East Asian width "A" in a screenshot: two cells wide on a CJK console."""
    return {ch for ch in html.unescape(svg) if ord(ch) > 127 and unicodedata.east_asian_width(ch) == "A"}


async def test_no_area_screen_draws_an_ambiguous_width_glyph(tmp_path):
    generate_demo(tmp_path / "村", scale="small", seed=3, until=date(2026, 11, 27))
    service = VillageService.open(tmp_path / "村", today=date(2026, 11, 27))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    found = {}
    async with app.run_test(size=(100, 30)) as pilot:
        for area in AREAS:
            await pilot.press(area.key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            glyphs = ambiguous_glyphs(app.export_screenshot())
            if glyphs:
                found[area.name] = "".join(sorted(glyphs))
            if area.key == "f1":
                await pilot.press("escape")
    service.close()
    assert found == {}
