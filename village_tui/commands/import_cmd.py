"""``village-tui import FILE``: bring a village's Excel/WPS ledgers in, all rows or none.

Exit code 0 when everything was imported (or would be, with ``--dry-run``),
1 when some rows have problems (nothing written, or with ``--skip-bad`` only the
good rows), 2 on an error.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

from village_tui.domain.errors import DomainError
from village_tui.cli_text import error_text, os_reason

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
MAX_PROBLEMS_SHOWN = 200

HELP = """\
FILE 也可以是乡镇发回的回复包文件夹（回复-乡镇-村-日期-时间）：答复登记到对应事项的上报记录上。

FILE 可以是：一个 .xlsx 工作簿（每种表一张工作表，表名为 干部、农户、特殊时期、值班、走访、帮扶、民情、分析会）；
一个 .csv 文件（文件名为表名，如 走访.csv，或用 --kind 指定；UTF-8、带 BOM 的 UTF-8、GBK 均可）；
或一个放着这些 CSV 文件的文件夹。列的顺序不限，多余的列会忽略。

先检查全部行，有问题时不写入任何数据，并列出第几行、哪一列、什么问题；
加 --skip-bad 则只导入没有问题的行，有问题的行另存到输入文件旁的「<表名>-有问题的行.csv」（多一列「问题」），
改正后可再导入。同一文件导入两次不会重复新增。

第一次导入到空的数据文件夹时需要村庄信息：用 --village 村名 --township 乡镇 --county 县，
或在工作簿里加一张名为「村」的工作表（列：村名、乡镇、县，第二行填写）。
表中出现而设置里还没有的村民小组会在首次导入时自动添加；1、1组、一组 视为同一个组。
可用 village-tui template 目录 生成空白模板。"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui import``."""
    parser.description = f"{parser.description}\n\n{HELP}"
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("file", metavar="FILE", help="要导入的 .xlsx、.csv 文件，或放 CSV 文件的文件夹")
    parser.add_argument("--data", default="data", help="数据文件夹（默认 ./data）")
    parser.add_argument("--dry-run", action="store_true", help="只检查并显示将新增、更新多少条，不写入")
    parser.add_argument("--skip-bad", action="store_true", help="跳过有问题的行，其余照常导入")
    parser.add_argument("--kind", help="CSV 文件是哪种表：干部、农户、特殊时期、值班、走访、帮扶、民情、分析会")
    parser.add_argument("--village", help="村名（首次导入到空文件夹时）")
    parser.add_argument("--township", help="乡镇（首次导入到空文件夹时）")
    parser.add_argument("--county", help="县（首次导入到空文件夹时）")
    parser.add_argument("--operator", help="导入乡镇回复包时的经办干部（默认为上次登录的干部）")


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_ERROR


def _open(args: argparse.Namespace):
    from village_tui.service import VillageService

    if args.dry_run:
        if not Path(args.data).exists():
            return VillageService.in_memory()
        return VillageService.open(args.data, readonly=True)
    return VillageService.open(args.data)


def _refused_in_memory(args: argparse.Namespace) -> int | None:
    """A first import makes the data folder only when it would write something: checked in memory first.

    Returns:
        The exit code of a refused import (its messages printed, no folder made), or None to go on.
    """
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        checked = run(argparse.Namespace(**{**vars(args), "dry_run": True}))
    if checked == EXIT_OK or (checked == EXIT_PROBLEMS and args.skip_bad):
        return None
    lines = [line for line in out.getvalue().splitlines() if not line.startswith("试运行")]
    if checked == EXIT_PROBLEMS:
        lines.append("\n没有导入任何数据。请改正后再导入，或加 --skip-bad 只导入没有问题的行。")
    print("\n".join(lines))
    print(err.getvalue(), end="", file=sys.stderr)
    print(f"没有新建数据文件夹 {args.data}。", file=sys.stderr)
    return checked


def run(args: argparse.Namespace) -> int:
    """Plan the import, print it, and write it unless told not to."""
    from village_tui.commands.progress import counted
    from village_tui.imports import ImportRefused, apply_plan, build_plan, read_file

    from village_tui.exchange.township.package import is_package

    from village_tui.domain.error_words import missing_path

    if not Path(args.file).exists():  # refused before the data folder is opened (or made)
        return _fail(missing_path(args.file, "文件或文件夹"))
    if Path(args.file).is_dir() and is_package(Path(args.file)):
        from village_tui.commands.reply_import import run_package

        return run_package(args)
    village = None
    if args.village or args.township or args.county:
        village = (args.village or "", args.township or "", args.county or "")
    if not args.dry_run and not Path(args.data).exists():
        refused = _refused_in_memory(args)
        if refused is not None:
            return refused
    try:
        service = _open(args)
    except (DomainError, OSError) as error:
        return _fail(error_text(error))
    for notice in service.folder.open_notices():  # what this writable open found and mended, said once
        print(f"注意：{notice}", file=sys.stderr)
    try:
        broken = service.folder.broken_message() if not service.folder.is_memory else None
        if broken:
            return _fail(f"没有导入。{broken}")
        with counted("导入", "步") as progress:
            progress.update(0, 3, "读取表格")
            sheets = read_file(args.file, args.kind)
            rows = sum(len(sheet.rows) for sheet in sheets)
            progress.update(1, 3, f"检查 {rows} 行")
            plan = build_plan(service, sheets, village)
        for line in plan.summary_lines():
            print(line)
        for note in plan.notes:
            print(f"说明：{note}")
        if plan.problems:
            print(f"\n发现 {len(plan.problems)} 处问题：")
            for problem in plan.problems[:MAX_PROBLEMS_SHOWN]:
                print(f"  {problem}")
            if len(plan.problems) > MAX_PROBLEMS_SHOWN:
                print(f"  还有 {len(plan.problems) - MAX_PROBLEMS_SHOWN} 处未列出")
        if args.dry_run:
            print("\n试运行：没有写入任何数据。")
            return EXIT_PROBLEMS if plan.problems else EXIT_OK
        if plan.problems and not args.skip_bad:
            print("\n没有导入任何数据。请改正后再导入，或加 --skip-bad 只导入没有问题的行。")
            return EXIT_PROBLEMS
        with counted("导入", "步") as progress:
            progress.update(2, 3, f"写入 {rows} 行")
            result = apply_plan(service, plan, skip_bad=args.skip_bad, source=args.file,
                                note=f"表格导入 {Path(args.file).name}")
            progress.update(3, 3, "完成")
    except ImportRefused as error:
        print(f"\n{error}")
        return EXIT_PROBLEMS
    except OSError as error:
        return _fail(f"不能写入：{os_reason(error)}")
    except DomainError as error:
        return _fail(error_text(error))
    finally:
        service.close()
    print(f"\n已导入：{result.summary()}")
    for path in result.bad_rows_files:
        print(f"有问题的行已另存到：{path}")
    return EXIT_PROBLEMS if plan.problems else EXIT_OK
