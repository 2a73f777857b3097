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


# What the sign-in frame never needs: the areas other than the registry and the duty roster, the rules
# they judge by, the assessment, the township's desk, the F1 help screen, Excel and pinyin (issue 30:
# start ≤ 1.2× a bare app).
NOT_AT_SIGN_IN = (
    "village_tui.service.checks", "village_tui.service.desk", "village_tui.service.ledger",
    "village_tui.service.visits", "village_tui.service.pairing", "village_tui.service.matters",
    "village_tui.service.exchange", "village_tui.service.township", "village_tui.domain.assessment",
    "village_tui.screens.shell.help",
    "village_tui.domain.rules_visits", "village_tui.domain.rules_ledger", "village_tui.domain.rules_pairing",
    "village_tui.domain.rules_desk", "village_tui.domain.frozen", "openpyxl", "pypinyin",
)
AREAS = ("visits", "ledger", "duty", "registry", "pairing", "desk", "matters", "checks", "exchange")


def test_the_sign_in_frame_imports_no_area_it_does_not_show_and_the_areas_still_open(tmp_path):
    """开机到签到画面只载入签到要用的: then signing in opens 首页, which builds the areas it asks."""
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    from village_tui.service import VillageService

    make_village(VillageService.open(tmp_path / "v")).close()  # made here: the child only opens it
    root = Path(__file__).resolve().parent.parent
    script = textwrap.dedent(f"""
        import asyncio, sys
        sys.path[:0] = [{str(root)!r}]
        from village_tui.app import VillageApp
        from village_tui.service import VillageService

        async def main():
            app = VillageApp(VillageService.open({str(tmp_path / 'v')!r}, check_later=True))  # as launch opens it
            async with app.run_test(size=(100, 30)) as pilot:
                while not (type(app.screen).__name__ == "SignInScreen" and app.screen.is_mounted):
                    await pilot.pause()
                await app.screen.wait_for_refresh()  # the sign-in frame is drawn
                print("loaded", *[name for name in {NOT_AT_SIGN_IN!r} if name in sys.modules])
                print("built", *[name for name in {AREAS!r} if name in vars(app.service.areas)])
                await app.workers.wait_for_complete()  # the year files checked, pendulum loaded
                await pilot.pause()
                print("settled", *[name for name in {NOT_AT_SIGN_IN!r} if name in sys.modules])
                await pilot.press("enter")  # sign the highlighted cadre in: the first area opens
                await app.workers.wait_for_complete()
                await pilot.pause()
                await app.workers.wait_for_complete()
                print("then", type(app.screen).__name__, "checks" in vars(app.service.areas))
            app.service.close()

        asyncio.run(main())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["loaded"], lines[0]
    assert lines[1].split() == ["built", "duty", "registry"]
    assert lines[2].split() == ["settled"], lines[2]  # nor once the sign-in has settled, before anyone signs in
    assert lines[3].split() == ["then", "HomeScreen", "True"]
