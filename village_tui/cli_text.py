"""What the command line and the app say to a cadre about errors and the demo village, in Chinese.

Shared by ``launch``, every command and the sign-in screen, and importing none of them (``cli``
dispatches the commands, so they never import it). The error words themselves live in
:mod:`village_tui.domain.error_words`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from village_tui.domain.error_words import error_words as error_text
from village_tui.domain.error_words import os_error_text, os_reason

__all__ = ["DEMO_FOLDER", "demo_hint", "error_text", "no_village_message", "os_error_text", "os_reason",
           "use_utf8_output"]

DEMO_FOLDER = Path.home() / ".village-tui" / "demo"


def demo_hint() -> str:
    """Where the demo village lives and how to open it, in Chinese."""
    return f"演示村的数据在 {DEMO_FOLDER}（用 village-tui --demo 打开，第一次会自动生成）"


def no_village_message(data: Path | str) -> str:
    """Why a command found no village in ``data``, naming the demo folder and suggesting ``--data``."""
    path = Path(data)
    state = "不存在" if not path.is_dir() else "里还没有村庄数据"
    return (f"数据文件夹{state}：{path}。{demo_hint()}；"
            f"要查看演示村请加 --data \"{DEMO_FOLDER}\"，自己村的数据请用 --data 指定数据文件夹")


def use_utf8_output() -> None:
    """Make stdout and stderr write UTF-8 when they do not already (a Windows pipe or file in GBK, say).

    On a Windows console Python writes Unicode itself; redirected output and
    old code pages would otherwise fail on Chinese text or turn it into '?'.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def desk_folder_text(path: Path | str, name: str, level: str, command: str = "") -> str:
    """Why a village command (or the workbench) does not run on a township's or county's folder, and what does.

    Args:
        path: The folder.
        name: The unit's name in its settings.
        level: 乡镇 or 县.
        command: The village command refused (``check``), or "" for the workbench.
    """
    desk = "county" if level == "县" else "township"
    refused = f"village-tui {command} 只用于村的数据文件夹。" if command else ""
    return (f"{path} 是{name}（{level}）的数据文件夹，不是村的。{refused}"
            f"请用 village-tui {desk} list --data {path} 查看上报的事项，用 {desk} reply、{desk} send 答复和发回复包。")
