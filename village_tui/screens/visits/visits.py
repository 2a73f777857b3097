"""F5 走访: fast entry of household visits, built for copying a week of notebook entries at once.

Ctrl+S saves and starts the next entry with the date and the cadre kept and
the cursor back on the household. Enter in a field moves on to the next one.
A line under the form shows the chosen cadre's worklist (R5–R7) and changes
with every save. Ctrl+R opens the visit list, Ctrl+T the full worklist.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Select, Static

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import VISIT_WAYS, Household, Visit
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.household_picker import HouseholdPicker
from village_tui.widgets.inert_text import Text
from village_tui.widgets.worklist_summary import WorklistSummary
from village_tui.screens.base import RefreshOnChange, ServiceAccess


def press_now(radio_set: RadioSet, index: int) -> None:
    """Press button ``index`` of ``radio_set`` at once, the others released.

    Setting a button's value leaves the release of the old one to the set's later
    message; the snapshot taken right after a save then still saw 电话 pressed
    with 入户, and Esc on the blank form asked about unsaved changes.
    """
    buttons = list(radio_set.query(RadioButton))
    with radio_set.prevent(RadioButton.Changed):
        for number, button in enumerate(buttons):
            button.value = number == index
    radio_set._pressed_button = buttons[index]  # the set's own record of the pressed button


class VisitsScreen(RefreshOnChange, ServiceAccess, FormScreen):
    """The visit entry form (入户走访登记)."""

    CSS_PATH = "visits.tcss"
    FORM_TITLE = "入户走访登记"
    SAVE_LABEL = "保存并登记下一条 Ctrl+S"
    CANCEL_LABEL = ""
    BINDINGS = [
        Binding("ctrl+s", "save", "保存并下一条", priority=True),
        Binding("ctrl+r", "visit_list", "走访记录"),
        # Named by the hint line above the footer: with keys named as on a Windows keyboard
        # (Ctrl+S, not ^s) the footer holds one key fewer at 80 columns.
        Binding("ctrl+t", "worklist", "走访任务", show=False),
    ]
    # What the cadre's worklist line under the form counts from.
    SHOWS = ("visits", "households", "cadres", "settings")

    def __init__(self) -> None:
        super().__init__()
        self._saved_count = 0

    def form_fields(self) -> ComposeResult:
        service = self.service
        cadres = [(Text(f"{c.name} {c.role}"), c.id) for c in service.cadres()]
        operator = service.operator.id if service.operator else Select.NULL
        with Horizontal(classes="form-row"):
            yield FormField("走访日期", DateInput(service.today, today=service.today, allow_future=False,
                                                  id="visit-day"), "day")
            yield FormField("走访干部", Select(cadres, value=operator, allow_blank=False, id="visit-cadre"),
                            "cadre_id")
        yield FormField("农户", HouseholdPicker(search=service.search_households, id="visit-household",
                                                then="#visit-learned"), "household_id")
        yield Static("", id="visit-household-note", classes="hint-line")
        yield FormField("方式", RadioSet(*[RadioButton(w, value=i == 0) for i, w in enumerate(VISIT_WAYS)],
                                        id="visit-way", classes="inline"), "way")
        yield FormField("了解情况", Input(placeholder="走访了解到的情况", id="visit-learned"), "learned")
        yield FormField("群众诉求", Input(placeholder="群众提出的诉求（可空）", id="visit-requests"), "requests")
        with Horizontal(classes="flags-row"):
            yield Checkbox("矛盾纠纷", id="visit-dispute")
            yield Checkbox("情绪疏导", id="visit-calmed")
            if hasattr(service, "ledger_item_from_visit"):
                yield Checkbox("诉求转民情台账", id="visit-to-ledger")
        yield WorklistSummary(id="visit-summary")

    def form_after(self) -> ComposeResult:
        yield Static("回车 下一项   Ctrl+R 走访记录   Ctrl+T 走访任务", classes="hint-line")

    def first_field(self):
        return self.query_one(HouseholdPicker)

    def on_mount(self) -> None:
        self._refresh_summary()

    # -- moving through the form -----------------------------------------

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        self._default_way(event.household)
        self._show_household_note()
        self.query_one("#visit-learned", Input).focus()

    def _default_way(self, household: Household) -> None:
        """A household away (外出) on the visit day is kept in touch by phone (R8): 电话 by default, else 入户."""
        try:
            day = self.query_one("#visit-day", DateInput).date
        except ValidationError:
            day = self.service.today
        way = "电话" if household.away_on(day) else "入户"
        buttons = list(self.query_one("#visit-way", RadioSet).query(RadioButton))
        buttons[VISIT_WAYS.index(way)].value = True

    def on_radio_set_changed(self, _event: RadioSet.Changed) -> None:
        self._show_household_note()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "visit-cadre":
            self._refresh_summary()

    def _way(self) -> str:
        index = self.query_one("#visit-way", RadioSet).pressed_index
        return VISIT_WAYS[index] if index >= 0 else ""

    def _show_household_note(self) -> None:
        """Say before saving whether a phone visit will count (R8)."""
        household = self.query_one(HouseholdPicker).household
        note = ""
        if household is not None:
            note = f"{household.group}  {'外出务工/经商户' if household.away else '在家户'}"
            if self._way() == "电话" and not household.away:
                note += "：该户未标记外出，电话走访不计入走访要求（R8）"
            elif household.away:
                note += "：电话走访计入走访要求（R8）"
        self.query_one("#visit-household-note", Static).update(Text(note))

    # -- saving -----------------------------------------------------------

    def collect(self) -> Visit:
        day = self.read_dates("visit-day", required=("visit-day",)).day("visit-day")
        cadre = self.query_one("#visit-cadre", Select).selection
        household = self.query_one(HouseholdPicker).household
        if household is None:
            raise ValidationError("household_id", "请在农户栏输入拼音首字母或姓名，回车选中")
        return Visit(day=day, cadre_id=cadre, household_id=household.key,
                     way=self._way(), learned=self.query_one("#visit-learned", Input).value,
                     requests=self.query_one("#visit-requests", Input).value,
                     dispute=self.query_one("#visit-dispute", Checkbox).value,
                     calmed=self.query_one("#visit-calmed", Checkbox).value)

    def save(self, draft: Visit) -> Visit:
        """Save the visit; with 诉求转民情台账 ticked and a request written, its ledger item in the same step."""
        if self._to_ledger_ticked() and draft.requests:
            return self.service.save_visit_to_ledger(draft)
        return self.service.save_visit(draft)

    def _to_ledger_ticked(self) -> bool:
        boxes = self.query("#visit-to-ledger").results(Checkbox)
        return any(box.value for box in boxes)

    def after_save(self, visit: Visit) -> None:
        """Say what was saved and start the next entry (date and cadre kept)."""
        household = self.service.household(visit.household_id)
        self._saved_count += 1
        message = (f"已保存 {visit.id}：{dates.format_cn(visit.day)} {household.head}户 {visit.way}。"
                   f"本次已登记{self._saved_count}条")
        message += self._to_ledger(visit)
        self._next_entry()
        self.show_message(message, error=False)

    def _to_ledger(self, visit: Visit) -> str:
        """What became of 诉求转民情台账 for the visit just saved."""
        if not self._to_ledger_ticked():
            return ""
        if visit.ledger_item_id is None:
            return "；没有填写诉求，未转台账"
        return f"；诉求已转入民情台账 {visit.ledger_item_id}"

    def _next_entry(self) -> None:
        self.query_one(HouseholdPicker).clear()
        for input_id in ("#visit-learned", "#visit-requests"):
            self.query_one(input_id, Input).value = ""
        for box in self.query(Checkbox):
            box.value = False
        press_now(self.query_one("#visit-way", RadioSet), 0)
        self.query_one("#visit-household-note", Static).update("")
        self._refresh_summary()
        self.query_one(HouseholdPicker).focus()

    def refresh_shown(self) -> None:
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        self.mark_shown()
        cadre = self.query_one("#visit-cadre", Select).selection
        summary = self.query_one("#visit-summary", WorklistSummary)
        summary.show(None if cadre is None else self.service.worklist(cadre))

    # -- palette actions and other views -----------------------------------

    def action_new_visit(self) -> None:
        """登记走访: start a new entry (an entry being typed is kept)."""
        if self.is_dirty:
            self.query_one(HouseholdPicker).focus()
            return
        self._next_entry()

    def action_visit_list(self) -> None:
        """走访记录: the paged visit list."""
        from village_tui.screens.visits.visit_list import VisitListScreen

        self.app.push_screen(VisitListScreen())

    def action_worklist(self) -> None:
        """走访任务: the chosen cadre's worklist."""
        from village_tui.screens.visits.visit_worklist import VisitWorklistScreen

        cadre = self.query_one("#visit-cadre", Select).selection
        self.app.push_screen(VisitWorklistScreen(cadre), self._visit_from_worklist)

    def _visit_from_worklist(self, chosen: tuple[int, Household] | None) -> None:
        """Start an entry for the cadre and household chosen on the worklist."""
        if chosen is None:
            return  # shown again, the form counts again only if a visit was saved meanwhile
        cadre_id, household = chosen
        self.query_one("#visit-cadre", Select).value = cadre_id
        self._refresh_summary()
        self.query_one(HouseholdPicker).set_household(household)
        self._default_way(household)
        self._show_household_note()
        self.query_one("#visit-learned", Input).focus()
