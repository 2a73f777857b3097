"""F12 设置: village name, township, county, groups, the duty mode (坐班/轮班), the assessment weights and the 公示."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from village_tui.domain.assessment import MEASURES, parse_weights
from village_tui.domain.errors import ValidationError, ValidationErrors
from village_tui.domain.models import DUTY_MODES, VillageSettings
from village_tui.domain.normalize import split_list
from village_tui.domain.validation import validate_groups, validate_int, validate_phone, validate_required
from village_tui.widgets.forms.form_base import FormScreen
from village_tui.widgets.forms.spec import ChoiceField, Declared, Declares, TextField
from village_tui.screens.base import ServiceAccess

BRANCH_CHOICES = (("只署村民委员会", False), ("村民委员会和村党支部", True))


def required(name: str, label: str) -> TextField[str]:
    """Text that must be given, at most 20 characters."""
    return TextField(name, label, to_text=str, from_text=lambda typed: validate_required(typed, name, label, 20),
                     blank="")


class VillageFields:
    """村名, 乡镇, 县, 村民小组 and 值班方式, declared on ``form``: shared by the settings and the first-run setup.

    Args:
        form: The form they are declared on (in this order, where it declares them).
    """

    def __init__(self, form: Declares) -> None:
        self.name = form.declare(required("name", "村名"))
        self.township = form.declare(required("township", "乡镇"))
        self.county = form.declare(required("county", "县"))
        self.groups = form.declare(TextField[list[str]]("groups", "村民小组", to_text="、".join,
                                             from_text=lambda typed: validate_groups(split_list(typed)), blank=[],
                                             placeholder="如 1组、2组、3组"))
        self.duty_mode = form.declare(ChoiceField("duty_mode", "值班方式", [(m, m) for m in DUTY_MODES],
                                                  blank=DUTY_MODES[0], allow_blank=False))

    @property
    def fields(self) -> tuple[Declared, ...]:
        """The fields, in screen order."""
        return self.name, self.township, self.county, self.groups, self.duty_mode

    def show(self, settings: VillageSettings) -> None:
        """Show ``settings`` in the fields (after an import brought them)."""
        for field, value in ((self.name, settings.name), (self.township, settings.township),
                             (self.county, settings.county)):
            field.value = value
        self.groups.value = settings.groups
        self.duty_mode.value = settings.duty_mode


def weights_text(weights: dict[str, float]) -> str:
    """The assessment weights as the field shows them (``R6 2，R12走访 1.5``)."""
    return "，".join(f"{k} {v:g}" for k, v in weights.items())


class SettingsScreen(ServiceAccess, FormScreen[VillageSettings, VillageSettings]):
    """Edit the village settings."""

    CSS_PATH = "settings.tcss"
    FORM_TITLE = "村庄设置"
    CANCEL_LABEL = ""

    def __init__(self) -> None:
        super().__init__()
        self._village = VillageFields(self)
        self.declare(TextField[dict[str, float]]("assessment_weights", "考核权重", to_text=weights_text, from_text=parse_weights,
                               blank={}, placeholder="如 R6 2，R12走访 1.5（留空为等权）"))
        self.declare(TextField("notice_days", "公示天数", to_text=str, blank=7, placeholder="默认 7 天",
                               from_text=lambda typed: validate_int(typed, "notice_days", "公示天数", 1, 90)))
        self.declare(TextField("supervision_phone", "监督电话", to_text=str, blank="",
                               from_text=lambda typed: validate_phone(typed, "supervision_phone"),
                               placeholder="印在村务公示上，如 0598-7233678"))
        self.declare(ChoiceField("notice_party_branch", "公示落款", BRANCH_CHOICES, blank=False, allow_blank=False))

    def form_record(self) -> VillageSettings:
        return self.service.settings()

    def form_fields(self) -> ComposeResult:
        weights, days, phone, branch = self.declared[len(self._village.fields):]
        for field in self._village.fields:
            yield self.place(field)
        # One sentence a line, under the field it explains: at 80 columns nothing wraps mid-phrase.
        yield Static("坐班：每天至少一名村干部在村部坐班。\n轮班：事务较少的村经乡镇商定，轮流值班（R4）。",
                     classes="field-hint")
        yield self.place(weights)
        yield Static(f"年度考核（R16）按各项符合率加权平均，未写的项权重为 1。\n可写：{'、'.join(MEASURES)}",
                     classes="field-hint")
        for field in (days, phone, branch):
            yield self.place(field)

    def collect(self) -> VillageSettings:
        """The settings as typed; a group that still has households cannot be taken out."""
        errors: list[ValidationError] = []
        try:
            settings = self.read_fields().into(self.service.settings())
        except ValidationErrors as bad:
            errors.extend(bad.errors)
            settings = self.service.settings()
        try:
            groups: list[str] | None = self._village.groups.value
        except ValidationError:
            groups = None
        missing = sorted({h.group for h in self.service.households()} - set(groups or ()))
        if groups is not None and missing:
            errors.append(ValidationError("groups", f"以下组还有农户，不能删去：{'、'.join(missing)}"))
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
