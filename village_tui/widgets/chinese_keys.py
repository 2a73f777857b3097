"""Chinese labels for the few keys Textual's own widgets put in the footer.

Textual's drop-down list (the overlay of ``Select``) shows ``esc Dismiss menu``
while it is open; every other built-in key is hidden from the footer.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets._select import SelectOverlay


def use_chinese_key_labels() -> None:
    """Relabel Textual's footer keys in Chinese for the whole process."""
    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", "关闭列表")]
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()  # the class's keys are merged once, at import
