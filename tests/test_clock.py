"""The one clock: China's date whatever the machine's zone, fixed for tests and child processes."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from village_tui.domain import clock

ROOT = Path(__file__).resolve().parents[1]

#: Calls that read the machine's clock; only the clock module may make them.
_CLOCK_READS = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"),
                ("time", "time"), ("time", "localtime"), ("time", "gmtime"), ("pendulum", "now"),
                ("pendulum", "today")}


def test_new_years_eve_in_utc_is_already_new_year_in_china(clock) -> None:
    clock.set(datetime(2026, 12, 31, 20, 30, tzinfo=timezone.utc))
    from village_tui.domain import clock as program_clock

    assert program_clock.today() == date(2027, 1, 1)
    assert program_clock.now().strftime("%H:%M") == "04:30"


def test_a_child_process_runs_on_the_tests_day(clock) -> None:
    clock.set(date(2027, 3, 15))
    code = "from village_tui.domain import clock; print(clock.today().isoformat())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "2027-03-15"


def test_an_audit_entry_is_stamped_with_the_clocks_time(clock, tmp_path) -> None:
    from village_tui.service import VillageService
    from village_tui.domain.models import VillageSettings

    clock.set(datetime(2027, 2, 1, 8, 5, tzinfo=clock_china()))
    service = VillageService.open(tmp_path / "村")
    service.save_settings(VillageSettings(name="桃源村", township="均溪镇", county="大田县", groups=["1组"]))
    entries = service.records.audit.entries("2027-02")
    service.close()
    assert entries and entries[-1].time.startswith("2027-02-01 08:05")


def clock_china():
    return clock.CHINA


def test_a_bad_clock_setting_is_refused_in_chinese(monkeypatch) -> None:
    clock.fix(None)
    monkeypatch.setenv(clock.ENV_NOW, "明天")
    with pytest.raises(SystemExit, match="不是日期"):
        clock.today()


def test_nothing_but_the_clock_module_reads_the_date() -> None:
    offenders = []
    for path in sorted((ROOT / "village_tui").rglob("*.py")):
        if path.name == "clock.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and (node.func.value.id, node.func.attr) in _CLOCK_READS):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
