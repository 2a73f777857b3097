"""The six sub-commands of a desk (``township`` and ``county``), declared once: receive, list, reply, extend, set, send.

Both desks run through ``run_desk`` with the same arguments; only their words differ (乡镇 or 县,
村 or 乡镇), and each level adds its own few options: the county names the township an item came
from, the township may forward an item to the county. :class:`DeskWords` holds what differs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

#: ``(flag, help)`` of an option, ``--county`` / ``本县名称（第一次接收到空文件夹时）``.
Option = tuple[str, str]


@dataclass(frozen=True)
class DeskWords:
    """The help texts that differ between the township's desk and the county's.

    Attributes:
        receive: The help of ``receive``.
        received: ``receive``'s positional argument: its name, metavar and help.
        first: The options naming the desk's own unit on a first receive, ``(flag, help)`` each.
        reply: The help of ``reply``.
        closed: The help of ``--close``.
        returned: The help of ``--return``.
        due: The help of ``set --due``.
        send: The help of ``send``.
        data: The help of ``--data``.
        operator: The help of ``--operator``.
        sender: The option naming where an item came from, before ``--village`` on reply and extend
            (the county's ``--township``), or None.
        reply_more: Adds the level's own options to ``reply`` (the parser and its ``--close`` /
            ``--return`` group), after the shared ones; None when it has none.
    """

    receive: str
    received: tuple[str, str, str]
    first: tuple[Option, ...]
    reply: str
    closed: str
    returned: str
    due: str
    send: str
    data: str
    operator: str
    sender: Option | None = None
    reply_more: Callable[[argparse.ArgumentParser, argparse._MutuallyExclusiveGroup], None] | None = None


def add_desk_arguments(parser: argparse.ArgumentParser, words: DeskWords) -> None:
    """Declare the desk's six sub-commands on ``parser``, with ``words`` for what differs.

    Args:
        parser: The ``township`` or ``county`` parser.
        words: The level's help texts and own options.
    """
    subs = parser.add_subparsers(dest="action", metavar="操作", required=True)
    chinese = parser.formatter_class  # 用法、选项 in Chinese like every command
    receive = subs.add_parser("receive", formatter_class=chinese, help=words.receive)
    name, metavar, received = words.received
    receive.add_argument(name, metavar=metavar, nargs="+", help=received)
    for flag, what in words.first:
        receive.add_argument(flag, help=what)
    receive.add_argument("--dry-run", action="store_true", help="只显示新增、更新、未变、冲突各多少条，不写入")
    listing = subs.add_parser("list", formatter_class=chinese, help="列出待办事项，等待最久的在前")
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    reply = subs.add_parser("reply", formatter_class=chinese, help=words.reply)
    extend = subs.add_parser("extend", formatter_class=chinese, help="延期：推迟答复期限，写明原因")
    for sub in (reply, extend):
        if words.sender is not None:
            flag, what = words.sender
            sub.add_argument(flag, required=True, help=what)
        sub.add_argument("--village", required=True, help="村名")
        sub.add_argument("--item", required=True, help="村里的事项编号，如 2026-0042")
    reply.add_argument("--text", required=True, help="答复内容")
    way = reply.add_mutually_exclusive_group()
    way.add_argument("--close", action="store_true", help=words.closed)
    way.add_argument("--return", dest="return_reason", metavar="REASON", help=words.returned)
    if words.reply_more is not None:
        words.reply_more(reply, way)
    extend.add_argument("--until", required=True, help="新的答复期限，如 2026-12-20")
    extend.add_argument("--reason", required=True, help="延期原因")
    desk = subs.add_parser("set", formatter_class=chinese, help="设置各类别的答复期限（天）和默认经办人")
    desk.add_argument("--due", nargs="*", default=[], metavar="类别=天数", help=words.due)
    send = subs.add_parser("send", formatter_class=chinese, help=words.send)
    send.add_argument("dest", metavar="DEST", help="写到哪个文件夹（通常是U盘）")
    for sub in (receive, listing, reply, extend, desk, send):
        sub.add_argument("--data", default="data", help=words.data)
        sub.add_argument("--operator", help=words.operator)
