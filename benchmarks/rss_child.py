"""Run one ``village-tui`` command and note its peak resident memory: ``python -m benchmarks.rss_child ARGS``.

A child's ``ru_maxrss`` as its parent sees it on Linux starts from the parent's own size at the fork,
so the benchmark's children say theirs: ``VmHWM`` of ``/proc/self/status`` (this process since its
start), written in MB to the file named by ``VILLAGE_BENCH_RSS`` when the command ends.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident memory in MB (``VmHWM``), or 0 where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> int:
    """Run the command, then write the peak."""
    from village_tui.cli import main as village_main

    try:
        return village_main(sys.argv[1:])
    finally:
        target = os.environ.get("VILLAGE_BENCH_RSS")
        if target:
            Path(target).write_text(f"{peak_mb():.1f}\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
