"""Smoke test of the benchmark harness (issue 12): it runs and its table renders; no timings are judged."""

from datetime import date

from benchmarks import measures, startup
from benchmarks.report import Row, render
from village_tui.demo import generate_demo


def test_harness_measures_a_small_village_and_renders_the_table(tmp_path):
    village = tmp_path / "village"
    generate_demo(village, scale="small", years=1, seed=3, until=date(2026, 11, 27))

    save = measures.save_ms(village, repeats=2)
    plain = measures.plain_tinydb_save_ms(village, tmp_path, repeats=2)
    search = measures.search_ms(village, repeats=2)
    checks = measures.checks_ms(village)
    review, what = measures.review_ms([village])
    bare = startup.run_child("bare", None)

    rows = [Row("start to first screen (s)", bare["start_s"], None, bare["start_s"], "bare app", "<= 1.5x bare",
                1.5, True),
            Row("save a visit, median (ms)", save, save, None, "", "<= 30 ms", 30.0),
            Row("save vs plain TinyDB insert (ms)", save, None, plain, "plain TinyDB", ">= 10x faster", 10.0,
                True, True),
            Row('search "zxm", median (ms)', search["initials"], search["digits"]),
            Row("month check 2026-10, cold (ms)", checks["month_cold"], checks["month_warm"]),
            Row("review (ms)", review, None)]
    table = render(rows, [f"Review measure: {what}."])

    lines = table.splitlines()
    assert lines[0].startswith("| measure") and "met" in lines[0]
    assert len([line for line in lines if line.startswith("| ")]) == len(rows) + 1
    assert "plain TinyDB" in table and "Review measure:" in table
    assert bare["hwm_screens_mb"] > 0
