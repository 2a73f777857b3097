"""One truth on every surface (issue 24): each count a cadre or the township sees is the engine's.

The demo village is generated once, on 2026-12-06 (a Sunday early in December), and exported that
day (which freezes November). For the running month, a past month (the reported November) and the
running year, every surface is held against ``check --json``: ``review`` as text, with ``--sqlite``,
as a workbook and on screen; the ``report`` workbooks (汇总, 干部×规则, 年度考核); the assessment; and
首页. The expected cells are computed here from the JSON's ``status`` fields: met over judged (met
plus missed), open apart, a rule with nothing judged 进行中 or 不适用.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from datetime import datetime

import openpyxl
import pytest
from textual.widgets import DataTable

from village_tui.cli import main
from village_tui.demo import generate_demo
from village_tui.domain import clock as program_clock

DEMO_NOW = datetime(2026, 12, 6, 10, 0, tzinfo=program_clock.CHINA)
RUNNING_MONTH, PAST_MONTH, RUNNING_YEAR = ("--month", "2026-12"), ("--month", "2026-11"), ("--year", "2026")
PERIODS = [RUNNING_MONTH, PAST_MONTH, RUNNING_YEAR]
YEAR_RULES = {"R5", "R7", "R11"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo village on 2026-12-06 and its export of that day (November frozen)."""
    root = tmp_path_factory.mktemp("一个真相")
    folder, usb = root / "桃源村 数据", root / "U盘"
    usb.mkdir()
    saved = os.environ.get(program_clock.ENV_NOW)
    program_clock.fix(DEMO_NOW)
    os.environ[program_clock.ENV_NOW] = DEMO_NOW.isoformat()
    try:
        generate_demo(folder, scale="small", seed=1, until=DEMO_NOW.date())
        assert main(["export", str(usb), "--data", str(folder)]) == 0
    finally:
        program_clock.fix(None)
        os.environ[program_clock.ENV_NOW] = saved or ""
    [export] = list(usb.iterdir())
    return root, folder, export


@pytest.fixture(autouse=True)
def on_demo_day(clock):
    clock.set(DEMO_NOW)


def check_json(capsys, folder, *period: str) -> dict:
    main(["check", "--data", str(folder), *period, "--json"])
    out, _ = capsys.readouterr()
    return json.loads(out)


def engine_findings(capsys, folder, flag: str, value: str) -> list[dict]:
    """``check --json`` of a month, or of a year with every month of it begun (what a year's review shows)."""
    findings = check_json(capsys, folder, flag, value)["findings"]
    if flag == "--year":
        for month in range(1, DEMO_NOW.month + 1):
            findings += check_json(capsys, folder, "--month", f"{value}-{month:02d}")["findings"]
    return findings


def counts(findings: list[dict]) -> Counter:
    """met / missed / open / noted (an R12 period with fewer than 15 days: required 0, met)."""
    found = Counter()
    for f in findings:
        noted = f["rule"] == "R12" and f["required"] == 0 and f["status"] == "met"
        found["noted" if noted else f["status"]] += 1
    return found


def expected_cell(c: Counter, empty: str = "-") -> str:
    judged = c["met"] + c["missed"]
    if not judged:
        return f"进行中{c['open']}" if c["open"] else "不适用" if c["noted"] else empty
    return f"{c['met']}/{judged}" + (f"，进行中{c['open']}" if c["open"] else "")


def by_rule(findings: list[dict]) -> dict[str, Counter]:
    groups = defaultdict(list)
    for f in findings:
        groups[f["rule"]].append(f)
    return {rule: counts(mine) for rule, mine in groups.items()}


def review_text(capsys, folder, flag, value, *extra) -> dict[str, str]:
    main(["review", str(folder), flag, value, "--text", *extra])
    lines = capsys.readouterr().out.splitlines()
    header, row = lines[1].split("\t"), lines[2].split("\t")
    return dict(zip(header, row))


@pytest.mark.parametrize("period", PERIODS, ids=["running month", "past month", "running year"])
def test_review_text_and_sqlite_show_the_engines_counts(demo, capsys, tmp_path, period):
    _, folder, _ = demo
    expected = by_rule(engine_findings(capsys, folder, *period))
    for extra in ((), ("--sqlite", str(tmp_path / "汇总.sqlite"))):
        row = review_text(capsys, folder, *period, *extra)
        for rule, c in expected.items():
            assert row[rule] == expected_cell(c), (rule, period, extra)
        assert row["不符合"] == str(sum(c["missed"] for c in expected.values()))


