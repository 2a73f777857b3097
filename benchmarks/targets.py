"""Issue 30's targets, each measured beside its floor in the same run: ``python -m benchmarks.targets``.

The machine is shared, so every figure is a median and every ratio is the median of
ratios taken pair by pair (command, floor, command, floor ...), never two medians from
different moments. Commands run as whole processes (``python -m benchmarks.rss_child ...``, the CLI's main
with its peak memory noted) from outside, timed by the wall clock;
the floors run the same way through :mod:`benchmarks.floor_child`. The export and the
close run in-process, beside an in-process floor.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import village_cache
from benchmarks.report import Row

NOTE = ("Issue 30 rows: medians of pairs run in turn (command, floor, command, floor ...); the ratio is the "
        "median of the per-pair ratios. check and review run as whole processes (the CLI's main through `benchmarks/rss_child.py`, "
        "interpreter start included on both sides); the floors parse the same JSON files with nothing of the "
        "program imported (`benchmarks/floor_child.py`; for --sqlite also an executemany of every record). "
        "Export and close run in-process; the export's floor reads, parses, re-encodes and fsyncs every data file. "
        "Past 60 villages the exports are the 60 repeated through links.")
PYTHON = sys.executable
NOW = "2026-11-27T10:00:00+08:00"
MONTH = "2026-10"


def run_process(argv: list[str], stdin: str | None = None, ok: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """Wall milliseconds of one process (its output thrown away) and its peak memory in MB (0 if not told).

    A command run through :mod:`benchmarks.rss_child` writes its own peak (``VmHWM``) to a file.
    """
    rss_file = Path(tempfile.gettempdir()) / f"village-bench-rss-{os.getpid()}"
    rss_file.unlink(missing_ok=True)
    env = dict(os.environ, VILLAGE_TUI_NOW=NOW, VILLAGE_BENCH_RSS=str(rss_file))
    started = time.perf_counter()
    done = subprocess.run(argv, input=stdin.encode("utf-8") if stdin is not None else None,
                          stdin=None if stdin is not None else subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode not in ok:
        raise RuntimeError(f"{' '.join(argv[:6])} ... exited {done.returncode}: {done.stderr[-1500:]!r}")
    peak = float(rss_file.read_text()) if rss_file.exists() else 0.0
    rss_file.unlink(missing_ok=True)
    return elapsed, peak


def paired(a: Callable[[], float], b: Callable[[], float], repeats: int) -> tuple[float, float, float]:
    """Median of ``a``, median of ``b`` and the median of ``a / b`` taken pair by pair (A B A B ...)."""
    a_times, b_times = [], []
    for _ in range(repeats):
        a_times.append(a())
        b_times.append(b())
    ratios = [x / y for x, y in zip(a_times, b_times)]
    return statistics.median(a_times), statistics.median(b_times), statistics.median(ratios)


def json_files(root: Path) -> list[str]:
    """Every JSON file under ``root`` (not backups, not hidden), sorted."""
    return sorted(str(p) for p in root.rglob("*.json") if "backups" not in p.parts and not p.name.startswith("."))


def cold_check(folder: Path, repeats: int) -> Row:
    """``village-tui check --month`` as a fresh process beside parsing the reference and the year's files."""
    year = MONTH[:4]
    needed = [str(folder / "reference.json"), *sorted(str(p) for p in (folder / year).glob("*.json"))]
    check = [PYTHON, "-m", "benchmarks.rss_child", "check", "--month", MONTH, "--data", str(folder)]
    floor = [PYTHON, "-m", "benchmarks.floor_child", "parse", *needed]
    mine, base, ratio = paired(lambda: run_process(check)[0], lambda: run_process(floor, ok=(0,))[0], repeats)
    return Row(f"check --month {MONTH}, cold process (ms)", mine, None, base, "parse ref.+year",
               "<= 2x floor", 2.0, True, ratio_median=ratio)


