"""The command line speaks Chinese: argparse's help and errors, and the operating system's errors."""

from __future__ import annotations

import errno

import pytest

from village_tui.cli import COMMANDS, main, os_error_text


@pytest.mark.parametrize("argv", [[], *[[name] for name in COMMANDS]])
def test_help_of_every_command_is_in_chinese(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：village-tui")
    assert "选项：" in out and "显示帮助并退出" in out
    assert "usage:" not in out and "options:" not in out and "show this help" not in out


def test_argparse_errors_are_in_chinese(capsys):
    with pytest.raises(SystemExit) as done:
        main(["check", "--bogus"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：") and "village-tui check：错误：" in err
    assert "error" not in err and "required" not in err


def test_os_errors_are_translated(tmp_path, capsys):
    a_file = tmp_path / "桃源村 说明.txt"
    a_file.write_text("不是文件夹", encoding="utf-8")
    assert main(["template", str(a_file / "模板")]) == 2
    err = capsys.readouterr().err
    assert "不是文件夹" in err and "Not a directory" not in err
    denied = PermissionError(errno.EACCES, "Permission denied", "D:\\桃源村\\a.xlsx")
    assert os_error_text(denied) == "没有权限（文件可能是只读的，或正被其他程序使用）：D:\\桃源村\\a.xlsx"
    full = OSError(errno.ENOSPC, "No space left on device")
    assert os_error_text(full) == "磁盘空间不足"
