"""Add or edit one household, with inline errors and a warning about possible duplicates."""

from __future__ import annotations

import dataclasses
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Select, Static

from village_tui.domain.errors import DomainError, ValidationError, ValidationErrors
from village_tui.domain.facts import household_changed_facts
from village_tui.domain.models import NEED_TAGS, Household
from village_tui.domain.privacy import mask_id_number
from village_tui.domain.validation import validate_id_number
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.form_field import FormField
from village_tui.widgets.inert_text import Text
from village_tui.widgets.tick_list import TickList

FIELDS = ("code", "head", "id_number", "group", "members", "phone", "away", "needs", "address", "since")


class HouseholdFormScreen(Screen[Household | None]):
    """The form; dismisses with the saved household (None when left without saving).

    Args:
        household: The household to edit, or None for a new one.
    """

    BINDINGS = [Binding("ctrl+s", "save", "保存")]

    def __init__(self, household: Household | None = None) -> None:
        super().__init__()
        self._original = household
        self._warned_for: tuple | None = None

    def compose(self) -> ComposeResult:
        h = self._original or Household(code="", head="", group="")
        groups = self.app.service.settings().groups  # type: ignore[attr-defined]
        suggested = "" if self._original else self.app.service.next_household_code()  # type: ignore[attr-defined]
        title = f"修改农户 {h.code} {h.head}" if self._original else f"新增农户（户编号按现有最大编号填好：{suggested}，可改）"
        with VerticalScroll(classes="form-box"):
            yield Static(Text(title), classes="form-title")
            yield FormField("户编号", Input(h.code if self._original else suggested, id="code"), "code")
            yield FormField("户主", Input(h.head, id="head"), "head")
            yield FormField("身份证号", Input(h.id_number, max_length=18, id="id_number"), "id_number")
            yield FormField("组别", Select([(Text(g), g) for g in groups], value=h.group if h.group in groups else Select.NULL,
                                          prompt="请选择组", id="group"), "group")
            yield FormField("人口", Input(str(h.members), id="members"), "members")
            yield FormField("电话", Input(h.phone, id="phone"), "phone")
            yield FormField("外出务工", Checkbox("外出务工/经商", h.away, id="away"), "away")
            yield FormField("困难类别", TickList(*[(t, t, t in h.needs) for t in NEED_TAGS], id="needs"),
                            "needs")
            yield FormField("住址", Input(h.address, id="address"), "address")
            # Shown when 外出, 困难类别 or 组别 changed: the day the change holds from (the days before keep the old).
            since = FormField("生效日期", DateInput(None, today=self.app.service.today,  # type: ignore[attr-defined]
                                                   allow_future=False, id="since"), "since")
            since.display = False
            yield since
            yield Static("", id="duplicates", classes="warning")
            with Horizontal(classes="buttons"):
                yield Button("保存 Ctrl+S", id="save", variant="primary")
                yield Button("取消 Esc", id="cancel")
            yield Static("", id="form-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#code" if self._original is None else "#head", Input).focus()
        if self.app.service.readonly:  # type: ignore[attr-defined]
            self.query_one("#form-error", Static).update(
                Text(f"只读：{self.app.service.readonly_reason}。不能保存。"))  # type: ignore[attr-defined]

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

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._show_since()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._show_since()

    def on_selection_list_selected_changed(self, event) -> None:
        self._show_since()

    def since(self) -> date | None:
        """The 生效日期 typed (None: today).

        Raises:
            ValidationError: The text is not a date or lies after today.
        """
        field = self.query_one("#since", DateInput)
        return field.date if self._field("since").display and field.value.strip() else None

    def on_input_changed(self, event: Input.Changed) -> None:
        # Check the ID number as soon as all 18 characters are typed.
        if event.input.id == "id_number":
            text = event.value.strip()
            message = None
            if len(text) == 18:
                try:
                    validate_id_number(text, today=self.app.service.today)  # type: ignore[attr-defined]
                except ValidationError as error:
                    message = error.message
            self._field("id_number").set_error(message)

    def household(self) -> Household:
        """The household as typed (not yet validated)."""
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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        """Validate and save; a possible duplicate is shown first and saved on a second Ctrl+S."""
        service = self.app.service  # type: ignore[attr-defined]
        message = self.query_one("#form-error", Static)
        household = self.household()
        for name in FIELDS:
            self._field(name).set_error(None)
        duplicates = service.household_duplicates(household)
        key = (household.id_number.upper(), household.head.strip(), household.group)
        if duplicates and self._warned_for != key:
            self._warned_for = key
            lines = "；".join(f"{d.code} {d.head} {d.group} {mask_id_number(d.id_number)}" for d in duplicates)
            self.query_one("#duplicates", Static).update(
                Text(f"可能重复：已有 {lines}。确认不是同一户，请再按 Ctrl+S 保存。"))
            message.update("")
            return
        try:
            saved = service.save_household(household, since=self.since())
        except ValidationError as error:
            self._field(error.field if error.field in FIELDS else "since").set_error(error.message)
            message.update("请改正标红的内容后再保存")
            return
        except ValidationErrors as errors:
            for error in errors.errors:
                if error.field in FIELDS:
                    self._field(error.field).set_error(error.message)
            message.update("请改正标红的内容后再保存")
            return
        except DomainError as error:
            message.update(Text(str(error)))
            return
        self.dismiss(saved)
