"""Form fields declared once: label, widget id, the record attribute they edit and the conversion both ways.

A form declares each of its fields in order (``self.declare(text("head", "户主"))``). The form base
builds the labelled widget from the declaration, filled from the record being edited (or the field's
initial value for a new one), and reads every field back through the same declaration into the draft
(``read_fields().into(record)``). Errors of a field carry its ``name``, so the base marks and focuses it.

Each declaration keeps a typed reference to the widget it built (``field.widget``), so no form looks its
fields up by a string id. This module holds the kinds of field; what they share is in ``forms.declared``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Union

from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Select, TextArea
from textual.widgets._select import NoSelection

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import Household
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.declared import (SAME, Choices, Declared, Declares, Field, FieldValues, Initial, Label,
                                                V, choices_of, read_fields)
from village_tui.widgets.household_picker import HouseholdPicker
from village_tui.widgets.tick_list import TickList

__all__ = ["ChoiceField", "DateField", "Declared", "Declares", "Field", "FieldValues", "FlagField", "HouseholdField",
           "Label", "NoteField", "RadioField", "RequiredDate", "TextField", "TicksField", "read_fields", "required_text", "text"]


class TextField(Field[Input, V]):
    """A line of text, converted both ways (plain text by default; numbers, lists, checked text).

    Args:
        to_text: The value as the field shows it.
        from_text: The value of the typed text; raises ValidationError for text that does not convert.
        placeholder: Shown while empty.
        max_length: The most characters taken (0: no limit).
    """

    def __init__(self, name: str, label: str, *, to_text: Callable[[V], str], from_text: Callable[[str], V],
                 blank: V, placeholder: str = "", max_length: int = 0, attr: str | None = SAME,
                 id: str | None = None, initial: Initial[V] | None = None, hidden: bool = False) -> None:
        super().__init__(name, label, attr=attr, id=id, blank=blank, initial=initial, hidden=hidden)
        self._to_text = to_text
        self._from_text = from_text
        self._placeholder = placeholder
        self._max_length = max_length

    def build(self, value: V, today: date) -> Input:
        return Input(self._to_text(value), placeholder=self._placeholder, max_length=self._max_length, id=self.id)

    def convert(self, typed: str, today: date) -> V:
        """The value of ``typed`` as this field reads it, without a widget (domain-level tests).

        Raises:
            ValidationError: The text does not convert (named by this field).
        """
        try:
            return self._from_text(typed)
        except ValidationError as error:
            raise self.error(error.message) from None

    def read(self, widget: Input) -> V:
        return self.convert(widget.value, date.min)

    def write(self, widget: Input, value: V) -> None:
        widget.value = self._to_text(value)


def text(name: str, label: str, *, placeholder: str = "", max_length: int = 0, strip: bool = False,
         attr: str | None = SAME, id: str | None = None, initial: Initial[str] | None = None,
         hidden: bool = False) -> TextField[str]:
    """A field of plain text (``strip``: without spaces around it)."""
    return TextField(name, label, to_text=str, from_text=str.strip if strip else str, blank="",
                     placeholder=placeholder, max_length=max_length, attr=attr, id=id, initial=initial, hidden=hidden)


def required_text(name: str, label: str, *, placeholder: str = "", attr: str | None = SAME,
                  id: str | None = None) -> TextField[str]:
    """Text that must be given, without spaces around it; empty is refused with 「请填写{label}」."""
    def from_text(typed: str) -> str:
        if not typed.strip():
            raise ValidationError(name, f"请填写{label}")
        return typed.strip()

    return TextField(name, label, to_text=str, from_text=from_text, blank="", placeholder=placeholder, attr=attr,
                     id=id)


class DateField(Field[DateInput, Union[date, None]]):
    """A date typed the ways cadres type dates (``dates.parse_date``); empty reads as None.

    Args:
        allow_future: A day after today is an error when False.
    """

    def __init__(self, name: str, label: str, *, allow_future: bool = True, attr: str | None = SAME,
                 id: str | None = None, initial: Initial[date | None] | None = None, hidden: bool = False) -> None:
        super().__init__(name, label, attr=attr, id=id, blank=None, initial=initial, hidden=hidden)
        self._allow_future = allow_future

    def build(self, value: date | None, today: date) -> DateInput:
        return DateInput(value, today=today, allow_future=self._allow_future, id=self.id)

    def convert(self, typed: str, today: date) -> date | None:
        """The day ``typed`` as this field reads it on ``today``, without a widget (None when empty).

        Raises:
            ValidationError: Not a date, or after ``today`` where that is refused (named by this field).
        """
        if not typed.strip():
            return None
        try:
            return dates.parse_date(typed, today, self.id, self._allow_future)
        except ValidationError as error:
            raise self.error(error.message) from None

    def read(self, widget: DateInput) -> date | None:
        if not widget.value.strip():
            return None
        try:
            return widget.date
        except ValidationError as error:
            raise self.error(error.message) from None

    def write(self, widget: DateInput, value: date | None) -> None:
        widget.value = value.isoformat() if value else ""


class RequiredDate(Field[DateInput, date]):
    """A date that must be given: empty is an error (``dates.parse_date``'s message).

    Args:
        initial: The day shown when there is no record; ``date.min`` shows the field empty.
    """

    def __init__(self, name: str, label: str, *, initial: Initial[date] = date.min, allow_future: bool = True,
                 attr: str | None = SAME, id: str | None = None) -> None:
        super().__init__(name, label, attr=attr, id=id, blank=date.min, initial=initial)
        self._allow_future = allow_future

    def build(self, value: date, today: date) -> DateInput:
        return DateInput(None if value == date.min else value, today=today, allow_future=self._allow_future,
                         id=self.id)

    def convert(self, typed: str, today: date) -> date:
        """The day ``typed`` as this field reads it on ``today``, without a widget.

        Raises:
            ValidationError: Empty, not a date, or after ``today`` where that is refused (named by this field).
        """
        try:
            return dates.parse_date(typed, today, self.id, self._allow_future)
        except ValidationError as error:
            raise self.error(error.message) from None

    def read(self, widget: DateInput) -> date:
        try:
            return widget.date
        except ValidationError as error:
            raise self.error(error.message) from None

    def write(self, widget: DateInput, value: date) -> None:
        widget.value = "" if value == date.min else value.isoformat()


class ChoiceField(Field[Select[V], V]):
    """One of a list (a Select); nothing chosen reads as ``blank``.

    Args:
        choices: (label, value) pairs, or a function giving them when the form is composed.
        prompt: Shown while nothing is chosen.
        allow_blank: Whether nothing may be chosen (when not, a value not among the choices shows the first).
    """

    def __init__(self, name: str, label: str, choices: Choices[V], *, blank: V, prompt: str = "Select",
                 allow_blank: bool = True, attr: str | None = SAME, id: str | None = None,
                 initial: Initial[V] | None = None, hidden: bool = False) -> None:
        super().__init__(name, label, attr=attr, id=id, blank=blank, initial=initial, hidden=hidden)
        self._choices = choices
        self._prompt = prompt
        self._allow_blank = allow_blank
        self._values: list[V] = []

    def build(self, value: V, today: date) -> Select[V]:
        options = choices_of(self._choices)
        self._values = [v for _, v in options]
        if value in self._values:
            return Select(options, value=value, prompt=self._prompt, allow_blank=self._allow_blank, id=self.id)
        return Select(options, prompt=self._prompt, allow_blank=self._allow_blank, id=self.id)

    def shows(self, value: V) -> V:
        """The value the built Select holds for ``value``: the first choice when ``value`` is not among the
        choices and nothing chosen is not allowed, ``blank`` when it is (domain-level tests read this)."""
        values = [v for _, v in choices_of(self._choices)]
        if value in values:
            return value
        return values[0] if not self._allow_blank and values else self.blank

    def read(self, widget: Select[V]) -> V:
        chosen = widget.value
        return self.blank if isinstance(chosen, NoSelection) else chosen

    def write(self, widget: Select[V], value: V) -> None:
        widget.value = value if value in self._values else Select.NULL

    def set_choices(self, choices: Sequence[tuple[Label, V]], prompt: str | None = None) -> None:
        """Offer other choices (nothing chosen), e.g. the categories of another route."""
        self._values = [v for _, v in choices]
        self.widget.set_options(choices)
        if prompt is not None:
            self.widget.prompt = prompt


class FlagField(Field[Checkbox, bool]):
    """Yes or no (a checkbox with its caption)."""

    def __init__(self, name: str, label: str, caption: str, *, attr: str | None = SAME, id: str | None = None,
                 initial: Initial[bool] | None = None, bare: bool = False) -> None:
        super().__init__(name, label, attr=attr, id=id, blank=False, initial=initial, bare=bare)
        self._caption = caption

    def build(self, value: bool, today: date) -> Checkbox:
        return Checkbox(self._caption, value, id=self.id)

    def read(self, widget: Checkbox) -> bool:
        return widget.value

    def write(self, widget: Checkbox, value: bool) -> None:
        widget.value = value


class TicksField(Field[TickList, list[V]]):
    """Several of a list (a tick list); read in the order of the choices."""

    def __init__(self, name: str, label: str, choices: Choices[V], *, attr: str | None = SAME,
                 id: str | None = None, initial: Initial[list[V]] | None = None, hidden: bool = False) -> None:
        super().__init__(name, label, attr=attr, id=id, blank=[], initial=initial, hidden=hidden)
        self._choices = choices
        self._values: list[V] = []

    def initial(self) -> list[V]:
        return list(super().initial())  # never the shared blank list

    def build(self, value: list[V], today: date) -> TickList:
        options = choices_of(self._choices)
        self._values = [v for _, v in options]
        return TickList(*[(label, v, v in value) for label, v in options], id=self.id)

    def read(self, widget: TickList) -> list[V]:
        ticked = set(widget.selected)
        return [v for v in self._values if v in ticked]

    def write(self, widget: TickList, value: list[V]) -> None:
        widget.deselect_all()
        for v in value:
            if v in self._values:
                widget.select(v)


class RadioField(Field[RadioSet, str]):
    """One of a few words side by side (a radio set); the first is pressed when none is."""

    def __init__(self, name: str, label: str, choices: Sequence[str], *, attr: str | None = SAME,
                 id: str | None = None, initial: Initial[str] | None = None, hidden: bool = False) -> None:
        super().__init__(name, label, attr=attr, id=id, blank=choices[0], initial=initial, hidden=hidden)
        self._words = tuple(choices)

    def build(self, value: str, today: date) -> RadioSet:
        return RadioSet(*[RadioButton(w, value=w == value) for w in self._words], id=self.id, classes="inline")

    def read(self, widget: RadioSet) -> str:
        return self._words[max(0, widget.pressed_index)]

    def write(self, widget: RadioSet, value: str) -> None:
        buttons = list(widget.query(RadioButton))
        if value in self._words and len(buttons) == len(self._words):
            buttons[self._words.index(value)].value = True


class HouseholdField(Field[HouseholdPicker, Union[int, None]]):
    """A household found by name, pinyin, code or number; reads as its id (None when none is chosen).

    Args:
        search: The households matching typed text.
        lookup: The household of an id (to show the record's household).
        then: The widget the picker moves to after a choice (its selector).
    """

    def __init__(self, name: str, label: str, *, search: Callable[[str], list[Household]],
                 lookup: Callable[[int], Household], placeholder: str | None = None, then: str | None = None,
                 attr: str | None = SAME, id: str | None = None) -> None:
        super().__init__(name, label, attr=attr, id=id, blank=None)
        self._search = search
        self._lookup = lookup
        self._placeholder = placeholder
        self._then = then
        self._pending: int | None = None

    def build(self, value: int | None, today: date) -> HouseholdPicker:
        self._pending = value  # shown once the picker is mounted (its input is its child)
        if self._placeholder is None:
            return HouseholdPicker(self._search, id=self.id, then=self._then)
        return HouseholdPicker(self._search, self._placeholder, id=self.id, then=self._then)

    def mounted(self) -> None:
        """Show the record's household (called by the form once its fields are mounted)."""
        if self._pending is not None:
            self.write(self.widget, self._pending)
            self._pending = None

    def read(self, widget: HouseholdPicker) -> int | None:
        return widget.household.id if widget.household else None

    def write(self, widget: HouseholdPicker, value: int | None) -> None:
        widget.set_household(self._lookup(value) if value is not None else None)


class NoteField(Field[TextArea, str]):
    """Several lines of text (a text area)."""

    def __init__(self, name: str, label: str, *, attr: str | None = SAME, id: str | None = None,
                 initial: Initial[str] | None = None) -> None:
        super().__init__(name, label, attr=attr, id=id, blank="", initial=initial)

    def build(self, value: str, today: date) -> TextArea:
        return TextArea(value, id=self.id)

    def convert(self, typed: str, today: date) -> str:
        """The text ``typed`` as this field reads it, without a widget (domain-level tests)."""
        return typed

    def read(self, widget: TextArea) -> str:
        return self.convert(widget.text, date.min)

    def write(self, widget: TextArea, value: str) -> None:
        widget.text = value
