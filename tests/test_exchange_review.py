"""The township's review: scorecard of rules × villages, read-only, on export copies; SQLite roll-up; reports."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from exchange_fixtures import exported_villages, tree_state
from village_tui.cli import main
from village_tui.exchange.review import NOT_CHECKED, score_village
from village_tui.review_app import ReviewApp
from village_tui.service.desk import DeskService

NAMES = ("东风村", "红旗村", "向阳村")


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    return exported_villages(tmp_path_factory.mktemp("review"), NAMES)


def test_scorecard_of_three_villages(exports, capsys):
    # Exit 1 as check has it: the sample villages miss R1 on days nobody signed in.
    assert main(["review", *map(str, exports), "--month", "2026-10", "--text"]) == 1
    out = capsys.readouterr().out
    for name in NAMES:
        line = next(l for l in out.splitlines() if l.startswith(name))
        assert "校验通过" in line
    assert "检查期间：2026年10月" in out


def test_review_never_writes_into_the_folders(exports, tmp_path):
    before = {f: tree_state(f) for f in exports}
    assert main(["review", *map(str, exports), "--year", "2026", "--text", "--sqlite", str(tmp_path / "x.db")]) == 1
    assert {f: tree_state(f) for f in exports} == before


def test_a_damaged_copy_shows_in_the_scorecard(exports, tmp_path):
    import shutil

    damaged = tmp_path / exports[0].name
    shutil.copytree(exports[0], damaged)
    path = damaged / "data/2026/visits.json"
    path.write_bytes(path.read_bytes().replace("想办低保".encode(), "想办房子".encode()))
    assert score_village(damaged, 2026, 10).verified == "校验失败"


def test_review_exits_as_check_does():
    from pathlib import Path

    from village_tui.commands.review import exit_code
    from village_tui.exchange.review import VillageScore

    def row(**kw):
        return VillageScore(Path("东风村"), Path("东风村/data"), "东风村", **kw)

    assert exit_code([row(verified="校验通过"), row()]) == 0
    assert exit_code([row(verified="校验通过"), row(verified="校验失败")]) == 1
    assert exit_code([row(verified="校验通过", problems=2)]) == 1
    assert exit_code([row(verified="校验失败"), row(unreadable=True)]) == 2


def test_a_folder_that_does_not_open_is_an_error(exports, tmp_path, capsys):
    empty = tmp_path / "空的 村"
    empty.mkdir()
    (empty / "reference.json").write_text("{不是", encoding="utf-8")
    assert main(["review", str(exports[0]), str(empty), "--month", "2026-10", "--text"]) == 2


def test_rules_not_written_yet_show_a_dash(exports, monkeypatch):
    def unwritten(self, year, month):
        raise NotImplementedError

    monkeypatch.setattr(DeskService, "desk_month_findings", unwritten)
    row = score_village(exports[0], 2026, 10)
    assert row.cells["R13"] == NOT_CHECKED
    assert row.cells["R1"] != NOT_CHECKED  # the other areas are still checked
    assert any("尚未完成" in note for note in row.notes)


def test_sqlite_rollup_has_a_table_per_kind_with_a_village_column(exports, tmp_path, capsys):
    db_path = tmp_path / "county.db"
    assert main(["review", *map(str, exports), "--text", "--sqlite", str(db_path)]) == 1
    db = sqlite3.connect(db_path)
    try:
        per_village = dict(db.execute("SELECT village, COUNT(*) FROM households GROUP BY village"))
        assert per_village == {name: 4 for name in NAMES}
        assert db.execute("SELECT COUNT(*) FROM visits WHERE village = '红旗村'").fetchone() == (2,)
        groups = db.execute("SELECT groups FROM cadres WHERE village = '东风村' AND name = '张建国'").fetchone()[0]
        assert json.loads(groups) == ["1组"]
        assert db.execute("SELECT masked FROM villages WHERE village = '向阳村'").fetchone() == (1,)
        id_number = db.execute("SELECT id_number FROM households WHERE village = '东风村' AND code = '0001'")
        assert "*" in id_number.fetchone()[0]  # the roll-up of masked exports stays masked
    finally:
        db.close()


def test_readonly_on_a_write_protected_stick(exports, tmp_path):
    import shutil

    copy = tmp_path / "stick"
    shutil.copytree(exports[1], copy)
    for folder, dirs, files in os.walk(copy):
        for name in files:
            os.chmod(os.path.join(folder, name), 0o444)
        os.chmod(folder, 0o555)
    before = tree_state(copy)
    try:
        row = score_village(copy, 2026, 10)
        assert row.name == "红旗村" and not row.notes
        assert tree_state(copy) == before
    finally:
        for folder, dirs, files in os.walk(copy):
            os.chmod(folder, 0o755)


async def test_scorecard_screen_opens_the_chosen_village(exports):
    rows = [score_village(f, 2026, 10) for f in exports]
    app = ReviewApp(rows, "2026年10月")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.return_value == 1


def test_month_report_xlsx_is_ready_for_a4(exports, tmp_path, capsys):
    from openpyxl import load_workbook

    target = tmp_path / "月报.xlsx"
    assert main(["report", "--month", "2026-10", "--xlsx", str(target), "--data", str(exports[0])]) == 0
    book = load_workbook(target)
    assert book.sheetnames[:2] == ["汇总", "不符合项"]
    assert {"值班", "走访", "结对", "民情台账", "分析会"} <= set(book.sheetnames)
    visits = book["走访"]
    assert [c.value for c in visits[1]][:3] == ["日期", "干部", "户编号"]
    assert visits.max_row == 3 and visits.freeze_panes == "A2"
    assert visits.page_setup.paperSize == 9 and visits.page_setup.fitToWidth == 1
    assert visits.column_dimensions["G"].width > visits.column_dimensions["C"].width


def test_year_assessment_xlsx_has_a_row_per_cadre(exports, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "考核.xlsx"
    assert main(["report", "--year", "2026", "--xlsx", str(target), "--data", str(exports[2])]) == 0
    sheet = load_workbook(target)["年度考核"]
    assert [c.value for c in sheet[1]][:3] == ["干部", "职务", "坐班天数"]
    assert [sheet.cell(row=r, column=1).value for r in (2, 3)] == ["张建国", "李秀英"]
    assert sheet.cell(row=2, column=4).value == 2  # two visits in October


async def test_esc_in_a_reviewed_village_goes_back_to_the_village_list(exports):
    from village_tui.app import VillageApp
    from village_tui.exchange.review import open_village as open_read_only
    from village_tui.review_app import first_cadre_id

    service = open_read_only(exports[1])
    app = VillageApp(service, operator_id=first_cadre_id(service), exit_on_back=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f4")
            await pilot.pause()
            await pilot.press("f1")  # a screen over the area: Esc closes it first
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.return_code is None and app.current_mode == "f4"
            await pilot.press("escape")
            await pilot.pause()
            assert app.return_code == 0, "Esc at the village's area leaves for the scorecard"
    finally:
        service.close()


def test_review_opens_and_shape_checks_each_village_once(exports, monkeypatch):
    # Issue 30 item 2: verification reuses the folder the review opened (it opened every copy twice).
    from village_tui.store import folder as folder_module

    opened = []
    original = folder_module.DataFolder.__init__

    def counting_init(self, path, *args, **kwargs):
        opened.append(str(path))
        original(self, path, *args, **kwargs)

    monkeypatch.setattr(folder_module.DataFolder, "__init__", counting_init)
    scores = [score_village(folder, 2026, 10) for folder in exports]
    assert [score.verified for score in scores] == ["校验通过"] * len(exports)
    assert len(opened) == len(exports)


def test_review_of_the_sticks_root_reviews_the_exports_on_it(exports, capsys):
    stick = exports[0].parent
    assert main(["review", str(stick), "--month", "2026-10", "--text"]) == 1
    said = capsys.readouterr()
    rows = [line for line in said.out.splitlines() if "\t" in line][1:]  # under the heading row
    assert sorted(row.split("\t")[0] for row in rows) == sorted(NAMES), said.out
    assert all(row.split("\t")[1] == "校验通过" for row in rows)
    assert not any(line.startswith(stick.name) for line in said.out.splitlines())
    assert f"{stick} 不是村的数据文件夹，审阅其中的 3 份" in said.err


def test_review_of_a_folder_with_no_village_names_it_and_scores_nothing(tmp_path, capsys):
    stick = tmp_path / "U盘 E"
    (stick / "照片").mkdir(parents=True)
    assert main(["review", str(stick), "--month", "2026-10", "--text"]) == 2
    said = capsys.readouterr()
    assert "未校验" not in said.out and str(stick) in said.err and "不是村的数据文件夹" in said.err
