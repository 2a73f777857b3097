"""Start-up time, peak memory after start and after every screen, and idle CPU, each in a child process."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_child(mode: str, folder: Path | None, idle: float = 0.0, timeout: float = 300) -> dict:
    """Run one app headless in a fresh interpreter and return what it measured.

    Args:
        mode: ``"bare"`` or ``"village"``.
        folder: The village data folder (ignored for ``bare``).
        idle: Seconds to idle after start, measuring CPU, instead of visiting the screens.

    Raises:
        RuntimeError: The child failed or printed no result.
    """
    # Any non-empty PYTHONDONTWRITEBYTECODE (even "0") stops .pyc files being written, and then every
    # child compiles every module from source (about 70 ms of ours): an installed program has its .pyc.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    args = [sys.executable, "-m", "benchmarks.app_child", repr(time.time()), mode, str(folder or "-")]
    if idle:
        args.append(str(idle))
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise RuntimeError(f"{mode} app child failed ({done.returncode}): {done.stderr[-2000:]}")


def median_runs(mode: str, folder: Path | None, repeats: int) -> dict:
    """The median of each measure over ``repeats`` child runs (start, complete, memory after start and screens)."""
    runs = [run_child(mode, folder) for _ in range(repeats)]
    keys = ("start_s", "complete_s", "hwm_first_mb", "hwm_start_mb", "hwm_screens_mb", "hwm_rounds_mb")
    return {key: statistics.median(run[key] for run in runs) for key in keys} | {
        "runs": len(runs), "screens": runs[0].get("screens", [])}


def idle_cpu(folders: dict[str, Path], seconds: float) -> dict[str, float]:
    """Idle CPU percent of the village app on each folder, the children idling side by side.

    The children run at the same time (the machine has two cores and an idle app
    barely uses one), so measuring two villages costs ``seconds`` once.
    """
    procs = {}
    for name, folder in folders.items():
        args = [sys.executable, "-m", "benchmarks.app_child", repr(time.time()), "village", str(folder), str(seconds)]
        procs[name] = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    result = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=seconds + 300)
        lines = [line for line in out.splitlines() if line.startswith("RESULT ")]
        if not lines:
            raise RuntimeError(f"idle child failed ({proc.returncode}): {err[-2000:]}")
        result[name] = json.loads(lines[-1][len("RESULT "):])["idle_cpu_pct"]
    return result
