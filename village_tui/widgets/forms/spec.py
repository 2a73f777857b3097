"""Form fields declared once: label, widget id, the record attribute they edit and the conversion both ways.

A form declares each of its fields in order (``self.declare(TextField("head", "户主"))``). The form base
builds the labelled widget from the declaration, filled from the record being edited (or the field's
initial value for a new one), and reads every field back through the same declaration into the draft
(``read_fields().into(record)``). Errors of a field carry its ``name``, so the base marks and focuses it.

Each declaration keeps a typed reference to the widget it built (``field.widget``), so no form looks its
fields up by a string id.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, Union, cast

from rich.text import Text as RichText
from textual.widget import Widget
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Select, TextArea
from textual.widgets._select import NoSelection

from village_tui.domain.errors import ValidationError, ValidationErrors
from village_tui.domain.models import Household
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.household_picker import HouseholdPicker
from village_tui.widgets.tick_list import TickList

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

W = TypeVar("W", bound=Widget)
V = TypeVar("V")
C = TypeVar("C")
RecordT = TypeVar("RecordT", bound="DataclassInstance")

#: Where a field's value comes from when there is no record: the value, or a function giving it when composed.
Initial = Union[V, Callable[[], V]]
#: How a choice is written: plain words, or text drawn literally (``inert_text.Text``).
Label = Union[str, RichText]
#: A Select's or tick list's choices: (label, value) pairs, or a function giving them when composed.
Choices = Union[Sequence[tuple[Label, C]], Callable[[], Sequence[tuple[Label, C]]]]

#: Marks ``attr`` left out: the field edits the record attribute of its own name.
SAME = "\0same"


def _resolve(value: Initial[V]) -> V:
    return value() if callable(value) else value


def _choices(choices: Choices[C]) -> list[tuple[Label, C]]:
    return list(choices() if callable(choices) else choices)


class Declared:
    """What the form base knows of every declared field, whatever its widget and value.

    Args:
        name: The field's name: errors for it carry this name (``ValidationError.field``).
        label: The Chinese label.
        attr: The record attribute it edits; by default ``name``; None for a field of the draft only
            (生效日期), read with ``values[field]``.
        id: The widget id (CSS and tests); by default ``name``.
        hidden: The field starts hidden (shown by the form when it applies).
        bare: The widget is drawn alone, without the label and error line (a checkbox in a row of them).
    """

    def __init__(self, name: str, label: str, *, attr: str | None = SAME, id: str | None = None,
                 hidden: bool = False, bare: bool = False) -> None:
        self.name = name
        self.label = label
        self.attr = name if attr == SAME else attr
        self.id = id or name
        self.hidden = hidden
        self.bare = bare
        self._form_field: FormField | None = None
        self._drawn: Widget | None = None

    def compose_from(self, record: object | None, today: date) -> Widget:
        """The labelled field showing ``record``'s attribute (the initial value when there is no record)."""
        raise NotImplementedError

    def read_value(self) -> object:
        """The value typed (see :attr:`Field.value`)."""
        raise NotImplementedError

    def mounted(self) -> None:
        """Called by the form once its fields are mounted (a household picker shows its household then)."""

    @property
    def form_field(self) -> FormField:
        """The labelled box around the widget (its error line, its display).

        Raises:
            LookupError: The field is not composed yet.
        """
        if self._form_field is None:
            raise LookupError(f"field {self.name} is not composed")
        return self._form_field

    @property
    def boxed(self) -> FormField | None:
        """The labelled box, or None for a bare field or one not composed yet."""
        return self._form_field

    @property
    def composed(self) -> bool:
        """Whether the field was composed."""
        return self._drawn is not None

    @property
    def shown(self) -> bool:
        """Whether the field is shown (a hidden one reads as its blank value)."""
        return self._drawn is not None and bool(self._drawn.display)

    @shown.setter
    def shown(self, value: bool) -> None:
        if self._drawn is None:
            raise LookupError(f"field {self.name} is not composed")
        self._drawn.display = value

    def error(self, message: str) -> ValidationError:
        """An error of this field."""
        return ValidationError(self.name, message)


