"""Issue 30 item 1: the app's stylesheet is parsed once, with the village theme, before the first frame."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet

from app_fixtures import make_village
from village_tui.app import VILLAGE_THEME, VillageApp


async def test_first_frame_parses_the_css_once_with_the_village_colours(monkeypatch):
    reparsed = []
    original = Stylesheet.reparse

    def counting_reparse(self, *args, **kwargs):
        reparsed.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "reparse", counting_reparse)
    app = VillageApp(make_village(), operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert reparsed == []  # no second parse of every CSS source before the first frame
        assert app.theme == "village" and "-theme-village" in app.classes
        assert app.stylesheet._variables["primary"] == app.get_css_variables()["primary"]
        assert app.get_css_variables()["primary"].lower() == VILLAGE_THEME.to_color_system().primary.hex.lower()
