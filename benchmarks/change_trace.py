"""How far one visit save travels through the code, and what 首页 computes after it.

Run from the repository root (``PYTHONPATH=$PWD python -m benchmarks.change_trace``). On a demo
village (``--scale small``, two years, seed 1, ending 2026-11-27) in a temporary folder it prints:

- **首页 after one visit save**: the Python function calls (``sys.setprofile`` call events, every
  module) made while 首页 computes what it shows, once everything was computed and one visit of
  today was saved. Before change notices 首页 computed everything again (``home_data``); now it
  computes the parts the save touched (``home_parts(service).data()``). Both are found, so the
  script measures either version of the code.
- **One visit save**: the files of ``village_tui`` and the moves between them, from the form's
  ``save`` (F5's entry, Ctrl+S in a Textual pilot) to the journal append. The code running is
  followed through call and return events; calls into other packages (TinyDB, the standard
  library) keep the file that made them. A move is the running file changing.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import FrameType
from typing import Any

UNTIL = date(2026, 11, 27)
PACKAGE = Path(__file__).resolve().parent.parent / "village_tui"


def count_calls(work: Callable[[], Any]) -> int:
    """The Python function calls ``work()`` makes (its own call not counted)."""
    calls = 0

    def profile(_frame: FrameType, event: str, _arg: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls - 1


def _home_computer(service) -> Callable[[], Any]:
    """What 首页 runs to get what it shows, in this version of the code."""
    try:
        from village_tui.screens.home.parts import home_parts
    except ImportError:  # before change notices: everything computed again after any save
        from village_tui.screens.home.home import home_data

        return lambda: home_data(service)
    return home_parts(service).data


def home_calls(folder: Path) -> int:
    """The calls 首页 makes after one visit save, everything computed once before."""
    from village_tui.domain.models import Visit
    from village_tui.service import VillageService

    service = VillageService.open(folder)
    try:
        service.sign_in(service.cadres()[0].key)
        compute = _home_computer(service)
        compute()
        household = service.households()[0]
        service.save_visit(Visit(day=UNTIL, cadre_id=service.cadres()[0].key, household_id=household.key,
                                 learned="测量：走访一户"))
        return count_calls(compute)
    finally:
        service.close()


@dataclass
class Trail:
    """The files of ``village_tui`` a save ran through, in order, one entry per move."""

    files: list[str]

    @property
    def moves(self) -> int:
        """The times the running file changed."""
        return len(self.files) - 1

    def summary(self) -> str:
        """``13 files, 57 moves`` and the files in the order first reached."""
        distinct = list(dict.fromkeys(self.files))
        return f"{len(distinct)} files, {self.moves} moves\n  " + "\n  ".join(distinct)


def _ours(frame: FrameType | None) -> str | None:
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(str(PACKAGE)):
            return str(Path(name).relative_to(PACKAGE.parent))
        frame = frame.f_back
    return None


def follow_save(press_save: Callable[[], Any], start: tuple[str, str], end: tuple[str, str]) -> Trail:
    """Follow the running file from the call of ``start`` to the call of ``end`` (each ``(file, function)``)."""
    trail: list[str] = []
    state = {"on": False, "done": False}

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if state["done"] or event not in ("call", "return"):
            return
        where = _ours(frame if event == "call" else frame.f_back)
        code = frame.f_code
        if not state["on"]:
            if event == "call" and code.co_name == start[1] and code.co_filename.endswith(start[0]):
                state["on"] = True
            else:
                return
        if where is not None and (not trail or trail[-1] != where):
            trail.append(where)
        if event == "call" and code.co_name == end[1] and code.co_filename.endswith(end[0]):
            state["done"] = True

    sys.setprofile(profile)
    try:
        press_save()
    finally:
        sys.setprofile(None)
    return Trail(trail)


async def _visit_save_trail(folder: Path) -> Trail:
    from village_tui.app import VillageApp
    from village_tui.service import VillageService

    service = VillageService.open(folder)
    app = VillageApp(service, operator_id=service.cadres()[0].key)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("f5")
            await pilot.pause()
            code = service.households()[1].code
            await pilot.press(*code, "enter", *"ok")
            await pilot.pause()
            form = app.screen
            trail = follow_save(getattr(form, "action_save"), ("screens/visits/visits.py", "save"),
                                ("store/journal.py", "append"))
            await pilot.pause()
            return trail
    finally:
        service.close()


def main(argv: list[str] | None = None) -> None:
    """Print both figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="small", choices=("small", "large"))
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--files", action="store_true", help="list the files a visit save runs through")
    args = parser.parse_args(argv)

    from village_tui.demo import generate_demo
    from village_tui.domain import clock

    clock.fix(datetime(UNTIL.year, UNTIL.month, UNTIL.day, 10, 0))
    with tempfile.TemporaryDirectory(prefix="change-trace-") as tmp:
        folder = Path(tmp) / "village"
        generate_demo(folder, scale=args.scale, years=args.years, seed=1, until=UNTIL)
        print(f"首页 after one visit save: {home_calls(folder):,} calls")
        trail = asyncio.run(_visit_save_trail(folder))
        text = trail.summary() if args.files else trail.summary().splitlines()[0]
        print(f"one visit save, form to journal: {text}")


if __name__ == "__main__":
    main()
