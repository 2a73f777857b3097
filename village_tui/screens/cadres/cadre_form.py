"""Add or edit one cadre: role, term, groups covered, able to mentor, phone."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select

from village_tui.domain.models import ROLES, Cadre
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.tick_list import TickList


class CadreFormScreen(FormScreen):
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

    def collect(self) -> Cadre:
        days = self.read_dates("term_start", "term_end", required=("term_start",))
        base = self._original or Cadre(name="", role=ROLES[-1], term_start=self.service.today)
        return dataclasses.replace(
            base, name=self.query_one("#name", Input).value, role=self.query_one("#role", Select).value,
            term_start=days["term_start"], term_end=days["term_end"],
            groups=list(self.query_one("#groups", TickList).selected),
            can_mentor=self.query_one("#can_mentor", Checkbox).value, phone=self.query_one("#phone", Input).value)

    def save(self, draft: Cadre) -> Cadre:
        return self.service.save_cadre(draft)
