"""登记来访诉求: a visitor received on duty, their concern passed to the ledger or the service desk in one step."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Select
from textual.widgets._select import NoSelection

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import LedgerItem, ServiceRequest
from village_tui.screens.duty.duty_dialogs import DutyDialog
from village_tui.service.desk import ROUTE_DESK, ROUTE_LEDGER
from village_tui.widgets.forms.field import FormField
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

    def form_title(self) -> str:
        return f"登记来访诉求：{dates.format_cn_long(self.day)}"

    def form_fields(self) -> ComposeResult:
        options = self.cadre_options(self.day, only_free=False)
        ids = [cid for _, cid in options]
        record = self.service.duty_day(self.day)
        signed = [s.cadre_id for s in record.signins if s.cadre_id in ids] if record else []
        operator = self.service.operator
        # The cadre signed in for the day receives visitors; the operator when they signed in or nobody did.
        default: int | NoSelection = Select.NULL
        if operator and operator.id in ids and (operator.id in signed or not signed):
            default = operator.key
        elif signed:
            default = signed[0]
        yield FormField("接待干部", Select(options, value=default, prompt="选择干部", id="cadre"), "cadre")
        yield FormField("农户", HouseholdPicker(self.service.search_households, id="household"), "household_id")
        yield FormField("来访人", Input(placeholder="不是本村农户或代人反映时填写姓名", id="reporter"), "reporter")
        yield FormField("诉求", Input(placeholder="群众反映的事情", id="concern"), "concern")
        yield FormField("转到", Select(ROUTE_CHOICES, value=ROUTE_LEDGER, allow_blank=False, id="route"), "route")
        yield FormField("类别", Select(self._categories(ROUTE_LEDGER), prompt="选择类别", id="category"), "category")

    def first_field(self):
        return self.query_one(HouseholdPicker)

    def _categories(self, route: str) -> list[tuple[str, str]]:
        settings = self.service.settings()
        names = settings.ledger_categories if route == ROUTE_LEDGER else settings.request_types
        return [(name, name) for name in names]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "route":
            return
        event.stop()
        category = self.query_one("#category", Select)
        category.set_options(self._categories(str(event.value)) if event.value != COUNT_ONLY else [])
        category.prompt = "选择办理事项" if event.value == ROUTE_DESK else "选择类别"
        category.disabled = event.value == COUNT_ONLY

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        event.stop()
        self.query_one("#concern", Input).focus()

    def store(self) -> None:
        cadre = self.query_one("#cadre", Select).value
        if not isinstance(cadre, int):
            raise ValidationError("cadre", "请选择接待的干部")
        route = self.query_one("#route", Select).selection
        category = self.query_one("#category", Select).selection
        if route != COUNT_ONLY and category is None:
            raise ValidationError("category", "请选择办理事项" if route == ROUTE_DESK else "请选择类别")
        household = self.query_one(HouseholdPicker).household
        created = self.service.receive_visitor(
            self.day, cadre, household.id if household else None, self.query_one("#reporter", Input).value,
            self.query_one("#concern", Input).value, None if route == COUNT_ONLY else route, category or "")
        if isinstance(created, LedgerItem):
            self.app.notify(f"已转民情台账：编号 {created.id}；接待人次已加1")
        elif isinstance(created, ServiceRequest):
            self.app.notify(f"已转便民服务：回执号 {created.id}；接待人次已加1")
        else:
            self.app.notify("已记接待人次，诉求记入值班备注")
