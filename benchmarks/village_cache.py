"""The generated villages the benchmark measures, built once into ``benchmarks/.cache/``.

Generating the large ten-year village takes a while, so each village is written
into the cache on first use and copied from there for every measure that
changes data (a save must not grow the cached village run after run).
"""

from __future__ import annotations

import shutil
import sys
import time
from datetime import date
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
UNTIL = date(2026, 11, 27)
REVIEW_VILLAGES = 50


def _build(path: Path, scale: str, years: int, seed: int) -> Path:
    """Generate one demo village at ``path`` unless it is already there."""
    from village_tui.demo import generate_demo

    done = path / ".complete"
    if done.exists():
        return path
    if path.exists():
        shutil.rmtree(path)  # a half-built village from an interrupted run
    started = time.perf_counter()
    print(f"generating {path.name} ({scale}, {years} years, seed {seed}) ...", file=sys.stderr, flush=True)
    generate_demo(path, scale=scale, years=years, seed=seed, until=UNTIL)
    done.write_text(f"{time.perf_counter() - started:.1f} s\n", encoding="utf-8")
    return path


def large_village(years: int, cache: Path = CACHE) -> Path:
    """The large demo village with ``years`` of history (10 or 1), seed 1."""
    return _build(cache / f"large-{years}y", "large", years, 1)


def review_villages(count: int = REVIEW_VILLAGES, cache: Path = CACHE) -> list[Path]:
    """``count`` small one-year villages with different seeds, for ``review``."""
    return [_build(cache / "review" / f"small-{seed:02d}", "small", 1, seed) for seed in range(1, count + 1)]


def working_copy(source: Path, dest: Path) -> Path:
    """A fresh copy of a cached village that a measure may change."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".complete", "*.lock", "lock"))
    return dest


def main() -> None:
    """Build every cached village (``python -m benchmarks.village_cache``)."""
    large_village(10)
    large_village(1)
    review_villages()


if __name__ == "__main__":
    main()
