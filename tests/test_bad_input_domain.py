"""Issue 30 item 4: the bad input catalogue of issue 13 item 6, asserted without the app.

Every form declares its fields once (``widgets.forms.spec``): each field converts its text with
``convert``. Here each catalogue value is converted by the form's own declared field, the other
fields holding valid values, and the form's own ``collect`` and ``save`` run on a fresh village,
without an app running (the pilot walk of each form is in ``test_bad_input_forms.py``). A bad value
must be refused with a Chinese message and save nothing; a good one (markup, escape sequences,
full-width digits) is saved literally, with escape sequences removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from textual._context import active_app

from tests.bad_input_helpers import (ANY, BAD, CHINESE, fresh_service, is_either, record_text)
from tests.test_bad_input_forms import FORMS, Form
from village_tui.app import VillageApp
from village_tui.domain.errors import DomainError, ValidationError, ValidationErrors
from village_tui.service import VillageService
from village_tui.widgets.forms.declared import Declared, Field, FieldValues
from village_tui.widgets.forms.spec import DateField, RequiredDate, TextField

#: The forms whose every field is declared and whose save is the form's own collect and save.
HEADLESS = ("household", "cadre", "ledger item", "pairing", "duty sign-in", "duty special period", "duty fill")


@contextmanager
def headless(service: VillageService) -> Iterator[None]:
    """Forms built in this block ask ``service`` (through an app that is never run)."""
    token = active_app.set(VillageApp(service, operator_id=1))
    try:
        yield
    finally:
        active_app.reset(token)


def typed_values(screen, service: VillageService, texts: dict[str, str], chosen: dict[str, object]) -> FieldValues:
    """What the declared fields of ``screen`` read when ``texts`` are typed and ``chosen`` picked.

    A field neither typed nor picked holds what the form shows (the record's or the initial value);
    a hidden one reads as its blank value, as in :func:`read_fields`.

    Raises:
        ValidationErrors: One per field whose text does not convert, in the order declared.
    """
    record = screen.form_record()
    values: dict[Declared, object] = {}
    errors: list[ValidationError] = []
    for field in screen.declared:
        assert isinstance(field, Field)
        try:
            if field.hidden:
                values[field] = field.blank
            elif field.id in texts:
                assert isinstance(field, (TextField, DateField, RequiredDate)), field.id
                values[field] = field.convert(texts[field.id], service.today)
            elif field.id in chosen:
                values[field] = chosen[field.id]
            else:
                values[field] = getattr(record, field.attr) if record is not None and field.attr else field.initial()
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationErrors(errors)
    return FieldValues(values)


def try_save(form: Form, service: VillageService, name: str, value: str) -> tuple[bool, str]:
    """Type ``value`` in field ``name`` of a new ``form`` (valid text elsewhere) and save as Ctrl+S would.

    Returns:
        Whether it saved, and the message shown when it did not.
    """
    with headless(service):
        screen = form.open(service)
        chosen: dict[str, object] = dict(form.choose)
        if form.household is not None:
            chosen["household"] = form.household
        texts = {**form.valid, name: value}
        screen.read_fields = lambda *only: typed_values(screen, service, texts, chosen)
        try:
            draft = screen.collect()
            screen.save(draft)  # a warning (可能重复) is confirmed by the second Ctrl+S: saved all the same
        except ValidationErrors as errors:
            return False, " ".join(e.message for e in errors.errors)
        except DomainError as error:
            return False, str(error)
    return True, ""


CASES = [pytest.param(form_name, name, value, expect, id=f"{form_name}-{name}-{value[:12]!r}")
         for form_name in HEADLESS for name, value, expect in FORMS[form_name].cases]


@pytest.mark.parametrize(("form_name", "name", "value", "expect"), CASES)
def test_field_takes_the_catalogue_value(form_name: str, name: str, value: str, expect: object) -> None:
    form = FORMS[form_name]
    service = fresh_service()
    before = form.count(service)
    saved, message = try_save(form, service, name, value)
    label = f"{name}={value[:30]!r}"
    if expect == BAD or (not saved and (expect == ANY or is_either(expect))):
        assert not saved, f"{label}: saved although bad"
        assert CHINESE.search(message), f"{label}: no Chinese message ({message!r})"
        assert form.count(service) == before, f"{label}: saved although refused"
        return
    assert saved, f"{label}: not saved: {message}"
    if expect == ANY:
        return
    record = form.saved(service)
    if is_either(expect):
        _, expected, read = expect
        if read is not None:
            assert read(record) == expected, f"{label}: saved as {read(record)!r}"
        else:
            assert expected in record_text(record).split(), f"{label}: saved as {record_text(record)[:200]}"
        return
    text = record_text(record)
    assert expect[1] in text, f"{label}: saved as {text[:200]}"
    assert "\x1b" not in text and "\x07" not in text, label
