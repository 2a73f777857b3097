"""The forms of F8 五事: a new matter, and the next step of a matter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from village_tui.domain.matters import next_step
from village_tui.domain.models import MATTER_STEPS, SATISFACTION, Matter, MatterStep
from village_tui.domain.normalize import split_list
from village_tui.domain.validation import validate_int
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess

# Which fields each step shows besides date, participants, villagers, content and outcome.
STEP_FIELDS = {
    "干群议事": (),
    "集体定事": ("votes_for", "votes_against"),
    "承诺干事": ("responsible_id", "promised"),
    "村民监事": ("supervisors", "findings"),
    "考评亮事": ("evaluation", "satisfaction", "posted_from", "posted_to"),
}
EXTRA_FIELDS = {name for names in STEP_FIELDS.values() for name in names}


class MatterForm(ServiceAccess, FormDialog):
    """A new matter: its title and category; dismisses with the saved matter."""

    FORM_TITLE = "新增五事事项"

    def form_fields(self) -> ComposeResult:
        yield FormField("事项名称", Input(placeholder="如 三组饮水管网改造", id="title"), "title")
        yield FormField("类别", Select([(Text(c), c) for c in self.service.settings().ledger_categories],
                                     allow_blank=False, id="category"), "category")

    def collect(self) -> tuple[str, str]:
        category = self.query_one("#category", Select).value
        return self.query_one("#title", Input).value, category if isinstance(category, str) else ""

    def save(self, draft: tuple[str, str]) -> Matter:
        return self.service.save_matter(*draft)


class MatterStepForm(ServiceAccess, FormDialog):
    """The next step of a matter; the fields follow the step chosen. Dismisses with the matter saved.

    Args:
        matter: The matter whose step is recorded.
    """

    def __init__(self, matter: Matter) -> None:
        super().__init__()
        self.matter = matter

    def form_title(self) -> str:
        return f"{self.matter.title}：记录下一步"

    def form_fields(self) -> ComposeResult:
        service = self.service
        today = service.today
        yield FormField("步骤", Select([(s, s) for s in MATTER_STEPS], allow_blank=False,
                                     value=next_step(self.matter) or MATTER_STEPS[0], id="step_name"), "step")
        yield FormField("日期", DateInput(today, today=today, id="day"), "day")
        yield FormField("参加人员", Input(placeholder="用顿号隔开", id="participants"), "participants")
        yield FormField("村民人数", Input("0", id="villagers"), "villagers")
        yield FormField("内容", Input(id="content"), "content")
        yield FormField("结果", Input(id="outcome"), "outcome")
        yield FormField("赞成票", Input(id="votes_for"), "votes_for")
        yield FormField("反对票", Input(id="votes_against"), "votes_against")
        yield FormField("责任干部", Select([(Text(c.name), c.id) for c in service.cadres()],
                                         prompt="请选择", id="responsible_id"), "responsible_id")
        yield FormField("承诺完成", DateInput(None, today=today, id="promised"), "promised")
        yield FormField("监督人", Input(placeholder="用顿号隔开", id="supervisors"), "supervisors")
        yield FormField("监督情况", Input(id="findings"), "findings")
        yield FormField("考评结果", Input(id="evaluation"), "evaluation")
        yield FormField("满意度", Select([(s, s) for s in SATISFACTION], prompt="请选择",
                                       id="satisfaction"), "satisfaction")
        yield FormField("公示开始", DateInput(None, today=today, id="posted_from"), "posted_from")
        yield FormField("公示结束", DateInput(None, today=today, id="posted_to"), "posted_to")

    def first_field(self):
        return self.query_one("#content", Input)

    def on_mount(self) -> None:
        self._show_fields(str(self.query_one("#step_name", Select).value))

    def _show_fields(self, step: str) -> None:
        for field in self.query(FormField).results(FormField):
            if field.name in EXTRA_FIELDS:
                field.display = field.name in STEP_FIELDS.get(step, ())

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "step_name" and isinstance(event.value, str):
            self._show_fields(event.value)

    def collect(self) -> MatterStep:
        def value(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value

        def number(widget_id: str, label: str) -> int | None:
            text = value(widget_id).strip()
            return validate_int(text, widget_id, label, 0, 100000) if text else None

        step = str(self.query_one("#step_name", Select).value)
        fields = STEP_FIELDS.get(step, ())
        days = self.read_dates("day", *[d for d in ("promised", "posted_from", "posted_to") if d in fields],
                               required=("day",))
        responsible = self.query_one("#responsible_id", Select).value
        satisfaction = self.query_one("#satisfaction", Select).value
        return MatterStep(
            step=step, day=days.day("day"),
            participants=split_list(value("participants")), villagers=number("villagers", "村民人数") or 0,
            content=value("content"), outcome=value("outcome"),
            votes_for=number("votes_for", "赞成票数") if "votes_for" in fields else None,
            votes_against=number("votes_against", "反对票数") if "votes_against" in fields else None,
            responsible_id=responsible if "responsible_id" in fields and isinstance(responsible, int) else None,
            promised=days.get("promised"),
            supervisors=split_list(value("supervisors")) if "supervisors" in fields else [],
            findings=value("findings") if "findings" in fields else "",
            evaluation=value("evaluation") if "evaluation" in fields else "",
            satisfaction=satisfaction if "satisfaction" in fields and isinstance(satisfaction, str) else "",
            posted_from=days.get("posted_from"), posted_to=days.get("posted_to"))

    def save(self, draft: MatterStep) -> Matter:
        return self.service.record_step(self.matter.key, draft)
