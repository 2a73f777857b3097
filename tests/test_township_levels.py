"""Each level's commands on its own folder (issue 27): a village command given a township's or county's
folder, and a township or county command given a folder of another level, refuse with a clear Chinese
message (exit 2) and write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from exchange_fixtures import received_road_item, tree_state
from village_tui.cli import main

TOWNSHIP, COUNTY = "青山镇", "田县"


def _files(path: Path) -> dict:
    return {k: v for k, v in tree_state(path).items() if not k.startswith(("backups", ".lock", "lock"))}


@pytest.fixture(scope="module")
def levels(tmp_path_factory):
    """A village, its township (one item received, forwarded and sent up) and their county."""
    root = tmp_path_factory.mktemp("levels")
    village, stick, township, county, number = received_road_item(root, TOWNSHIP, COUNTY)
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "涉及县道", "--forward", "县"]) == 0
    up = root / "up"
    up.mkdir()
    assert main(["township", "send", str(up), "--data", str(township)]) == 0
    package = next(p for p in up.iterdir() if p.name.startswith("上报-"))
    assert main(["county", "receive", str(package), "--data", str(county), "--county", COUNTY]) == 0
    return {"village": village, "township": township, "county": county, "number": number, "root": root}


@pytest.mark.parametrize("unit, shown", [("township", "青山镇（乡镇）"), ("county", "田县（县）")])
@pytest.mark.parametrize("command", [["check", "--month", "2026-10"], ["report", "--month", "2026-10", "--xlsx", "STICK/月报.xlsx"],
                                     ["export", "STICK"]])
def test_village_commands_refuse_a_township_or_county_folder(levels, unit, shown, command, capsys, tmp_path):
    folder = levels[unit]
    args = [part.replace("STICK", str(tmp_path)) for part in command]
    before = _files(folder)
    capsys.readouterr()
    assert main([*args, "--data", str(folder)]) == 2
    err = capsys.readouterr().err
    desk = "county" if unit == "county" else "township"
    assert f"是{shown}的数据文件夹，不是村的。village-tui {command[0]} 只用于村的数据文件夹" in err
    assert f"请用 village-tui {desk} list --data" in err
    assert _files(folder) == before
    assert list(tmp_path.iterdir()) == []  # no export written


@pytest.mark.parametrize("command, unit, message", [
    (["township", "list"], "village", "是桃源村的数据文件夹，不是乡镇的"),
    (["township", "reply", "--village", "桃源村", "--item", "2026-0002", "--text", "已答复"], "village",
     "是桃源村的数据文件夹，不是乡镇的"),
    (["township", "list"], "county", "是田县的数据文件夹，不是乡镇的"),
    (["county", "list"], "village", "是桃源村（村）的数据文件夹，不是县的"),
    (["county", "list"], "township", "是青山镇（乡镇）的数据文件夹，不是县的"),
])
def test_township_and_county_commands_refuse_a_folder_of_another_level(levels, command, unit, message, capsys):
    folder = levels[unit]
    before = _files(folder)
    capsys.readouterr()
    assert main([*command, "--data", str(folder)]) == 2
    assert message in capsys.readouterr().err
    assert _files(folder) == before


def test_the_workbench_on_a_county_folder_names_the_county_commands(levels, capsys):
    assert main(["--data", str(levels["county"])]) == 2
    assert "是田县（县）的数据文件夹，不是村的。请用 village-tui county list" in capsys.readouterr().err
