"""``village-tui township receive|list|reply|send``: the township 民情处理站's desk from the command line.

- ``receive EXPORT... --data T``: verify villages' exports and take their items escalated
  to 乡镇 or 县, keyed by village and item number (``--dry-run`` only counts).
- ``list --data T [--json]``: every item, the longest waiting first.
- ``reply --data T --village V --item N --text TEXT [--close | --return REASON | --forward 县 --note TEXT]``.
- ``extend --data T --village V --item N --until DAY --reason TEXT``: 延期 of the reply due day.
- ``set --data T [--due 类别=天数 ...] [--operator NAME]``: the reply due days and the desk operator.
- ``send DEST --data T``: one reply package per village with something new.

Exit code 0 on success, 2 on an error or a refused export (the others are still taken).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from village_tui.cli_text import error_text, os_reason
from village_tui.commands.desk_arguments import DeskWords, add_desk_arguments
from village_tui.domain.errors import DomainError

EXIT_OK, EXIT_ERROR = 0, 2


def _forward_options(reply: argparse.ArgumentParser, way: argparse._MutuallyExclusiveGroup) -> None:
    """The township's own ``reply`` options: 上报县 with its note."""
    way.add_argument("--forward", choices=["县"], help="上报县民情处理中心")
    reply.add_argument("--note", default="", help="上报县时的说明")


