"""The installer's last step on a village PC: choose the data folder, bring it up to date, make the shortcut.

Run by 安装.bat and install.sh from the freshly installed program
(``python -m village_tui.bundle.place --app DIR --bundle DIR``), after pip put it
into ``DIR/venv``. It asks where the data go (default from :mod:`pc_paths`,
never the USB stick), remembers the answer in ``数据位置.txt``, copies a village an
older bundle had kept on the stick, backs the data folder up and lets the new
program migrate it, writes the start scripts beside the venv and puts a shortcut
on the desktop. Exit code 0 when done, 2 when the data folder cannot be used.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

from village_tui import __version__
from village_tui.bundle import pc_paths
from village_tui.bundle.scripts import crlf
from village_tui.cli_text import error_text, use_utf8_output

CONFIG_NAME = "数据位置.txt"
OLD_DATA_NAME = "数据"  # where bundles before 0.2.0 kept the village: beside the scripts, on the stick

_START_BAT = """@echo off
chcp 65001 >nul
setlocal
rem 村务工作台（由安装.bat 写入）。数据文件夹在下一行；要换位置，再运行一次U盘上的「安装.bat」。
set "DATA={data}"
set PYTHONUTF8=1
"%~dp0venv\\Scripts\\python.exe" -m village_tui --data "%DATA%" %*
if errorlevel 1 pause
"""

_DEMO_BAT = """@echo off
chcp 65001 >nul
setlocal
rem 演示村（由安装.bat 写入），不碰村里的数据文件夹。
set PYTHONUTF8=1
"%~dp0venv\\Scripts\\python.exe" -m village_tui --demo
if errorlevel 1 pause
"""

_SHORTCUT_PS = """$ErrorActionPreference = 'Stop'
$link = Join-Path ([Environment]::GetFolderPath('Desktop')) ($env:VT_NAME + '.lnk')
$shortcut = (New-Object -ComObject WScript.Shell).CreateShortcut($link)
$shortcut.TargetPath = $env:VT_TARGET
$shortcut.WorkingDirectory = $env:VT_DIR
$shortcut.Description = $env:VT_NAME
$shortcut.Save()
"""


def _say(line: str = "") -> None:
    print(line, flush=True)


def _read_config(app: Path) -> Path | None:
    try:
        text = (app / CONFIG_NAME).read_text(encoding="utf-8-sig").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def _refusal(data: Path, bundle: Path | None) -> str | None:
    """Why ``data`` is no place for the village's records, or None."""
    if (bundle is not None and pc_paths.is_inside(data, bundle)) or pc_paths.on_removable_drive(data):
        return (f"「{data}」在U盘上。数据要放在电脑的硬盘上：U盘拔掉、弄丢或坏了，村里的记录就没了。"
                "U盘只用来安装和带导出的文件。")
    return None


def choose_data(given: str | None, default: Path, bundle: Path | None, ask: bool) -> Path | None:
    """The data folder: ``given``, else the clerk's answer (Enter for ``default``), never one on the stick.

    Returns:
        The folder, or None when the only answer available is refused.
    """
    while True:
        if given is not None:
            answer = given
        elif ask:
            answer = input(f"数据文件夹放在哪里？直接按回车用「{default}」，或输入别的完整路径：").strip()
        else:
            answer = ""
        data = Path(answer.strip().strip('"')).expanduser() if answer.strip() else default
        problem = _refusal(data, bundle)
        if problem is None:
            return data
        _say(problem)
        if given is not None or not ask:
            return None


def write_start_scripts(app: Path, data: Path) -> Path:
    """Write the start and demo scripts beside the venv; the one the shortcut opens."""
    from village_tui.store.api import atomic_write_bytes

    if pc_paths.is_windows():
        start = app / "启动工作台.bat"
        atomic_write_bytes(start, crlf(_START_BAT.format(data=str(data).replace("%", "%%"))).encode("utf-8"))
        atomic_write_bytes(app / "演示.bat", crlf(_DEMO_BAT).encode("utf-8"))
        return start
    python = shlex.quote(str(app / "venv" / "bin" / "python"))
    start, demo = app / "start.sh", app / "demo.sh"
    start.write_text(f"#!/bin/sh\n# 村务工作台（由 install.sh 写入）。要换数据文件夹，再运行一次 install.sh。\n"
                     f"exec {python} -m village_tui --data {shlex.quote(str(data))} \"$@\"\n", encoding="utf-8")
    demo.write_text(f"#!/bin/sh\n# 演示村，不碰村里的数据文件夹。\nexec {python} -m village_tui --demo\n", encoding="utf-8")
    start.chmod(0o755)
    demo.chmod(0o755)
    return start


