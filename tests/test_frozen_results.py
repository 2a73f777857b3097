"""Frozen results (issue 16 item 7): an export freezes the reported month's findings; check and review compare.

Through the command line, with today fixed at 2026-11-20: the export reports (and
locks) October; a 更正 afterwards changes October's results.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from exchange_fixtures import build_village
from village_tui.cli import main
from village_tui.domain import dates
from village_tui.domain.models import DutyDay, SignIn, Visit
from village_tui.exchange.manifest import read_manifest
from village_tui.exchange.review import score_village
from village_tui.service import VillageService

EXPORT_DAY = date(2026, 11, 20)
VISIT_REASON = "补录：10月25日入户走访王大山（0004）时漏登"
DUTY_REASON = "补录：10月8日坐班签到本漏记"


@pytest.fixture
def village(tmp_path, clock):
    clock.set(EXPORT_DAY)
    return build_village(tmp_path / "data", "东风村")


def _export(village, usb) -> "Path":  # noqa: F821 - the export folder
    usb.mkdir(exist_ok=True)
    before = set(usb.iterdir())
    assert main(["export", str(usb), "--data", str(village)]) == 0
    (folder,) = set(usb.iterdir()) - before
    return folder


def _check_json(capsys, folder, month="2026-10") -> dict:
    capsys.readouterr()
    main(["check", "--month", month, "--data", str(folder), "--json"])
    return json.loads(capsys.readouterr().out)


def _correct_october(village) -> None:
    """Two corrections with reasons: a visit left out, a duty sign-in left out."""
    service = VillageService.open(village)
    try:
        service.sign_in(service.cadres()[0].id)
        service.save_visit(Visit(day=date(2026, 10, 25), cadre_id=1, household_id=4, learned="家里一切正常"),
                           reason=VISIT_REASON)
        service.save_duty_day(DutyDay(day=date(2026, 10, 8), signins=[SignIn(cadre_id=1, time="08:30")]),
                              reason=DUTY_REASON)
    finally:
        service.close()


def test_export_freezes_october_into_the_data_folder_and_the_export(village, tmp_path, capsys):
    export = _export(village, tmp_path / "usb")
    out = capsys.readouterr().out
    assert "2026-10 的检查结果已保存" in out
    frozen = village / "findings-2026-10.json"
    assert frozen.is_file() and (export / "data" / "findings-2026-10.json").is_file()
    assert "data/findings-2026-10.json" in read_manifest(export).files
    assert "张建国" in frozen.read_text(encoding="utf-8")  # Chinese unescaped, readable in Notepad
    tables = json.loads(frozen.read_text(encoding="utf-8"))
    assert tables["meta"]["1"]["period"] == "2026-10" and tables["meta"]["1"]["frozen_at"]
    reported = [tables["findings"][key] for key in sorted(tables["findings"], key=int)]
    assert reported == _check_json(capsys, village)["findings"]  # the very documents check --json prints
    assert not (village / "findings-2026-11.json").exists()  # the running month is not reported
    assert not (village / "findings-2026-09.json").exists()  # nor, on a first export, the months never reported


def test_check_of_a_corrected_locked_month_shows_both_results_and_the_reasons(village, tmp_path, capsys):
    _export(village, tmp_path / "usb")
    capsys.readouterr()
    main(["check", "--month", "2026-10", "--data", str(village)])
    assert "与上报结果一致" in capsys.readouterr().out
    untouched = _check_json(capsys, village)
    assert "frozen" not in untouched

    _correct_october(village)
    main(["check", "--month", "2026-10", "--data", str(village)])
    out = capsys.readouterr().out
    assert "与上报结果不同" in out
    assert "R6 张建国：上报时 2/10 不符合，现在 3/10 不符合" in out
    assert "R1 2026-10-08：上报时 0/1 不符合，现在 1/1 符合" in out
    reasons = out[out.index("上报后的更正及原因"):]
    assert VISIT_REASON in reasons and DUTY_REASON in reasons
    assert "（未填写原因）" not in reasons  # only what changed after the export, not how October was entered

    body = _check_json(capsys, village)
    changes = {(c["frozen"]["rule"], c["frozen"]["actual"], c["current"]["actual"]) for c in body["frozen"]["changes"]}
    assert ("R6", 2, 3) in changes
    assert {c["reason"] for c in body["frozen"]["corrections"]} == {VISIT_REASON, DUTY_REASON}
    assert body["findings"] != untouched["findings"]


@pytest.fixture
def two_exports(village, tmp_path):
    """October reported, then corrected and exported again: (first export, second export, reported bytes)."""
    first = _export(village, tmp_path / "usb1")
    reported = (village / "findings-2026-10.json").read_bytes()
    _correct_october(village)
    return first, _export(village, tmp_path / "usb2"), reported


def test_a_later_export_keeps_what_was_reported_and_review_flags_the_village(village, two_exports, capsys):
    first, second, reported = two_exports
    assert (village / "findings-2026-10.json").read_bytes() == reported  # October was locked: kept as reported
    assert (second / "data" / "findings-2026-10.json").read_bytes() == reported

    agreeing = score_village(first, 2026, 10)
    assert agreeing.reported == "一致" and "→" not in "".join(agreeing.cells.values())
    flagged = score_village(second, 2026, 10)
    assert flagged.reported == "有更正"
    assert flagged.cells["R1"] == "0/31→1/31"  # what the village reported, then what its data say today
    notes = "\n".join(flagged.notes)
    assert "R6 张建国：上报时 2/10 不符合，现在 3/10 不符合" in notes and VISIT_REASON in notes
    year = score_village(second, 2026, None)  # a year's review flags it too, its cells stay today's
    assert year.reported == "有更正" and "→" not in "".join(year.cells.values())

    capsys.readouterr()
    assert main(["review", str(first), str(second), "--month", "2026-10", "--text"]) == 1  # rules missed
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("村\t"))
    rows = [line.split("\t") for line in out.splitlines() if line.startswith("东风村\t")]
    column = header.split("\t").index("上报结果")
    assert sorted(row[column] for row in rows) == ["一致", "有更正"]
    assert DUTY_REASON in out


def test_results_are_compared_on_verdict_and_count_not_on_wording() -> None:
    from village_tui.domain.frozen import compare

    reported = [{"rule": "R6", "ok": False, "cadre": "张建国", "cadre_id": 1, "actual": 9, "required": 10,
                 "detail": "2026年10月走访9户，应不少于10户"},
                {"rule": "R9", "ok": True, "detail": "10月28日召开民情分析会"}]
    reworded = [dict(reported[0], detail="十月入户9户（少1户）"), dict(reported[1], detail="已开会")]
    assert compare(reported, reworded) == []
    changed = compare(reported, [dict(reported[0], actual=10, ok=True, cadre="张建国（书记）"), reported[1]])
    assert [c.text() for c in changed] == ["R6 张建国（书记）：上报时 9/10 不符合，现在 10/10 符合"]
    gone = compare(reported, [reported[0]])
    assert [c.text() for c in gone] == ["R9：上报时 符合，现在 无此项"]


@pytest.mark.parametrize(("export_day", "locked_before", "months"), [
    (date(2026, 11, 20), None, [(2026, 10)]),                          # first export: the month before
    (date(2026, 11, 20), date(2026, 9, 1), [(2026, 9), (2026, 10)]),  # September and October become locked
    (date(2026, 11, 28), date(2026, 11, 1), [(2026, 10)]),            # again in November: October only
    (date(2027, 1, 5), date(2026, 12, 1), [(2026, 12)]),              # January reports December
    (date(2027, 1, 5), date(2025, 6, 1), [(2026, m) for m in range(1, 13)]),
])
def test_the_months_an_export_reports(export_day, locked_before, months) -> None:
    from village_tui.service.frozen import reported_months

    assert reported_months(export_day, locked_before) == months


async def test_the_review_screen_shows_what_was_reported_and_flags_the_corrected_village(two_exports):
    from rich.text import Text
    from textual.widgets import DataTable, Static

    from village_tui.review_app import ReviewApp

    first, second, _ = two_exports
    app = ReviewApp([score_village(first, 2026, 10), score_village(second, 2026, 10)], "2026年10月")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        columns = [str(c.label) for c in table.columns.values()]
        reported, r1 = columns.index("上报结果"), columns.index("R1")
        assert str(table.get_row_at(0)[reported]) == "一致" and str(table.get_row_at(0)[r1]) == "0/31"
        flagged = table.get_row_at(1)
        assert str(flagged[reported]) == "有更正" and str(flagged[r1]) == "0/31→1/31"
        assert "red" in str(flagged[r1].style)
        await pilot.press("down")
        await pilot.pause()
        notes = app.screen.query_one("#village-notes", Static).render()
        assert DUTY_REASON in str(notes) and "上报时 2/10 不符合，现在 3/10 不符合" in str(notes)
