"""``village-tui report``: the monthly report or the yearly per-cadre assessment as an Excel workbook.

Exit code 0 on success, 2 on an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from village_tui.domain.errors import DomainError
from village_tui.commands.levels import village_only
from village_tui.cli_text import no_village_message
from village_tui.cli_text import error_text, os_reason

EXIT_OK, EXIT_ERROR = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui report``."""
    period = parser.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", help="月报：值班、走访、结对、民情台账、分析会，如 2026-10")
    period.add_argument("--year", help="年度考核：每位干部一行，如 2026")
    parser.add_argument("--xlsx", metavar="FILE", help="写入的 Excel 文件，如 月报.xlsx")
    parser.add_argument("--notice", metavar="FILE", help="另写一份可直接打印张贴的村务公示网页，如 公示.html")
    parser.add_argument("--paper", choices=("A4", "A3"), default="A4", help="公示的纸张：A4（默认）或 A3，纵向")
    parser.add_argument("--data", default="data", help="数据文件夹（默认 ./data）")


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    """Write the report."""
    from village_tui.commands.period import parse_period
    from village_tui.exchange.review import open_village
    from village_tui.exchange.notice_html import save_notice_html
    from village_tui.exchange.workbooks import village_notice, write_report

    if not args.xlsx and not args.notice:
        return _fail("请用 --xlsx 给出 Excel 文件，或用 --notice 给出公示网页文件")
    titles: list[str] = []
    target = args.xlsx
    try:
        year, month = parse_period(args.month, args.year)
        if not Path(args.data).is_dir():
            return _fail(no_village_message(args.data))
        service = open_village(args.data)
    except (DomainError, OSError) as error:
        return _fail(error_text(error))
    try:
        broken = service.folder.broken_message()
        if broken:
            return _fail(broken)
        if not service.is_set_up():
            return _fail(no_village_message(args.data))
        other_level = village_only(service, args.data, "report")
        if other_level:
            return _fail(other_level)
        if args.xlsx:
            titles = write_report(service, year, month, args.xlsx, paper=args.paper)
        if args.notice:
            target = args.notice
            save_notice_html(village_notice(service, year, month), args.notice, args.paper)
    except DomainError as error:
        return _fail(error_text(error))
    except OSError as error:
        return _fail(f"不能写入 {target}（{os_reason(error)}）；如果文件正在 Excel/WPS 中打开，请先关闭")
    finally:
        service.close()
    if args.xlsx:
        kind = f"{year}年{month}月月报" if month else f"{year}年度考核"
        print(f"已写入{kind}：{Path(args.xlsx)}（工作表：{'、'.join(titles)}）")
    if args.notice:
        print(f"已写入村务公示（{args.paper} 纵向，可用浏览器打印）：{Path(args.notice)}")
    return EXIT_OK
