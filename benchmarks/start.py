"""The start row alone: ``python -m benchmarks.start [--repeats 9] [--as-used]``.

The same child processes as ``python -m benchmarks`` (:mod:`benchmarks.app_child`, headless, the
village opened as the program opens it), bare app and ten-year village run in turn, so a burst of
load falls on both alike; the ratio is the median of the per-pair ratios. Each child stops after its
first screen has finished its workers (no rounds of the screens), so nine pairs take about a minute.

``--as-used`` measures a working copy whose files are as the program leaves them after a day of use:
one sign-in saved and compacted (the program writes ``reference.json`` with the sign-in's tables
first). Without it, the cached village's files are measured as generated.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from benchmarks import startup, village_cache
from benchmarks.report import Row, render

IDLE = 0.01  # seconds the child idles after start instead of visiting every screen


def as_used(folder: Path) -> None:
    """Sign the second cadre in (a save of the settings) and compact, as a day's first use leaves the folder."""
    from village_tui.service import VillageService

    service = VillageService.open(folder)
    try:
        cadres = service.cadres()
        last = service.settings().last_operator_id
        service.sign_in(next(c.id for c in cadres if c.id != last))
        service.folder.compact()
    finally:
        service.close()


def collect(folder: Path, repeats: int) -> tuple[list[Row], dict[str, list[float]]]:
    """The start rows: ``repeats`` pairs (bare app, village) run in turn."""
    runs: dict[str, list[dict]] = {"bare": [], "village": []}
    for _ in range(repeats):
        runs["bare"].append(startup.run_child("bare", None, idle=IDLE))
        runs["village"].append(startup.run_child("village", folder, idle=IDLE))
    ratios = {key: [v[key] / b[key] for v, b in zip(runs["village"], runs["bare"])]
              for key in ("start_s", "start_cpu_s")}
    median = {name: {key: statistics.median(run[key] for run in found) for key in ("start_s", "start_cpu_s")}
              for name, found in runs.items()}
    rows = [
        Row("start to the sign-in frame, wall (s)", median["village"]["start_s"], None, median["bare"]["start_s"],
            "bare app", "<= 1.2x bare", 1.2, True, ratio_median=statistics.median(ratios["start_s"])),
        Row("start to the sign-in frame, CPU (s)", median["village"]["start_cpu_s"], None,
            median["bare"]["start_cpu_s"], "bare app", "<= 1.2x bare", 1.2, True,
            ratio_median=statistics.median(ratios["start_cpu_s"])),
    ]
    return rows, ratios


def main(argv: list[str] | None = None) -> int:
    """Measure and print the start rows."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.start", description=__doc__)
    parser.add_argument("--repeats", type=int, default=9, help="pairs of children (bare app, village)")
    parser.add_argument("--as-used", action="store_true", help="the village's files as a day of use leaves them")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="village-start-"))
    try:
        folder = village_cache.working_copy(village_cache.large_village(10), work / "ten")
        if args.as_used:
            as_used(folder)
        rows, ratios = collect(folder, args.repeats)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    notes = [f"{args.repeats} pairs run in turn; ratio = median of per-pair ratios "
             f"(wall: {', '.join(f'{r:.2f}' for r in sorted(ratios['start_s']))}).",
             "Files " + ("as a day of use leaves them (one sign-in saved and compacted)." if args.as_used
                         else "as generated (the cache's ten-year village).")]
    print(render(rows, notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
