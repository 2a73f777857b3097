"""Printing (打印): write a print-ready page through the service and open it in the system's viewer.

The viewer (a browser, usually) prints with Ctrl+P. Windows opens the page with ``os.startfile``,
macOS with ``open``, Linux with ``xdg-open`` (started detached, so closing the viewer never touches
the program). When no viewer can be started the cadre is told where the file is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from textual.screen import Screen

from village_tui.domain.error_words import os_reason
from village_tui.domain.errors import DomainError
from village_tui.screens.base import village_service


def open_with_viewer(path: Path) -> str | None:
    """Open ``path`` with the system's viewer; None when started, else why not (in Chinese)."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # type: ignore[attr-defined]  # Windows only
            return None
        opener = shutil.which("open" if sys.platform == "darwin" else "xdg-open")
        if opener is None:
            return "没有找到可以打开网页的程序"
        subprocess.Popen([opener, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as error:
        return f"打开查看程序失败：{os_reason(error)}"
    return None


def print_page(screen: Screen, name: str, html: str, what: str) -> Path | None:
    """Write ``html`` as the print file ``name`` and open it; say on screen what happened.

    Args:
        screen: The screen asking (it shows the notices).
        name: The file name (``回执-2026-0093.html``).
        html: The whole page.
        what: What is printed, for the notices (``回执 2026-0093``).

    Returns:
        The file written, or None when it could not be written.
    """
    service = village_service(screen.app)
    try:
        path = service.write_print_page(name, html)
    except DomainError as error:
        screen.notify(f"{what}：{error}", severity="error")
        return None
    problem = open_with_viewer(path)
    if problem is None:
        screen.notify(f"已打开{what}的打印页，在打开的窗口中按 Ctrl+P 打印。文件：{path}", timeout=8)
    else:
        screen.notify(f"{problem}。{what}的打印页已保存在：{path}，请用浏览器打开后按 Ctrl+P 打印。",
                      severity="warning", timeout=15)
    return path
