"""``village-tui template DIR``: write blank import templates (a workbook and one CSV per kind).

Exit code 0 on success, 2 when the folder cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from village_tui.cli_text import os_reason

EXIT_OK, EXIT_ERROR = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui template``."""
    parser.add_argument("folder", metavar="DIR", help="写入模板的文件夹（不存在时新建）")


def run(args: argparse.Namespace) -> int:
    """Write the templates and list the files."""
    from village_tui.imports.template import write_templates

    try:
        written = write_templates(args.folder)
    except OSError as error:
        print(f"错误：不能写入 {args.folder}：{os_reason(error)}", file=sys.stderr)
        return EXIT_ERROR
    print(f"已在 {args.folder} 写入导入模板（表头和一行示例，填好后用 village-tui import 导入）：")
    for path in written:
        print(f"  {path.name}")
    return EXIT_OK
