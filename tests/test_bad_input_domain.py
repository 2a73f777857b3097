"""Issue 30 item 4: the bad input catalogue of issue 13 item 6, asserted without the app.

Every form declares its fields once (``widgets.forms.spec``) and each field converts its text with
``convert``. Here each catalogue value goes through the form's own declared field, the other fields
holding valid values, and the form's own ``collect`` and ``save`` run on a fresh village; no app runs
(the pilot walk of each form, with what only the screen shows, is in ``test_bad_input_forms*.py``).
A bad value must be refused with a Chinese message naming nothing saved; a good one (markup, escape
sequences, full-width digits) is saved literally, with escape sequences removed. The catalogues and
their expectations are the pilot files' own tables (``FORMS`` and ``SPECS``), so none is weakened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from textual._context import active_app
from textual.screen import Screen

from tests.bad_input_helpers import ANY, BAD, CHINESE, fresh_service, is_either, new_words, record_text
from tests.test_bad_input_forms import FORMS
from tests.test_bad_input_forms_more import SPECS, SWAP_DAY
from village_tui.app import VillageApp
from village_tui.domain.errors import DomainError, ValidationErrors
from village_tui.domain.models import Meeting
from village_tui.screens.desk.desk_forms import ServiceRequestForm
from village_tui.screens.duty.duty_dialogs import SwapDialog
from village_tui.screens.duty.leave_dialog import LeaveDialog
from village_tui.screens.duty.visitor_dialog import VisitorDialog
from village_tui.screens.ledger.meeting_decision import MeetingDecisionDialog
from village_tui.screens.matters.matter_forms import MatterForm, MatterStepForm
from village_tui.screens.pairing.pairing_close import PairingCloseDialog
from village_tui.screens.pairing.pairing_visit import PairingVisitDialog
from village_tui.screens.settings.settings import SettingsScreen
from village_tui.screens.visits.visits import VisitsScreen
from village_tui.service import VillageService
from village_tui.widgets.forms.declared import Field
from village_tui.widgets.forms.spec import ChoiceField, HouseholdField


@contextmanager
def headless(service: VillageService) -> Iterator[None]:
    """Forms built in this block ask ``service`` (through an app that is never run)."""
    token = active_app.set(VillageApp(service, operator_id=1))
    try:
        yield
    finally:
        active_app.reset(token)


def type_into(field: Field, read: Callable[[], object]) -> None:
    """Make ``field`` read ``read()`` as if its widget held it: composed, shown unless hidden."""
    base = type(field)

    def shown_set(self: Field, value: bool) -> None:
        self.hidden = not value

    field.__class__ = type(f"Typed{base.__name__}", (base,), {
        "value": property(lambda self: read()),
        "composed": property(lambda self: True),
        "shown": property(lambda self: not self.hidden, shown_set),
    })


def fill(screen: Screen, service: VillageService, texts: dict[str, str], chosen: dict[str, object]) -> None:
    """Type ``texts`` and pick ``chosen`` (widget id -> value; ``household``: its id) in ``screen``'s fields.

    A typed text is read through the field's own converter (``convert``); a field neither typed nor
    picked holds what the form shows (the record's value, or its initial one); a hidden one its blank.
    """
    record = screen.form_record()
    for field in screen.declared:
        assert isinstance(field, Field)
        key = "household" if isinstance(field, HouseholdField) else field.id
        if field.id in texts:
            typed = texts[field.id]
            read: Callable[[], object] = lambda f=field, t=typed: (  # noqa: E731
                f.blank if f.hidden else f.convert(t, service.today))
        elif key in chosen:
            read = lambda f=field, v=chosen[key]: f.blank if f.hidden else v  # noqa: E731
        else:
            value = getattr(record, field.attr) if record is not None and field.attr else field.initial()
            if isinstance(field, ChoiceField):
                value = field.shows(value)
            read = lambda f=field, v=value: f.blank if f.hidden else v  # noqa: E731
        type_into(field, read)


def save(screen: Screen) -> str | None:
    """What Ctrl+S does on ``screen``: None when saved, else the message shown.

    A warning (可能重复) is confirmed by a second Ctrl+S, which saves all the same: it is not asked here.
    """
    try:
        screen.save(screen.collect())
    except ValidationErrors as errors:
        return " ".join(e.message for e in errors.errors)
    except DomainError as error:
        return str(error)
    return None


# -- the forms of test_bad_input_forms.py ----------------------------------------------------------

HEADLESS_FORMS = [name for name in FORMS if name not in (
    "reason (archive household)",  # a plain dialog with one Input, no declared field: its walk stays whole
)]


@pytest.mark.parametrize(("form_name", "name", "value", "expect"), [
    pytest.param(form_name, name, value, expect, id=f"{form_name}-{name}-{value[:12]!r}")
    for form_name in HEADLESS_FORMS for name, value, expect in FORMS[form_name].cases])
def test_field_takes_the_catalogue_value(form_name: str, name: str, value: str, expect: object) -> None:
    form = FORMS[form_name]
    service = fresh_service()
    before = form.count(service)
    with headless(service):
        screen = form.open(service)
        chosen: dict[str, object] = dict(form.choose)
        if form.household is not None:
            chosen["household"] = form.household
        fill(screen, service, {**form.valid, name: value}, chosen)
        message = save(screen)
    label = f"{name}={value[:30]!r}"
    if expect == BAD or (message is not None and (expect == ANY or is_either(expect))):
        assert message is not None, f"{label}: saved although bad"
        assert CHINESE.search(message), f"{label}: no Chinese message ({message!r})"
        assert form.count(service) == before, f"{label}: saved although refused"
        return
    assert message is None, f"{label}: not saved: {message}"
    if expect == ANY:
        return
    record = form.saved(service)
    if is_either(expect):  # saved: read back what was saved (「５」 must not become 0)
        _, expected, read = expect
        if read is not None:
            assert read(record) == expected, f"{label}: saved as {read(record)!r}"
        else:
            assert expected in record_text(record).split(), f"{label}: saved as {record_text(record)[:200]}"
        return
    text = record_text(record)
    assert expect[1] in text, f"{label}: saved as {text[:200]}"
    assert "\x1b" not in text and "\x07" not in text, label


# -- the forms of test_bad_input_forms_more.py -----------------------------------------------------

def step_form(service: VillageService) -> Screen:
    """The form of the next step of the village's matter (its fields are shown for the step once filled)."""
    return MatterStepForm(service.matters()[0])


def decision_form(service: VillageService) -> Screen:
    """The meeting decision dialog of the village's ledger item, saving as the meeting screen does."""
    item = service.ledger_items(2026, limit=10)[0]
    held = {"meeting": Meeting(day=date(2026, 11, 25), attendees=[1, 2])}

    def save(decided) -> None:
        held["meeting"] = service.decide(held["meeting"], decided.item_id, decided.decision, decided.handler_id,
                                         decided.due, decided.action, feedback=decided.feedback,
                                         satisfaction=decided.satisfaction)
    return MeetingDecisionDialog(item, "王大山", save)


#: How each form of ``SPECS`` is made on a village, as its opener in the pilot file makes it.
MAKERS: dict[str, Callable[[VillageService], Screen]] = {
    "visit entry (F5)": lambda s: VisitsScreen(),
    "duty swap reason": lambda s: SwapDialog(SWAP_DAY),
    "new matter (F8)": lambda s: MatterForm(),
    "matter step 干群议事 (F8)": step_form,
    "matter step 集体定事 (F8)": step_form,
    "service request (F9)": lambda s: ServiceRequestForm(),
    "meeting decision": decision_form,
    "pairing end": lambda s: PairingCloseDialog(s.pairings()[0], "张建国 帮扶 曾小明"),
    "pairing cancel": lambda s: PairingCloseDialog(s.pairings()[0], "张建国 帮扶 曾小明", cancel=True),
    "pairing visit": lambda s: PairingVisitDialog(s.pairings()[0], "张建国", s.household(2), date(2026, 11, 26)),
    "leave": lambda s: LeaveDialog(1),
    "visitor": lambda s: VisitorDialog(date(2026, 11, 26)),
    "settings (F12)": lambda s: SettingsScreen(),
}
# Not here: "first-run setup" reads its cadre fields' widgets directly (a list of cadres is typed one by
# one), so its catalogue stays whole in the pilot file.


@pytest.mark.parametrize(("form_name", "name", "value", "expect"), [
    pytest.param(form_name, name, value, expect, id=f"{form_name}-{name}-{value[:12]!r}")
    for form_name in MAKERS for name, value, expect in SPECS[form_name].cases])
def test_more_field_takes_the_catalogue_value(form_name: str, name: str, value: str, expect: object) -> None:
    spec = SPECS[form_name]
    service = spec.village()
    before = spec.state(service)
    with headless(service):
        screen = MAKERS[form_name](service)
        fill(screen, service, {**spec.valid, name: value}, dict(getattr(spec.prepare, "values", {})))
        if isinstance(screen, MatterStepForm):
            screen.on_mount()  # shows the fields of the step chosen, as when the form opens
        message = save(screen)
    after = spec.state(service)
    label = f"{name}={value[:30]!r}"
    either = expect == ANY or is_either(expect)
    if expect == BAD or either and after == before:
        assert after == before, f"{label}: stored although bad"
        assert message is not None and CHINESE.search(message), f"{label}: no Chinese message ({message!r})"
        return
    if expect == ANY:
        return
    if is_either(expect):  # saved: read back what was saved
        assert expect[1] in new_words(before, after), f"{label}: saved as {new_words(before, after)[:20]}"
        return
    assert message is None and after != before, f"{label}: not saved: {message}"
    assert expect[1] in after, f"{label}: saved as {after[:300]}"
    assert "\x1b" not in after and "\x07" not in after, label
