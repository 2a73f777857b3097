"""Chinese line breaking: no line of the help or the yearly assessment starts with 、 or ）."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text

from village_tui.widgets.cjk_text import NO_END, NO_START, CjkText, wrap


def printed(renderable, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), record=True)
    console.print(renderable)
    return console.export_text().splitlines()


def test_the_help_has_no_line_starting_with_a_closing_mark_at_any_width():
    from village_tui.screens.shell.help import help_text

    for width in range(56, 121):  # the help's text at 60 to 120 columns and more
        lines = printed(help_text([("y", "年度考核"), ("o", "换操作员")], "首页"), width)
        starts = [line for line in lines if line.strip() and line.strip()[0] in NO_START]
        assert not starts, (width, starts)


def test_a_closing_mark_takes_the_character_before_it_to_the_next_line():
    text = "统计至2026年10月；11月尚未结束，不计入；「进行中」的项（年度或任期首年尚未结束）只列出，不计入得分"
    for width in range(8, 90):
        lines = [line.plain for line in wrap(Text(text), width)]
        assert "".join(lines) == text  # nothing lost or added
        assert all(line[0] not in NO_START for line in lines[1:]), (width, lines)
        assert all(line[-1] not in NO_END for line in lines[:-1]), (width, lines)
        assert all(len(line) and sum(2 if ord(c) > 127 else 1 for c in line) <= width for line in lines)
    assert [line.plain for line in wrap(Text(text), 78)][1].startswith("束）")


def test_latin_runs_stay_whole_and_spaces_do_not_start_a_line():
    lines = [line.plain for line in wrap(Text("按 Ctrl+S 保存，R14 与 R15 一并检查"), 12)]
    assert "Ctrl+S" in "".join(lines) and not any(line.startswith(" ") for line in lines)
    assert all("R1" not in line or "R14" in line or "R15" in line for line in lines), lines
    assert [line.plain for line in wrap(Text("/a/very/long/path"), 6)] == ["/a/ver", "y/long", "/path"]


@pytest.mark.parametrize("width", [40, 80])
def test_styles_and_line_breaks_of_the_text_are_kept(width):
    text = Text("第一行\n第二行", style="bold")
    lines = printed(CjkText(text), width)
    assert lines[:2] == ["第一行", "第二行"]
