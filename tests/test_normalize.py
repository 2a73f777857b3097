"""Tests for village_tui.domain.normalize."""

from __future__ import annotations

import pytest

from village_tui.domain.normalize import clean_text, digits_only, split_list, strip_escapes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１３８", "138"),
        ("ＡＢｃ", "ABc"),
        ("王　建国", "王 建国"),
        ("电话：１３８－０００", "电话：138-000"),
        ("你好，村委会。", "你好，村委会。"),
        ("（一组）张三！", "（一组）张三！"),
        ("  张三   李四  ", "张三 李四"),
        ("", ""),
    ],
)
def test_clean_text_halfwidth_and_spaces(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_none_is_empty() -> None:
    assert clean_text(None) == ""  # type: ignore[arg-type]


def test_clean_text_single_line_turns_breaks_into_spaces() -> None:
    assert clean_text("修路\n\t饮水\r\n住房") == "修路 饮水 住房"


def test_clean_text_multiline_keeps_lines_and_tabs() -> None:
    raw = "第一行  有空格  \r\n\t第二行\r第三行\x00\x07\n\n"
    assert clean_text(raw, multiline=True) == "第一行 有空格\n\t第二行\n第三行"


def test_clean_text_removes_control_characters() -> None:
    assert clean_text("张\x00三\x08\x7f\x85\x9b") == "张三"


def test_clean_text_removes_ansi_escape_sequences() -> None:
    raw = "\x1b[31;1m红色\x1b[0m字\x1b]0;窗口标题\x07！\x1b]8;;http://x\x1b\\链接\x1b]8;;\x1b\\"
    assert clean_text(raw) == "红色字！链接"


def test_clean_text_removes_other_escapes() -> None:
    assert clean_text("\x1bc\x1b(B王五\x1bP1;2qdata\x1b\\") == "王五"
    assert strip_escapes("a\x1b[2Jb\x9b1mc") == "abc"


def test_clean_text_leaves_markup_literally() -> None:
    assert clean_text("[b]加粗[/b] [red]红[/red]") == "[b]加粗[/b] [red]红[/red]"


def test_clean_text_removes_zero_width_characters() -> None:
    assert clean_text("\ufeff张\u200b三\u202e") == "张三"


def test_clean_text_never_truncates() -> None:
    text = "一" * 50
    assert clean_text(text, max_len=10) == text


def test_split_list_separators_order_and_duplicates() -> None:
    assert split_list("张三、李四，王五; 张三　赵六 ,,；钱七,孙八\n周九") == [
        "张三", "李四", "王五", "赵六", "钱七", "孙八", "周九",
    ]


def test_split_list_cleans_items_and_drops_empties() -> None:
    assert split_list("  ＡＢ 、、 \x1b[1m孤寡老人\x1b[0m ") == ["AB", "孤寡老人"]
    assert split_list("") == []
    assert split_list(" 、，; ") == []


def test_digits_only() -> None:
    assert digits_only("１３８ 0013-８０００") == "13800138000"
    assert digits_only("无") == ""
    assert digits_only("") == ""
