"""``village-tui demo DIR``: write a demo village (桃源村 for seed 1) into an empty data folder.

Exit code 0 on success, 2 when the folder already holds a village or cannot be written.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from village_tui.demo.village import village_name
from village_tui.domain.errors import DomainError
from village_tui.cli_text import os_reason

EXIT_OK, EXIT_ERROR = 0, 2
_BAR_WIDTH = 30
_LABELS = {"cadres": "干部", "households": "农户", "special_periods": "特殊时期", "pairings": "结对",
           "matters": "五事", "duty": "值班日", "visits": "走访", "ledger": "民情台账", "meetings": "分析会",
           "requests": "便民服务"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui demo``."""
    parser.add_argument("folder", metavar="DIR", help="要生成演示数据的空文件夹")
    parser.add_argument("--scale", choices=("small", "large"), default="small",
                        help="small：约200户、4个组、5名干部；large：3000户、12个组、9名干部")
    parser.add_argument("--years", type=int, default=None, help="记录年数（small 默认 1 年，large 默认 10 年）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子，相同种子生成相同数据（默认 1）")
    parser.add_argument("--until", default=None, help="数据截止日期，如 2026-11-27（默认今天）")


def _bar(done: int, total: int, label: str) -> None:
    """Redraw a text progress bar on stderr."""
    filled = _BAR_WIDTH * done // max(total, 1)
    line = f"\r生成中 [{'#' * filled}{'-' * (_BAR_WIDTH - filled)}] {done}/{total} {label}"
    sys.stderr.write(line.ljust(60))
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    """Generate the demo village and print what was written."""
    from village_tui.demo import generate_demo

    if args.years is not None and not 1 <= args.years <= 50:
        print("错误：--years 应在 1 到 50 之间", file=sys.stderr)
        return EXIT_ERROR
    until = None
    if args.until:
        try:
            until = date.fromisoformat(args.until)
        except ValueError:
            print(f"错误：日期格式不对：{args.until}（应如 2026-11-27）", file=sys.stderr)
            return EXIT_ERROR
    started = time.perf_counter()
    try:
        counts = generate_demo(args.folder, scale=args.scale, years=args.years, seed=args.seed, until=until,
                               progress=_bar if args.scale == "large" else None)
    except DomainError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        print(f"错误：不能写入 {args.folder}：{os_reason(error)}", file=sys.stderr)
        return EXIT_ERROR
    seconds = time.perf_counter() - started
    summary = "，".join(f"{_LABELS.get(kind, kind)} {count}" for kind, count in counts.items())
    print(f"已在 {args.folder} 生成演示村 {village_name(args.seed)}（{seconds:.1f} 秒）：{summary}")
    return EXIT_OK
