"""First-run setup: the village, its groups and duty mode, and the first cadres."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static

from village_tui.domain.errors import DomainError, ValidationError, ValidationErrors
from village_tui.domain.models import DUTY_MODES, ROLES, Cadre, VillageSettings
from village_tui.domain.normalize import split_list
from village_tui.domain.record_validation import validate_cadre
from village_tui.domain.validation import validate_groups, validate_required
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.inert_text import Text


class SetupScreen(Screen[None]):
    """Asks for the village and at least one cadre, then saves them; dismisses when done."""

    BINDINGS = [Binding("escape", "ignore", show=False), Binding("ctrl+s", "finish", "完成"),
                Binding("ctrl+o", "import_sheet", "从表格导入")]

    def compose(self) -> ComposeResult:
        service = self.app.service  # type: ignore[attr-defined]
        settings = service.settings()
        self._cadres: list[Cadre] = list(service.cadres())
        with VerticalScroll(classes="form-box"):
            yield Static("首次使用：请填写本村情况和村干部（以后可在 F12 设置、F10 干部 中修改）", classes="form-title")
            with Horizontal(classes="buttons"):
                yield Button("或从表格导入 Ctrl+O", id="import-sheet")
            yield Static("已有Excel/WPS台账可直接导入；工作簿没有「村」表时先填好村名、乡镇、县", classes="hint")
            yield FormField("村名", Input(settings.name, id="name"), "name")
            yield FormField("乡镇", Input(settings.township, id="township"), "township")
            yield FormField("县", Input(settings.county, id="county"), "county")
            yield FormField("村民小组", Input("、".join(settings.groups), placeholder="如 1组、2组、3组", id="groups"),
                            "groups")
            yield FormField("值班方式", Select([(m, m) for m in DUTY_MODES], value=settings.duty_mode,
                                              allow_blank=False, id="duty_mode"), "duty_mode")
            yield Static("村干部（至少一名；书记、主任先填）", classes="section-title")
            yield Static(self._cadre_summary(), id="cadre-list")
            yield FormField("姓名", Input(id="cadre_name"), "cadre_name")
            yield FormField("职务", Select([(r, r) for r in ROLES], value=ROLES[0], allow_blank=False,
                                          id="cadre_role"), "cadre_role")
            yield FormField("任期开始", DateInput(today=service.today, id="cadre_term"), "cadre_term")
            yield FormField("电话", Input(id="cadre_phone"), "cadre_phone")
            with Horizontal(classes="buttons"):
                yield Button("添加这名干部", id="add-cadre")
                yield Button("完成设置 Ctrl+S", id="finish", variant="primary")
            yield Static("", id="setup-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _cadre_summary(self) -> Text:
        if not self._cadres:
            return Text("（还没有添加干部）")
        return Text("已添加：" + "、".join(f"{c.name}（{c.role}）" for c in self._cadres))

    def _field(self, name: str) -> FormField:
        return next(f for f in self.query(FormField) if f.name == name)

    def _settings(self) -> VillageSettings:
        """The settings as typed; raises ValidationErrors and marks the fields."""
        settings = self.app.service.settings()  # type: ignore[attr-defined]
        errors: list[ValidationError] = []
        for name, label in (("name", "村名"), ("township", "乡镇"), ("county", "县")):
            try:
                setattr(settings, name, validate_required(self.query_one(f"#{name}", Input).value, name, label, 20))
            except ValidationError as error:
                errors.append(error)
        try:
            settings.groups = validate_groups(split_list(self.query_one("#groups", Input).value))
        except ValidationError as error:
            errors.append(error)
        settings.duty_mode = self.query_one("#duty_mode", Select).value
        for name in ("name", "township", "county", "groups"):
            self._field(name).set_error(ValidationErrors(errors).for_field(name))
        if errors:
            raise ValidationErrors(errors)
        return settings

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-cadre":
            self.add_cadre()
        elif event.button.id == "finish":
            self.action_finish()
        elif event.button.id == "import-sheet":
            self.action_import_sheet()

    def action_import_sheet(self) -> None:
        """Import spreadsheets instead of typing; the village typed above is used when the file has no 村 sheet."""
        from village_tui.screens.exchange.import_screen import ImportScreen

        typed = tuple(self.query_one(f"#{name}", Input).value.strip() for name in ("name", "township", "county"))
        self.app.push_screen(ImportScreen(typed if all(typed) else None), self._imported)

    def _imported(self, imported: bool | None) -> None:
        """Finish when the import brought the village and its cadres; otherwise show what it brought."""
        if not imported:
            return
        service = self.app.service  # type: ignore[attr-defined]
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
        self.query_one("#setup-error", Static).update("已导入；表格里没有村干部，请在下面至少添加一名村干部")
        self.query_one("#cadre_name", Input).focus()

    def add_cadre(self) -> bool:
        """Check the cadre typed below the list and add it; True when added."""
        groups = split_list(self.query_one("#groups", Input).value)
        term = self.query_one("#cadre_term", DateInput)
        errors: list[ValidationError] = []
        try:
            start = term.date
        except ValidationError as error:
            start = None
            errors.append(ValidationError("cadre_term", error.message))
        cadre = Cadre(name=self.query_one("#cadre_name", Input).value,
                      role=self.query_one("#cadre_role", Select).value,
                      term_start=start or self.app.service.today,  # type: ignore[attr-defined]
                      phone=self.query_one("#cadre_phone", Input).value)
        try:
            cadre = validate_cadre(cadre, groups)
        except ValidationErrors as bad:
            errors.extend(ValidationError(f"cadre_{e.field}", e.message) for e in bad.errors)
        found = ValidationErrors(errors)
        for name in ("cadre_name", "cadre_term", "cadre_phone"):
            self._field(name).set_error(found.for_field(name))
        if errors:
            return False
        self._cadres.append(cadre)
        self.query_one("#cadre-list", Static).update(self._cadre_summary())
        for name in ("#cadre_name", "#cadre_term", "#cadre_phone"):
            self.query_one(name, Input).value = ""
        self.query_one("#cadre_name", Input).focus()
        return True

    def action_finish(self) -> None:
        """Save the settings and the cadres, then go on to sign-in."""
        message = self.query_one("#setup-error", Static)
        try:
            settings = self._settings()
        except ValidationErrors:
            message.update("请先改正上面标红的内容")
            return
        if self.query_one("#cadre_name", Input).value.strip() and not self.add_cadre():
            message.update("请先改正干部信息")
            return
        if not self._cadres:
            message.update("请至少添加一名村干部")
            self.query_one("#cadre_name", Input).focus()
            return
        service = self.app.service  # type: ignore[attr-defined]
        try:
            service.save_settings(settings)
            for cadre in self._cadres:
                if cadre.id is None:
                    cadre.id = service.save_cadre(cadre).id
        except DomainError as error:
            message.update(Text(str(error)))
            return
        self.dismiss()

    def action_ignore(self) -> None:
        """Esc does nothing: the setup must be finished first."""
