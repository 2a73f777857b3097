"""Child process of the start-up, memory and idle measures: one app, headless.

After start it presses every area key five times over (F1 closed with Esc), reading peak
memory after the first round and after the fifth.

"First usable" is the first refresh after the first screen is mounted (it is
drawn and takes keys): for the village, the sign-in list, opened as the program
opens it (the year files are checked in a worker after that frame); "complete"
is when its workers have finished too. The village child then signs the
highlighted cadre in (Enter) before the rounds.

Run as ``python -m benchmarks.app_child <spawned-at> <mode> <folder> [idle-seconds]``
where ``mode`` is ``bare`` (Header + DataTable + Footer) or ``village``. It
prints one ``RESULT {json}`` line. Nothing heavy is imported before the clock
starts: ``spawned-at`` is the parent's ``time.time()`` just before it started
this process, so interpreter start and every import are counted.
"""

import os
import sys
import time

SIZE = (100, 30)
ROUNDS = 5  # rounds of pressing every area key; memory is read after the first and the last


def _vm_hwm_mb() -> float:
    """Peak resident memory of this process (VmHWM) in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare_app():
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class BareApp(App):
        """What a user would otherwise have: a header, one table and a footer."""

        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("户编号", "户主", "村民小组")

    return BareApp(), lambda app: app.query(DataTable)


def _village_app(folder: str):
    from village_tui.app import VillageApp
    from village_tui.service import VillageService

    service = VillageService.open(folder, check_later=True)  # as launch_app opens it
    app = VillageApp(service)
    return app, lambda app: type(app.screen).__name__ == "SignInScreen" and app.screen.is_mounted


async def _settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()


async def _drive(spawned: float, mode: str, folder: str, idle: float) -> dict:
    app, ready = _bare_app() if mode == "bare" else _village_app(folder)
    result: dict = {}
    async with app.run_test(size=SIZE) as pilot:
        while not ready(app):
            await pilot.pause()
        await app.screen.wait_for_refresh()  # drawn and taking keys (pause() would wait for workers)
        result["start_s"] = time.time() - spawned
        times = os.times()
        result["start_cpu_s"] = times.user + times.system  # this process's CPU to the frame, interpreter start included
        result["hwm_first_mb"] = _vm_hwm_mb()
        await _settle(app, pilot)  # the screen's workers (首页's scorecard and trend) have finished
        result["complete_s"] = time.time() - spawned
        result["hwm_start_mb"] = _vm_hwm_mb()
        if idle:
            import asyncio

            before = os.times()
            clock = time.monotonic()
            await asyncio.sleep(idle)
            after = os.times()
            cpu = (after.user - before.user) + (after.system - before.system)
            result["idle_cpu_pct"] = 100 * cpu / (time.monotonic() - clock)
        else:
            from village_tui.screens.areas import AREAS

            if mode != "bare":
                await pilot.press("enter")  # sign in: the app opens its first area
                await _settle(app, pilot)

            for round_number in range(ROUNDS):
                for area in AREAS:
                    await pilot.press(area.key)
                    await _settle(app, pilot)
                    if area.key == "f1":
                        await pilot.press("escape")
                        await _settle(app, pilot)
                if round_number == 0:
                    result["hwm_screens_mb"] = _vm_hwm_mb()
            result["hwm_rounds_mb"] = _vm_hwm_mb()
            result["screens"] = [area.key for area in AREAS]
    if mode != "bare":
        app.service.close()
    return result


def main() -> None:
    """Parse the arguments, drive the app and print the result line."""
    import asyncio
    import json

    spawned, mode, folder = float(sys.argv[1]), sys.argv[2], sys.argv[3]
    idle = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    result = asyncio.run(_drive(spawned, mode, folder, idle))
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
