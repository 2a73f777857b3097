"""A command whose reader stops early (``| head``) ends quietly instead of printing a traceback."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from village_tui.demo import generate_demo


def test_check_piped_into_a_reader_that_stops_early_prints_no_traceback(tmp_path):
    generate_demo(tmp_path / "村", scale="small", seed=2, until=date(2026, 11, 27))
    child = subprocess.Popen(
        [sys.executable, "-m", "village_tui", "check", "--data", str(tmp_path / "村"), "--year", "2026"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout.readline().decode("utf-8").startswith("检查期间：2026")
    child.stdout.close()  # like `head -1`
    stderr = child.stderr.read().decode("utf-8")
    child.wait(timeout=60)
    assert "Traceback" not in stderr