class Field(Declared, Generic[W, V]):
    """One declared field: how to build its widget, fill it and read it.

    Args:
        name: See :class:`Declared` (also ``label``, ``attr``, ``id``, ``hidden``).
        blank: The value of an empty field, and of a field not shown.
        initial: The value shown when there is no record (by default ``blank``).
    """

    def __init__(self, name: str, label: str, *, attr: str | None = SAME, id: str | None = None, blank: V,
                 initial: Initial[V] | None = None, hidden: bool = False, bare: bool = False) -> None:
        super().__init__(name, label, attr=attr, id=id, hidden=hidden, bare=bare)
        self.blank = blank
        self._initial = initial
        self._widget: W | None = None

    # -- what each kind of field does ---------------------------------------------------

    def build(self, value: V, today: date) -> W:
        """The widget showing ``value``."""
        raise NotImplementedError

    def read(self, widget: W) -> V:
        """The value ``widget`` holds.

        Raises:
            ValidationError: The text does not convert (named by this field).
        """
        raise NotImplementedError

    def write(self, widget: W, value: V) -> None:
        """Show ``value`` in ``widget``."""
        raise NotImplementedError

    # -- shared --------------------------------------------------------------------------

    def initial(self) -> V:
        """The value of a new record's field."""
        return self.blank if self._initial is None else _resolve(self._initial)

    def compose(self, value: V, today: date) -> Widget:
        """The labelled field holding ``value`` (a bare field: the widget); the declaration keeps the widget."""
        self._widget = self.build(value, today)
        drawn: Widget = self._widget
        if not self.bare:
            self._form_field = drawn = FormField(self.label, self._widget, self.name)
        drawn.display = not self.hidden
        self._drawn = drawn
        return drawn

    def compose_from(self, record: object | None, today: date) -> Widget:
        value: V = getattr(record, self.attr) if record is not None and self.attr else self.initial()
        return self.compose(value, today)

    @property
    def widget(self) -> W:
        """The widget this field built.

        Raises:
            LookupError: The field is not composed yet.
        """
        if self._widget is None:
            raise LookupError(f"field {self.name} is not composed")
        return self._widget

    @property
    def value(self) -> V:
        """The value typed (``blank`` when hidden).

        Raises:
            ValidationError: It does not convert.
        """
        return self.read(self.widget) if self.shown else self.blank

    @value.setter
    def value(self, value: V) -> None:
        self.write(self.widget, value)

    def read_value(self) -> object:
        return self.value

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

    def read(self, widget: Input) -> V:
        try:
            return self._from_text(widget.value)
        except ValidationError as error:
            raise self.error(error.message) from None

    def write(self, widget: Input, value: V) -> None:
        widget.value = self._to_text(value)


def text(name: str, label: str, *, placeholder: str = "", max_length: int = 0, strip: bool = False,
         attr: str | None = SAME, id: str | None = None, initial: Initial[str] | None = None,
         hidden: bool = False) -> TextField[str]:
    """A field of plain text (``strip``: without spaces around it)."""
    return TextField(name, label, to_text=str, from_text=str.strip if strip else str, blank="",
                     placeholder=placeholder, max_length=max_length, attr=attr, id=id, initial=initial, hidden=hidden)


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
        options = _choices(self._choices)
        self._values = [v for _, v in options]
        if value in self._values:
            return Select(options, value=value, prompt=self._prompt, allow_blank=self._allow_blank, id=self.id)
        return Select(options, prompt=self._prompt, allow_blank=self._allow_blank, id=self.id)

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
        options = _choices(self._choices)
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

    def read(self, widget: TextArea) -> str:
        return widget.text

    def write(self, widget: TextArea, value: str) -> None:
        widget.text = value


DeclaredT = TypeVar("DeclaredT", bound=Declared)


class Declares(Protocol):
    """A form that fields are declared on (the form base)."""

    def declare(self, field: DeclaredT) -> DeclaredT:
        """Add ``field`` to the form's fields and give it back."""
        ...


class FieldValues:
    """What :meth:`read_fields` read: each declared field's value, and the record they make.

    Args:
        values: The value of each field, by declaration.
    """

    def __init__(self, values: dict[Declared, object]) -> None:
        self._values = values

    def __getitem__(self, field: Field[W, V]) -> V:
        """The value read from ``field``."""
        return cast(V, self._values[field])

    def into(self, record: RecordT) -> RecordT:
        """``record`` with every field that edits one of its attributes set to what was read."""
        return dataclasses.replace(record, **{f.attr: v for f, v in self._values.items() if f.attr is not None})


def read_fields(fields: Iterable[Declared]) -> FieldValues:
    """The values of ``fields``; a hidden field reads as its blank value.

    Raises:
        ValidationErrors: One error for each field that does not convert, in the order declared.
    """
    values: dict[Declared, object] = {}
    errors: list[ValidationError] = []
    for field in fields:
        try:
            values[field] = field.read_value()
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationErrors(errors)
    return FieldValues(values)
