"""Run the benchmark of issues 12 and 18: ``python -m benchmarks [--quick] [--repeats N]``.

Builds the large ten-year and one-year demo villages and fifty small ones once
into ``benchmarks/.cache/`` and prints the table of measures against targets.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
from pathlib import Path

from benchmarks import command_measures, measures, startup, targets, village_cache
from benchmarks.report import Row, render

IDLE_SECONDS = 30.0
REVIEW_TEXT_VILLAGES = 20


def machine() -> str:
    """``2 cores, Intel(R) ... , Python 3.x``."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def collect(ten: Path, one: Path, review: list[Path], work: Path, repeats: int, idle: float,
            saves: int = 30, searches: int = 200) -> tuple[list[Row], list[str]]:
    """Measure everything and return the table's rows and its notes.

    Args:
        ten: The ten-year village (not changed: measures that save use copies).
        one: The one-year village.
        review: Villages for the review measure.
        work: A scratch folder.
        repeats: Child runs per app for start-up and memory (median).
        idle: Seconds of idle CPU measure (0 skips it).
    """
    copies = {"ten": village_cache.working_copy(ten, work / "ten"), "one": village_cache.working_copy(one, work / "one")}
    bare = startup.median_runs("bare", None, repeats)
    app = {name: startup.median_runs("village", path, repeats) for name, path in copies.items()}
    save = {name: measures.save_ms(village_cache.working_copy(src, work / f"save-{name}"), saves)
            for name, src in (("ten", ten), ("one", one))}
    plain = measures.plain_tinydb_save_ms(ten, work)
    search = {name: measures.search_ms(src, searches) for name, src in (("ten", ten), ("one", one))}
    checks = {name: measures.checks_ms(src) for name, src in (("ten", ten), ("one", one))}
    review_time = command_measures.review_ms(review[:REVIEW_TEXT_VILLAGES])
    sqlite_time = command_measures.review_sqlite_ms(review, work)
    verify = {name: command_measures.verify_ms(src) for name, src in (("ten", ten), ("one", one))}
    export = {name: measures.export_ms(village_cache.working_copy(src, work / f"export-{name}"), work / f"usb-{name}")
              for name, src in (("ten", ten), ("one", one))}
    workbook = command_measures.import_workbook(one, work)
    import_dry, import_real = command_measures.import_ms(workbook, work)
    cpu = startup.idle_cpu(copies, idle) if idle else None

    def pair(name: str, key: str, source: dict) -> tuple[float, float]:
        return source["ten"][key] if key else source["ten"], source["one"][key] if key else source["one"]

    t, o = pair("start", "start_s", app)
    rows = [
        Row("start to the sign-in frame (s)", t, o, bare["start_s"], "bare app", "<= 1.2x bare", 1.2, True),
        Row("start, 10 years vs 1 year (s)", t, None, o, "1 year", "<= 1.2x", 1.2, True),
    ]
    t, o = pair("", "complete_s", app)
    rows.append(Row("first screen complete (s)", t, o, bare["complete_s"], "bare app"))
    t, o = pair("", "hwm_first_mb", app)
    rows.append(Row("peak memory at the sign-in frame (MB)", t, o, bare["hwm_first_mb"], "bare app", "<= 1.3x bare",
                    1.3, True))
    t, o = pair("", "hwm_start_mb", app)
    rows.append(Row("peak memory after start (MB)", t, o, bare["hwm_start_mb"], "bare app", "<= 1.6x bare", 1.6, True))
    t, o = pair("", "hwm_screens_mb", app)
    rows.append(Row("peak memory after every screen (MB)", t, o, bare["hwm_screens_mb"], "bare app",
                    "<= 2x bare", 2.0, True))
    rows.append(Row("peak memory after 5 rounds of every screen (MB)", *pair("", "hwm_rounds_mb", app),
                    bare["hwm_rounds_mb"], "bare app", "<= 1.6x bare", 1.6, True))
    rows += [
        Row("save a visit, median (ms)", save["ten"]["median"], save["one"]["median"], None, "", "<= 10 ms", 10.0),
        Row("first save after opening (ms)", save["ten"]["first"], save["one"]["first"], save["ten"]["median"],
            "save median", "<= 1.5x median", 1.5, True),
        Row("bytes written per visit save (KB)", save["ten"]["bytes"] / 1024, save["one"]["bytes"] / 1024, None, "",
            "<= 16 KB", 16.0),
        Row("save vs plain TinyDB insert (ms)", save["ten"]["median"], None, plain, "plain TinyDB", ">= 10x faster",
            10.0, True, True),
        Row("save, 10 years vs 1 year (ms)", save["ten"]["median"], None, save["one"]["median"], "1 year", "<= 1.2x",
            1.2, True),
    ]
    for key, label in (("initials", 'search "zxm", median (ms)'), ("digits", 'search "4198", median (ms)')):
        rows.append(Row(label, search["ten"][key], search["one"][key], None, "", "<= 10 ms", 10.0))
        rows.append(Row(f"{label.split(',')[0]}, 10 vs 1 year (ms)", search["ten"][key], None, search["one"][key],
                        "1 year", "<= 1.2x", 1.2, True))
    rows.append(Row("search, first keystroke after open (ms)", search["ten"]["first"], search["one"]["first"]))
    rows += [
        Row("month check 2026-10, warm (ms)", checks["ten"]["month_warm"], checks["one"]["month_warm"], None, "",
            "<= 100 ms", 100.0),
        Row("month check 2026-10, cold (ms)", checks["ten"]["month_cold"], checks["one"]["month_cold"], None, "",
            "<= 100 ms", 100.0),
        Row("year assessment 2025, warm (ms)", checks["ten"]["year_warm"], checks["one"]["year_warm"]),
        Row("year assessment 2025, cold (ms)", checks["ten"]["year_cold"], checks["one"]["year_cold"]),
        Row(f"review --text of {REVIEW_TEXT_VILLAGES} small villages (ms)", review_time, None),
        Row(f"review --sqlite of {len(review)} small villages (ms)", sqlite_time, None, None, "", "<= 2000 ms",
            2000.0),
        Row("verify of the data folder (ms)", verify["ten"], verify["one"], None, "", "<= 500 ms", 500.0),
        Row("export of one village, masked (ms)", export["ten"][0], export["one"][0], None, "", "<= 1500 ms",
            1500.0),
        Row("import of the 3,000-household workbook, dry run (ms)", import_dry, None),
        Row("import of the 3,000-household workbook (ms)", import_real, None),
    ]
    if cpu is not None:
        rows.append(Row(f"idle CPU over {idle:.0f} s (%)", cpu["ten"], cpu["one"], None, "", "<= 1 %", 1.0))
    notes = [f"Machine: {machine()}.",
             f"Start-up and memory: median of {repeats} child processes each, headless `run_test(size=(100, 30))`, "
             f"screens {', '.join(k.upper() for k in app['ten'].get('screens', []) or [])} visited by key.",
             "Review and verify: `village-tui review ... --month 2026-10 --text [--sqlite FILE]` and "
             "`village-tui verify DATA`, run in-process through the CLI's main. "
             f"Import: a workbook of the one-year large village's records ({workbook.stat().st_size // 1024} KB), "
             f"into an empty folder. Export: {export['ten'][1]}."]
    if cpu is None:
        notes.append("Idle CPU skipped (--quick).")
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    """Build the cached villages, measure, print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the 30 s idle CPU measure")
    parser.add_argument("--repeats", type=int, default=5, help="child runs per app for start-up and memory")
    args = parser.parse_args(argv)
    ten, one = village_cache.large_village(10), village_cache.large_village(1)
    review = village_cache.review_villages()
    work = Path(tempfile.mkdtemp(prefix="village-bench-"))
    try:
        rows, notes = collect(ten, one, review, work, args.repeats, 0.0 if args.quick else IDLE_SECONDS)
        rows += targets.collect(ten, work, args.repeats)  # issue 30: each beside its floor, side by side
        notes.append(targets.NOTE)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(render(rows, notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
