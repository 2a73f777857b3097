"""No command prints a traceback for any folder of the broken-folder catalogue (issue 17, item 4).

Every command runs in-process through the command line's ``main`` on a copy of the
small demo village with one file damaged (see ``broken_folders.py``). A folder whose
damaged file the program reads at open is refused by every command with exit 2 (1 for
``verify``, whose code for "something is wrong" is 1) and a Chinese message naming the
file and, for a wrong shape, the record and the bad value; the damaged file is never
written over. The others (an audit month, last year's file) are refused the same way
by the commands that read them (``export`` and ``verify`` read every file, ``import``
writes the audit log) and leave the rest running as usual.
"""

from __future__ import annotations

import traceback

import openpyxl
import pytest

from broken_folders import CATALOGUE, TODAY, YEAR, broken_copy, make_demo
from village_tui.cli import main

MONTH = f"{TODAY:%Y-%m}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The small demo village, generated once for the whole catalogue."""
    return make_demo(tmp_path_factory.mktemp("catalogue"))


@pytest.fixture(autouse=True)
def pinned_today(clock):
    """Every command runs on the demo's last day."""
    clock.set(TODAY)


def workbook(path):
    """A small import workbook: one new household."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "农户"
    sheet.append(["户编号", "户主", "身份证号", "组别", "人口", "电话", "外出", "困难类别", "住址"])
    sheet.append(["9001", "新来户", "", "1组", 3, "", "否", "", "1组99号"])
    book.save(path)
    return path


def run(capsys, *args) -> tuple[int, str]:
    """One command in-process: its exit code and everything it printed; an escaping exception fails."""
    try:
        code = main([str(a) for a in args])
    except BaseException as error:  # noqa: BLE001 - the point of the test
        pytest.fail(f"village-tui {' '.join(map(str, args[:1]))} raised {error!r}:\n{traceback.format_exc()}")
    out, err = capsys.readouterr()
    printed = out + err
    assert "Traceback" not in printed and "Error:" not in printed, printed
    return code, printed


def commands(folder, tmp_path):
    """Each command of the catalogue run: (name, arguments)."""
    (tmp_path / "stick").mkdir()
    return [
        ("check --month", ["check", "--data", folder, "--month", MONTH]),
        ("check --year", ["check", "--data", folder, "--year", str(YEAR)]),
        ("export", ["export", tmp_path / "stick", "--data", folder]),
        ("report --xlsx", ["report", "--month", MONTH, "--xlsx", tmp_path / "月报.xlsx", "--data", folder]),
        ("verify", ["verify", folder]),
        ("review", ["review", folder, "--month", MONTH, "--text", "--xlsx", tmp_path / "审阅.xlsx"]),
        ("import", ["import", workbook(tmp_path / "新户.xlsx"), "--data", folder]),
    ]


@pytest.mark.parametrize("case", list(CATALOGUE))
def test_every_command_refuses_the_folder_in_chinese_without_a_traceback(case, demo, tmp_path, capsys):
    damage = CATALOGUE[case]
    folder = broken_copy(demo, tmp_path / "村", damage)
    target = folder / damage.target
    before = target.read_bytes() if target.exists() else None
    for name, args in commands(folder, tmp_path):
        code, printed = run(capsys, *args)
        if damage.refused_by is not None and name not in damage.refused_by:
            continue  # a file the command never reads: it runs as usual
        assert code == (1 if name == "verify" else 2), f"{name}: exit {code}\n{printed}"
        assert damage.target in printed, f"{name} does not name {damage.target}:\n{printed}"
        for words in damage.says:
            assert words in printed, f"{name} does not say {words!r}:\n{printed}"
    after = target.read_bytes() if target.exists() else None
    assert after == before, "the damaged file is never written over"
    assert not list((tmp_path / "stick").iterdir()), "nothing is exported from a broken folder"
    assert not (tmp_path / "月报.xlsx").exists() or damage.refused_by is not None


def test_the_untouched_demo_passes_every_command(demo, tmp_path, capsys):
    """The catalogue's commands work on the village before it is damaged (so a refusal means the damage)."""
    folder = tmp_path / "村"
    import shutil

    shutil.copytree(demo, folder)
    for name, args in commands(folder, tmp_path):
        code, printed = run(capsys, *args)
        assert code in (0, 1) and "错误" not in printed, f"{name}: exit {code}\n{printed}"


@pytest.mark.parametrize("command", [["check", "--year", str(YEAR - 1)], ["report", "--year", str(YEAR - 1)],
                                     ["check", "--month", f"{YEAR - 1}-12"]])
def test_a_file_found_wrong_while_a_command_runs_ends_it_in_chinese(command, demo, tmp_path, capsys):
    """Last year's file is first read in the middle of the command: exit 2 naming it, not a traceback."""
    damage = CATALOGUE["last year's visits wrong"]
    folder = broken_copy(demo, tmp_path / "村", damage)
    extra = ["--xlsx", tmp_path / "考核.xlsx"] if command[0] == "report" else []
    code, printed = run(capsys, *command, *extra, "--data", folder)
    assert code == 2 and damage.target in printed and "household_id" in printed, printed
    assert not (tmp_path / "考核.xlsx").exists()
