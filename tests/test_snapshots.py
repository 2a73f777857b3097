"""Every area and the main dialogs held as pictures at 80x24 and 100x30 (issue 28, item 9).

Regenerate after an intended change of a screen (then look at the changed SVGs, e.g. as PNG with
``rsvg-convert -o x.png tests/__snapshots__/test_snapshots/NAME.svg``, before committing them):

    PYTHONPATH=$PWD python -m pytest -n 0 tests/test_snapshots.py --snapshot-update

Each picture is the demo village (seed 3, records up to the suite's fixed day 2026-11-27), opened
fresh from a copy at one fixed path (the header shows the data folder, so the path is part of the
picture), and reached only by the keys a cadre presses. A cut, an overlap or a changed word makes
its test fail; ``snapshot_report.html`` then shows the old and the new picture side by side.
Toasts are cleared and cursors drawn steady before the picture is taken: both depend on timing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from village_tui.app import VillageApp
from village_tui.demo import generate_demo
from village_tui.service import VillageService

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the pictures hold a POSIX data path")

#: Where each test's copy of the demo village lives (shown in every header, so it must not vary).
PLACE = Path("/tmp/村务快照")
VILLAGE = PLACE / "演示村"
TEMPLATES = PLACE / "模板"
SIZES = {"80x24": (80, 24), "100x30": (100, 30)}

#: Scene name -> the keys pressed from 首页 (the screen a signed-in cadre starts on).
AREAS = {
    "home": (),
    "home_assessment": ("y",),
    "help": ("f1",),
    "households": ("f3",),
    "duty": ("f4",),
    "visits": ("f5",),
    "pairing": ("f6",),
    "ledger": ("f7",),
    "meeting": ("f7", "m"),
    "matters": ("f8",),
    "desk": ("f9",),
    "cadres": ("f10",),
    "exchange": ("f11",),
    "settings": ("f12",),
}
DIALOGS = {
    "visit_form_filled": ("f5", *"llh", "enter", *"看望老人"),
    "ledger_item_form": ("f7", "n"),
    "ledger_item_open": ("f7", "enter"),
    "meeting_minutes": ("f7", "m", "ctrl+s"),
    "leave_dialog": ("f4", "l"),
    "confirm_quit": ("ctrl+c",),
    "import_preview": ("f11", "ctrl+o", *str(TEMPLATES / "导入模板.xlsx"), "enter"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo village made once for the module, and the import templates at their fixed place."""
    folder = tmp_path_factory.mktemp("snapshots") / "演示村"
    generate_demo(folder, scale="small", seed=3, until=date(2026, 11, 27))
    return folder


@pytest.fixture(scope="module")
def place():
    """Hold the fixed place for this module: another run of the suite on this machine waits its turn."""
    import fcntl

    PLACE.parent.mkdir(parents=True, exist_ok=True)
    with open(PLACE.parent / "村务快照.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield PLACE
        finally:
            shutil.rmtree(PLACE, ignore_errors=True)
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture
def village(demo: Path, place: Path) -> Path:
    """A fresh copy of the demo village at :data:`VILLAGE`, and the import templates beside it."""
    from village_tui.commands.template import run as write_template

    shutil.rmtree(place, ignore_errors=True)
    shutil.copytree(demo, VILLAGE)
    write_template(argparse.Namespace(folder=str(TEMPLATES)))
    return VILLAGE


async def settle(pilot, rounds: int = 1) -> None:
    """Let the app finish what the last key started: workers, the messages they post, a redraw."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def keys_then_still(keys: tuple[str, ...]):
    """A ``run_before`` that presses ``keys`` one by one as a cadre would, then stills the screen."""
    from textual.widgets import Input, TextArea

    async def run_before(pilot) -> None:
        await settle(pilot, rounds=2)  # the first frame, and the dates loaded after it (the header's weekday)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        app = pilot.app
        app.clear_notifications()
        for field in app.screen.query("Input, TextArea"):
            if isinstance(field, (Input, TextArea)):
                field.cursor_blink = False  # a blinking cursor is drawn or not by the clock
        await settle(pilot, rounds=3)

    return run_before


def open_app(folder: Path) -> tuple[VillageApp, VillageService]:
    service = VillageService.open(folder)
    return VillageApp(service, operator_id=service.cadres()[0].id), service


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", [*AREAS, *DIALOGS])
def test_screen(scene: str, size: str, village: Path, snap_compare) -> None:
    """The scene as a cadre sees it after pressing its keys."""
    app, service = open_app(village)
    try:
        keys = AREAS.get(scene) or DIALOGS.get(scene, ())
        assert snap_compare(app, terminal_size=SIZES[size], run_before=keys_then_still(keys))
    finally:
        service.close()


@pytest.mark.parametrize("size", SIZES)
def test_review(size: str, village: Path, snap_compare) -> None:
    """The township's review (``village-tui review``) of the demo village for November."""
    from village_tui.exchange.review import scorecard
    from village_tui.review_app import ReviewApp

    rows = list(scorecard([village], 2026, 11))
    app = ReviewApp(rows, "2026年11月")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys_then_still(()))
