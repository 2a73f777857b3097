"""Issue 30 item 4: work Textual repeats for nothing is done once (a faster app and suite).

Each start and each first showing of a screen with CSS made Textual parse every CSS source again
(``widgets/textual_repeats.py``), and each footer key was restyled twice as it mounted (now styled
once by ``SteadyFooter``).
"""

from __future__ import annotations

from textual.css import stylesheet as textual_stylesheet
from textual.dom import DOMNode
from textual.widgets._footer import FooterKey

from tests.app_fixtures import make_village
from tests.screen_text import screen_lines
from village_tui.app import VillageApp


async def _start(pilot_keys: tuple[str, ...] = ()) -> VillageApp:
    app = VillageApp(make_village(), operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in pilot_keys:
            await pilot.press(key)
            await pilot.pause()
    return app


async def test_a_second_start_and_its_screens_parse_no_css_again(monkeypatch):
    await _start(("f5", "f3"))  # every source these screens bring is parsed once in the process
    parsed = []
    original = textual_stylesheet.parse

    def counting_parse(*args, **kwargs):
        parsed.append(args[2] if len(args) > 2 else kwargs.get("read_from"))
        return original(*args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting_parse)
    app = await _start(("f5", "f3"))
    assert parsed == []
    assert app.stylesheet.rules  # the rules are there all the same


async def test_footer_keys_are_styled_once_and_look_as_before(monkeypatch):
    restyled = []
    original = DOMNode.update_node_styles

    def counting(self, *args, **kwargs):
        if isinstance(self, FooterKey):
            restyled.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DOMNode, "update_node_styles", counting)
    app = VillageApp(make_village(), operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen.query(FooterKey)
        footer = screen_lines(app)[-1]
        assert footer.startswith(" Ctrl+S 保存并下一条 Ctrl+R 走访记录 Esc 返回 F1 帮助 ")  # drawn as before
        assert footer.endswith(" Ctrl+P 命令 ")  # (the snapshots show every footer is)
    assert restyled == []  # no key restyled after it was first styled
