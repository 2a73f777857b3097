"""登记来访诉求: a visitor received on duty, their concern passed to the ledger or the service desk in one step."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.widget import Widget
from textual.widgets import Select

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import LedgerItem, ServiceRequest
from village_tui.screens.duty.duty_dialogs import DutyDialog
from village_tui.service.desk import ROUTE_DESK, ROUTE_LEDGER
from village_tui.widgets.forms.spec import ChoiceField, FieldValues, HouseholdField, Label, text
from village_tui.widgets.household_picker import HouseholdPicker

COUNT_ONLY = "count"  # Select values cannot be None: "only count the visitor"
ROUTE_CHOICES = [("转民情台账", ROUTE_LEDGER), ("转便民服务", ROUTE_DESK), ("只记接待人次（诉求记入值班备注）", COUNT_ONLY)]


class VisitorDialog(DutyDialog):
    """Register one visitor: who received them, the household or a name, the concern and where it goes.

    Saving adds one to the receiving cadre's 接待人次 of the day; the dialog
    dismisses True and tells what was created.

    Args:
        day: The day of the visit (today or earlier).
    """

    SAVE_LABEL = "登记 Ctrl+S"

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day
        self._cadre = self.declare(ChoiceField("cadre", "接待干部", self._cadres, blank=None, prompt="选择干部",
                                               initial=self._receiver))
        self._household = self.declare(HouseholdField("household_id", "农户", id="household",
                                                      search=lambda typed: self.service.search_households(typed),
                                                      lookup=lambda key: self.service.household(key)))
        self._reporter = self.declare(text("reporter", "来访人", placeholder="不是本村农户或代人反映时填写姓名"))
        self._concern = self.declare(text("concern", "诉求", placeholder="群众反映的事情"))
        self._route = self.declare(ChoiceField("route", "转到", ROUTE_CHOICES, blank=ROUTE_LEDGER, allow_blank=False,
                                               initial=ROUTE_LEDGER))
        self._category = self.declare(ChoiceField("category", "类别", lambda: self._categories(ROUTE_LEDGER),
                                                  blank="", prompt="选择类别"))

    def _cadres(self) -> list[tuple[Label, int | None]]:
        return self.cadre_options(self.day, only_free=False)

    def _receiver(self) -> int | None:
        """The cadre signed in for the day receives visitors; the operator when they signed in or nobody did."""
        ids = [cid for _, cid in self._cadres()]
        record = self.service.duty_day(self.day)
        signed = [s.cadre_id for s in record.signins if s.cadre_id in ids] if record else []
        operator = self.service.operator
        if operator and operator.id in ids and (operator.id in signed or not signed):
            return operator.key
        return signed[0] if signed else None

    def form_title(self) -> str:
        return f"登记来访诉求：{dates.format_cn_long(self.day)}"

    def first_field(self) -> Widget:
        return self._household.widget

    def _categories(self, route: str) -> list[tuple[Label, str]]:
        settings = self.service.settings()
        names = settings.ledger_categories if route == ROUTE_LEDGER else settings.request_types
        return [(name, name) for name in names]

    @on(Select.Changed, "#route")
    def _route_changed(self, event: Select.Changed) -> None:
        event.stop()
        route = event.value
        self._category.set_choices(self._categories(str(route)) if route != COUNT_ONLY else [],
                                   prompt="选择办理事项" if route == ROUTE_DESK else "选择类别")
        self._category.widget.disabled = route == COUNT_ONLY

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        event.stop()
        self._concern.widget.focus()

    def store(self, values: FieldValues) -> None:
        cadre = values[self._cadre]
        if cadre is None:
            raise ValidationError("cadre", "请选择接待的干部")
        route, category = values[self._route], values[self._category]
        if route != COUNT_ONLY and not category:
            raise ValidationError("category", "请选择办理事项" if route == ROUTE_DESK else "请选择类别")
        created = self.service.receive_visitor(
            self.day, cadre, values[self._household], values[self._reporter], values[self._concern],
            None if route == COUNT_ONLY else route, category)
        if isinstance(created, LedgerItem):
            self.app.notify(f"已转民情台账：编号 {created.id}；接待人次已加1")
        elif isinstance(created, ServiceRequest):
            self.app.notify(f"已转便民服务：回执号 {created.id}；接待人次已加1")
        else:
            self.app.notify("已记接待人次，诉求记入值班备注")
