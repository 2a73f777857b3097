"""F12 设置: village name, township, county, groups, the duty mode (坐班/轮班) and the assessment weights."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static

from village_tui.domain.assessment import MEASURES, parse_weights
from village_tui.domain.errors import DomainError, ValidationError
from village_tui.domain.models import DUTY_MODES
from village_tui.domain.normalize import split_list
from village_tui.domain.validation import validate_groups, validate_required
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.inert_text import Text

TEXT_FIELDS = (("name", "村名"), ("township", "乡镇"), ("county", "县"))


class SettingsScreen(Screen):
    """Edit the village settings."""

    BINDINGS = [Binding("ctrl+s", "save", "保存")]

    def compose(self) -> ComposeResult:
        settings = self.app.service.settings()  # type: ignore[attr-defined]
        with VerticalScroll(classes="form-box"):
            yield Static("村庄设置", classes="form-title")
            for name, label in TEXT_FIELDS:
                yield FormField(label, Input(getattr(settings, name), id=name), name)
            yield FormField("村民小组", Input("、".join(settings.groups), placeholder="如 1组、2组、3组", id="groups"),
                            "groups")
            yield FormField("值班方式", Select([(m, m) for m in DUTY_MODES], value=settings.duty_mode,
                                              allow_blank=False, id="duty_mode"), "duty_mode")
            yield Static("坐班：每天至少一名村干部在村部坐班。轮班：事务较少的村经乡镇商定轮流值班（R4）。",
                         classes="hint")
            weights = "，".join(f"{k} {v:g}" for k, v in settings.assessment_weights.items())
            yield FormField("考核权重", Input(weights, placeholder="如 R6 2，R12走访 1.5（留空为等权）",
                                            id="assessment_weights"), "assessment_weights")
            yield Static(f"年度考核（R16）综合得分按各项符合率加权平均；未写的项权重为1。可写：{'、'.join(MEASURES)}",
                         classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("保存 Ctrl+S", id="save", variant="primary")
            yield Static("", id="form-error", classes="error")

    def on_mount(self) -> None:
        if self.app.service.readonly:  # type: ignore[attr-defined]
            self.query_one("#form-error", Static).update(
                Text(f"只读：{self.app.service.readonly_reason}。不能保存。"))  # type: ignore[attr-defined]
            self.query_one("#save", Button).disabled = True

    def _field(self, name: str) -> FormField:
        return next(f for f in self.query(FormField) if f.name == name)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Check and save the settings."""
        service = self.app.service  # type: ignore[attr-defined]
        settings = service.settings()
        bad = False
        for name, label in TEXT_FIELDS:
            try:
                setattr(settings, name, validate_required(self.query_one(f"#{name}", Input).value, name, label, 20))
                self._field(name).set_error(None)
            except ValidationError as error:
                self._field(name).set_error(error.message)
                bad = True
        groups: list[str] = []
        try:
            groups = validate_groups(split_list(self.query_one("#groups", Input).value))
            missing = sorted({h.group for h in service.households()} - set(groups))
            if missing:
                raise ValidationError("groups", f"以下组还有农户，不能删去：{'、'.join(missing)}")
            self._field("groups").set_error(None)
        except ValidationError as error:
            self._field("groups").set_error(error.message)
            bad = True
        try:
            settings.assessment_weights = parse_weights(self.query_one("#assessment_weights", Input).value)
            self._field("assessment_weights").set_error(None)
        except ValidationError as error:
            self._field("assessment_weights").set_error(error.message)
            bad = True
        if bad:
            self.query_one("#form-error", Static).update("请改正标红的内容后再保存")
            return
        settings.groups = groups
        settings.duty_mode = self.query_one("#duty_mode", Select).value
        try:
            service.save_settings(settings)
        except DomainError as error:
            self.query_one("#form-error", Static).update(Text(str(error)))
            return
        self.query_one("#form-error", Static).update("")
        self.notify("设置已保存")
        self.app.screen.refresh()
