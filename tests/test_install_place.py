"""Where the installer puts things on a village PC, and the data folder brought up to a new program."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from village_tui.bundle import pc_paths, place
from village_tui.cli import main
from village_tui.store.schema import SCHEMA_VERSION
from village_tui.store.upgrade import upgrade_folder


def test_windows_data_go_to_d_when_it_is_a_disk_else_to_documents(tmp_path):
    documents = tmp_path / "Documents"
    on_d = pc_paths.default_data_dir(env={}, home=tmp_path, windows=True, fixed_drive_d=True, documents=documents)
    assert str(on_d) == "D:\\村务数据"
    without_d = pc_paths.default_data_dir(env={}, home=tmp_path, windows=True, fixed_drive_d=False, documents=documents)
    assert without_d == documents / "村务数据"


def test_linux_data_go_to_the_xdg_documents_folder(tmp_path):
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/我的文档"\n', encoding="utf-8")
    assert pc_paths.default_data_dir(env={}, home=tmp_path, windows=False) == tmp_path / "我的文档" / "村务数据"
    chosen = pc_paths.default_data_dir(env={"XDG_DOCUMENTS_DIR": "/srv/文档"}, home=tmp_path, windows=False)
    assert chosen == Path("/srv/文档/村务数据")
    (tmp_path / ".config" / "user-dirs.dirs").unlink()
    (tmp_path / "文档").mkdir()
    assert pc_paths.default_data_dir(env={}, home=tmp_path, windows=False) == tmp_path / "文档" / "村务数据"


def test_a_data_folder_on_the_stick_is_refused_and_asked_again(tmp_path, monkeypatch, capsys):
    stick = tmp_path / "U盘"
    answers = iter([str(stick / "数据"), ""])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    chosen = place.choose_data(None, tmp_path / "村务数据", stick, ask=True)
    assert chosen == tmp_path / "村务数据"
    assert "在U盘上。数据要放在电脑的硬盘上" in capsys.readouterr().out
    assert place.choose_data(str(stick / "数据"), tmp_path / "村务数据", stick, ask=False) is None


def test_the_windows_start_script_names_the_data_folder_and_runs_the_installed_copy(tmp_path, monkeypatch):
    monkeypatch.setattr(pc_paths, "is_windows", lambda: True)
    start = place.write_start_scripts(tmp_path, Path("D:\\村务数据 100%"))
    content = start.read_bytes()
    assert start.name == "启动工作台.bat" and content.startswith(b"@echo off\r\nchcp 65001 >nul\r\n")
    text = content.decode("utf-8")
    assert 'set "DATA=D:\\村务数据 100%%"' in text  # a % in the path doubled for cmd.exe
    assert '"%~dp0venv\\Scripts\\python.exe" -m village_tui --data "%DATA%"' in text
    assert (tmp_path / "演示.bat").read_bytes().count(b"\r\n") == (tmp_path / "演示.bat").read_bytes().count(b"\n")


def test_an_older_folder_is_backed_up_as_it_was_then_migrated(tmp_path):
    data = tmp_path / "村务数据"
    assert main(["demo", str(data), "--until", "2026-11-27"]) == 0
    (data / "schema.json").write_text(json.dumps({"schema": SCHEMA_VERSION - 1, "program": "0.1.0"}), encoding="utf-8")
    done = upgrade_folder(data, "0.2.0")
    assert done.had_data and done.migrated_from == SCHEMA_VERSION - 1 and done.problem is None
    assert done.backup is not None and done.backup.name.endswith("-安装0.2.0前")
    assert json.loads((done.backup / "schema.json").read_text(encoding="utf-8"))["schema"] == SCHEMA_VERSION - 1
    assert json.loads((data / "schema.json").read_text(encoding="utf-8"))["schema"] == SCHEMA_VERSION
    assert (done.backup / "reference.json").read_bytes() == (data / "reference.json").read_bytes()


def test_a_village_an_older_bundle_kept_on_the_stick_is_copied_to_the_pc(tmp_path, capsys):
    stick = tmp_path / "U盘 安装包"
    assert main(["demo", str(stick / "数据"), "--until", "2026-11-27"]) == 0
    app, data = tmp_path / "程序", tmp_path / "电脑" / "村务数据"
    assert place.main(["--app", str(app), "--bundle", str(stick), "--data", str(data), "--no-shortcut"]) == 0
    out = capsys.readouterr().out
    assert "已复制" in out and "原来的数据已备份到" in out and "安装完成" in out
    assert (data / "reference.json").read_bytes() == (stick / "数据" / "reference.json").read_bytes()
    assert (app / "数据位置.txt").read_text(encoding="utf-8") == str(data)


@pytest.mark.parametrize("path", ["/media/张三/U盘/村务数据", "/run/media/张三/KINGSTON/数据"])
def test_linux_mount_folders_count_as_removable(path):
    assert pc_paths.on_removable_drive(Path(path))


def test_a_shortcut_that_cannot_be_made_leaves_the_install_done_and_names_the_start_script(tmp_path, monkeypatch,
                                                                                            capsys):
    def refuse(app, start):
        raise OSError("没能在桌面上建立快捷方式（PowerShell 出错）")

    monkeypatch.setattr(place, "make_shortcut", refuse)
    app = tmp_path / "程序"
    assert place.main(["--app", str(app), "--data", str(tmp_path / "村务数据")]) == 0
    out = capsys.readouterr().out
    assert "注意：没能在桌面上建立快捷方式（PowerShell 出错）。" in out
    assert "安装完成" in out and f"以后运行 {app / 'start.sh'} 打开工作台" in out
