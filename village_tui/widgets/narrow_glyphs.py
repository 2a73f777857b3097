"""Keep every glyph on screen single-width in Chinese terminals.

Many symbols Textual draws by default (``▊ ▔ ▁ ● ▌ ▼ ━``) are "ambiguous
width" in Unicode: a Chinese Windows console or a CJK font shows them two
cells wide and the layout falls apart. The app's stylesheet replaces the
borders with ``ascii`` ones; this module replaces the glyphs that only code
can change: toggle buttons (also used by SelectionList), the scroll bar
ends, and the bar of progress bars and tab underlines.
"""

from __future__ import annotations

from textual.renderables.bar import Bar
from textual.scrollbar import ScrollBarRender
from textual.widgets import Checkbox, RadioButton
from textual.widgets._toggle_button import ToggleButton  # SelectionList reads the glyphs from this class


def use_narrow_glyphs() -> None:
    """Switch Textual's ambiguous-width glyphs to ASCII for the whole process."""
    ToggleButton.BUTTON_LEFT = "["
    ToggleButton.BUTTON_RIGHT = "]"
    # Show the state by the glyph too, not only by colour: a 16-colour console barely shows the difference.
    Checkbox.BUTTON_INNER = property(lambda button: "X" if button.value else " ")  # type: ignore[assignment]  # a str in Textual; a property here draws the state
    RadioButton.BUTTON_INNER = property(lambda button: "*" if button.value else " ")  # type: ignore[assignment]  # a str in Textual; a property here draws the state
    # The thumb is drawn with its background colour; only its partial-cell ends used block glyphs.
    ScrollBarRender.VERTICAL_BARS = [" "] * 8
    ScrollBarRender.HORIZONTAL_BARS = [" "] * 8
    Bar.HALF_BAR_LEFT = Bar.HALF_BAR_RIGHT = "-"
    Bar.BAR = "="
