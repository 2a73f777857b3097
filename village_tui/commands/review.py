"""``village-tui review DIR [DIR ...]``: the township's read-only scorecard of many villages.

Each DIR is an export folder (from a USB stick) or a data folder; nothing is
ever written into them. ``--sqlite FILE`` also writes every village's records
into one SQLite database. Without a terminal (or with ``--text``) the scorecard
is printed; otherwise it opens on screen, and Enter on a village opens its
screens read-only. Exit code, as ``check`` has it: 0 when every village verifies and
holds every rule, 1 when a village's copy fails verification or a finding is missed,
2 on an error (also when a village's data file cannot be read or is of the wrong
shape: the others are still scored).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from village_tui.domain.errors import DomainError
from village_tui.cli_text import error_text

if TYPE_CHECKING:
    from village_tui.service import VillageService

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui review``."""
    parser.add_argument("folders", metavar="DIR", nargs="+", help="各村导出的文件夹或数据文件夹")
    period = parser.add_mutually_exclusive_group()
    period.add_argument("--month", help="按月检查，如 2026-10（默认上个月）")
    period.add_argument("--year", help="按年检查，如 2026")
    parser.add_argument("--sqlite", metavar="FILE", help="把各村全部记录写入一个 SQLite 数据库")
    parser.add_argument("--xlsx", metavar="FILE", help="写入 Excel 工作簿：各村×规则（含图表）、各村干部×规则、公示")
    parser.add_argument("--text", action="store_true", help="只打印汇总表，不打开界面")


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_ERROR


def _period(args) -> tuple[int, int | None, str]:
    from village_tui.domain import dates
    from village_tui.domain.review_month import previous_month

    from village_tui.commands.period import parse_period

    month: int | None
    if args.month is None and args.year is None:  # nothing given: last month, as the desk's 村情审阅 offers
        year, month = previous_month(dates.today())
    else:
        year, month = parse_period(args.month, args.year)
        if month is None:
            return year, None, f"{year}年"
    return year, month, f"{year}年{month}月"


def _scores(folders: list[Path], year: int, month: int | None, sqlite_path: str | None):
    """The scorecard rows and, with ``sqlite_path``, the roll-up summary; each village is opened once."""
    from village_tui.commands.progress import counted
    from village_tui.exchange.review import scorecard

    def counted_rows(rows, progress) -> list:
        done = []
        for row in rows:
            done.append(row)
            progress.update(len(done), len(folders), str(row.folder.name))
        return done

    if not sqlite_path:
        with counted("审阅", "个村") as progress:
            return counted_rows(scorecard(folders, year, month), progress), ""
    from village_tui.exchange.sqlite_rollup import Rollup

    with Rollup(sqlite_path) as rollup, counted("审阅并汇总到 SQLite", "个村") as progress:
        def add(service: VillageService, score) -> None:
            if not score.unreadable:  # a broken village is named in the scorecard, not rolled up
                rollup.add(service, str(score.folder), score.manifest.masked if score.manifest else None)

        rows = counted_rows(scorecard(folders, year, month, also=add), progress)
        totals = rollup.commit()
    return rows, f"已写入 SQLite 数据库 {sqlite_path}：" + "，".join(f"{k} {v}" for k, v in totals.items())


def write_xlsx(folders: list[Path], year: int, month: int | None, path: str) -> str | None:
    """Write the review workbook; a Chinese summary, or None when the file cannot be written."""
    from village_tui.exchange.workbooks import review_book, save_book

    try:
        save_book(review_book(folders, year, month), path)
    except OSError:
        return None
    return f"已写入 Excel 工作簿 {path}（各村×规则、规则符合率、各村干部×规则、公示）"


def exit_code(rows) -> int:
    """2 when a village cannot be read, 1 when one fails verification or misses a rule, else 0."""
    # A village whose files cannot be read is named in the notes and the exit code says so.
    if any(row.unreadable for row in rows):
        return EXIT_ERROR
    if any(row.verified == "校验失败" or row.problems for row in rows):
        return EXIT_FINDINGS
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Score the villages, optionally roll them up, then print or show the scorecard."""
    from village_tui.exchange.review import render_scorecard

    from village_tui.exchange.review_folders import review_folders

    folders = [Path(f) for f in args.folders]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        from village_tui.domain.error_words import missing_path

        return _fail("；".join(missing_path(f) for f in missing))
    folders, looked_into, empty = review_folders(folders)
    if empty:
        return _fail("这些文件夹既不是村的数据文件夹或导出，里面也没有：" + "、".join(map(str, empty)))
    for note in looked_into:
        print(note, file=sys.stderr)
    try:
        year, month, period = _period(args)
        rows, summary = _scores(folders, year, month, args.sqlite)
    except (DomainError, OSError) as error:
        return _fail(error_text(error))
    if args.xlsx:
        written = write_xlsx(folders, year, month, args.xlsx)
        if written is None:
            return _fail(f"不能写入 {args.xlsx}；如果文件正在 Excel/WPS 中打开，请先关闭")
        summary = "\n".join(s for s in (summary, written) if s)
    code = exit_code(rows)
    if args.text or not sys.stdout.isatty():
        print(render_scorecard(period, rows))
        if summary:
            print(summary)
        return code
    from village_tui.review_app import review_loop

    review_loop(rows, period, summary)
    return code
