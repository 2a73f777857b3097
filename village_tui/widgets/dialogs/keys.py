"""The keys every dialog shows at the bottom: Esc, named as its cancel button is, and F1 帮助.

A dialog's footer lists only the dialog's own keys (Textual stops the key chain
at a modal screen), so the app's F1, which works over dialogs too, is repeated
here to be seen; the app's own binding of it runs first.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

HELP_BINDING = Binding("f1", "app.open_area('f1')", "帮助", key_display="F1")


def dialog_keys(escape_action: str, escape_label: str) -> list[BindingType]:
    """Esc running ``escape_action`` shown as ``escape_label`` (取消, 关闭 …), then F1 帮助.

    Args:
        escape_action: What Esc does (``"app.back"``, ``"cancel"``).
        escape_label: The Chinese word on the dialog's cancel button.
    """
    return [Binding("escape", escape_action, escape_label), HELP_BINDING]
