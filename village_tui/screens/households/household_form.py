"""Add or edit one household, with inline errors and a warning about possible duplicates."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select

from village_tui.domain.errors import ValidationError
from village_tui.domain.models import NEED_TAGS, Household
from village_tui.domain.privacy import mask_id_number
from village_tui.domain.validation import validate_id_number
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.tick_list import TickList


class HouseholdFormScreen(FormScreen):
    """The form; dismisses with the saved household (None when left without saving).

    Args:
        household: The household to edit, or None for a new one.
    """

    def __init__(self, household: Household | None = None) -> None:
        super().__init__()
        self._original = household
        self._warned_for: tuple | None = None

    def form_title(self) -> str:
        h = self._original
        return f"修改农户 {h.code} {h.head}" if h else "新增农户"

    def form_fields(self) -> ComposeResult:
        h = self._original or Household(code="", head="", group="")
        groups = self.service.settings().groups
        yield FormField("户编号", Input(h.code, id="code"), "code")
        yield FormField("户主", Input(h.head, id="head"), "head")
        yield FormField("身份证号", Input(h.id_number, max_length=18, id="id_number"), "id_number")
        yield FormField("组别", Select([(Text(g), g) for g in groups], value=h.group if h.group in groups else Select.NULL,
                                      prompt="请选择组", id="group"), "group")
        yield FormField("人口", Input(str(h.members), id="members"), "members")
        yield FormField("电话", Input(h.phone, id="phone"), "phone")
        yield FormField("外出务工", Checkbox("外出务工/经商", h.away, id="away"), "away")
        yield FormField("困难类别", TickList(*[(t, t, t in h.needs) for t in NEED_TAGS], id="needs"), "needs")
        yield FormField("住址", Input(h.address, id="address"), "address")

    def first_field(self):
        return self.query_one("#code" if self._original is None else "#head", Input)

    def _field(self, name: str) -> FormField:
        return next(f for f in self.query(FormField) if f.name == name)

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

    def collect(self) -> Household:
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

    household = collect

    def warnings(self, draft: Household) -> list[str]:
        """Households that may be the same one (same ID number, or same head in the same group)."""
        return [f"可能重复：已有 {d.code} {d.head} {d.group} {mask_id_number(d.id_number)}"
                for d in self.service.household_duplicates(draft)]

    def save(self, draft: Household) -> Household:
        return self.service.save_household(draft)
