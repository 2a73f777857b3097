"""Add or edit one cadre: role, term, groups covered, able to mentor, phone."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Optional


from village_tui.domain.facts import cadre_changed_facts
from village_tui.domain.models import ROLES, Cadre
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.forms.spec import ChoiceField, DateField, FlagField, RequiredDate, TicksField, text
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess


CadreDraft = tuple[Cadre, Optional[date]]


class CadreFormScreen(ServiceAccess, FormScreen[CadreDraft, Cadre]):
    """The form; dismisses with the saved cadre.

    Args:
        cadre: The cadre to edit, or None for a new one.
    """

    def __init__(self, cadre: Cadre | None = None) -> None:
        super().__init__()
        self._original = cadre
        self.declare(text("name", "姓名"))
        self._role = self.declare(ChoiceField("role", "职务", [(r, r) for r in ROLES], blank="", allow_blank=False,
                                              initial=ROLES[-1]))
        self.declare(RequiredDate("term_start", "任期开始", initial=lambda: self.service.today))
        self.declare(DateField("term_end", "任期结束"))
        self._groups = self.declare(TicksField("groups", "责任组",
                                               lambda: [(Text(g), g) for g in self.service.settings().groups]))
        self._can_mentor = self.declare(FlagField("can_mentor", "帮带能力", "有帮带致富能力"))
        self.declare(text("phone", "电话"))
        # Shown when the role, groups or 帮带 ability changed: the day the change holds from (default today).
        self._since = self.declare(DateField("since", "生效日期", attr=None, allow_future=False, hidden=True))

    def form_title(self) -> str:
        return f"修改干部 {self._original.name}" if self._original else "新增干部"

    def form_record(self) -> Cadre | None:
        return self._original

    def _typed_facts(self) -> Cadre | None:
        if self._original is None:
            return None
        return dataclasses.replace(self._original, role=self._role.value or self._original.role,
                                   groups=self._groups.value, can_mentor=self._can_mentor.value)

    def _show_since(self) -> None:
        """Show 生效日期 when editing a cadre and the role, groups or 帮带 ability changed."""
        if self._original is None or not self.is_mounted:
            return
        typed = self._typed_facts()
        self._since.shown = bool(typed and cadre_changed_facts(self._original, typed))

    def fields_changed(self) -> None:
        self._show_since()

    def collect(self) -> CadreDraft:
        """The cadre as typed and the day its changed facts hold from (None: today)."""
        values = self.read_fields()
        base = self._original or Cadre(name="", role=ROLES[-1], term_start=self.service.today)
        return values.into(base), values[self._since]

    def save(self, draft: CadreDraft) -> Cadre:
        cadre, since = draft
        return self.service.save_cadre(cadre, since=since)
