"""First-run setup: the village, its groups and duty mode, and the first cadres."""

from __future__ import annotations

from collections.abc import Iterator
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Select, Static

from village_tui.domain.errors import ValidationError, ValidationErrors
from village_tui.domain.models import ROLES, Cadre, VillageSettings
from village_tui.domain.normalize import split_list
from village_tui.domain.record_validation import validate_cadre
from village_tui.screens.settings.settings import read_village, village_fields
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess

CADRE_FIELDS = ("cadre_name", "cadre_term", "cadre_phone")


class SetupScreen(ServiceAccess, FormScreen):
    """Asks for the village and at least one cadre, then saves them; dismisses when done."""

    FORM_TITLE = "首次使用：请填写本村情况和村干部（以后可在 F12 设置、F10 干部 中修改）"
    SAVE_LABEL = "完成设置 Ctrl+S"
    CANCEL_LABEL = ""
    BINDINGS = [Binding("escape", "ignore", show=False), Binding("ctrl+s", "save", "完成", priority=True),
                Binding("ctrl+o", "import_sheet", "从表格导入")]

    def form_fields(self) -> ComposeResult:
        service = self.service
        self._cadres: list[Cadre] = list(service.cadres())
        with Horizontal(classes="buttons"):
            yield Button("或从表格导入 Ctrl+O", id="import-sheet")
        yield Static("已有Excel/WPS台账可直接导入；工作簿没有「村」表时先填好村名、乡镇、县", classes="hint")
        yield from village_fields(service.settings())
        yield Static("村干部（至少一名；书记、主任先填）", classes="section-title")
        yield Static(self._cadre_summary(), id="cadre-list")
        yield FormField("姓名", Input(id="cadre_name"), "cadre_name")
        yield FormField("职务", Select([(r, r) for r in ROLES], value=ROLES[0], allow_blank=False,
                                      id="cadre_role"), "cadre_role")
        yield FormField("任期开始", DateInput(today=service.today, id="cadre_term"), "cadre_term")
        yield FormField("电话", Input(id="cadre_phone"), "cadre_phone")

    def form_buttons(self) -> Iterator[Button]:
        yield Button("添加这名干部", id="add-cadre")

    def first_field(self):
        return self.query_one("#name", Input)

    def _cadre_summary(self) -> Text:
        if not self._cadres:
            return Text("（还没有添加干部）")
        return Text("已添加：" + "、".join(f"{c.name}（{c.role}）" for c in self._cadres))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-cadre":
            event.stop()
            self.add_cadre()
        elif event.button.id == "import-sheet":
            event.stop()
            self.action_import_sheet()

    def action_import_sheet(self) -> None:
        """Import spreadsheets instead of typing; the village typed above is used when the file has no 村 sheet."""
        from village_tui.screens.exchange.import_screen import ImportScreen

        name, township, county = (self.query_one(f"#{field}", Input).value.strip()
                                  for field in ("name", "township", "county"))
        typed = (name, township, county)
        self.app.push_screen(ImportScreen(typed if all(typed) else None), self._imported)

    def _imported(self, imported: bool | None) -> None:
        """Finish when the import brought the village and its cadres; otherwise show what it brought."""
        if not imported:
            return
        service = self.service
        if service.is_set_up() and service.cadres():
            self.dismiss()
            return
        settings = service.settings()
        for name in ("name", "township", "county"):
            self.query_one(f"#{name}", Input).value = getattr(settings, name)
        self.query_one("#groups", Input).value = "、".join(settings.groups)
        self.query_one("#duty_mode", Select).value = settings.duty_mode
        self._cadres = list(service.cadres())
        self.query_one("#cadre-list", Static).update(self._cadre_summary())
        self.show_message("已导入；表格里没有村干部，请在下面至少添加一名村干部")
        self.query_one("#cadre_name", Input).focus()

    def _typed_cadre(self) -> Cadre:
        """The cadre typed below the list, checked.

        Raises:
            ValidationErrors: Named by the cadre fields (``cadre_name`` ...).
        """
        groups = split_list(self.query_one("#groups", Input).value)
        errors: list[ValidationError] = []
        try:
            start = self.read_dates("cadre_term", required=("cadre_term",)).day("cadre_term")
        except ValidationErrors as bad:
            start = None
            errors.extend(bad.errors)
        cadre = Cadre(name=self.query_one("#cadre_name", Input).value,
                      role=self.query_one("#cadre_role", Select).selection or "",
                      term_start=start or self.service.today, phone=self.query_one("#cadre_phone", Input).value)
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
        self.query_one("#cadre-list", Static).update(self._cadre_summary())
        for name in CADRE_FIELDS:
            self.query_one(f"#{name}", Input).value = ""
        self.query_one("#cadre_name", Input).focus()
        return True

    def collect(self) -> tuple[VillageSettings, list[Cadre]]:
        """The village and the cadres to save (the one typed below the list included)."""
        errors: list[ValidationError] = []
        settings = self.service.settings()
        try:
            settings = read_village(self, settings)
        except ValidationErrors as bad:
            errors.extend(bad.errors)
        cadres = list(self._cadres)
        if self.query_one("#cadre_name", Input).value.strip():
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
