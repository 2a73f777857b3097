"""The question asked when a form with unsaved changes is about to be left: 保存 / 不保存 / 继续编辑."""

from __future__ import annotations

from enum import Enum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from village_tui.widgets.cjk_static import CjkStatic
from village_tui.widgets.dialogs.keys import HELP_BINDING


def unsaved_title(form_title: str) -> str:
    """The question's title: ``「新增农户」有未保存的内容``, or a title quoting something already named bare.

    A title that already holds 「」 (``答复：桃源村 第 2026-0003 号「3组村道坑洼」``) is not put inside
    another pair, which read badly and wrapped in the middle of the item's number.
    """
    if "「" in form_title:
        return f"{form_title} 有未保存的内容"
    return f"「{form_title}」有未保存的内容"


class LeaveChoice(Enum):
    """What the cadre chose in :class:`UnsavedDialog`."""

    SAVE = "save"
    DISCARD = "discard"
    STAY = "stay"


class UnsavedDialog(ModalScreen[LeaveChoice]):
    """Asks what to do with a form's unsaved changes; 继续编辑 has the focus, Esc also means 继续编辑.

    Args:
        form_title: The form's title, so the question names it (``"新增农户"``).
        can_save: False when the folder is read-only: only 不保存 and 继续编辑 are offered.
    """

    BINDINGS = [
        Binding("escape", "choose('stay')", "继续编辑"),
        HELP_BINDING,
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, form_title: str, can_save: bool = True) -> None:
        super().__init__()
        self._form_title = form_title
        self._can_save = can_save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small-dialog", id="unsaved-dialog"):
            yield CjkStatic(unsaved_title(self._form_title), classes="dialog-title")
            yield Static("离开前要保存吗？（回车选中光标所在的按钮，Esc 继续编辑）", classes="dialog-message")
            with Horizontal(classes="buttons"):
                if self._can_save:
                    yield Button("保存", id="save", variant="primary")
                yield Button("不保存", id="discard", variant="error")
                yield Button("继续编辑", id="stay")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(LeaveChoice(event.button.id))

    def action_choose(self, choice: str) -> None:
        """Close with ``choice``."""
        self.dismiss(LeaveChoice(choice))
