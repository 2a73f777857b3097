"""One labelled field of a form with its inline error line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.message import Message
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets._toggle_button import ToggleButton

from village_tui.widgets.inert_text import Text


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

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self._label)
            yield self.field
        yield Static("", classes="field-error")

    def set_error(self, message: str | None) -> None:
        """Show ``message`` under the field (None clears it)."""
        self._error = message or None
        self.query_one(".field-error", Static).update(Text(message or ""))
        self.set_class(bool(message), "-bad")

    def _changed(self) -> None:
        """The field's value changed: an error shown for the old value is cleared at once."""
        if self._error is not None:
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
