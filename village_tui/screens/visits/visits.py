"""F5 走访: fast entry of household visits, built for copying a week of notebook entries at once.

Ctrl+S saves and starts the next entry with the date and the cadre kept and
the cursor back on the household. Enter in a field moves on to the next one.
A line under the form shows the chosen cadre's worklist (R5–R7) and changes
with every save. Ctrl+R opens the visit list, Ctrl+T the full worklist.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import RadioButton, RadioSet, Select, Static

from village_tui.domain import dates
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import VISIT_WAYS, Household, Visit
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.forms.spec import ChoiceField, FlagField, HouseholdField, Label, RadioField, RequiredDate, text
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


class VisitsScreen(RefreshOnChange, ServiceAccess, FormScreen[Visit, Visit]):
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
        self._day = self.declare(RequiredDate("day", "走访日期", id="visit-day", allow_future=False,
                                              initial=lambda: self.service.today))
        self._cadre = self.declare(ChoiceField("cadre_id", "走访干部", self._cadres, blank=None, allow_blank=False,
                                               id="visit-cadre", initial=self._operator))
        self._household = self.declare(HouseholdField("household_id", "农户", id="visit-household",
                                                      then="#visit-learned",
                                                      search=lambda typed: self.service.search_households(typed),
                                                      lookup=lambda key: self.service.household(key)))
        self._way = self.declare(RadioField("way", "方式", VISIT_WAYS, id="visit-way"))
        self._learned = self.declare(text("learned", "了解情况", placeholder="走访了解到的情况", id="visit-learned"))
        self._requests = self.declare(text("requests", "群众诉求", placeholder="群众提出的诉求（可空）",
                                           id="visit-requests"))
        self._flags = (self.declare(FlagField("dispute", "矛盾纠纷", "矛盾纠纷", id="visit-dispute", bare=True)),
                       self.declare(FlagField("calmed", "情绪疏导", "情绪疏导", id="visit-calmed", bare=True)))
        self._to_ledger = self.declare(FlagField("to_ledger", "转台账", "诉求转民情台账", attr=None,
                                                 id="visit-to-ledger", bare=True))
        self._note = Static("", id="visit-household-note", classes="hint-line")
        self._summary = WorklistSummary(id="visit-summary")

    def _cadres(self) -> list[tuple[Label, int | None]]:
        return [(Text(f"{c.name} {c.role}"), c.id) for c in self.service.cadres()]

    def _operator(self) -> int | None:
        return self.service.operator.id if self.service.operator else None

    def form_fields(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield self.place(self._day)
            yield self.place(self._cadre)
        yield self.place(self._household)
        yield self._note
        for field in (self._way, self._learned, self._requests):
            yield self.place(field)
        with Horizontal(classes="flags-row"):
            for flag in self._flags:
                yield self.place(flag)
            if hasattr(self.service, "ledger_item_from_visit"):
                yield self.place(self._to_ledger)
        yield self._summary

    def form_after(self) -> ComposeResult:
        yield Static("回车 下一项   Ctrl+R 走访记录   Ctrl+T 走访任务", classes="hint-line")

    def first_field(self) -> Widget:
        return self._household.widget

    def on_mount(self) -> None:
        self._refresh_summary()

    # -- moving through the form -----------------------------------------

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        self._default_way(event.household)
        self._show_household_note()
        self._learned.widget.focus()

    def _default_way(self, household: Household) -> None:
        """A household away (外出) on the visit day is kept in touch by phone (R8): 电话 by default, else 入户."""
        try:
            day = self._day.value
        except ValidationError:
            day = self.service.today
        self._way.value = "电话" if household.away_on(day) else "入户"

    def on_radio_set_changed(self, _event: RadioSet.Changed) -> None:
        self._show_household_note()

    @on(Select.Changed, "#visit-cadre")
    def _cadre_changed(self) -> None:
        self._refresh_summary()

    def _show_household_note(self) -> None:
        """Say before saving whether a phone visit will count (R8)."""
        household = self._household.widget.household
        note = ""
        if household is not None:
            note = f"{household.group}  {'外出务工/经商户' if household.away else '在家户'}"
            if self._way.value == "电话" and not household.away:
                note += "：该户未标记外出，电话走访不计入走访要求（R8）"
            elif household.away:
                note += "：电话走访计入走访要求（R8）"
        self._note.update(Text(note))

    # -- saving -----------------------------------------------------------

    def collect(self) -> Visit:
        values = self.read_fields()
        household = values[self._household]
        if household is None:
            raise ValidationError("household_id", "请在农户栏输入拼音首字母或姓名，回车选中")
        return values.into(Visit(day=values[self._day], cadre_id=values[self._cadre], household_id=household))

    def save(self, draft: Visit) -> Visit:
        """Save the visit; with 诉求转民情台账 ticked and a request written, its ledger item in the same step."""
        if self._to_ledger_ticked() and draft.requests:
            return self.service.save_visit_to_ledger(draft)
        return self.service.save_visit(draft)

    def _to_ledger_ticked(self) -> bool:
        return self._to_ledger.composed and self._to_ledger.value

    def after_save(self, visit: Visit) -> None:
        """Say what was saved and start the next entry (date and cadre kept)."""
        household = self.service.household(visit.household_id)
        self._saved_count += 1
        message = (f"已保存 {visit.id}：{dates.format_cn(visit.day)} {household.head}户 {visit.way}。"
                   f"本次已登记{self._saved_count}条")
        message += self._to_ledger_text(visit)
        self._next_entry()
        self.show_message(message, error=False)

    def _to_ledger_text(self, visit: Visit) -> str:
        """What became of 诉求转民情台账 for the visit just saved."""
        if not self._to_ledger_ticked():
            return ""
        if visit.ledger_item_id is None:
            return "；没有填写诉求，未转台账"
        return f"；诉求已转入民情台账 {visit.ledger_item_id}"

    def _next_entry(self) -> None:
        self._household.widget.clear()
        self._learned.value = self._requests.value = ""
        for flag in (*self._flags, self._to_ledger):
            if flag.composed:
                flag.value = False
        press_now(self._way.widget, 0)
        self._note.update("")
        self._refresh_summary()
        self._household.widget.focus()

    def refresh_shown(self) -> None:
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        self.mark_shown()
        cadre = self._cadre.value
        self._summary.show(None if cadre is None else self.service.worklist(cadre))

    # -- palette actions and other views -----------------------------------

    def action_new_visit(self) -> None:
        """登记走访: start a new entry (an entry being typed is kept)."""
        if self.is_dirty:
            self._household.widget.focus()
            return
        self._next_entry()

    def action_visit_list(self) -> None:
        """走访记录: the paged visit list."""
        from village_tui.screens.visits.visit_list import VisitListScreen

        self.app.push_screen(VisitListScreen())

    def action_worklist(self) -> None:
        """走访任务: the chosen cadre's worklist."""
        from village_tui.screens.visits.visit_worklist import VisitWorklistScreen

        self.app.push_screen(VisitWorklistScreen(self._cadre.value), self._visit_from_worklist)

    def _visit_from_worklist(self, chosen: tuple[int, Household] | None) -> None:
        """Start an entry for the cadre and household chosen on the worklist."""
        if chosen is None:
            return  # shown again, the form counts again only if a visit was saved meanwhile
        cadre_id, household = chosen
        self._cadre.value = cadre_id
        self._refresh_summary()
        self._household.widget.set_household(household)
        self._default_way(household)
        self._show_household_note()
        self._learned.widget.focus()
