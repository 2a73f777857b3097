"""Add or edit one cadre: role, term, groups covered, able to mentor, phone."""

from __future__ import annotations

import dataclasses
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select

from village_tui.domain.facts import cadre_changed_facts
from village_tui.domain.models import ROLES, Cadre
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.inert_text import Text
from village_tui.widgets.tick_list import TickList
from village_tui.screens.base import ServiceAccess


class CadreFormScreen(ServiceAccess, FormScreen):
    """The form; dismisses with the saved cadre.

    Args:
        cadre: The cadre to edit, or None for a new one.
    """

    def __init__(self, cadre: Cadre | None = None) -> None:
        super().__init__()
        self._original = cadre

    def form_title(self) -> str:
        return f"修改干部 {self._original.name}" if self._original else "新增干部"

    def form_fields(self) -> ComposeResult:
        service = self.service
        c = self._original or Cadre(name="", role=ROLES[-1], term_start=service.today)
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
        self._field("since").display = bool(typed and cadre_changed_facts(self._original, typed))

    def fields_changed(self) -> None:
        self._show_since()

    def collect(self) -> tuple[Cadre, date | None]:
        """The cadre as typed and the day its changed facts hold from (None: today)."""
        names = ("term_start", "term_end", "since") if self._field("since").display else ("term_start", "term_end")
        days = self.read_dates(*names, required=("term_start",))
        base = self._original or Cadre(name="", role=ROLES[-1], term_start=self.service.today)
        cadre = dataclasses.replace(
            base, name=self.query_one("#name", Input).value, role=self.query_one("#role", Select).selection or "",
            term_start=days.day("term_start"), term_end=days["term_end"],
            groups=list(self.query_one("#groups", TickList).selected),
            can_mentor=self.query_one("#can_mentor", Checkbox).value, phone=self.query_one("#phone", Input).value)
        return cadre, days.get("since")

    def save(self, draft: tuple[Cadre, date | None]) -> Cadre:
        cadre, since = draft
        return self.service.save_cadre(cadre, since=since)