def _desktop_exec(path: Path) -> str:
    text = str(path)
    for char in ("\\", '"', "`", "$"):
        text = text.replace(char, "\\" + char)
    return f'"{text}"'


def make_shortcut(app: Path, start: Path) -> str:
    """Put a shortcut to ``start`` on the desktop (and, on Linux, in the applications menu); where, in Chinese.

    Raises:
        OSError: The shortcut cannot be written.
    """
    if pc_paths.is_windows():  # pragma: no cover - Windows only
        env = {**os.environ, "VT_NAME": pc_paths.SHORTCUT_NAME, "VT_TARGET": str(start), "VT_DIR": str(app)}
        done = subprocess.run(["powershell", "-NoProfile", "-ExecutionPolicy", "Bypass", "-Command", _SHORTCUT_PS],
                              env=env, capture_output=True)
        if done.returncode != 0:
            raise OSError("没能在桌面上建立快捷方式（PowerShell 出错）")
        return f"桌面上的「{pc_paths.SHORTCUT_NAME}」"
    entry = ("[Desktop Entry]\nType=Application\nName=" + pc_paths.SHORTCUT_NAME
             + "\nComment=村干部联系服务群众工作台\nExec=" + _desktop_exec(start) + "\nTerminal=true\nCategories=Office;\n")
    menu = app.parent / "applications" / f"{pc_paths.APP_NAME}.desktop"
    menu.parent.mkdir(parents=True, exist_ok=True)
    places = [menu]
    desktop = pc_paths.desktop_dir()
    if desktop.is_dir():
        places.append(desktop / f"{pc_paths.APP_NAME}.desktop")
    for place in places:
        place.write_text(entry, encoding="utf-8")
        place.chmod(0o755)
    return "应用菜单" + ("和桌面" if len(places) > 1 else "") + f"里的「{pc_paths.SHORTCUT_NAME}」"


def _upgrade(data: Path) -> None:
    from village_tui.store.api import upgrade_folder

    done = upgrade_folder(data, __version__)
    if not done.had_data:
        _say("数据文件夹是空的：第一次打开工作台时按提示填写村庄名称、干部等。")
        return
    if done.backup is not None:
        _say(f"原来的数据已备份到：{done.backup}")
    if done.migrated_from is not None:
        _say(f"数据已升级到新版本的格式（原来是第 {done.migrated_from} 版），升级前另有一份备份。")
    if done.problem:
        _say(f"注意：{done.problem}")


def run(args: argparse.Namespace) -> int:
    """Place the installed program on the PC; the exit code."""
    app = Path(args.app)
    bundle = Path(args.bundle) if args.bundle else None
    previous = _read_config(app)
    default = previous or pc_paths.default_data_dir()
    data = choose_data(args.data, default, bundle, ask=args.data is None and sys.stdin.isatty())
    if data is None:
        return 2
    from village_tui.store.api import atomic_write_bytes
    from village_tui.store.api import copy_village, holds_village

    old = bundle / OLD_DATA_NAME if bundle is not None else None
    if old is not None and holds_village(old) and not holds_village(data):
        _say(f"正在把U盘上「{OLD_DATA_NAME}」文件夹里的数据复制到 {data} ...")
        copy_village(old, data)
        _say(f"已复制。在电脑上核对无误后，U盘上的「{OLD_DATA_NAME}」文件夹可以删除。")
    data.mkdir(parents=True, exist_ok=True)
    app.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(app / CONFIG_NAME, str(data).encode("utf-8"))
    _upgrade(data)
    start = write_start_scripts(app, data)
    shortcut = None
    if not args.no_shortcut:
        try:
            shortcut = make_shortcut(app, start)
        except OSError as error:  # the program is installed all the same: say where to start it
            _say(f"注意：{error_text(error)}。")
    _say()
    _say(f"安装完成（工作台 {__version__}）。")
    _say(f"  程序装在：{app}")
    _say(f"  数据文件夹：{data}（在电脑硬盘上；U盘只用来安装和带导出的文件）")
    if shortcut:
        _say(f"以后双击{shortcut}打开工作台。")
    else:
        _say(f"以后运行 {start} 打开工作台。")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m village_tui.bundle.place``."""
    use_utf8_output()
    parser = argparse.ArgumentParser(prog="place")
    parser.add_argument("--app", required=True, help="the folder holding the installed venv")
    parser.add_argument("--bundle", help="the installer's own folder (on the stick)")
    parser.add_argument("--data", help="the data folder, without asking")
    parser.add_argument("--no-shortcut", action="store_true", help="no desktop shortcut")
    try:
        return run(parser.parse_args(argv))
    except (OSError, EOFError) as error:
        text = error_text(error) if isinstance(error, OSError) else "没有输入"
        print(f"错误：{text}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
