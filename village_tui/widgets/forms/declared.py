"""The declaration of a form field and what reading the declared fields gives (see ``forms.spec``).

:class:`Field` is what every kind of field shares: its name, label, record attribute and widget id,
the widget it built (a typed reference), whether it is shown, and its value through its converter.
:func:`read_fields` reads several fields at once into :class:`FieldValues`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, Union, cast

from rich.text import Text as RichText
from textual.widget import Widget

from village_tui.domain.errors import ValidationError, ValidationErrors
from village_tui.widgets.forms.field import FormField

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


def resolve(value: Initial[V]) -> V:
    """``value``, or what it gives when it is a function."""
    return value() if callable(value) else value


def choices_of(choices: Choices[C]) -> list[tuple[Label, C]]:
    """The (label, value) pairs of ``choices``."""
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
        return self.blank if self._initial is None else resolve(self._initial)

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
