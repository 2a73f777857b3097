"""The forms of F9 便民服务: receiving an application, and the request types with their checklists."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from village_tui.domain import service_desk as desk
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import ServiceRequest
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.household_picker import HouseholdPicker
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess


class DocumentBox(Checkbox):
    """A checkbox drawn with ASCII brackets, the same width on every terminal."""

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - a str in Textual; drawn from the state here
        """``X`` when ticked, a space when not, so the state reads without colour."""
        return "X" if self.value else " "


class ServiceRequestForm(ServiceAccess, FormDialog):
    """Receive one application: household or applicant, the matter, the handling cadre, day, documents, note.

    Dismisses with the saved request (its receipt is shown next).
    """

    CSS_PATH = "desk_forms.tcss"
    FORM_TITLE = "受理申请"

    def form_fields(self) -> ComposeResult:
        service = self.service
        kinds = service.settings().request_types
        handlers = [(Text(f"{c.name} {c.role}"), c.id) for c in service.cadres()]
        operator = service.operator.id if service.operator else Select.NULL
        yield FormField("农户", HouseholdPicker(service.search_households, id="household"), "household_id")
        yield FormField("申请人", Input(placeholder="不填则为户主", id="applicant"), "applicant")
        yield FormField("办理事项", Select([(Text(k), k) for k in kinds], prompt="办理事项", id="kind",
                                         value=kinds[0] if kinds else Select.NULL), "kind")
        yield FormField("经办干部", Select(handlers, prompt="经办干部", id="handler", value=operator),
                        "handler_id")
        yield FormField("受理日期", DateInput(service.today, today=service.today, allow_future=False, id="day"), "day")
        yield Static("收到的材料（空格勾选）：", classes="section-title")
        yield Vertical(id="documents")
        yield FormField("备注", Input(id="note"), "note")

    def first_field(self):
        return self.query_one(HouseholdPicker)

    @on(Select.Changed, "#kind")
    async def _kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            await self._show_checklist(event.value)

    async def _show_checklist(self, kind: str) -> None:
        """The documents the matter needs, as boxes to tick (a change of matter alone is no unsaved change)."""
        was_clean = not self.is_dirty
        box = self.query_one("#documents", Vertical)
        await box.remove_children()
        await box.mount_all(DocumentBox(name, name=name) for name in desk.checklist_for(kind, self.service.settings()))
        if was_clean and self._snapshot is not None:
            self.take_snapshot()

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        applicant = self.query_one("#applicant", Input)
        if not applicant.value.strip():
            applicant.value = event.household.head

    def collect(self) -> ServiceRequest:
        household = self.query_one(HouseholdPicker).household
        kind = self.query_one("#kind", Select).value
        handler = self.query_one("#handler", Select).value
        day = self.read_dates("day", required=("day",)).day("day")
        if not isinstance(handler, int):
            raise ValidationError("handler_id", "请选择经办干部")
        return ServiceRequest(
            day=day, kind=kind if isinstance(kind, str) else "",
            household_id=household.id if household else None, handler_id=handler,
            applicant=self.query_one("#applicant", Input).value, note=self.query_one("#note", Input).value,
            documents={box.name or "": box.value for box in self.query("#documents DocumentBox").results(DocumentBox)})

    def save(self, draft: ServiceRequest) -> ServiceRequest:
        return self.service.save_request(draft)


class RequestTypesForm(ServiceAccess, FormDialog):
    """The request types, their checklists and the default days to finish; dismisses True when saved."""

    FORM_TITLE = "办理事项及所需材料"

    def form_fields(self) -> ComposeResult:
        settings = self.service.settings()
        yield Static("每行写「事项：材料1、材料2」", classes="hint")
        yield FormField("事项", TextArea(desk.format_checklists(settings.request_types, settings), id="checklists"),
                        "checklists")
        yield FormField("办结期限", Input(str(settings.request_due_days), placeholder="默认办结期限（天）",
                                        id="due-days"), "request_due_days")

    def collect(self) -> tuple[str, str]:
        return self.query_one("#checklists", TextArea).text, self.query_one("#due-days", Input).value

    def save(self, draft: tuple[str, str]) -> bool:
        text, days = draft
        self.service.save_request_settings(list(desk.parse_checklists(text)), text, days)
        return True
