"""The dialog shown at start when data files could not be read: restore from a backup, then restart."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from village_tui.domain.error_words import error_words
from village_tui.domain.safe_text import inert
from village_tui.widgets.dialogs.keys import dialog_keys
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess


class BrokenFilesScreen(ServiceAccess, ModalScreen[None]):
    """Names each unreadable or wrong-shaped file (and record) and offers to put its newest backup in its place.

    Args:
        can_view: The rest of the data can be shown read-only; False when the
            reference file itself is broken, so closing the dialog ends the program.
    """

    BINDINGS = dialog_keys("dismiss_dialog", "关闭")

    def __init__(self, can_view: bool = True) -> None:
        super().__init__()
        self._can_view = can_view

    def compose(self) -> ComposeResult:
        folder = self.service.folder
        with Vertical(classes="dialog"):
            title = ("有数据文件无法读取或格式不对，本次以只读方式打开，原文件已原样保留。" if self._can_view else
                     "基本数据文件无法读取或格式不对，原文件已原样保留；恢复后才能打开。")
            yield Static(title, classes="dialog-title")
            lines = Text()  # literal: file contents quoted in the reasons are never markup
            self._restorable = []
            for broken in folder.broken_files:
                backup = folder.newest_backup_of(broken.path)
                lines.append(f"{inert(folder.describe_broken(broken))}\n")
                lines.append(f"    最新备份：{folder.backup_name_of(backup) if backup else '没有备份'}\n")
                if backup is not None:
                    self._restorable.append(broken.path)
            yield Static(lines, id="broken-list")
            yield Static("", id="broken-result")
            if self._restorable:
                yield Button("用最新备份恢复", id="restore", variant="warning")
            yield Button("先不恢复，只读查看" if self._can_view else "先不恢复，退出", id="close")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#restore")
    def _restore(self, event: Button.Pressed) -> None:
        folder = self.service.folder
        done = Text()
        for path in self._restorable:
            try:
                kept = folder.restore_from_backup(path)
            except Exception as error:  # noqa: BLE001 - every failure is reported to the user
                done.append(f"{path.name} 恢复失败：{error_words(error)}\n")
            else:
                kept_note = f"，损坏的文件另存为 {kept.name}" if kept.exists() else ""  # a missing one keeps nothing
                done.append(f"{path.name} 已从备份恢复{kept_note}\n")
        done.append("请退出（Ctrl+Q）并重新打开程序。")
        self.query_one("#broken-result", Static).update(done)
        event.button.disabled = True

    def action_dismiss_dialog(self) -> None:
        self.dismiss()
