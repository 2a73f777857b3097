"""``village-tui bundle DEST``: a folder to copy onto a USB stick and install from on offline village PCs.

Run once on a machine that reaches a package registry (or with ``PIP_NO_INDEX`` and
``PIP_FIND_LINKS`` pointing at a folder of wheels). Exit code 0 when every target
resolved, 1 when some targets cannot be served (listed), 2 when pip or the folder fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from village_tui.cli_text import os_reason

EXIT_OK, EXIT_GAPS, EXIT_ERROR = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui bundle``."""
    parser.add_argument("dest", metavar="DEST", help="写入安装包的文件夹（不存在时新建），之后整个复制到U盘")
    parser.add_argument("--source", metavar="DIR", help="本程序的源代码文件夹（含 pyproject.toml 和 requirements.lock；默认自动查找）")
    parser.add_argument("--target", metavar="平台-版本", action="append",
                        help="只为这种电脑打包，可写多次，如 win_amd64-3.12、win32-3.10、manylinux2014_x86_64-3.11"
                             "（默认 Windows 64位、32位和 Linux，各 Python 3.10–3.13）")


def run(args: argparse.Namespace) -> int:
    """Build the bundle and print what it holds per target."""
    from village_tui.bundle.build import build_bundle, describe
    from village_tui.bundle.wheels import BundleError, find_source, parse_target
    from village_tui.commands.progress import counted

    source = Path(args.source) if args.source else find_source()
    if source is None or not (source / "pyproject.toml").is_file():
        print("错误：找不到本程序的源代码文件夹（含 pyproject.toml），请用 --source 指定", file=sys.stderr)
        return EXIT_ERROR
    try:
        targets = [parse_target(text) for text in args.target] if args.target else None
    except ValueError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_ERROR
    dest = Path(args.dest)

    with counted("下载各种电脑的程序包", "种") as progress:
        def log(line: str) -> None:
            if not progress.shown:
                print(line, file=sys.stderr, flush=True)

        try:
            wheels = build_bundle(dest, source, log, targets, progress.update)
        except BundleError as error:
            progress.stop()
            print(f"错误：{error}", file=sys.stderr)
            return EXIT_ERROR
        except OSError as error:
            progress.stop()
            print(f"错误：不能写入 {dest}：{os_reason(error)}", file=sys.stderr)
            return EXIT_ERROR
    print(describe(wheels))
    print(f"已写入安装包：{dest}（把整个文件夹复制到U盘；在村里电脑上双击「安装.bat」，详见「说明.txt」）")
    return EXIT_GAPS if any(t.error for t in wheels.targets) else EXIT_OK
