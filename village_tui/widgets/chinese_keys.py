"""The one mapping of keys to the names a Windows clerk knows, and Chinese labels for Textual's own keys.

Footers (through :meth:`VillageApp.get_key_display`), the F1 help and the hints
all name keys with :func:`key_name`: ``Esc``, ``Ctrl+S``, ``Ctrl+P``, ``Del``,
``空格``, ``回车``, ``F1``–``F12``; letter keys stay as typed (``n``).

Textual's drop-down list (the overlay of ``Select``) shows ``esc Dismiss menu``
while it is open; every other built-in key is hidden from the footer.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets._select import SelectOverlay

#: Textual's key names (after the last ``+``) as they are printed on a Windows keyboard or said in Chinese.
KEY_NAMES = {
    "escape": "Esc", "delete": "Del", "space": "空格", "enter": "回车", "tab": "Tab", "backspace": "退格",
    "insert": "Ins", "home": "Home", "end": "End", "pageup": "PgUp", "pagedown": "PgDn",
    "up": "上", "down": "下", "left": "左", "right": "右",
    "left_square_bracket": "[", "right_square_bracket": "]", "full_stop": ".", "comma": ",", "slash": "/",
    "question_mark": "?", "minus": "-", "plus": "+", "equals_sign": "=", "asterisk": "*",
}
_MODIFIERS = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "meta": "Alt", "super": "Win"}


def key_name(key: str) -> str:
    """A key as cadres read it: ``ctrl+s`` → ``Ctrl+S``, ``escape`` → ``Esc``, ``f5`` → ``F5``, ``n`` → ``n``.

    Args:
        key: A Textual key or binding key (``"ctrl+s"``; of ``"left,right"`` the first is named).
    """
    *modifiers, last = key.split(",")[0].strip().split("+")
    if last in KEY_NAMES:
        last = KEY_NAMES[last]
    elif modifiers or (last[:1] == "f" and last[1:].isdigit()):
        last = last.upper()
    return "+".join([*(_MODIFIERS.get(m, m.capitalize()) for m in modifiers), last])


def binding_key_name(binding: Binding) -> str:
    """What a footer shows for ``binding``: its own ``key_display`` when it set one, else :func:`key_name`."""
    return binding.key_display or key_name(binding.key)


def use_chinese_key_labels() -> None:
    """Relabel Textual's footer keys in Chinese for the whole process."""
    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", "关闭列表")]
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()  # the class's keys are merged once, at import
