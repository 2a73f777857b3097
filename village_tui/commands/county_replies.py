"""``township receive`` of the county's reply packages: the county's answers, to pass on to the villages.

A package is taken only whole: it must pass its checks, be addressed to this township of its
county, and be signed with the key the township trusts for the county (the first one seen is
recorded and shown for a phone call). Its answers land in one transaction and go down to each
village in the township's next ``send``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def receive_county_packages(desk, folders: list[Path], dry_run: bool) -> int:
    """Take the county's reply packages in ``folders``; returns how many were refused (each with its reason)."""
    from village_tui.exchange.township.package import COUNTY_KIND, read_package
    from village_tui.exchange.township.trust import FirstKey, screen

    settings = desk.settings()
    refused = 0
    for folder in folders:
        package = read_package(folder)
        header = package.header
        reason = "校验没有通过：" + "；".join(package.problems) if not package.ok else ""
        if not reason and header["kind"] != COUNTY_KIND:
            reason = f"这是{header['from']}给{header['to']}的回复包，应由{header['to']}用 village-tui import 导入"
        elif not reason and (header["to"] != settings.name or header["county"] != settings.county):
            reason = (f"这个回复包是{header['county']}给{header['to']}的，不是给本乡镇（{settings.county}"
                      f"{settings.name}）的")
        first: list[FirstKey] = []
        if not reason:
            (reason,), first = screen(desk, "县", [(header["from"], package.signature.public_key)])
        if reason:
            print(f"拒收：{folder}：{reason}", file=sys.stderr)
            refused += 1
            continue
        for key in first:
            print(key.line)
        if dry_run:
            print(f"试运行：{folder}：县里的答复 {len(package.replies)} 条，没有写入任何数据。")
            continue
        note = f"接收{header['from']}回复包第 {header['sequence']} 号（{folder.name}）"
        changed, already = desk.take_county_replies(header["from"], header["sequence"], package.replies, note, first)
        if already:
            print(f"{folder}：这个回复包已经接收过（或已接收更新的），没有改动。")
        else:
            print(f"接收：{folder}：登记县里的答复 {len(changed)} 条"
                  + (f"（{'、'.join(changed)}）" if changed else "") + "，下次 send 时转给各村。")
    return refused
