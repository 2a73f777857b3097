"""Every area screen, at the 80x24 of an office PC: single-width glyphs only, and its keys in the footer."""

from __future__ import annotations

import html
import unicodedata
from datetime import date

from textual.widgets import Footer

from village_tui.app import VillageApp
from village_tui.demo import generate_demo
from village_tui.screens.areas import AREAS
from village_tui.service import VillageService


def ambiguous_glyphs(svg: str) -> set[str]:
    """Characters of East Asian width "A" in a screenshot: two cells wide on a CJK console."""
    return {ch for ch in html.unescape(svg) if ord(ch) > 127 and unicodedata.east_asian_width(ch) == "A"}


async def test_every_area_screen_draws_narrow_glyphs_and_shows_its_keys(tmp_path):
    generate_demo(tmp_path / "村", scale="small", seed=3, until=date(2026, 11, 27))
    service = VillageService.open(tmp_path / "村", today=date(2026, 11, 27))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    wide, keyless = {}, []
    async with app.run_test(size=(80, 24)) as pilot:
        for area in AREAS:
            await pilot.press(area.key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            glyphs = ambiguous_glyphs(app.export_screenshot())
            if glyphs:
                wide[area.name] = "".join(sorted(glyphs))
            if area.key == "f1":
                await pilot.press("escape")
            elif not app.screen.query_one(Footer).children:
                keyless.append(area.name)
    service.close()
    assert wide == {}
    assert keyless == []
