"""Every area screen, at the 80x24 of an office PC: single-width glyphs only, its keys in the footer, uncut at 80 and 100 columns."""

from __future__ import annotations

import html
import unicodedata
from datetime import date

from rich.cells import cell_len
from textual.widgets import DataTable, Footer

from tests.frames import drawn_whole, frames_not_drawn
from village_tui.app import VillageApp
from village_tui.demo import generate_demo
from village_tui.screens.areas import AREAS
from village_tui.service import VillageService


def ambiguous_glyphs(svg: str) -> set[str]:
    """Characters of East Asian width "A" in a screenshot: two cells wide on a CJK console."""
    return {ch for ch in html.unescape(svg) if ord(ch) > 127 and unicodedata.east_asian_width(ch) == "A"}


def cut_footer_keys(app) -> list[str]:
    """The footer keys that do not fit the footer's width (a label drawn cut off, like ``t 特 ^p 命``)."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query("FooterKey"))
    if sum(k.outer_size.width for k in keys) <= footer.size.width:
        return []
    return [f"{k.key_display} {k.description}" for k in keys]


def sideways_tables(app) -> list[str]:
    """The tables on screen that would need scrolling sideways to show every column (or a heading cut)."""
    found = []
    for table in app.screen.query(DataTable):
        if not table.region.width:
            continue  # on a tab not shown
        if table.virtual_size.width > table.scrollable_content_region.width:
            found.append(f"{table.id}: {table.virtual_size.width} > {table.scrollable_content_region.width}")
        for column in table.ordered_columns:
            if column.get_render_width(table) - 2 * table.cell_padding < cell_len(column.label.plain):
                found.append(f"{table.id}: heading {column.label.plain} cut")
    return found


async def settle(pilot, app) -> None:
    """Wait for the area's workers and for its tables to fit their columns (a refresh or two)."""
    await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def footer_labels(app) -> list[str]:
    return [k.description for k in app.screen.query_one(Footer).query("FooterKey")]


async def test_every_area_screen_draws_narrow_glyphs_and_shows_its_keys_uncut_at_80_and_100_columns(tmp_path):
    generate_demo(tmp_path / "村", scale="small", seed=3, until=date(2026, 11, 27))
    service = VillageService.open(tmp_path / "村", today=date(2026, 11, 27))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    wide, keyless, cut, sideways = {}, [], {}, {}
    async with app.run_test(size=(80, 24)) as pilot:
        with frames_not_drawn():  # screenshots at 80x24 draw each area; at 100x30 each is drawn once, whole
            for size in ((80, 24), (100, 30)):
                await pilot.resize_terminal(*size)
                for area in AREAS:
                    await pilot.press(area.key)
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                    for _ in range(5):  # the footer lists the keys once the screen announced them (a refresh or two)
                        if area.key == "f1" or app.screen.query_one(Footer).children:
                            break
                        await pilot.pause()
                    if size == (80, 24):
                        glyphs = ambiguous_glyphs(app.export_screenshot())
                        if glyphs:
                            wide[area.name] = "".join(sorted(glyphs))
                    if cut_footer_keys(app):
                        cut[(size[0], area.name)] = cut_footer_keys(app)
                    await settle(pilot, app)
                    if sideways_tables(app):
                        sideways[(size[0], area.name)] = sideways_tables(app)
                    if size != (80, 24):
                        await drawn_whole(pilot)
                    if area.key == "f1":
                        assert "帮助" not in footer_labels(app), "F1 on the help does nothing: not in its footer"
                        await pilot.press("escape")
                    elif not app.screen.query_one(Footer).children:
                        keyless.append(area.name)
                    elif area.key == "f2":
                        assert "返回" not in footer_labels(app), "Esc on 首页 does nothing: not in its footer"
                    else:
                        assert "返回" in footer_labels(app), area.name
    service.close()
    assert wide == {}
    assert keyless == []
    assert cut == {}
    assert sideways == {}
