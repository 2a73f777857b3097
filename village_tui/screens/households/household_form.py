"""Add or edit one household, with inline errors and a warning about possible duplicates."""

from __future__ import annotations

import dataclasses
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select

from village_tui.domain.errors import ValidationError
from village_tui.domain.facts import household_changed_facts
from village_tui.domain.models import NEED_TAGS, Household
from village_tui.domain.privacy import mask_id_number
from village_tui.domain.validation import validate_id_number
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.inert_text import Text
from village_tui.widgets.tick_list import TickList
from village_tui.screens.base import ServiceAccess


class HouseholdFormScreen(ServiceAccess, FormScreen):
    """The form; dismisses with the saved household (None when left without saving).

    Args:
        household: The household to edit, or None for a new one.
    """

    def __init__(self, household: Household | None = None) -> None:
        super().__init__()
        self._original = household

    @property
    def _suggested(self) -> str:
        """The next free 户编号, offered in a new household's form."""
        return self.service.next_household_code()

    def form_title(self) -> str:
        h = self._original
        return f"修改农户 {h.code} {h.head}" if h else "新增农户"

    def form_fields(self) -> ComposeResult:
        h = self._original or Household(code="", head="", group="")
        groups = self.service.settings().groups
        yield FormField("户编号", Input(h.code if self._original else self._suggested, id="code"), "code")
        yield FormField("户主", Input(h.head, id="head"), "head")
        yield FormField("身份证号", Input(h.id_number, max_length=18, id="id_number"), "id_number")
        yield FormField("组别", Select([(Text(g), g) for g in groups], value=h.group if h.group in groups else Select.NULL,
                                      prompt="请选择组", id="group"), "group")
        yield FormField("人口", Input(str(h.members), id="members"), "members")
        yield FormField("电话", Input(h.phone, id="phone"), "phone")
        yield FormField("外出务工", Checkbox("外出务工/经商", h.away, id="away"), "away")
        yield FormField("困难类别", TickList(*[(t, t, t in h.needs) for t in NEED_TAGS], id="needs"), "needs")
        yield FormField("住址", Input(h.address, id="address"), "address")
        # Shown when 外出, 困难类别 or 组别 changed: the day the change holds from (the days before keep the old).
        since = FormField("生效日期", DateInput(None, today=self.service.today, allow_future=False, id="since"), "since")
        since.display = False
        yield since

    def first_field(self):
        return self.query_one("#code" if self._original is None else "#head", Input)

    def _field(self, name: str) -> FormField:
        return next(f for f in self.query(FormField) if f.name == name)

    def _show_since(self) -> None:
        """Show 生效日期 when editing a household and a dated fact (外出, 困难类别, 组别) changed."""
        if self._original is None or not self.is_mounted:
            return
        try:
            changed = household_changed_facts(self._original, self.household())
        except Exception:  # noqa: BLE001 - a field still being built while the form mounts
            return
        field = self._field("since")
        if bool(changed) != field.display:
            field.display = bool(changed)
            if changed:
                self.query_one("#since", DateInput).placeholder = "留空为今天，如 2026-11-01"

    def fields_changed(self) -> None:
        self._show_since()

    def since(self) -> date | None:
        """The 生效日期 typed (None: today).

        Raises:
            ValidationErrors: The text is not a date or lies after today.
        """
        return self.read_dates("since")["since"] if self._field("since").display else None

    def on_input_changed(self, event: Input.Changed) -> None:
        # Check the ID number as soon as all 18 characters are typed.
        if event.input.id == "id_number":
            text = event.value.strip()
            message = None
            if len(text) == 18:
                try:
                    validate_id_number(text, today=self.service.today)
                except ValidationError as error:
                    message = error.message
            self._field("id_number").set_error(message)

    def household(self) -> Household:
        """The household as typed (validated by the service)."""
        base = self._original or Household(code="", head="", group="")
        members_text = self.query_one("#members", Input).value.strip()
        try:
            members = int(members_text)
        except ValueError:
            members = -1
        group = self.query_one("#group", Select).value
        return dataclasses.replace(
            base,
            code=self.query_one("#code", Input).value,
            head=self.query_one("#head", Input).value,
            id_number=self.query_one("#id_number", Input).value.strip(),
            group=group if isinstance(group, str) else "",
            members=members,
            phone=self.query_one("#phone", Input).value,
            away=self.query_one("#away", Checkbox).value,
            needs=list(self.query_one("#needs", TickList).selected),
            address=self.query_one("#address", Input).value,
        )

    def collect(self) -> tuple[Household, date | None]:
        """The household as typed and the day its changed facts hold from."""
        return self.household(), self.since()

    def warnings(self, draft: tuple[Household, date | None]) -> list[str]:
        """Households that may be the same one (same ID number, or same head in the same group)."""
        return [f"可能重复：已有 {d.code} {d.head} {d.group} {mask_id_number(d.id_number)}"
                for d in self.service.household_duplicates(draft[0])]

    def save(self, draft: tuple[Household, date | None]) -> Household:
        household, since = draft
        return self.service.save_household(household, since=since)
