"""First-run setup: the village, its groups and duty mode, and the first cadres."""

from __future__ import annotations

from collections.abc import Iterator
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Static

from village_tui.domain.errors import ValidationError, ValidationErrors
from village_tui.domain.models import ROLES, Cadre, VillageSettings
from village_tui.domain.normalize import split_list
from village_tui.domain.record_validation import validate_cadre
from village_tui.screens.settings.settings import VillageFields
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.forms.spec import ChoiceField, Declared, RequiredDate, text
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess

SetupDraft = tuple[VillageSettings, list[Cadre]]


class SetupScreen(ServiceAccess, FormScreen[SetupDraft, VillageSettings]):
    """Asks for the village and at least one cadre, then saves them; dismisses when done."""

    FORM_TITLE = "首次使用：请填写本村情况和村干部（以后可在 F12 设置、F10 干部 中修改）"
    SAVE_LABEL = "完成设置 Ctrl+S"
    CANCEL_LABEL = ""
    BINDINGS = [Binding("escape", "ignore", show=False), Binding("ctrl+s", "save", "完成", priority=True),
                Binding("ctrl+o", "import_sheet", "从表格导入")]

    def __init__(self) -> None:
        super().__init__()
        self._cadres: list[Cadre] = []
        self._village = VillageFields(self)
        self._cadre_name = self.declare(text("cadre_name", "姓名", attr=None))
        self._cadre_role = self.declare(ChoiceField("cadre_role", "职务", [(r, r) for r in ROLES], blank=ROLES[0],
                                                    allow_blank=False, attr=None))
        self._cadre_term = self.declare(RequiredDate("cadre_term", "任期开始", attr=None))
        self._cadre_phone = self.declare(text("cadre_phone", "电话", attr=None))
        self._cadre_list = Static("", id="cadre-list")

    @property
    def _cadre_fields(self) -> tuple[Declared, ...]:
        return self._cadre_name, self._cadre_role, self._cadre_term, self._cadre_phone

    def form_record(self) -> VillageSettings:
        return self.service.settings()

    def form_fields(self) -> ComposeResult:
        self._cadres = list(self.service.cadres())
        with Horizontal(classes="buttons"):
            yield Button("或从表格导入 Ctrl+O", id="import-sheet")
        yield Static("已有Excel/WPS台账可直接导入；工作簿没有「村」表时先填好村名、乡镇、县", classes="hint")
        for field in self._village.fields:
            yield self.place(field)
        yield Static("村干部（至少一名；书记、主任先填）", classes="section-title")
        self._cadre_list.update(self._cadre_summary())
        yield self._cadre_list
        for field in self._cadre_fields:
            yield self.place(field)

    def form_buttons(self) -> Iterator[Button]:
        yield Button("添加这名干部", id="add-cadre")

    def first_field(self) -> Widget:
        return self._village.name.widget

    def _cadre_summary(self) -> Text:
        if not self._cadres:
            return Text("（还没有添加干部）")
        return Text("已添加：" + "、".join(f"{c.name}（{c.role}）" for c in self._cadres))

    @on(Button.Pressed, "#add-cadre")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add_cadre()

    @on(Button.Pressed, "#import-sheet")
    def _import_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_import_sheet()

    def action_import_sheet(self) -> None:
        """Import spreadsheets instead of typing; the village typed above is used when the file has no 村 sheet."""
        from village_tui.screens.exchange.import_screen import ImportScreen

        village = self._village
        typed = (village.name.widget.value.strip(), village.township.widget.value.strip(),
                 village.county.widget.value.strip())
        self.app.push_screen(ImportScreen(typed if all(typed) else None), self._imported)

    def _imported(self, imported: bool | None) -> None:
        """Finish when the import brought the village and its cadres; otherwise show what it brought."""
        if not imported:
            return
        service = self.service
        if service.is_set_up() and service.cadres():
            self.dismiss()
            return
        self._village.show(service.settings())
        self._cadres = list(service.cadres())
        self._cadre_list.update(self._cadre_summary())
        self.show_message("已导入；表格里没有村干部，请在下面至少添加一名村干部")
        self._cadre_name.widget.focus()

    def _typed_cadre(self) -> Cadre:
        """The cadre typed below the list, checked.

        Raises:
            ValidationErrors: Named by the cadre fields (``cadre_name`` ...).
        """
        errors: list[ValidationError] = []
        groups = split_list(self._village.groups.widget.value)
        try:
            start = self.read_fields(self._cadre_term)[self._cadre_term]
        except ValidationErrors as bad:
            start = self.service.today
            errors.extend(bad.errors)
        values = self.read_fields(self._cadre_name, self._cadre_role, self._cadre_phone)
        cadre = Cadre(name=values[self._cadre_name], role=values[self._cadre_role], term_start=start,
                      phone=values[self._cadre_phone])
        try:
            cadre = validate_cadre(cadre, groups)
        except ValidationErrors as bad:
            errors.extend(ValidationError(f"cadre_{e.field}", e.message) for e in bad.errors)
        if errors:
            raise ValidationErrors(errors)
        return cadre

    def add_cadre(self) -> bool:
        """Check the cadre typed below the list and add it; True when added."""
        try:
            cadre = self._typed_cadre()
        except ValidationErrors as errors:
            self.show_errors(errors)
            return False
        self._cadres.append(cadre)
        self.show_errors(None)
        self._cadre_list.update(self._cadre_summary())
        for field in (self._cadre_name, self._cadre_term, self._cadre_phone):
            field.widget.value = ""
        self._cadre_name.widget.focus()
        return True

    def collect(self) -> tuple[VillageSettings, list[Cadre]]:
        """The village and the cadres to save (the one typed below the list included)."""
        errors: list[ValidationError] = []
        settings = self.service.settings()
        try:
            settings = self.read_fields(*self._village.fields).into(settings)
        except ValidationErrors as bad:
            errors.extend(bad.errors)
        cadres = list(self._cadres)
        if self._cadre_name.widget.value.strip():
            try:
                cadres.append(self._typed_cadre())
            except ValidationErrors as bad:
                errors.extend(bad.errors)
        elif not cadres:
            errors.append(ValidationError("cadre_name", "请至少添加一名村干部"))
        if errors:
            raise ValidationErrors(errors)
        return settings, cadres

    def save(self, draft: tuple[VillageSettings, list[Cadre]]) -> VillageSettings:
        settings, cadres = draft
        self.service.set_up(settings, cadres)  # one journal line: never half set up
        self._cadres = cadres
        return settings

    def after_save(self, saved: VillageSettings) -> None:
        """Done: on to sign-in."""
        self.dismiss()

    def action_ignore(self) -> None:
        """Esc does nothing: the setup must be finished first."""
