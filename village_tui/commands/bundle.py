"""``village-tui bundle DEST``: a folder to copy onto a USB stick and install from on offline village PCs.

Run once on a machine that reaches a package registry. Exit code 0 on success
(the gaps, if any, are printed), 2 when pip or the folder fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from village_tui.cli_text import os_reason

EXIT_OK, EXIT_ERROR = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui bundle``."""
    parser.add_argument("dest", metavar="DEST", help="写入安装包的文件夹（不存在时新建），之后整个复制到U盘")
    parser.add_argument("--source", metavar="DIR", help="本程序的源代码文件夹（含 pyproject.toml；默认自动查找）")


def run(args: argparse.Namespace) -> int:
    """Build the bundle and print what it holds and what it could not get."""
    from village_tui.bundle.build import build_bundle, describe
    from village_tui.bundle.wheels import BundleError, find_source

    source = Path(args.source) if args.source else find_source()
    if source is None or not (source / "pyproject.toml").is_file():
        print("错误：找不到本程序的源代码文件夹（含 pyproject.toml），请用 --source 指定", file=sys.stderr)
        return EXIT_ERROR
    dest = Path(args.dest)

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        wheels = build_bundle(dest, source, log)
    except BundleError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        print(f"错误：不能写入 {dest}：{os_reason(error)}", file=sys.stderr)
        return EXIT_ERROR
    print(describe(wheels))
    print(f"已写入安装包：{dest}（把整个文件夹复制到U盘；在村里电脑上双击「安装.bat」，详见「说明.txt」）")
    return EXIT_OK
