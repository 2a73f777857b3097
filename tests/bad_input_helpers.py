"""The bad input catalogue of issue 13 item 6 and the helpers both form test files share."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static, TextArea

from tests.app_fixtures import make_village, valid_id
from tests.settle import settled
from village_tui.service import VillageService
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.lists.fitted_table import FittedTable

EMPTY = ""
LONG = "长" * 501  # one more than the longest free-text limit (500)
IMPOSSIBLE = "2026-02-30"
FUTURE = "2026-12-25"
BOLD = "[b]粗体[/b]"
CLICK = "[@click=app.quit]点我"  # 20 characters: fits a name; unclosed tags are markup too
RED = "[red]红字"
ESCAPES = "王\x1b[31m红\x1b]0;title\x07字"
ESCAPES_CLEAN = "王红字"
EMOJI = "王😀"
FULLWIDTH_PHONE = "１３８１２３４５６７８"
BAD_CHECK_DIGIT = valid_id("11010519900101123")[:-1] + ("0" if valid_id("11010519900101123")[-1] != "0" else "1")
IMPOSSIBLE_BIRTH = valid_id("11010520260230123")  # check digit right, 2026-02-30 does not exist
FUTURE_BIRTH = valid_id("11010520271201123")

BAD = "bad"  # a Chinese message in the form, nothing saved
ANY = "any"  # either saved or a Chinese message; never a crash (only for an empty field: nothing to read back)


def OK(expected: str) -> tuple[str, str]:  # noqa: N802 - reads like a constant in the tables
    """Saved, and the saved record contains ``expected`` literally."""
    return ("ok", expected)


def SAVED_AS(expected: object, read=None) -> tuple[str, object, object]:  # noqa: N802
    """Either refused with a Chinese message, or saved as ``expected``.

    Args:
        expected: The value a saved record holds (e.g. 5 for a full-width 「５」).
        read: Reads the value from the saved record; without it ``expected`` must be
            one of the record's texts (a whole word of :func:`record_text`, new since the case began).
    """
    return ("either", expected, read)


def is_either(expect: object) -> bool:
    """Whether ``expect`` is a :func:`SAVED_AS` expectation."""
    return isinstance(expect, tuple) and len(expect) == 3 and expect[0] == "either"


def new_words(before: str, after: str) -> list[str]:
    """The words of ``after`` (a :func:`record_text`) that ``before`` did not have as often."""
    from collections import Counter

    return list((Counter(after.split()) - Counter(before.split())).elements())


MARKUP_CASES = [(BOLD, OK(BOLD)), (CLICK, OK(CLICK)), (RED, OK(RED)), (ESCAPES, OK(ESCAPES_CLEAN))]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def field_cases(name: str, *pairs) -> list[tuple[str, str, object]]:
    """``(field, value, expectation)`` rows for one field."""
    return [(name, value, expect) for value, expect in pairs]


def set_value(screen: Screen, widget_id: str, value: str) -> None:
    """Put ``value`` in an Input or TextArea directly (typing 500 keys one by one only costs time)."""
    widget = screen.query_one(f"#{widget_id}")
    if isinstance(widget, TextArea):
        widget.text = value
    else:
        assert isinstance(widget, Input)
        widget.value = value


def messages(screen: Screen) -> str:
    """Every error line the form shows."""
    parts = [f.error or "" for f in screen.query(FormField)]
    for static in screen.query(Static):
        if static.has_class("error") or static.has_class("warning") or (static.id or "").endswith(
                ("error", "message", "status")):
            parts.append(str(static.render()))
    return " ".join(p for p in parts if p)


def record_text(record) -> str:
    """Every text of a record (dataclasses, lists and dicts walked), raw: escape characters stay visible."""
    if record is None:
        return ""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return " ".join(record_text(getattr(record, f.name)) for f in dataclasses.fields(record))
    if isinstance(record, dict):
        return " ".join(f"{record_text(k)} {record_text(v)}" for k, v in record.items())
    if isinstance(record, (list, tuple, set)):
        return " ".join(record_text(item) for item in record)
    return str(record)


def table_text(screen: Screen) -> str:
    """The cells of every DataTable on ``screen``: as drawn, and whole (cut and hidden columns too)."""
    drawn = [str(cell) for table in screen.query(DataTable) for r in range(table.row_count)
             for cell in table.get_row_at(r)]
    whole = [text for table in screen.query(FittedTable) for r in range(table.row_count)
             for text in table.row_texts(r).values()]
    return " ".join(drawn + whole)


def fresh_service() -> VillageService:
    """The test village, signed in as cadre 1, with both cadres on duty on 2026-11-26."""
    service = make_village()
    service.sign_in(1)
    service.set_roster(date(2026, 11, 26), [1, 2])
    return service


def clear_messages(screen: Screen) -> None:
    """Blank every error line, so the next save's message is the only one shown (forms are reused per case)."""
    for form_field in screen.query(FormField):
        form_field.set_error(None)
    for static in screen.query(Static):
        if static.has_class("error") or static.has_class("warning") or (static.id or "").endswith(
                ("error", "message", "status")):
            static.update("")


def walk_case(cases: list[tuple[str, str, object]]) -> tuple[str, str, object]:
    """The one bad input a form's pilot walk types: the first refused one in the last field that has one
    (far from the field focused when the form opens, so the walk shows the focus moving to it).

    The whole catalogue of each declared form is asserted without the app in ``test_bad_input_domain``.
    """
    bad = [case for case in cases if case[2] == BAD]
    last_field = bad[-1][0]
    return next(case for case in bad if case[0] == last_field)


def assert_focus_on(screen: Screen, widget_id: str) -> None:
    """The focused widget is the field ``widget_id`` (or inside it, as a household picker's input)."""
    field = screen.query_one(f"#{widget_id}")
    focused = screen.focused
    assert focused is not None and (focused is field or field in focused.ancestors), (
        f"focus on {getattr(focused, 'id', None)!r}, not on the bad field {widget_id!r}")


async def settle(app: App) -> None:
    """Wait on events until ``app`` handled everything queued for it (no idle polling, no redraw)."""
    await settled()


async def save_by_action(app: App, screen: Screen, action: str = "save") -> None:
    """Run the action Ctrl+S is bound to on ``screen`` (its checks included) and wait for what it started."""
    assert await app.run_action(action, screen), f"{action} not run"
    await app.workers.wait_for_complete()
    await settle(app)
