"""A command that refuses everything makes no folder, and a missing path is named as missing (issue 27)."""

from __future__ import annotations

from pathlib import Path

import pytest

from exchange_fixtures import build_village
from import_fixtures import write_workbook
from village_tui.cli import main

MISSING = "这个文件夹不存在。请检查路径是否写对、U盘是否插好。"


@pytest.fixture
def stick(tmp_path) -> Path:
    """A stick holding one good export of 桃源村 (of 青山镇, 田县)."""
    folder = tmp_path / "stick"
    folder.mkdir()
    village = build_village(tmp_path / "桃源村", "桃源村")
    assert main(["export", str(folder), "--data", str(village)]) == 0
    return folder


@pytest.mark.parametrize("command", [
    ["township", "receive", "{x}", "--data", "{new}", "--township", "青山镇", "--county", "田县"],
    ["county", "receive", "{x}", "--data", "{new}", "--county", "田县"],
    ["trust", "{x}", "--data", "{new}"],
    ["import", "{x}", "--data", "{new}"],
])
def test_missing_path_makes_no_folder(tmp_path, capsys, command):
    missing, new = tmp_path / "stick" / "x", tmp_path / "新文件夹"
    args = [part.format(x=missing, new=new) for part in command]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert not new.exists()
    if command[0] != "trust":  # trust names the data folder it cannot find first
        assert f"找不到 {missing}：这个" in err and "U盘上的副本与导出时不一致" not in err


def test_receive_of_only_refused_exports_makes_no_folder(stick, tmp_path, capsys):
    new = tmp_path / "白水乡"
    (export,) = stick.iterdir()
    assert main(["township", "receive", str(export), "--data", str(new), "--township", "白水乡"]) == 2
    err = capsys.readouterr().err
    assert "不是本乡镇（白水乡）的村" in err and f"没有新建数据文件夹 {new}" in err
    assert "已写入" not in capsys.readouterr().out
    assert not new.exists()
    # The right township takes it and makes its folder.
    assert main(["township", "receive", str(export), "--data", str(new), "--township", "青山镇"]) == 0
    assert (new / "reference.json").exists() or any(new.iterdir())


def test_import_of_a_bad_workbook_into_a_new_folder_makes_none(tmp_path, capsys):
    book = write_workbook(tmp_path / "新户.xlsx", {"农户": [["户编号", "户主"], ["", ""], ["0001", ""]]},
                          village=True)
    new = tmp_path / "新村"
    assert main(["import", str(book), "--data", str(new)]) == 1
    assert not new.exists()
    out = capsys.readouterr()
    assert "处问题" in out.out and f"没有新建数据文件夹 {new}" in out.err


@pytest.mark.parametrize("command", [["verify", "{x}"], ["review", "{x}"], ["import", "{x}", "--data", "{v}"]])
def test_missing_path_is_named_missing(stick, tmp_path, capsys, command):
    village = tmp_path / "桃源村"
    missing = stick / "桃源村-20261127-0000"
    main([part.format(x=missing, v=village) for part in command])
    err = capsys.readouterr().err
    assert f"找不到 {missing}：这个" in err and "不存在" in err
    assert "U盘上的副本与导出时不一致" not in err