def test_review_of_the_year_does_not_count_open_visits_as_met(demo, capsys):
    """Measured on main: R5 200/200 and R7 200/200 while check --year had 58 and 59 open."""
    _, folder, _ = demo
    row = review_text(capsys, folder, *RUNNING_YEAR)
    assert "进行中" in row["R5"] and "进行中" in row["R7"]
    assert row["R5"] != "200/200" and row["R7"] != "200/200"


def test_review_of_the_running_month_counts_no_future_day(demo, capsys):
    """Measured on main: R1 31/31 with 25 days to come, R2 40/40 with nothing met."""
    _, folder, _ = demo
    row = review_text(capsys, folder, *RUNNING_MONTH)
    assert row["R1"] == "6/6，进行中25"
    assert row["R2"] == "进行中40"


def test_reported_month_cells_are_the_frozen_findings_counted_the_same_way(demo, capsys):
    _, _, export = demo
    frozen = json.loads((export / "data" / "findings-2026-11.json").read_text(encoding="utf-8"))
    expected = by_rule(list(frozen["findings"].values()))  # stored as a TinyDB-shaped table
    row = review_text(capsys, export, *PAST_MONTH)
    assert row["上报结果"] == "一致"
    for rule, c in expected.items():
        assert row[rule] == expected_cell(c), rule


@pytest.mark.parametrize("period", PERIODS, ids=["running month", "past month", "running year"])
def test_review_workbook_shows_the_engines_counts(demo, capsys, tmp_path, period):
    _, folder, _ = demo
    expected = by_rule(engine_findings(capsys, folder, *period))
    path = tmp_path / "审阅.xlsx"
    main(["review", str(folder), *period, "--text", "--xlsx", str(path)])
    book = openpyxl.load_workbook(path)
    overview = book["各村×规则"]
    header = [c.value for c in overview[1]]
    row = dict(zip(header, [c.value for c in overview[2]]))
    for rule, c in expected.items():
        [column] = [h for h in header if h and h.startswith(f"{rule} ")]
        assert re.sub(r"^(符合|不符合|进行中) ", "", row[column]) == expected_cell(c), (rule, period)
        word = "不符合" if c["missed"] else "进行中" if c["open"] else "符合"
        assert row[column].startswith(word) or row[column] == "不适用"
    rates = {r[0]: r for r in book["规则符合率"].iter_rows(min_row=2, values_only=True)}
    for rule, c in expected.items():
        judged = c["met"] + c["missed"]
        assert rates[rule][2:6] == (c["met"], c["missed"], c["open"], round(100 * c["met"] / judged) if judged else None)


async def test_review_screen_shows_the_engines_counts(demo, capsys):
    from village_tui.exchange.review import score_village
    from village_tui.review_app import ReviewApp

    _, folder, _ = demo
    expected = by_rule(engine_findings(capsys, folder, *RUNNING_YEAR))
    app = ReviewApp([score_village(folder, 2026, None)], "2026年")
    async with app.run_test(size=(400, 30)) as pilot:  # wide enough that no rule column is dropped
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        header = [str(column.label) for column in table.columns.values()]
        shown = dict(zip(header, (str(cell) for cell in table.get_row_at(0))))
    for rule, c in expected.items():
        assert shown[rule] == expected_cell(c), rule


