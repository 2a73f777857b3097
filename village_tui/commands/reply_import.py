"""``village-tui import PACKAGE``: a village applies the township's reply package.

All of it in one transaction or nothing; exit 2 when the package is refused (another
village or township, failed checks, unknown items), 0 otherwise (also when it was
applied before and changes nothing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from village_tui.cli_text import error_text, os_reason
from village_tui.domain.errors import DomainError

EXIT_OK, EXIT_ERROR = 0, 2


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_ERROR


def sign_in(service, name: str | None) -> str:
    """Make the named cadre (or the one who signed in last) the operator; returns the name audited."""
    from village_tui.exchange.export import export_operator

    wanted = name or export_operator(service)
    for cadre in service.cadres(include_archived=True):
        if cadre.name == wanted:
            service.operator = cadre
            return cadre.name
    if name:
        raise DomainError(f"本村没有叫{name}的干部")
    return service.operator_name


def run_package(args: argparse.Namespace) -> int:
    """Check the package, then apply it to the village at ``--data``."""
    from village_tui.cli_text import no_village_message
    from village_tui.service import VillageService
    from village_tui.exchange.township.apply import apply_package
    from village_tui.exchange.township.package import read_package

    data = Path(args.data)
    if not data.is_dir():
        return _fail(no_village_message(data))
    package = read_package(args.file)
    try:
        service = VillageService.open(data, readonly=args.dry_run)
    except (DomainError, OSError) as error:
        return _fail(f"打不开数据文件夹 {data}：{error_text(error)}")
    try:
        broken = service.folder.broken_message()
        if broken:
            return _fail(f"没有导入。{broken}")
        if not service.is_set_up():
            return _fail(no_village_message(data))
        if args.dry_run:
            from village_tui.exchange.township.apply import judged_key, refusal

            reason = refusal(package, service.settings(), service)
            if reason:
                return _fail(f"没有导入。{reason}")
            verdict, line = judged_key(package, service)
            if verdict == "new":
                print(line)
            print(f"试运行：回复包通过校验，含 {len(package.replies)} 条答复；没有写入任何数据。")
            return EXIT_OK
        operator = sign_in(service, args.operator)
        result = apply_package(service, package, operator)
    except OSError as error:
        return _fail(f"不能写入：{os_reason(error)}")
    except DomainError as error:
        return _fail(f"没有导入。{error_text(error)}")
    finally:
        service.close()
    print("\n".join(result.lines()))
    return EXIT_OK
