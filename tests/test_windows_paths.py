"""Chinese names and spaces in data folders and USB paths, the repository's data/ folder, UTF-8 output.

Every command is run through the command line on folders named the way a clerk
names them (``U盘 备份/桃源村 数据``); the data folder starts with the 说明.txt the
repository's ``data/`` holds, which must not make it look like a village.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from village_tui.cli import main
from village_tui.service import VillageService

REPO = Path(__file__).resolve().parent.parent
README_OF_DATA = REPO / "data" / "说明.txt"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_repository_data_folder_holds_only_its_chinese_readme_and_ignores_the_rest():
    assert README_OF_DATA.read_text(encoding="utf-8-sig").startswith("这是工作台默认的数据文件夹")
    rules = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/data/*" in rules and "!/data/说明.txt" in rules
    if shutil.which("git") and (REPO / ".git").exists():
        ignored = subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", "data/reference.json"])
        kept = subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", "data/说明.txt"])
        assert ignored.returncode == 0 and kept.returncode == 1


def test_a_folder_holding_only_the_readme_opens_as_a_new_village(tmp_path):
    folder = tmp_path / "桃源村 数据"
    folder.mkdir()
    shutil.copy(README_OF_DATA, folder / "说明.txt")
    service = VillageService.open(folder)
    try:
        assert not service.is_set_up() and not service.readonly
        assert not service.folder.broken_files
    finally:
        service.close()


async def test_the_app_on_a_folder_holding_only_the_readme_starts_the_first_run_setup(tmp_path):
    from village_tui.app import VillageApp

    shutil.copy(README_OF_DATA, tmp_path / "说明.txt")
    service = VillageService.open(tmp_path)
    try:
        app = VillageApp(service)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "SetupScreen"
    finally:
        service.close()


def test_every_command_works_on_chinese_paths_with_spaces(tmp_path, capsys):
    usb = tmp_path / "U盘 备份"
    data = usb / "桃源村 数据"
    data.mkdir(parents=True)
    shutil.copy(README_OF_DATA, data / "说明.txt")
    readme = (data / "说明.txt").read_bytes()

    code, out, _ = _run(capsys, "demo", str(data), "--until", "2026-11-27")
    assert code == 0 and "生成演示村" in out
    assert (data / "说明.txt").read_bytes() == readme

    code, out, _ = _run(capsys, "check", "--data", str(data), "--month", "2026-10")
    assert code in (0, 1) and out.startswith("检查期间：2026-10")

    report = tmp_path / "报表 文件" / "十月 月报.xlsx"
    report.parent.mkdir()
    code, out, err = _run(capsys, "report", "--data", str(data), "--month", "2026-10", "--xlsx", str(report))
    assert code == 0, err
    assert report.stat().st_size > 0

    stick = usb / "上报 乡镇"
    stick.mkdir()
    code, out, err = _run(capsys, "export", str(stick), "--data", str(data))
    assert code == 0, err
    export = next(stick.rglob("manifest.json")).parent
    assert not list(export.rglob("说明.txt")), "the data folder's readme is not village data"

    code, out, err = _run(capsys, "verify", str(export))
    assert code == 0, out + err
    code, out, err = _run(capsys, "verify", str(data))
    assert code == 0, out + err

    code, out, err = _run(capsys, "review", str(export), str(data), "--month", "2026-10", "--text",
                          "--sqlite", str(tmp_path / "汇总 库.sqlite"))
    assert code != 2, err  # 1 when a rule is missed, as check has it
    assert "\n桃源村\t校验通过\t" in out and "\n桃源村\t未校验\t" in out
    assert (tmp_path / "汇总 库.sqlite").stat().st_size > 0

    templates = tmp_path / "导入 模板"
    code, out, err = _run(capsys, "template", str(templates))
    assert code == 0, err
    workbook = next(templates.glob("*.xlsx"))
    code, out, err = _run(capsys, "import", str(workbook), "--data", str(data), "--dry-run")
    assert code in (0, 1), err
    assert "Traceback" not in out + err


@pytest.mark.parametrize("args", [["--help"], ["check", "--data", "不存在的 文件夹", "--month", "2026-10"]])
def test_python_m_prints_utf8_like_the_command_even_when_the_console_encoding_cannot_hold_chinese(args, tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0",
           "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-m", "village_tui", *args], capture_output=True, env=env, cwd=tmp_path)
    text = (done.stdout + done.stderr).decode("utf-8")
    assert "Traceback" not in text
    assert "村干部联系服务群众工作台" in text or "数据文件夹" in text
    in_process = subprocess.run([sys.executable, "-c", "import sys; from village_tui.cli import main; "
                                 f"sys.exit(main({args!r}))"], capture_output=True, env=env, cwd=tmp_path)
    assert (in_process.returncode, in_process.stdout, in_process.stderr) == (done.returncode, done.stdout,
                                                                            done.stderr)

