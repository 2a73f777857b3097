"""Measures of whole commands, run in-process through ``village_tui.cli.main``.

Each runs the command exactly as a township clerk or a cadre would type it, with
its output captured, so the benchmark times what the program does and not a
function beside it: ``review``, ``review --sqlite``, ``verify`` and ``import``.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import statistics
import time
from pathlib import Path


def run_command(argv: list[str]) -> tuple[float, int, str]:
    """Milliseconds, exit code and printed text of one ``village-tui`` command run in-process."""
    from village_tui.cli import main

    out = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(argv)
    return (time.perf_counter() - started) * 1000, code, out.getvalue()


def _checked(argv: list[str], ok_codes: tuple[int, ...] = (0, 1)) -> float:
    """Milliseconds of a command that must not fail with an error (exit 2)."""
    elapsed, code, text = run_command(argv)
    if code not in ok_codes:
        raise RuntimeError(f"village-tui {' '.join(argv[:2])} ... exited {code}: {text[-1500:]}")
    return elapsed


def review_ms(folders: list[Path], month: str = "2026-10") -> float:
    """``village-tui review DIR... --month M --text``: the township's scorecard of the villages."""
    return _checked(["review", *map(str, folders), "--month", month, "--text"])


def review_sqlite_ms(folders: list[Path], work: Path, month: str = "2026-10") -> float:
    """``review --sqlite FILE`` over the villages: the scorecard plus the county roll-up database."""
    database = work / "county.sqlite"
    database.unlink(missing_ok=True)
    return _checked(["review", *map(str, folders), "--month", month, "--text", "--sqlite", str(database)])


def verify_ms(folder: Path, repeats: int = 3) -> float:
    """Median milliseconds of ``village-tui verify DATA`` on a data folder (manifest-less: the record check)."""
    return statistics.median(_checked(["verify", str(folder)]) for _ in range(repeats))


def import_workbook(source: Path, work: Path) -> Path:
    """An .xlsx of every sheet the import reads, written from a village's own records.

    The rows come from :func:`village_tui.imports.csv_export.export_csvs` of ``source``
    (3,000 households for the large village), one sheet per kind.
    """
    import csv

    from openpyxl import Workbook

    from village_tui.imports.csv_export import export_csvs
    from village_tui.service import VillageService

    service = VillageService.open(source, readonly=True)
    try:
        files = export_csvs(service, work / "csv")
    finally:
        service.close()
    book = Workbook(write_only=True)
    for path in files:
        sheet = book.create_sheet(path.stem)
        with path.open(encoding="utf-8-sig", newline="") as rows:
            for row in csv.reader(rows):
                sheet.append(row)
    target = work / "全村导入.xlsx"
    book.save(target)
    return target


def import_ms(workbook: Path, work: Path) -> tuple[float, float]:
    """Milliseconds of ``import --dry-run`` and of the real ``import`` of ``workbook`` into an empty folder."""
    folder = work / "imported"
    shutil.rmtree(folder, ignore_errors=True)
    args = ["import", str(workbook), "--data", str(folder), "--village", "基准村", "--township", "基准镇",
            "--county", "基准县"]
    dry = _checked([*args, "--dry-run"])
    real = _checked(args)
    return dry, real