WORDS = DeskWords(
    receive="接收各村的导出（只取上报乡镇、县的事项）",
    received=("exports", "EXPORT", "村里导出的文件夹（含 manifest.json）"),
    first=(("--township", "本乡镇名称（第一次接收到空文件夹时）"), ("--county", "所属县（第一次接收到空文件夹时）")),
    reply="答复、办结、退回或上报县", closed="乡镇已办结", returned="退回村里办理，写明原因",
    due="如 行路=30 饮水=10（未设置的类别 15 天）", send="给有新答复的村各写一个回复包",
    data="乡镇的数据文件夹（默认 ./data）", operator="经办人（默认取乡镇设置中的经办人；第一次接收时记为该设置）",
    reply_more=_forward_options,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui township``: one sub-command each (declared with the county's in ``desk_arguments``)."""
    add_desk_arguments(parser, WORDS)


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    """Open the township's folder and run the sub-command."""
    from village_tui.service.township import TownshipDesk

    actions = {"receive": _receive, "list": _list, "reply": _reply, "extend": _extend, "set": _set, "send": _send}
    return run_desk(args, TownshipDesk, "乡镇", actions, "village-tui township receive 接收村里的导出",
                    _first_refusals)


def _first_refusals(args: argparse.Namespace) -> list[str]:
    """Why a first receive into a folder not yet made would take nothing (empty when it takes something)."""
    from village_tui.exchange.township.exports import read_export
    from village_tui.exchange.township.package import is_package

    if not args.township:
        return ["第一次接收到空文件夹时，请用 --township 乡镇名 --county 县名 说明本乡镇"]
    lines = []
    for path in args.exports:
        if is_package(Path(path)):
            lines.append(f"拒收：{path}：县里的回复包要在乡镇的数据文件夹建好以后接收：先接收村里的导出")
            continue
        read = read_export(path, args.township, args.county or "")
        if not read.refusal:
            return []
        lines.append(f"拒收：{path}：{read.refusal}")
    return lines


def run_desk(args: argparse.Namespace, desk_class, word: str, actions: dict, first_step: str,
             first_refusals=None) -> int:
    """Open a desk's folder (a township's or a county's) and run the sub-command.

    Args:
        args: The parsed command line.
        desk_class: TownshipDesk or CountyDesk.
        word: 乡镇 or 县, in the messages.
        actions: Sub-command name → function(desk, args).
        first_step: How a new folder is made, for the message on a folder not yet set up.
        first_refusals: For ``receive`` into a folder not yet made: function(args) → why nothing would
            be taken (empty when something would); the folder is made only then.
    """
    data = Path(args.data)
    if args.action == "receive" and not data.exists() and first_refusals is not None:
        refusals = first_refusals(args)
        if refusals:
            print("\n".join(refusals), file=sys.stderr)
            print(f"没有接收任何内容，没有新建数据文件夹 {data}。", file=sys.stderr)
            return EXIT_ERROR
    if args.action != "receive" and not data.is_dir():
        return _fail(f"找不到{word}的数据文件夹：{data}")
    readonly = args.action == "list" or getattr(args, "dry_run", False)
    try:
        desk = desk_class.open(data, readonly=readonly and data.is_dir()) if data.is_dir() or not readonly \
            else desk_class.in_memory()
    except (DomainError, OSError) as error:
        return _fail(f"打不开数据文件夹 {data}：{error_text(error)}")
    try:
        desk.desk_operator = args.operator or ""
        desk.check_is_desk()
        broken = desk.folder.broken_message() if not desk.folder.is_memory else None
        if broken:
            return _fail(broken)
        if args.action != "receive" and not desk.is_set_up():
            return _fail(f"{data} 还不是{word}的数据文件夹：先用 {first_step}")
        return actions[args.action](desk, args)
    except OSError as error:
        return _fail(f"不能写入：{os_reason(error)}")
    except DomainError as error:
        return _fail(error_text(error))
    finally:
        desk.close()


def _receive(desk, args) -> int:
    from village_tui.commands.county_replies import receive_county_packages
    from village_tui.exchange.township.exports import read_export
    from village_tui.exchange.township.package import is_package

    settings = None
    if desk.is_set_up():
        township, county = desk.settings().name, desk.settings().county
        if args.township and args.township != township:
            return _fail(f"这个文件夹是{township}的，不是{args.township}的")
    elif not args.township:
        return _fail("第一次接收到空文件夹时，请用 --township 乡镇名 --county 县名 说明本乡镇")
    else:
        settings = desk.set_up_township(args.township, args.county or "", args.operator or "")
        township, county = settings.name, settings.county
    packages = [Path(path) for path in args.exports if is_package(Path(path))]
    if packages and settings is not None:
        return _fail("县里的回复包要在乡镇的数据文件夹建好以后接收：先接收村里的导出")
    refused = receive_county_packages(desk, packages, args.dry_run) if packages else 0
    exports = [path for path in args.exports if Path(path) not in packages]
    if not exports:
        return EXIT_ERROR if refused else EXIT_OK
    reads = [read_export(path, township, county) for path in exports]
    first_keys = _screen_keys(desk, reads)
    plan = desk.plan_receive(reads)
    take_plan(desk, plan, settings, first_keys, args.dry_run,
              taken=lambda read: f"{read.manifest.village}，上报乡镇、县的事项 {len(read.items)} 条",
              conflict=lambda item: f"{item.village} 第 {item.item} 号：这份导出比已接收的更早")
    return EXIT_ERROR if plan.refused or refused else EXIT_OK


def take_plan(desk, plan, settings, first_keys: list, dry_run: bool, taken, conflict) -> None:
    """Print what a receive takes, refuses and finds in conflict, then write it unless it is a dry run.

    Args:
        desk: The township's or county's desk.
        plan: What the desk planned to receive.
        settings: The new folder's settings on a first receive, else None.
        first_keys: Signing keys seen for the first time, each with its line to confirm by phone.
        dry_run: Only count; write nothing.
        taken: function(read) → what one taken package holds, in words.
        conflict: function(item) → which item is in conflict, and why, in words.
    """
    for read in plan.refused:
        print(f"拒收：{read.folder}：{read.refusal}", file=sys.stderr)
    for read in plan.taken:
        print(f"接收：{read.folder}（{taken(read)}）")
    print(plan.counts_line())
    for item in plan.conflicting:
        print(f"冲突：{conflict(item)}，内容不同，未采用")
    for key in first_keys:
        print(key.line)
    if dry_run:
        print("试运行：没有写入任何数据。")
    elif plan.new or plan.updated or settings is not None:
        desk.receive(plan, settings, first_keys)
        print(f"已写入 {desk.folder.path}。")


def _screen_keys(desk, reads) -> list:
    """Refuse the exports signed with a key other than the village's trusted one; the first keys seen."""
    from village_tui.exchange.township.trust import screen

    readable = [read for read in reads if not read.refusal and read.manifest is not None]
    refusals, first = screen(desk, "村", [(read.manifest.village, read.public_key) for read in readable])
    for read, refusal in zip(readable, refusals):
        read.refusal = refusal
    return first


def _list(desk, args) -> int:
    rows = desk.rows()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    level = desk.settings().level
    if not rows:
        print(f"没有上报到本{'县' if level == '县' else '乡镇'}的事项。")
    for row in rows:
        # An answer given after the due day is no longer overdue: it says so (the desk's detail does too).
        late = ("（已超期）" if row["status"] == "待答复" else "（超过答复期限才办理）") if row["overdue"] else ""
        held = (f"（{row['forwarded']} 上报县，{row['returned']} 县退回乡镇办理）" if row.get("returned")
                else f"（{row['forwarded']} 上报县）" if row["forwarded"] else "")
        unit = f"{row['township']} " if row.get("township") else ""
        print(f"{unit}{row['village']} {row['item']} [{row['category']}] 等待 {row['waiting_days']} 天{late}，"
              f"答复期限 {row['due']}，{row['status']}{held}：{row['content']}")
        if row["reply"]:
            print(f"    答复：{row['reply']}")
        if row.get("county_due"):
            still = "已等待" if row["holder"] == "县" else "等待了"
            print(f"    县里{still} {row['county_waiting_days']} 天{'（已超期）' if row['county_overdue'] else ''}，"
                  f"县的答复期限 {row['county_due']}，{row['county_status']}")
        if row.get("county_reply"):
            print(f"    县里答复：{row['county_reply']}")
    own = sum(1 for row in rows if row["overdue"])
    if level == "县":
        print(f"超期：县 {own} 条。")
    else:
        county = sum(1 for row in rows if row.get("county_overdue"))
        waiting = sum(1 for row in rows if row["overdue"] and row["status"] == "待答复")
        still = f"乡镇超期的 {own} 条中仍在等待答复的 {waiting} 条，其余已办理，只是超过了答复期限。" if waiting != own else ""
        print(f"超期：乡镇 {own} 条，县 {county} 条（各算在办理的那一级，不计入村干部）。{still}")
    return EXIT_OK


def _reply(desk, args) -> int:
    action = "办结" if args.close else "退回" if args.return_reason else "上报县" if args.forward else "答复"
    text = args.text if not args.return_reason else f"{args.return_reason}。{args.text}" if args.text else \
        args.return_reason
    item = desk.reply(args.village, args.item, action, text, args.note)
    print(f"已{action}：{item.village} 第 {item.item} 号（经办：{item.signer}），下次 send 时发给该村。")
    return EXIT_OK


def _extend(desk, args) -> int:
    from datetime import date

    try:
        until = date.fromisoformat(args.until)
    except ValueError:
        return _fail(f"日期应写成 年-月-日，如 2026-12-20：{args.until}")
    item = desk.extend(args.village, args.item, until, args.reason)
    print(f"已延期：{item.village} 第 {item.item} 号，答复期限改为 {until.isoformat()}（{item.extend_reason}）。")
    return EXIT_OK


def _set(desk, args) -> int:
    from village_tui.domain.township import DEFAULT_REPLY_DAYS, parse_due_days

    try:
        due_days = parse_due_days(args.due)
    except ValueError as error:
        return _fail(str(error))
    settings = desk.set_desk(due_days, args.operator)
    named = "，".join(f"{k} {v} 天" for k, v in sorted(settings.reply_due_days.items())) or "未单独设置"
    print(f"答复期限：{named}；其余类别 {DEFAULT_REPLY_DAYS} 天。经办人：{settings.desk_operator or '未设置'}。")
    return EXIT_OK


def _send(desk, args) -> int:
    from village_tui.domain import clock
    from village_tui.exchange.township.package import write_package

    dest = Path(args.dest)
    if not dest.is_dir():
        return _fail(f"发送位置不存在：{dest}")
    when = clock.now().replace(tzinfo=None)
    county_desk = desk.settings().level == "县"
    waiting = desk.unsent_by_village()
    forwarded = [] if county_desk else desk.forwarded_to_send()
    if not waiting and not forwarded:
        print("没有新的答复要发送。")
    for unit, items in waiting.items():
        sequence = desk.reserve_sequence(unit)
        folder = write_package(dest, desk.settings(), unit, items, sequence, when, desk.sign)
        desk.mark_sent(items)
        print(f"已写入回复包：{folder}（第 {sequence} 号，{len(items)} 个事项的答复）")
    if forwarded:
        _send_up(desk, dest, forwarded, when)
    if waiting or forwarded:
        below = "各乡镇" if county_desk else "村里和县里"
        print(f"本单位的签名密钥指纹：{desk.own_fingerprint()}（{below}第一次接收时会看到它，可打电话核对）。")
    return EXIT_OK


def _send_up(desk, dest: Path, items: list, when) -> None:
    """The package of the items forwarded to the county (上报县), every one to date."""
    from village_tui.exchange.township.upward import write_forward_package

    county = desk.settings().county
    if not county:
        raise DomainError("本乡镇的设置中没有所属县（第一次接收时用 --county 说明），不能写上报县的包")
    sequence = desk.reserve_sequence(f"上报:{county}")
    folder = write_forward_package(dest, desk.settings(), items, sequence, when, desk.sign)
    desk.mark_forward_sent(items)
    print(f"已写入上报县的包：{folder}（第 {sequence} 号，{len(items)} 个上报县的事项）")
