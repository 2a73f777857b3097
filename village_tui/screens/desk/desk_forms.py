"""The forms of F9 便民服务: receiving an application, and the request types with their checklists."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Select, Static

from village_tui.domain import service_desk as desk
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import ServiceRequest
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import ChoiceField, HouseholdField, Label, NoteField, RequiredDate, text
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


class ServiceRequestForm(ServiceAccess, FormDialog[ServiceRequest, ServiceRequest]):
    """Receive one application: household or applicant, the matter, the handling cadre, day, documents, note.

    Dismisses with the saved request (its receipt is shown next).
    """

    CSS_PATH = "desk_forms.tcss"
    FORM_TITLE = "受理申请"

    def __init__(self) -> None:
        super().__init__()
        self._household = self.declare(HouseholdField("household_id", "农户", id="household",
                                                      search=lambda typed: self.service.search_households(typed),
                                                      lookup=lambda key: self.service.household(key)))
        self._applicant = self.declare(text("applicant", "申请人", placeholder="不填则为户主"))
        self.declare(ChoiceField("kind", "办理事项", self._kinds, blank="", prompt="办理事项",
                                 initial=lambda: next(iter(self.service.settings().request_types), "")))
        self._handler = self.declare(ChoiceField("handler_id", "经办干部", self._handlers, blank=None,
                                                 prompt="经办干部", id="handler", initial=self._operator))
        self._day = self.declare(RequiredDate("day", "受理日期", initial=lambda: self.service.today,
                                              allow_future=False))
        self._note = self.declare(text("note", "备注"))
        self._documents = Vertical(id="documents")

    def _kinds(self) -> list[tuple[Label, str]]:
        return [(Text(k), k) for k in self.service.settings().request_types]

    def _handlers(self) -> list[tuple[Label, int | None]]:
        return [(Text(f"{c.name} {c.role}"), c.id) for c in self.service.cadres()]

    def _operator(self) -> int | None:
        return self.service.operator.id if self.service.operator else None

    def form_fields(self) -> ComposeResult:
        *before, note = self.declared
        for field in before:
            yield self.place(field)
        yield Static("收到的材料（空格勾选）：", classes="section-title")
        yield self._documents
        yield self.place(note)

    def first_field(self) -> Widget:
        return self._household.widget

    @on(Select.Changed, "#kind")
    async def _kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            await self._show_checklist(event.value)

    async def _show_checklist(self, kind: str) -> None:
        """The documents the matter needs, as boxes to tick (a change of matter alone is no unsaved change)."""
        was_clean = not self.is_dirty
        await self._documents.remove_children()
        await self._documents.mount_all(DocumentBox(name, name=name)
                                        for name in desk.checklist_for(kind, self.service.settings()))
        if was_clean and self._snapshot is not None:
            self.take_snapshot()

    def on_household_picker_chosen(self, event: HouseholdPicker.Chosen) -> None:
        if not self._applicant.widget.value.strip():
            self._applicant.value = event.household.head

    def collect(self) -> ServiceRequest:
        values = self.read_fields()
        if values[self._handler] is None:
            raise ValidationError("handler_id", "请选择经办干部")
        request = values.into(ServiceRequest(day=values[self._day], kind=""))
        request.documents = {box.name or "": box.value for box in self._documents.query(DocumentBox)}
        return request

    def save(self, draft: ServiceRequest) -> ServiceRequest:
        return self.service.save_request(draft)


class RequestTypesForm(ServiceAccess, FormDialog[tuple[str, str], bool]):
    """The request types, their checklists and the default days to finish; dismisses True when saved."""

    FORM_TITLE = "办理事项及所需材料"

    def __init__(self) -> None:
        super().__init__()
        self._checklists = self.declare(NoteField("checklists", "事项", initial=self._written))
        self._due_days = self.declare(text("request_due_days", "办结期限", placeholder="默认办结期限（天）",
                                           id="due-days",
                                           initial=lambda: str(self.service.settings().request_due_days)))

    def _written(self) -> str:
        settings = self.service.settings()
        return desk.format_checklists(settings.request_types, settings)

    def form_fields(self) -> ComposeResult:
        yield Static("每行写「事项：材料1、材料2」", classes="hint")
        yield from super().form_fields()

    def collect(self) -> tuple[str, str]:
        values = self.read_fields()
        return values[self._checklists], values[self._due_days]

    def save(self, draft: tuple[str, str]) -> bool:
        written, days = draft
        self.service.save_request_settings(list(desk.parse_checklists(written)), written, days)
        return True
