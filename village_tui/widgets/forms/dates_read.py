"""Dates read by widget id: the way forms read them before fields were declared (``forms.spec``).

Kept for forms that yield their FormFields by hand; a declared ``DateField`` or ``RequiredDate``
reads its date itself.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from textual.widget import Widget

from village_tui.domain.errors import ValidationError, ValidationErrors
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField


class DatesRead(dict[str, Optional[date]]):
    """The dates a form read, by field id; ``day(name)`` gives one of its required fields."""

    def day(self, name: str) -> date:
        """The date of a required field (read_dates never leaves one of them empty).

        Raises:
            KeyError: ``name`` was not read as a required field.
        """
        found = self[name]
        if found is None:
            raise KeyError(name)
        return found


def read_dates(form: Widget, names: tuple[str, ...], required: tuple[str, ...] = ()) -> DatesRead:
    """The dates typed in the DateInputs ``#name`` under ``form``; an empty field not in ``required`` gives None.

    Raises:
        ValidationErrors: One error per field that does not parse, named by its FormField (else its id).
    """
    found = DatesRead()
    errors: list[ValidationError] = []
    for name in names:
        field = form.query_one(f"#{name}", DateInput)
        if not field.value.strip() and name not in required:
            found[name] = None
            continue
        try:
            found[name] = field.date
        except ValidationError as error:
            holder = next((a for a in field.ancestors if isinstance(a, FormField)), None)
            errors.append(ValidationError(holder.name if holder and holder.name else name, error.message))
    if errors:
        raise ValidationErrors(errors)
    return found
