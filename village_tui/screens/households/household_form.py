"""Add or edit one household, with inline errors and a warning about possible duplicates."""

from __future__ import annotations

from datetime import date
from typing import Optional

from textual import on
from textual.widget import Widget
from textual.widgets import Input

from village_tui.domain.errors import ValidationError
from village_tui.domain.facts import household_changed_facts
from village_tui.domain.models import NEED_TAGS, Household
from village_tui.domain.privacy import mask_id_number
from village_tui.domain.validation import validate_id_number
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.forms.spec import ChoiceField, DateField, FlagField, TextField, TicksField, text
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess


HouseholdDraft = tuple[Household, Optional[date]]


def members_from_text(typed: str) -> int:
    """The 人口 typed; text that is not a whole number gives -1, which the service refuses with its message."""
    try:
        return int(typed.strip())
    except ValueError:
        return -1


class HouseholdFormScreen(ServiceAccess, FormScreen[HouseholdDraft, Household]):
    """The form; dismisses with the saved household (None when left without saving).

    Args:
        household: The household to edit, or None for a new one.
    """

    def __init__(self, household: Household | None = None) -> None:
        super().__init__()
        self._original = household
        self._code = self.declare(text("code", "户编号"))
        self._head = self.declare(text("head", "户主"))
        # Room for spaces typed between the digit groups (「350425 19600101 1234」): the limit cut the last digits.
        self._id_number = self.declare(text("id_number", "身份证号", max_length=24, strip=True))
        self.declare(ChoiceField("group", "组别", lambda: [(Text(g), g) for g in self.service.settings().groups],
                                 blank="", prompt="请选择组"))
        self.declare(TextField("members", "人口", to_text=str, from_text=members_from_text, blank=-1))
        self.declare(text("phone", "电话"))
        self.declare(FlagField("away", "外出务工", "外出务工/经商"))
        self.declare(TicksField("needs", "困难类别", [(t, t) for t in NEED_TAGS]))
        self.declare(text("address", "住址"))
        # Shown when 外出, 困难类别 or 组别 changed: the day the change holds from (the days before keep the old).
        self._since = self.declare(DateField("since", "生效日期", attr=None, allow_future=False, hidden=True))

    def form_title(self) -> str:
        h = self._original
        return f"修改农户 {h.code} {h.head}" if h else "新增农户"

    def form_record(self) -> Household:
        """The household edited; a new one offers the next free 户编号."""
        return self._original or Household(code=self.service.next_household_code(), head="", group="")

    def first_field(self) -> Widget:
        # 户主, new or not: a new household's 户编号 is already offered (the next free one), and a name
        # typed at once went over it (Shift+Tab reaches it).
        return self._head.widget

    def _show_since(self) -> None:
        """Show 生效日期 when editing a household and a dated fact (外出, 困难类别, 组别) changed."""
        if self._original is None or not self.is_mounted:
            return
        try:
            changed = household_changed_facts(self._original, self.household())
        except Exception:  # noqa: BLE001 - a field still being built while the form mounts
            return
        if bool(changed) != self._since.shown:
            self._since.shown = bool(changed)
            if changed:
                self._since.widget.placeholder = "留空为今天，如 2026-11-01"

    def fields_changed(self) -> None:
        self._show_since()

    @on(Input.Changed, "#id_number")
    def _check_id_number(self, event: Input.Changed) -> None:
        """Check the ID number as soon as all 18 characters are typed."""
        typed = "".join(event.value.split())  # (spaces between the groups are ignored)
        message = None
        if len(typed) == 18:
            try:
                validate_id_number(typed, today=self.service.today)
            except ValidationError as error:
                message = error.message
        self._id_number.form_field.set_error(message)

    def household(self) -> Household:
        """The household as typed (validated by the service).

        Raises:
            ValidationErrors: 生效日期 is shown and is not a date.
        """
        return self.read_fields().into(self._original or Household(code="", head="", group=""))

    def collect(self) -> HouseholdDraft:
        """The household as typed and the day its changed facts hold from."""
        values = self.read_fields()
        return values.into(self._original or Household(code="", head="", group="")), values[self._since]

    def warnings(self, draft: HouseholdDraft) -> list[str]:
        """Households that may be the same one (same ID number, or same head in the same group)."""
        return [f"可能重复：已有 {d.code} {d.head} {d.group} {mask_id_number(d.id_number)}"
                for d in self.service.household_duplicates(draft[0])]

    def save(self, draft: HouseholdDraft) -> Household:
        household, since = draft
        return self.service.save_household(household, since=since)
