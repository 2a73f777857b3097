"""Open the data folder (or the demo village) and run the app."""

from __future__ import annotations

import sys
from pathlib import Path

from village_tui.domain.errors import DomainError
from village_tui.cli_text import DEMO_FOLDER, error_text

def _prepare_demo(path: Path) -> None:
    """Create the small demo village on first use (the first-run setup runs when it cannot be made)."""
    from village_tui.service import VillageService

    service = VillageService.open(path)
    try:
        # A broken folder is never "not set up": the app shows the broken-file dialog instead.
        ready = service.folder.broken_files or service.is_set_up()
    finally:
        service.close()
    if ready:
        return
    try:
        from village_tui.demo import generate_demo
    except ImportError:
        return
    print("正在生成演示村数据，请稍候...", file=sys.stderr)
    generate_demo(path, scale="small", seed=1)


def launch_app(args) -> int:
    """Run the app on ``args.data`` (or the demo folder with ``args.demo``).

    Args:
        args: Has ``data`` (str), ``readonly`` (bool) and ``demo`` (bool).

    Returns:
        The exit code: 0 after a normal exit, 2 when the folder cannot be opened.
    """
    from village_tui.app import VillageApp
    from village_tui.service import VillageService

    path = DEMO_FOLDER if args.demo else Path(args.data)
    try:
        if args.demo and not args.readonly:
            _prepare_demo(path)
        service = VillageService.open(path, readonly=args.readonly)
    except (OSError, DomainError) as error:
        print(f"无法打开数据文件夹 {path}：{error_text(error)}", file=sys.stderr)
        return 2
    try:
        VillageApp(service).run()
    finally:
        service.close()
    return 0
