"""The command line a clerk can trust: global options anywhere, a version, a help that lists every command whole."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from village_tui import __version__
from village_tui.cli import COMMANDS, main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@pytest.fixture(scope="module")
def village(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "桃源村 数据"
    assert main(["demo", str(folder), "--until", "2026-11-27"]) == 0
    return folder


def test_global_data_before_the_command_is_the_commands_data(village, capsys):
    capsys.readouterr()
    after = main(["check", "--month", "2026-10", "--data", str(village)])
    expected = capsys.readouterr().out
    before = main(["--data", str(village), "check", "--month", "2026-10"])
    out = capsys.readouterr()
    assert before == after and out.out == expected and expected.startswith("检查期间：2026-10")
    assert "不认识的参数" not in out.err


def test_a_data_folder_named_like_a_command_is_a_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "check", "--until", "2026-11-27"]) == 0
    capsys.readouterr()
    assert main(["--data", "check", "check", "--month", "2026-10"]) in (0, 1)
    assert capsys.readouterr().out.startswith("检查期间：2026-10")


def test_a_global_option_the_command_has_no_use_for_is_refused_in_chinese(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--readonly", "template", "模板"])
    assert done.value.code == 2
    assert "--readonly 不能用于 template 命令" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--version"], ["--data", "村务数据", "--version"], ["check", "--version"]])
def test_version_is_printed_from_the_one_version_number(argv, capsys):
    assert main(argv) == 0
    assert capsys.readouterr().out == f"village-tui {__version__}\n"


def test_the_package_version_is_read_from_village_tui_itself():
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "village_tui.__version__"}


def _help(columns: int, monkeypatch, capsys) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    with pytest.raises(SystemExit):
        main(["--help"])
    return capsys.readouterr().out


def test_help_lists_each_command_with_its_purpose(monkeypatch, capsys):
    out = _help(200, monkeypatch, capsys)
    for name, (_, purpose) in COMMANDS.items():
        assert re.search(rf"^  {name} +{re.escape(purpose)}$", out, flags=re.M), name


@pytest.mark.parametrize("columns", [50, 80, 100])
def test_help_never_breaks_a_word(columns, monkeypatch, capsys):
    wide = _help(300, monkeypatch, capsys)
    narrow = _help(columns, monkeypatch, capsys)
    words = re.compile(r"[A-Za-z0-9_./-]{2,}")
    assert words.findall(narrow) == words.findall(wide)
    for line in narrow.splitlines():
        assert not line.startswith(("、", "，", "。", "）")), line


def test_readonly_and_demo_work_after_the_command_too(village, monkeypatch, capsys):
    monkeypatch.setattr("village_tui.launch.DEMO_FOLDER", village)
    capsys.readouterr()
    assert main(["check", "--month", "2026-10", "--data", str(village)]) in (0, 1)
    expected = capsys.readouterr().out
    for argv in (["check", "--month", "2026-10", "--demo"], ["--demo", "check", "--month", "2026-10"],
                 ["--readonly", "check", "--month", "2026-10", "--data", str(village)],
                 ["check", "--readonly", "--month", "2026-10", "--data", str(village)]):
        assert main(argv) in (0, 1), argv
        assert capsys.readouterr().out == expected, argv
