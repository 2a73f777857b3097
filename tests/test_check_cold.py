"""A cold ``village-tui check --month``: a fresh process imports only what the check needs (issue 30)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from test_check_cli import write_village

ROOT = Path(__file__).resolve().parent.parent

# Libraries a month check has no use for: the screens (Textual, rich), the Excel writer, the
# signatures, the pinyin dictionary, and pendulum (only the Chinese date texts and adding years need it).
HEAVY = ("textual", "rich", "openpyxl", "cryptography", "pypinyin", "pendulum", "village_tui.domain.pinyin")

_CHILD = """
import json, sys
from village_tui.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print(json.dumps(sorted(m for m in sys.modules if m in {heavy} or m.split(".")[0] in {heavy})), file=sys.stderr)
raise SystemExit(code)
"""


@pytest.fixture(scope="module")
def village(tmp_path_factory) -> str:
    """A one-cadre village with October 2026's duty, visits and meeting on disk."""
    folder = tmp_path_factory.mktemp("cold") / "v"
    write_village(folder, keep_everything=False)
    return str(folder)


def cold_check(*args: str) -> tuple[int, str, list[str]]:
    """Run ``village-tui check ARGS`` in a fresh process: its exit code, its output, the heavy modules it imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VILLAGE_TUI_NOW": "2026-11-27T10:00:00+08:00"}
    done = subprocess.run([sys.executable, "-c", _CHILD.format(heavy=repr(set(HEAVY))), "check", *args],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env)
    return done.returncode, done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("output", [[], ["--json"]])
def test_a_cold_month_check_imports_no_screen_excel_signature_pinyin_or_pendulum(village, output) -> None:
    code, out, imported = cold_check("--month", "2026-10", "--data", village, *output)
    assert code == 1 and "R1" in out and "R6" in out  # 31 October without duty, three visits short
    assert imported == []


def test_a_month_check_of_a_fresh_folder_builds_the_month_not_the_year_nor_every_household(village) -> None:
    from datetime import date

    from village_tui.service import VillageService

    service = VillageService.open(village, readonly=True, today=date(2026, 11, 27))
    try:
        findings = service.month_findings(2026, 10)
        problems = service.office_problems(2026, 10)
        cached = service.records._year_cache
        assert [f.actual for f in findings if f.rule == "R6"] == [7] and problems == []
        assert ("visits", 2026) not in cached and "households" not in service.records._reference_cache
    finally:
        service.close()
