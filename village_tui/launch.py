"""Open the data folder (or the demo village) and run the app."""

from __future__ import annotations

import sys
from pathlib import Path

from village_tui.domain.errors import DomainError
from village_tui.cli_text import DEMO_FOLDER, error_text

#: The folder opened without --data (made on the first start).
DEFAULT_DATA = "data"

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


def missing_folder_message(args, path: Path) -> str:
    """What to say when ``--data`` names a folder that does not exist ("" when it may be opened).

    A mistyped path used to become a new, empty village (and set-up), which looks
    like lost data. Only the default ``./data`` (the first start) or ``--new``
    creates a folder, and then only inside a folder that exists.
    """
    if args.demo or path.exists():
        return ""
    if not path.parent.is_dir():
        return f"文件夹不存在：{path.parent}。请检查 --data 的路径是否写对。"
    if getattr(args, "new", False) or args.data == DEFAULT_DATA:
        return ""
    return f"文件夹不存在：{path}。请检查 --data 的路径是否写对；要在这里新建数据文件夹，请加上 --new。"


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
    missing = missing_folder_message(args, path)
    if missing:
        print(missing, file=sys.stderr)
        return 2
    try:
        if args.demo and not args.readonly:
            _prepare_demo(path)
        service = VillageService.open(path, readonly=args.readonly, check_later=True)
    except (OSError, DomainError) as error:
        print(f"无法打开数据文件夹 {path}：{error_text(error)}", file=sys.stderr)
        return 2
    if folder_level(service) == "乡镇":
        service.close()
        return launch_township(path, args.readonly)
    desk = desk_folder_message(service, path)
    if desk:
        service.close()
        print(desk, file=sys.stderr)
        return 2
    try:
        VillageApp(service).run()
    finally:
        service.close()
    return 0


def desk_folder_message(service, path: Path) -> str:
    """What to say when ``path`` holds a township's (or county's) desk, not a village ("" for a village).

    A folder whose reference file cannot be read is left to the app, which offers a restore.
    """
    from village_tui.service import BrokenDataFile

    try:
        settings = service.records.settings()
    except BrokenDataFile:
        return ""
    if settings is None or settings.level == "村":
        return ""
    from village_tui.cli_text import desk_folder_text

    return desk_folder_text(path, settings.name, settings.level)


def folder_level(service) -> str:
    """The level whose data ``service``'s folder holds (村, 乡镇 or 县); 村 when its settings cannot be read."""
    from village_tui.service import BrokenDataFile

    try:
        settings = service.records.settings()
    except BrokenDataFile:
        return "村"
    return settings.level if settings is not None else "村"


def launch_township(path: Path, readonly: bool) -> int:
    """Run the township's desk on ``path`` (see :mod:`village_tui.township_app`).

    Returns:
        The exit code: 0 after a normal exit, 2 when the folder cannot be opened.
    """
    from village_tui.service.township import TownshipDesk
    from village_tui.township_app import desk_loop

    try:
        desk = TownshipDesk.open(path, readonly=readonly)
    except (OSError, DomainError) as error:
        print(f"无法打开数据文件夹 {path}：{error_text(error)}", file=sys.stderr)
        return 2
    try:
        broken = desk.folder.broken_message()
        if broken:
            print(broken, file=sys.stderr)
            return 2
        desk_loop(desk)
    finally:
        desk.close()
    return 0
