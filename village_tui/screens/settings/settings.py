"""F12 设置: village name, township, county, groups, the duty mode (坐班/轮班), the assessment weights and the 公示."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from village_tui.domain.assessment import MEASURES, parse_weights
from village_tui.domain.errors import ValidationError, ValidationErrors
from village_tui.domain.models import DUTY_MODES, VillageSettings
from village_tui.domain.normalize import split_list
from village_tui.domain.validation import validate_groups, validate_int, validate_phone, validate_required
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.screens.base import ServiceAccess

TEXT_FIELDS = (("name", "村名"), ("township", "乡镇"), ("county", "县"))
BRANCH_CHOICES = (("只署村民委员会", False), ("村民委员会和村党支部", True))


def village_fields(settings: VillageSettings) -> ComposeResult:
    """村名, 乡镇, 县, 村民小组 and 值班方式: shared by the settings and the first-run setup."""
    for name, label in TEXT_FIELDS:
        yield FormField(label, Input(getattr(settings, name), id=name), name)
    yield FormField("村民小组", Input("、".join(settings.groups), placeholder="如 1组、2组、3组", id="groups"),
                    "groups")
    yield FormField("值班方式", Select([(m, m) for m in DUTY_MODES], value=settings.duty_mode,
                                      allow_blank=False, id="duty_mode"), "duty_mode")


def read_village(form, settings: VillageSettings) -> VillageSettings:
    """The settings with what is typed in :func:`village_fields`.

    Raises:
        ValidationErrors: Every field that is wrong.
    """
    errors: list[ValidationError] = []
    for name, label in TEXT_FIELDS:
        try:
            setattr(settings, name, validate_required(form.query_one(f"#{name}", Input).value, name, label, 20))
        except ValidationError as error:
            errors.append(error)
    try:
        settings.groups = validate_groups(split_list(form.query_one("#groups", Input).value))
    except ValidationError as error:
        errors.append(error)
    settings.duty_mode = form.query_one("#duty_mode", Select).value
    if errors:
        raise ValidationErrors(errors)
    return settings


class SettingsScreen(ServiceAccess, FormScreen):
    """Edit the village settings."""

    CSS_PATH = "settings.tcss"
    FORM_TITLE = "村庄设置"
    CANCEL_LABEL = ""

    def form_fields(self) -> ComposeResult:
        settings = self.service.settings()
        yield from village_fields(settings)
        # One sentence a line, under the field it explains: at 80 columns nothing wraps mid-phrase.
        yield Static("坐班：每天至少一名村干部在村部坐班。\n轮班：事务较少的村经乡镇商定，轮流值班（R4）。",
                     classes="field-hint")
        weights = "，".join(f"{k} {v:g}" for k, v in settings.assessment_weights.items())
        yield FormField("考核权重", Input(weights, placeholder="如 R6 2，R12走访 1.5（留空为等权）",
                                        id="assessment_weights"), "assessment_weights")
        yield Static(f"年度考核（R16）按各项符合率加权平均，未写的项权重为 1。\n可写：{'、'.join(MEASURES)}",
                     classes="field-hint")
        yield FormField("公示天数", Input(str(settings.notice_days), placeholder="默认 7 天", id="notice_days"),
                        "notice_days")
        yield FormField("监督电话", Input(settings.supervision_phone, placeholder="印在村务公示上，如 0598-7233678",
                                        id="supervision_phone"), "supervision_phone")
        yield FormField("公示落款", Select(BRANCH_CHOICES, value=settings.notice_party_branch, allow_blank=False,
                                        id="notice_party_branch"), "notice_party_branch")

    def collect(self) -> VillageSettings:
        """The settings as typed; a group that still has households cannot be taken out."""
        errors: list[ValidationError] = []
        try:
            settings = read_village(self, self.service.settings())
        except ValidationErrors as bad:
            errors.extend(bad.errors)
            settings = self.service.settings()
        missing = sorted({h.group for h in self.service.households()} - set(settings.groups))
        if not any(e.field == "groups" for e in errors) and missing:
            errors.append(ValidationError("groups", f"以下组还有农户，不能删去：{'、'.join(missing)}"))
        try:
            settings.assessment_weights = parse_weights(self.query_one("#assessment_weights", Input).value)
        except ValidationError as error:
            errors.append(error)
        try:
            settings.notice_days = validate_int(self.query_one("#notice_days", Input).value, "notice_days",
                                                "公示天数", 1, 90)
        except ValidationError as error:
            errors.append(error)
        try:
            settings.supervision_phone = validate_phone(self.query_one("#supervision_phone", Input).value,
                                                        "supervision_phone")
        except ValidationError as error:
            errors.append(error)
        settings.notice_party_branch = bool(self.query_one("#notice_party_branch", Select).value)
        if errors:
            raise ValidationErrors(errors)
        return settings

    def save(self, draft: VillageSettings) -> VillageSettings:
        self.service.save_settings(draft)
        return draft

    def after_save(self, saved: VillageSettings) -> None:
        self.notify("设置已保存")
        self.show_message("设置已保存", error=False)
        self.app.screen.refresh()
