"""The memory rows alone: ``python -m benchmarks.memory [--repeats N]``.

The same child processes as ``python -m benchmarks`` (``benchmarks/app_child.py``: headless,
sign in, five rounds of every area key), on working copies of the cached large villages, against
the bare app: the peak memory at the sign-in frame, after start, after every screen and after five
rounds, ten years and one year side by side, in a minute or two instead of the whole benchmark.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from benchmarks import startup, village_cache
from benchmarks.report import Row, render

MEASURES = (
    ("hwm_first_mb", "peak memory at the sign-in frame (MB)", "<= 1.3x bare", 1.3),
    ("hwm_start_mb", "peak memory after start (MB)", "<= 1.6x bare", 1.6),
    ("hwm_screens_mb", "peak memory after every screen (MB)", "<= 2x bare", 2.0),
    ("hwm_rounds_mb", "peak memory after 5 rounds of every screen (MB)", "<= 1.6x bare", 1.6),
)


def collect(ten: Path, one: Path, work: Path, repeats: int) -> list[Row]:
    """The memory rows: the median of ``repeats`` children of each app, run in turn (bare, ten, one)."""
    copies = {"ten": village_cache.working_copy(ten, work / "ten"), "one": village_cache.working_copy(one, work / "one")}
    runs: dict[str, list[dict]] = {"bare": [], "ten": [], "one": []}
    for _ in range(repeats):  # in turn, so a burst of load falls on every app alike
        runs["bare"].append(startup.run_child("bare", None))
        for name, folder in copies.items():
            runs[name].append(startup.run_child("village", folder))
    median = {name: {key: statistics.median(run[key] for run in found) for key, *_ in MEASURES}
              for name, found in runs.items()}
    rows = [Row(label, median["ten"][key], median["one"][key], median["bare"][key], "bare app", target, limit, True)
            for key, label, target, limit in MEASURES]
    rows.append(Row("peak memory after 5 rounds, 10 years vs 1 year (MB)", median["ten"]["hwm_rounds_mb"], None,
                    median["one"]["hwm_rounds_mb"], "1 year", "<= 1.2x", 1.2, True))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Measure and print the memory rows."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="child runs per app (median)")
    args = parser.parse_args(argv)
    ten, one = village_cache.large_village(10), village_cache.large_village(1)
    work = Path(tempfile.mkdtemp(prefix="village-memory-"))
    try:
        rows = collect(ten, one, work, args.repeats)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(render(rows, [f"Median of {args.repeats} child processes per app, run in turn."]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