def _sheet_rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row)) for row in ws.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("period", PERIODS, ids=["running month", "past month", "running year"])
def test_report_summary_and_cadre_sheets_show_the_engines_counts(demo, capsys, tmp_path, period):
    _, folder, _ = demo
    every = engine_findings(capsys, folder, *period)
    path = tmp_path / "报表.xlsx"
    assert main(["report", "--data", str(folder), *period, "--xlsx", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    # 汇总: a month's rules; the yearly report's summary is the year's own rules (R5, R7, R11)
    summary = by_rule([f for f in every if period[0] == "--month" or f["rule"] in YEAR_RULES])
    rows = {r["规则"]: r for r in _sheet_rows(book["汇总"]) if r["规则"]}
    assert set(rows) == set(summary)
    for rule, c in summary.items():
        assert (rows[rule]["符合"], rows[rule]["不符合"], rows[rule]["进行中"]) == (c["met"], c["missed"], c["open"])
    # 干部×规则: per cadre (by name; the demo's names are unique) and rule
    sheet = _sheet_rows(book["干部×规则"])
    for row in sheet:
        name = None if row["干部"] == "全村（不分干部）" else row["干部"]
        mine = by_rule([f for f in every if (f["cadre"] or None) == name])
        for column, value in row.items():
            if column == "干部":
                continue
            rule = column.split(" ")[0]
            want = expected_cell(mine[rule], "不涉及") if rule in mine else "不涉及"
            assert re.sub(r"^(符合|不符合|进行中) ", "", value) == want, (row["干部"], rule)


def test_yearly_report_summary_does_not_call_open_visits_met(demo, tmp_path):
    """Measured on main: the yearly report's 汇总 said R7: 200 checked, 200 符合, 0 不符合."""
    _, folder, _ = demo
    path = tmp_path / "年报.xlsx"
    assert main(["report", "--data", str(folder), *RUNNING_YEAR, "--xlsx", str(path)]) == 0
    rows = {r["规则"]: r for r in _sheet_rows(openpyxl.load_workbook(path)["汇总"]) if r["规则"]}
    assert rows["R7"]["进行中"] > 0 and rows["R7"]["符合"] + rows["R7"]["进行中"] == rows["R7"]["检查项"]


def assessment_expected(capsys, folder) -> dict[int, dict[str, Counter]]:
    """Per cadre id and measure: the findings of the year check and of every ended month (November's end)."""
    findings = check_json(capsys, folder, *RUNNING_YEAR)["findings"]
    for month in range(1, DEMO_NOW.month):
        findings += check_json(capsys, folder, "--month", f"2026-{month:02d}")["findings"]
    per = defaultdict(lambda: defaultdict(list))
    for f in findings:
        if f["rule"] in {"R2", "R3", "R5", "R6", "R7", "R11", "R12"} and f["cadre_id"] is not None:
            per[f["cadre_id"]]["R12走访" if f["rule"] == "R12" and f["household"] else f["rule"]].append(f)
    return {cadre: {m: counts(fs) for m, fs in measures.items()} for cadre, measures in per.items()}


def test_assessment_counts_are_the_engines_and_open_measures_are_not_scored(demo, capsys):
    """Measured on main: 刘雪 R7 51/51 and score 100 while half her households were still owed a visit."""
    _, folder, _ = demo
    expected = assessment_expected(capsys, folder)
    body = check_json(capsys, folder, *RUNNING_YEAR, "--assess")
    assert body["coverage"] == "统计至2026年11月；12月尚未结束，不计入"
    for row in body["assessment"]:
        mine = expected.get(row["cadre_id"], {})
        for rule, got in row["rules"].items():
            c = mine.get(rule, Counter())
            assert (got["ok"], got["total"], got["open"]) == (c["met"], c["met"] + c["missed"], c["open"]), \
                (row["cadre"], rule)
        rates = {m: round(100 * c["met"] / (c["met"] + c["missed"]))
                 for m, c in mine.items() if c["met"] + c["missed"] and not c["open"]}
        assert row["rates"] == rates, row["cadre"]
    [liu] = [row for row in body["assessment"] if row["cadre"] == "刘雪"]
    assert liu["rules"]["R7"]["open"] > 0 and "R7" not in liu["rates"]


def test_assessment_sheet_and_text_state_the_months_covered_and_show_open_apart(demo, capsys, tmp_path):
    _, folder, _ = demo
    path = tmp_path / "年度考核.xlsx"
    assert main(["report", "--data", str(folder), *RUNNING_YEAR, "--xlsx", str(path)]) == 0
    ws = openpyxl.load_workbook(path)["年度考核"]
    assert "统计至2026年11月；12月尚未结束，不计入" in (ws.oddHeader.center.text or "")
    rows = {r["干部"]: r for r in _sheet_rows(ws)}
    assert "进行中" in rows["刘雪"]["R7 责任组走访"]
    assert any(name and name.startswith("统计至2026年11月；12月尚未结束，不计入") for name in rows)
    main(["check", "--data", str(folder), *RUNNING_YEAR, "--assess"])
    out = capsys.readouterr().out
    assert "统计至2026年11月；12月尚未结束，不计入" in out
    assert re.search(r"刘雪.*R7 \d+/\d+，进行中\d+", out)


async def test_home_scorecard_is_the_engines_count_of_the_running_month(demo, capsys):
    """Measured on main: 首页 showed R9 全村 1 1次 100% ########## while the meeting was still to come."""
    from village_tui.app import VillageApp
    from village_tui.screens.home.home import HomeScreen
    from village_tui.service import VillageService

    _, folder, _ = demo
    expected = by_rule(engine_findings(capsys, folder, *RUNNING_MONTH))
    service = VillageService.open(folder, readonly=True)
    try:
        app = VillageApp(service, operator_id=service.cadres()[0].id)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            home = app.screen
            assert isinstance(home, HomeScreen)
            table = home.query_one("#scorecard", DataTable)
            cells = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
    finally:
        service.close()
    met, judged, running = Counter(), Counter(), Counter()
    for row, data in zip(cells, home.data.rows):
        if data.counted:
            continue
        met[row[0]] += int(row[2]) if row[2] != "-" else 0
        judged[row[0]] += int(re.match(r"\d+", row[3])[0]) if row[3] != "本月无" else 0
        running[row[0]] += int(m[1]) if (m := re.search(r"进行中(\d+)", row[3]) or re.search(r"进行中(\d+)", row[4])) else 0
    for rule, c in expected.items():
        if rule in {"R3", "R6"}:
            continue  # days and households against a goal, one finding per cadre
        assert (met[rule], judged[rule], running[rule]) == (c["met"], c["met"] + c["missed"], c["open"]), rule
    [r9] = [row for row in cells if row[0] == "R9"]
    assert r9[4] == "进行中1" and "#" not in r9[5], "the month's meeting is still to come: not 100 %"


async def test_a_new_village_cadre_without_a_pairing_is_not_shown_as_all_met(clock):
    """Measured on main: a cadre with no pairing at all showed R12 … 100% and 全部符合 in a new village."""
    from datetime import date

    from village_tui.app import VillageApp
    from village_tui.domain.models import Cadre, VillageSettings
    from village_tui.service import VillageService

    clock.set(DEMO_NOW)
    service = VillageService.in_memory(today=DEMO_NOW.date())
    service.save_settings(VillageSettings(name="新村", township="武陵乡", county="大田县", groups=["1组"]))
    cadre = service.save_cadre(Cadre("陈新", "委员", date(2026, 12, 6), groups=["1组"]))
    app = VillageApp(service, operator_id=cadre.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        table = home.query_one("#scorecard", DataTable)
        [index] = [n for n, row in enumerate(home.data.rows) if row.rule == "R12"]
        cells = [str(cell) for cell in table.get_row_at(index)]
        table.move_cursor(row=index)
        await pilot.pause()
        explain = str(home.query_one("#score-explain").render())
    assert cells[1] == "陈新" and "100%" not in cells and cells[4] == "进行中1", "December runs: still open"
    assert "#" not in cells[5] and "全部符合" not in explain and "1 项进行中" in explain


async def test_assessment_screen_states_the_months_covered_and_shows_open_apart(demo):
    from village_tui.app import VillageApp
    from village_tui.screens.home.assessment import AssessmentScreen
    from village_tui.service import VillageService

    _, folder, _ = demo
    service = VillageService.open(folder, readonly=True)
    try:
        app = VillageApp(service, operator_id=service.cadres()[0].id)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await app.push_screen(AssessmentScreen(2026))
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            # The text holds the line breaks chosen for its width (Chinese line breaking): read without them.
            head = str(screen.query_one("#assess-head").render()).replace("\n", "")
            liu = next(n for n, row in enumerate(screen.rows) if row.cadre == "刘雪")
            screen.query_one("#assess-table").move_cursor(row=liu)
            await pilot.pause()
            detail = str(screen.query_one("#assess-detail").render()).replace("\n", "")
    finally:
        service.close()
    assert "统计至2026年11月；12月尚未结束，不计入" in head
    assert re.search(r"R7 \d+/\d+，进行中\d+", detail) and "统计至2026年11月" in detail


async def test_findings_screen_says_a_coming_day_is_not_yet_due(demo):
    from datetime import date

    from village_tui.app import VillageApp
    from village_tui.screens.home.findings import FindingsScreen
    from village_tui.service import VillageService

    _, folder, _ = demo
    service = VillageService.open(folder, readonly=True)
    try:
        december = [f for f in service.month_findings(2026, 12) if f.rule == "R1"]
        app = VillageApp(service, operator_id=service.cadres()[0].id)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.push_screen(FindingsScreen("R1", december, "全村，2026年12月"))
            await pilot.pause()
            screen = app.screen
            table = screen.query_one("#findings-table", DataTable)
            verdicts = {f.date: str(table.get_row_at(n)[0]) for n, f in enumerate(screen.shown)}
            head = str(screen.query_one("#findings-head").render())
    finally:
        service.close()
    assert verdicts[date(2026, 12, 20)] == "未到" and verdicts[date(2026, 12, 5)] == "符合"
    assert "25项进行中" in head and "符合/已判定 6/6" in head