def rewrite_floor(files: list[Path], dest: Path) -> float:
    """Milliseconds to read, parse, encode and durably write every file once (the export's floor)."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    started = time.perf_counter()
    for n, path in enumerate(files):
        text = json.dumps(json.loads(path.read_bytes()), ensure_ascii=False, indent=0).encode("utf-8")
        target = dest / f"{n}.json"
        with open(target, "wb") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
    return (time.perf_counter() - started) * 1000


def export_and_close(source: Path, work: Path, repeats: int) -> list[Row]:
    """The masked export of a working copy beside the rewrite floor; closing after five saves."""
    from benchmarks.measures import _open, _visits
    from village_tui.exchange.export import export_village

    files = [Path(p) for p in json_files(source)]

    def export() -> float:
        copy = village_cache.working_copy(source, work / "export-copy")
        usb = work / "export-usb"
        shutil.rmtree(usb, ignore_errors=True)
        usb.mkdir()
        service = _open(copy)
        try:
            started = time.perf_counter()
            export_village(service, usb, masked=True, now=None)
            return (time.perf_counter() - started) * 1000
        finally:
            service.close()

    mine, base, ratio = paired(export, lambda: rewrite_floor(files, work / "rewrite"), repeats)
    rows = [Row("export, masked, in-process (ms)", mine, None, base, "rewrite files", "<= 2x floor", 2.0, True,
                ratio_median=ratio)]
    closes = []
    for _ in range(repeats):
        service = _open(village_cache.working_copy(source, work / "close-copy"))
        for visit in _visits(service, 5):
            service.save_visit(visit)
        started = time.perf_counter()
        service.close()
        closes.append((time.perf_counter() - started) * 1000)
    rows.append(Row("close after 5 saves (ms)", statistics.median(closes), None, None, "", "<= 50 ms", 50.0))
    return rows


def review_exports(count: int, cache: Path = village_cache.CACHE) -> list[Path]:
    """``count`` export folders: the exports of up to 60 small villages, repeated by links past 60."""
    distinct = min(count, 60)
    root = cache / "exports"
    folders = []
    for index, village in enumerate(village_cache.review_villages(distinct, cache), start=1):
        target = root / f"v{index:03d}"
        if not (target / ".complete").exists():
            folders.append(_export_once(village, target))
        else:
            folders.append(next(p for p in target.iterdir() if p.is_dir()))
    if count <= distinct:
        return folders
    linked = cache / f"exports-{count}"
    linked.mkdir(exist_ok=True)
    result = []
    for n in range(count):
        link = linked / f"v{n:03d}"
        if not link.exists():
            link.symlink_to(folders[n % distinct], target_is_directory=True)
        result.append(link)
    return result


def _export_once(village: Path, target: Path) -> Path:
    from benchmarks.measures import _open
    from village_tui.exchange.export import export_village

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="village-bench-") as scratch:
        service = _open(village_cache.working_copy(village, Path(scratch) / "v"))
        try:
            folder = export_village(service, target, masked=True).folder
        finally:
            service.close()
    (target / ".complete").write_text("done\n", encoding="utf-8")
    return folder


def review(count: int, work: Path, repeats: int, cache: Path = village_cache.CACHE) -> list[Row]:
    """``review --text`` and ``review --sqlite`` of ``count`` exports beside parsing (and inserting) every file."""
    folders = review_exports(count, cache)
    files = "\n".join(f for folder in folders for f in json_files(folder))
    text = [PYTHON, "-m", "benchmarks.rss_child", "review", *map(str, folders), "--month", MONTH, "--text"]
    database = work / "county.sqlite"
    floor_db = work / "floor.sqlite"

    def with_sqlite() -> tuple[float, float]:
        database.unlink(missing_ok=True)
        return run_process([*text, "--sqlite", str(database)])

    def floor_insert() -> float:
        floor_db.unlink(missing_ok=True)
        return run_process([PYTHON, "-m", "benchmarks.floor_child", "insert", str(floor_db), "-"], files, (0,))[0]

    memory: list[float] = []

    def text_run() -> float:
        elapsed, rss = run_process(text)
        memory.append(rss)
        return elapsed

    parse = [PYTHON, "-m", "benchmarks.floor_child", "parse", "-"]
    mine, base, ratio = paired(text_run, lambda: run_process(parse, files, (0,))[0], repeats)
    rows = [Row(f"review --text, {count} exports (ms)", mine, None, base, "parse files", "<= 2x floor", 2.0, True,
                ratio_median=ratio)]
    mine, base, ratio = paired(lambda: with_sqlite()[0], floor_insert, repeats)
    rows.append(Row(f"review --sqlite, {count} exports (ms)", mine, None, base, "parse+insert", "<= 2x floor", 2.0,
                    True, ratio_median=ratio))
    rows.append(Row(f"review --text, {count} exports, peak memory (MB)", statistics.median(memory)))
    return rows


def collect(ten: Path, work: Path, repeats: int, counts: tuple[int, ...] = (60, 300)) -> list[Row]:
    """Every row of issue 30's targets that this module measures."""
    rows = [cold_check(ten, repeats), *export_and_close(ten, work, repeats)]
    memory = {}
    for count in counts:
        found = review(count, work, repeats)
        memory[count] = found[-1].ten
        rows += found
    if len(counts) == 2:
        low, high = counts
        rows.append(Row(f"review peak memory, {high} vs {low} exports (MB)", memory[high], None, memory[low],
                        f"{low} exports", "<= 1.2x (flat)", 1.2, True))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Measure issue 30's targets alone (the full benchmark also includes them)."""
    import argparse

    from benchmarks.report import render

    parser = argparse.ArgumentParser(prog="python -m benchmarks.targets", description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--counts", default="60,300", help="numbers of exports reviewed")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="village-bench-"))
    try:
        rows = collect(village_cache.large_village(10), work, args.repeats,
                       tuple(int(c) for c in args.counts.split(",")))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(render(rows, [NOTE]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
