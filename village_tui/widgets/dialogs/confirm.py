"""The one yes/no confirmation dialog: ``ModalScreen[bool]``, 取消 is the default."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from village_tui.widgets.dialogs.keys import dialog_keys
from village_tui.widgets.inert_text import Text


class ConfirmDialog(ModalScreen[bool]):
    """Asks one question; dismisses True on the yes button, False on the no button or Esc.

    The no button has the focus when it opens, so a stray Enter changes nothing.

    Args:
        title: The question, in Chinese (``"上报乡镇民情处理站？"``).
        message: What will happen, in Chinese (user text in it is shown literally).
        yes: The label of the yes button.
        no: The label of the no button.
        danger: Draw the yes button in the error colour (hard-to-undo actions).
    """

    BINDINGS = [
        *dialog_keys("answer(False)", "取消"),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def __init__(self, title: str, message: str = "", *, yes: str = "确定", no: str = "取消",
                 danger: bool = False) -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._yes = yes
        self._no = no
        self._danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small-dialog"):
            yield Static(Text(self._title), classes="dialog-title")
            if self._message:
                yield Static(Text(self._message), classes="dialog-message")
            with Horizontal(classes="buttons"):
                yield Button(self._yes, id="yes", variant="error" if self._danger else "primary")
                yield Button(self._no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with ``answer``."""
        self.dismiss(answer)
