"""Long commands show progress with counts on a terminal's stderr, and nothing on a pipe or for a quick job."""

from __future__ import annotations

import io

import pytest

from village_tui.cli import main
from village_tui.commands import progress as progress_module
from village_tui.commands.progress import counted

from import_fixtures import VILLAGE, sheets, write_workbook

VILLAGE_ARGS = ["--village", VILLAGE[0], "--township", VILLAGE[1], "--county", VILLAGE[2]]


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_job_past_the_delay_shows_its_counts_on_a_terminal():
    stream = Terminal()
    with counted("审阅", "个村", stream=stream, delay=0) as progress:
        progress.update(3, 20, "桃源村")
        assert progress.shown
    assert "审阅 桃源村" in stream.getvalue() and "3/20" in stream.getvalue()


def test_a_long_single_step_gets_its_bar_from_the_timer():
    stream = Terminal()
    with counted("导入", "步", stream=stream, delay=0.05) as progress:
        progress.update(2, 3, "写入 3000 行")
        progress._timer.join()  # the timer puts the bar up while the step still runs
        assert progress.shown
    assert "导入 写入 3000 行" in stream.getvalue() and "2/3" in stream.getvalue()


def test_a_quick_job_or_a_pipe_shows_nothing():
    quick, pipe = Terminal(), io.StringIO()
    with counted("导出", "步", stream=quick, delay=60) as progress:
        progress.update(1, 2)
    with counted("导出", "步", stream=pipe, delay=0) as progress:
        progress.update(1, 2)
    assert quick.getvalue() == "" and pipe.getvalue() == ""


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    folder = tmp_path_factory.mktemp("progress") / "桃源村"
    assert main(["demo", str(folder), "--until", "2026-11-27"]) == 0
    return folder


@pytest.mark.parametrize(("argv", "words"), [
    (["review", "{v}", "--month", "2026-10"], ["审阅", "1/1", "个村"]),
    (["review", "{v}", "--month", "2026-10", "--sqlite", "{t}/汇总.db"], ["审阅并汇总到 SQLite", "1/1"]),
    (["export", "{t}", "--data", "{v}"], ["导出", "步"]),
    (["import", "{t}/台账.xlsx", "--data", "{t}/导入", *VILLAGE_ARGS], ["导入 读取表格", "导入 写入", "3/3"]),
])
def test_commands_report_progress_on_a_terminal(argv, words, village, tmp_path, monkeypatch):
    monkeypatch.setattr(progress_module, "DELAY", 0)
    write_workbook(tmp_path / "台账.xlsx", sheets())
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    main([a.format(v=village, t=tmp_path) for a in argv])
    shown = terminal.getvalue()
    for word in words:
        assert word in shown, (word, shown)
