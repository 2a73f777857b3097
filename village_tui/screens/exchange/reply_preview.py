"""What a township's reply package would record in this village, for the import screen's preview.

The screen reads the package and judges it here (in a worker thread) exactly as
``village-tui import PACKAGE`` does; nothing is written until the cadre confirms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from village_tui.domain import dates

if TYPE_CHECKING:
    from village_tui.exchange.township.package import Package


@dataclass
class ReplyPreview:
    """A reply package checked against the open village.

    Attributes:
        package: The package as read (its checks done).
        refused: Why it must not be applied, in Chinese ("" when it may).
        lines: What applying it would record, in a few lines (or why it changes nothing).
        rows: Each reply it would record: ``(编号, 类别, 级别与操作, 答复, 日期, 签发人)``.
        ready: True when confirming would write something.
    """

    package: Package
    refused: str = ""
    lines: list[str] = field(default_factory=list)
    rows: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    ready: bool = False


def is_reply_package(path: Path) -> bool:
    """True when ``path`` is a reply package folder (from the township or the county)."""
    from village_tui.exchange.township.package import is_package

    try:
        return path.is_dir() and is_package(path)
    except OSError:  # a name too long or unreadable is no package; the import check names the fault
        return False


def preview_package(service, path: Path) -> ReplyPreview:
    """Read the package at ``path`` and say what applying it to the village would record."""
    from village_tui.domain.errors import NotFoundError
    from village_tui.exchange.township.apply import judged_key, refusal
    from village_tui.exchange.township.package import read_package

    package = read_package(path)
    settings = service.settings()
    preview = ReplyPreview(package, refusal(package, settings, service))
    if preview.refused:
        return preview
    header = package.header
    if header["sequence"] <= settings.reply_sequences.get(header["township"], 0):
        preview.lines = [f"这个回复包（{header['from']}第 {header['sequence']} 号）已经导入过"
                         "（或已导入更新的回复包），再导入不会有改动。"]
        return preview
    verdict, key_line = judged_key(package, service)
    preview.lines = [f"{header['from']}给{header['to']}的回复包（第 {header['sequence']} 号），"
                     f"{len(package.replies)} 条答复（见下表），校验和签名都通过。"]
    for reply in package.replies:
        if reply.village != settings.name or reply.level not in ("乡镇", "县"):
            preview.refused = f"回复包中的第 {reply.item} 号答复不是给本村的"
            return preview
        try:
            item = service.ledger_item(reply.item)
        except NotFoundError:
            preview.refused = f"回复包中的第 {reply.item} 号事项在本村台账里没有"
            return preview
        note = f"（{reply.note}）" if reply.note else ""
        preview.rows.append((reply.item, item.category, f"{reply.level}{reply.action}", f"{reply.text}{note}",
                             dates.format_cn(reply.day), reply.signer or "未署名"))
    if verdict == "new":
        preview.lines.append(key_line)
    preview.lines.append(f"按 Ctrl+S 登记这些答复（记在操作人 {service.operator_name} 名下）。")
    preview.ready = True
    return preview
