"""What a form's fields hold, as one comparable value: the form base compares it to tell unsaved changes."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, TextArea
from textual.widgets._toggle_button import ToggleButton

from village_tui.widgets.household_picker import HouseholdPicker


def field_values(root: Widget) -> tuple:
    """The values of every input widget under ``root``, in screen order.

    Covers Input (and DateInput), TextArea, Select, Checkbox/RadioButton,
    SelectionList (TickList) and the household chosen in a HouseholdPicker.
    """
    values: list[object] = []
    for widget in root.query("*"):
        if isinstance(widget, HouseholdPicker):
            values.append(("household", widget.household.id if widget.household else None))
        elif isinstance(widget, Input):
            values.append((widget.id, widget.value))
        elif isinstance(widget, TextArea) and not widget.read_only:
            values.append((widget.id, widget.text))
        elif isinstance(widget, Select):
            values.append((widget.id, widget.value))
        elif isinstance(widget, ToggleButton):
            values.append((widget.id, widget.value))
        elif isinstance(widget, SelectionList):
            values.append((widget.id, tuple(sorted(map(str, widget.selected)))))
    return tuple(values)
