"""``village-tui county receive|list|reply|extend|set|send``: the county 民情处理中心's desk, one level above the township.

- ``receive PACKAGE... --data C [--county 名]``: verify townships' forwarding packages (上报-乡镇-县-…)
  and take their items, keyed by township, village and item number (``--dry-run`` only counts).
- ``list --data C [--json]``: every item, the longest waiting first (with its ``township``).
- ``reply --data C --township T --village V --item N --text TEXT [--close | --return REASON]``.
- ``extend --data C --township T --village V --item N --until DAY --reason TEXT``: 延期.
- ``set --data C [--due 类别=天数 ...] [--operator NAME]``.
- ``send DEST --data C``: one reply package per township with something new; the township takes it
  with ``township receive`` and passes the answers on to the village in its next ``send``.

Exit code 0 on success, 2 on an error or a refused package (the others are still taken).
"""

from __future__ import annotations

import argparse
from datetime import date

from village_tui.commands.desk_arguments import DeskWords, add_desk_arguments
from village_tui.commands.township import EXIT_ERROR, EXIT_OK, _fail, _list, _send, _set, run_desk, take_plan


WORDS = DeskWords(
    receive="接收各乡镇上报县的事项包",
    received=("packages", "PACKAGE", "乡镇写的上报包文件夹（上报-乡镇-县-…）"),
    first=(("--county", "本县名称（第一次接收到空文件夹时）"),),
    reply="答复、办结或退回乡镇", closed="县里已办结", returned="退回乡镇办理，写明原因",
    due="如 行路=30（未设置的类别 15 天）", send="给有新答复的乡镇各写一个回复包",
    data="县的数据文件夹（默认 ./data）", operator="经办人（默认取县里设置中的经办人）",
    sender=("--township", "上报的乡镇"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui county``: one sub-command each (declared with the township's in ``desk_arguments``)."""
    add_desk_arguments(parser, WORDS)


def run(args: argparse.Namespace) -> int:
    """Open the county's folder and run the sub-command."""
    from village_tui.service.county import CountyDesk

    actions = {"receive": _receive, "list": _list, "reply": _reply, "extend": _extend, "set": _set, "send": _send}
    return run_desk(args, CountyDesk, "县", actions, "village-tui county receive 接收乡镇的上报包",
                    _first_refusals)


def _first_refusals(args: argparse.Namespace) -> list[str]:
    """Why a first receive into a folder not yet made would take nothing (empty when it takes something)."""
    from pathlib import Path

    from village_tui.exchange.township.upward import read_forward_package

    if not args.county:
        return ["第一次接收到空文件夹时，请用 --county 县名 说明本县"]
    lines = []
    for path in args.packages:
        read = read_forward_package(Path(path), args.county)
        if not read.refusal:
            return []
        lines.append(f"拒收：{path}：{read.refusal}")
    return lines


def _receive(desk, args) -> int:
    from pathlib import Path

    from village_tui.exchange.township.trust import screen
    from village_tui.exchange.township.upward import read_forward_package

    settings = None
    if desk.is_set_up():
        county = desk.settings().name
        if args.county and args.county != county:
            return _fail(f"这个文件夹是{county}的，不是{args.county}的")
    elif not args.county:
        return _fail("第一次接收到空文件夹时，请用 --county 县名 说明本县")
    else:
        settings = desk.set_up_county(args.county, args.operator or "")
        county = settings.name
    reads = [read_forward_package(Path(path), county) for path in args.packages]
    readable = [read for read in reads if not read.refusal]
    refusals, first_keys = screen(desk, "乡镇", [(read.sender, read.signature.public_key) for read in readable])
    for read, refusal in zip(readable, refusals):
        read.refusal = refusal
    plan = desk.plan_receive(reads)
    take_plan(desk, plan, settings, first_keys, args.dry_run,
              taken=lambda read: f"{read.sender}，上报县的事项 {len(read.items)} 条",
              conflict=lambda item: f"{item.township}{item.village} 第 {item.item} 号：这个上报包比已接收的更早")
    return EXIT_ERROR if plan.refused else EXIT_OK


def _reply(desk, args) -> int:
    action = "办结" if args.close else "退回" if args.return_reason else "答复"
    text = f"{args.return_reason}。{args.text}" if args.return_reason else args.text
    item = desk.reply(args.village, args.item, action, text, township=args.township)
    print(f"已{action}：{item.township}{item.village} 第 {item.item} 号（经办：{item.signer}），"
          "下次 send 时发给该乡镇。")
    return EXIT_OK


def _extend(desk, args) -> int:
    try:
        until = date.fromisoformat(args.until)
    except ValueError:
        return _fail(f"日期应写成 年-月-日，如 2026-12-20：{args.until}")
    item = desk.extend(args.village, args.item, until, args.reason, township=args.township)
    print(f"已延期：{item.township}{item.village} 第 {item.item} 号，答复期限改为 {until.isoformat()}"
          f"（{item.extend_reason}）。")
    return EXIT_OK
