"""Add or edit one cadre: role, term, groups covered, able to mentor, phone."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Select, Static

from village_tui.domain.errors import DomainError, ValidationError, ValidationErrors
from village_tui.domain.facts import cadre_changed_facts
from village_tui.domain.models import ROLES, Cadre
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.form_field import FormField
from village_tui.widgets.inert_text import Text
from village_tui.widgets.tick_list import TickList

FIELDS = ("name", "role", "term_start", "term_end", "groups", "can_mentor", "phone", "since")


class CadreFormScreen(Screen[Cadre | None]):
    """The form; dismisses with the saved cadre.

    Args:
        cadre: The cadre to edit, or None for a new one.
    """

    BINDINGS = [Binding("ctrl+s", "save", "保存")]

    def __init__(self, cadre: Cadre | None = None) -> None:
        super().__init__()
        self._original = cadre

    def compose(self) -> ComposeResult:
        service = self.app.service  # type: ignore[attr-defined]
        c = self._original or Cadre(name="", role=ROLES[-1], term_start=service.today)
        with VerticalScroll(classes="form-box"):
            yield Static(Text(f"修改干部 {c.name}" if self._original else "新增干部"), classes="form-title")
            yield FormField("姓名", Input(c.name, id="name"), "name")
            yield FormField("职务", Select([(r, r) for r in ROLES], value=c.role, allow_blank=False, id="role"), "role")
            yield FormField("任期开始", DateInput(c.term_start, today=service.today, id="term_start"), "term_start")
            yield FormField("任期结束", DateInput(c.term_end, today=service.today, id="term_end"), "term_end")
            yield FormField("责任组", TickList(*[(Text(g), g, g in c.groups) for g in service.settings().groups],
                                                  id="groups"), "groups")
            yield FormField("帮带能力", Checkbox("有帮带致富能力", c.can_mentor, id="can_mentor"), "can_mentor")
            yield FormField("电话", Input(c.phone, id="phone"), "phone")
            # Shown when the role, groups or 帮带 ability changed: the day the change holds from (default today).
            since = FormField("生效日期", DateInput(None, today=service.today, allow_future=False, id="since"), "since")
            since.display = False
            yield since
            with Horizontal(classes="buttons"):
                yield Button("保存 Ctrl+S", id="save", variant="primary")
                yield Button("取消 Esc", id="cancel")
            yield Static("", id="form-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _field(self, name: str) -> FormField:
        return next(f for f in self.query(FormField) if f.name == name)

    def _typed_facts(self) -> Cadre | None:
        if self._original is None:
            return None
        role = self.query_one("#role", Select).value
        return dataclasses.replace(self._original, role=role if isinstance(role, str) else self._original.role,
                                   groups=list(self.query_one("#groups", TickList).selected),
                                   can_mentor=self.query_one("#can_mentor", Checkbox).value)

    def _show_since(self) -> None:
        """Show 生效日期 when editing a cadre and the role, groups or 帮带 ability changed."""
        if self._original is None or not self.is_mounted:
            return
        typed = self._typed_facts()
        changed = bool(typed and cadre_changed_facts(self._original, typed))
        self._field("since").display = changed

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._show_since()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._show_since()

    def on_selection_list_selected_changed(self, event) -> None:
        self._show_since()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        """Validate and save the cadre."""
        service = self.app.service  # type: ignore[attr-defined]
        for name in FIELDS:
            self._field(name).set_error(None)
        errors: list[ValidationError] = []
        start = end = None
        try:
            start = self.query_one("#term_start", DateInput).date
        except ValidationError as error:
            errors.append(ValidationError("term_start", error.message))
        end_input = self.query_one("#term_end", DateInput)
        if end_input.value.strip():
            try:
                end = end_input.date
            except ValidationError as error:
                errors.append(ValidationError("term_end", error.message))
        since = None
        since_input = self.query_one("#since", DateInput)
        if self._field("since").display and since_input.value.strip():
            try:
                since = since_input.date
            except ValidationError as error:
                errors.append(ValidationError("since", error.message))
        base = self._original or Cadre(name="", role=ROLES[-1], term_start=service.today)
        cadre = dataclasses.replace(
            base, name=self.query_one("#name", Input).value, role=self.query_one("#role", Select).value,
            term_start=start or service.today, term_end=end,
            groups=list(self.query_one("#groups", TickList).selected),
            can_mentor=self.query_one("#can_mentor", Checkbox).value, phone=self.query_one("#phone", Input).value)
        try:
            if errors:
                raise ValidationErrors(errors)
            saved = service.save_cadre(cadre, since=since)
        except ValidationErrors as bad:
            for error in bad.errors:
                if error.field in FIELDS:
                    self._field(error.field).set_error(error.message)
            self.query_one("#form-error", Static).update("请改正标红的内容后再保存")
            return
        except DomainError as error:
            self.query_one("#form-error", Static).update(Text(str(error)))
            return
        self.dismiss(saved)
