"""``village-tui export DEST``: copy the data folder to a USB stick for the township, then verify the copy.

Personal data is masked unless ``--unmasked`` is given. After a verified export
the months before this one are locked (corrections need a reason).
Exit code 0 when the copy verified, 1 when it did not, 2 on an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from village_tui.domain.errors import DomainError
from village_tui.commands.levels import village_only
from village_tui.cli_text import no_village_message
from village_tui.cli_text import error_text, os_reason

EXIT_OK, EXIT_BAD_COPY, EXIT_ERROR = 0, 1, 2
_BAR_WIDTH = 30
WRITE_ADVICE = "请检查U盘是否插好、是否已满或被写保护；换一个U盘或重新插好后再导出。"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui export``."""
    parser.add_argument("dest", metavar="DEST", help="导出到哪个文件夹（通常是U盘，如 E:\\ 或 /media/usb）")
    parser.add_argument("--data", default="data", help="数据文件夹（默认 ./data）")
    parser.add_argument("--unmasked", action="store_true",
                        help="不遮盖身份证号、电话和敏感事项（默认遮盖；仅在确有需要时使用）")


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    """Export, verify, and lock the months before this one."""
    from village_tui.domain.dates import format_cn
    from village_tui.commands.progress import counted
    from village_tui.exchange.export import export_village, lock_period
    from village_tui.service import VillageService

    data, dest = Path(args.data), Path(args.dest)
    if not data.is_dir():
        return _fail(no_village_message(data))
    if not dest.is_dir():
        return _fail(f"导出位置不存在：{dest}。{WRITE_ADVICE}")
    try:
        service = VillageService.open(data)
    except (DomainError, OSError) as error:
        return _fail(f"打不开数据文件夹 {data}：{error_text(error)}")
    for notice in service.folder.open_notices():  # what this writable open found and mended, said once
        print(f"注意：{notice}", file=sys.stderr)
    try:
        broken = service.folder.broken_message()
        if broken:
            return _fail(f"没有导出。{broken}")
        if not service.is_set_up():
            return _fail(no_village_message(data))
        other_level = village_only(service, data, "export")
        if other_level:
            return _fail(other_level)
        try:
            with counted("导出", "步") as progress:
                result = export_village(service, dest, masked=not args.unmasked, progress=progress.update)
        except OSError as error:
            return _fail(f"写入 {dest} 失败（{os_reason(error)}）。{WRITE_ADVICE}")
        except DomainError:  # a file found broken or of the wrong shape by the export's check of every file
            return _fail(f"没有导出。{service.folder.broken_message()}")
        print("\n".join(result.lines()))
        if not result.verify.ok:
            return EXIT_BAD_COPY
        try:
            locked = lock_period(service, service.today)
        except (DomainError, OSError) as error:
            print(f"注意：未能锁定已上报的月份：{error_text(error)}", file=sys.stderr)
            locked = None
        if locked is not None:
            print(f"已锁定{format_cn(locked)}以前的记录；以后更正需要填写原因，并在审计日志中记为「更正」。")
        elif service.readonly:
            print(f"注意：数据文件夹为只读（{service.readonly_reason}），未锁定已上报的月份。")
    finally:
        service.close()
    return EXIT_OK
