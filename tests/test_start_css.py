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


def test_sign_in_of_a_set_up_village_does_not_import_the_first_run_setup(tmp_path):
    # Issue 30 item 1: screens are imported when first needed; a fresh process shows the sign-in frame.
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    script = textwrap.dedent(f"""
        import asyncio, sys
        sys.path[:0] = [{str(root)!r}, {str(root / 'tests')!r}]
        from app_fixtures import make_village
        from village_tui.app import VillageApp
        from village_tui.service import VillageService

        async def main():
            service = make_village(VillageService.open({str(tmp_path / 'v')!r}))
            service.close()
            app = VillageApp(VillageService.open({str(tmp_path / 'v')!r}))
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                print(type(app.screen).__name__, "village_tui.screens.shell.setup" in sys.modules)
            app.service.close()

        asyncio.run(main())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["SignInScreen", "False"]
