"""One labelled field of a form with its inline error line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets._toggle_button import ToggleButton

from village_tui.widgets.forms.snapshot import field_values
from village_tui.widgets.inert_text import Text


def focus_at_end(widget: Widget, at_once: bool = False) -> None:
    """Focus ``widget`` (or the text box inside it) with the cursor after its text, nothing selected.

    Textual selects a text box's whole text when it gains focus; after a failed
    save one key would then replace what the cadre typed (an 18-digit ID number
    for a wrong check digit), and a form opening on a filled field (F12's 村名)
    would lose it to one stray key.

    Args:
        widget: The field, or the widget holding its text box.
        at_once: Focus now through the screen (a form opening), not after keys already typed.
    """
    boxes = [widget] if isinstance(widget, Input) else list(widget.query(Input))
    if not boxes:
        if at_once:
            widget.screen.set_focus(widget)
        else:
            widget.focus()
        return
    box = boxes[0]
    selects = box.select_on_focus
    box.select_on_focus = False
    if at_once:
        box.screen.set_focus(box)
    else:
        box.focus()
    box.cursor_position = len(box.value)

    def restore() -> None:
        box.select_on_focus = selects

    box.call_after_refresh(restore)


class FormField(Widget):
    """A label, an input widget, and a line under them for the field's error.

    Args:
        label: The Chinese label (``"身份证号"``).
        field: The widget that takes the input.
        name: The record field this edits (matches ``ValidationError.field``).
    """

    DEFAULT_CSS = """
    FormField {
        height: auto;
    }
    FormField > Horizontal {
        height: auto;
    }
    FormField > Horizontal > Label {
        width: 12;
        padding: 1 1 0 0;
        text-align: right;
    }
    FormField .field-error {
        display: none;
        color: $error;
        text-style: bold;
        padding-left: 12;
    }
    FormField.-bad .field-error {
        display: block;
    }
    """

    class Fixed(Message):
        """The cadre changed a field that showed an error: its mark is gone (the form updates its message)."""

        def __init__(self, form_field: FormField) -> None:
            super().__init__()
            self.form_field = form_field

    def __init__(self, label: str, field: Widget, name: str) -> None:
        super().__init__(name=name)
        self._label = label
        self.field = field
        self._error: str | None = None
        self._error_value: tuple | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self._label)
            yield self.field
        yield Static("", classes="field-error")

    def set_error(self, message: str | None, focus: bool = False) -> None:
        """Show ``message`` under the field (None clears it).

        Args:
            message: The error, or None.
            focus: Also put the cursor after the field's text, so the cadre fixes it at once.
        """
        self._error = message or None
        self._error_value = field_values(self) if message else None
        self.query_one(".field-error", Static).update(Text(message or ""))
        self.set_class(bool(message), "-bad")
        if message and focus:
            focus_at_end(self.field)

    def _changed(self) -> None:
        """The field's value changed: an error shown for the old value is cleared at once.

        A change message older than the error (the value it was found in) leaves it.
        """
        if self._error is not None and field_values(self) != self._error_value:
            self.set_error(None)
            self.post_message(self.Fixed(self))

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._changed()

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self._changed()

    def on_select_changed(self, _event: Select.Changed) -> None:
        self._changed()

    def on_toggle_button_changed(self, _event: ToggleButton.Changed) -> None:
        self._changed()

    def on_radio_set_changed(self, _event) -> None:
        self._changed()

    def on_selection_list_selected_changed(self, _event: SelectionList.SelectedChanged) -> None:
        self._changed()

    def on_household_picker_chosen(self, _event) -> None:
        self._changed()

    @property
    def label(self) -> str:
        """The Chinese label, used to name the field in messages."""
        return self._label

    @property
    def error(self) -> str | None:
        """The error shown, or None."""
        return self._error
