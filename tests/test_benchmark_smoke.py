"""Smoke test of the benchmark harness (issues 12 and 18): it runs and its table renders; no timings are judged."""

import shutil
from datetime import date

import pytest

from benchmarks import command_measures, measures, startup
from benchmarks.report import Row, render
from village_tui.demo import generate_demo


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    """One small village for both tests (measures that save work on copies)."""
    folder = tmp_path_factory.mktemp("bench") / "village"
    generate_demo(folder, scale="small", years=1, seed=3, until=date(2026, 11, 27))
    return folder


def test_harness_measures_a_small_village_and_renders_the_table(village, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(village, copy)  # the save measure changes its village

    save = measures.save_ms(copy, repeats=2)
    plain = measures.plain_tinydb_save_ms(village, tmp_path, repeats=2)
    search = measures.search_ms(village, repeats=2)
    checks = measures.checks_ms(village)
    review = command_measures.review_ms([village])
    rollup = command_measures.review_sqlite_ms([village], tmp_path)
    verify = command_measures.verify_ms(village, repeats=1)
    dry, real = command_measures.import_ms(command_measures.import_workbook(village, tmp_path), tmp_path)
    bare = startup.run_child("bare", None)

    rows = [Row("start to first screen (s)", bare["start_s"], None, bare["start_s"], "bare app", "<= 1.5x bare",
                1.5, True),
            Row("save a visit, median (ms)", save["median"], save["median"], None, "", "<= 10 ms", 10.0),
            Row("bytes written per visit save (KB)", save["bytes"] / 1024, None, None, "", "<= 16 KB", 16.0),
            Row("save vs plain TinyDB insert (ms)", save["median"], None, plain, "plain TinyDB", ">= 10x faster",
                10.0, True, True),
            Row('search "zxm", median (ms)', search["initials"], search["digits"]),
            Row("month check 2026-10, cold (ms)", checks["month_cold"], checks["month_warm"]),
            Row("review (ms)", review, None), Row("review --sqlite (ms)", rollup, None),
            Row("verify (ms)", verify, None), Row("import (ms)", real, dry)]
    table = render(rows, ["Review: the command itself."])

    lines = table.splitlines()
    assert lines[0].startswith("| measure") and "met" in lines[0]
    assert len([line for line in lines if line.startswith("| ")]) == len(rows) + 1
    assert "plain TinyDB" in table and "Review: the command itself." in table
    assert bare["hwm_screens_mb"] > 0 and bare["hwm_rounds_mb"] >= bare["hwm_screens_mb"]
    # A save writes something, and the imported workbook landed in a new village.
    assert save["bytes"] > 0
    assert (tmp_path / "imported").is_dir()


def test_issue_30_rows_measure_each_target_beside_its_floor(village, tmp_path):
    from benchmarks import targets

    rows = [targets.cold_check(village, 1), *targets.export_and_close(village, tmp_path / "work", 1),
            *targets.review(2, tmp_path, 1, cache=tmp_path / "cache")]
    by_name = {row.measure.split(" (")[0]: row for row in rows}
    assert set(by_name) == {"check --month 2026-10, cold process", "export, masked, in-process", "close after 5 saves",
                            "review --text, 2 exports", "review --sqlite, 2 exports",
                            "review --text, 2 exports, peak memory"}
    for name in ("check --month 2026-10, cold process", "export, masked, in-process", "review --sqlite, 2 exports"):
        row = by_name[name]
        assert row.ten > 0 and row.base and row.base > 0 and row.ratio == row.ratio_median and row.met in ("yes", "no")
    assert by_name["review --text, 2 exports, peak memory"].ten > 10  # MB of the review process
    assert len(list((tmp_path / "cache" / "exports").glob("v*/*/manifest.json"))) == 2  # two villages exported
    assert "median of the per-pair ratios" in render(rows, [targets.NOTE])


def test_the_start_rows_pair_the_bare_app_with_the_village_as_a_day_of_use_leaves_it(village, tmp_path):
    import json

    from benchmarks import start

    copy = tmp_path / "used"
    shutil.copytree(village, copy, ignore=shutil.ignore_patterns(".lock", ".lock-info"))
    start.as_used(copy)
    assert list(json.loads((copy / "reference.json").read_text(encoding="utf-8")))[:2] == ["settings", "cadres"]
    rows, ratios = start.collect(copy, 1)
    assert [row.measure for row in rows] == ["start to the sign-in frame, wall (s)", "start to the sign-in frame, CPU (s)"]
    assert all(row.ten > 0 and row.base and row.ratio for row in rows) and len(ratios["start_s"]) == 1
    assert "bare app" in render(rows)
