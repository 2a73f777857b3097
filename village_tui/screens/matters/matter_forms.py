"""The forms of F8 五事: a new matter, and the next step of a matter."""

from __future__ import annotations

from textual import on
from textual.widget import Widget
from textual.widgets import Select

from village_tui.domain.matters import next_step
from village_tui.domain.models import MATTER_STEPS, SATISFACTION, Matter, MatterStep
from village_tui.domain.normalize import split_list
from village_tui.domain.validation import validate_int
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import ChoiceField, DateField, Label, RequiredDate, TextField, text
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


def counted(name: str, label: str, said: str, *, empty: int | None = None,
            hidden: bool = False) -> TextField[int | None]:
    """A count of people or votes (0 to 100000, named ``said`` in its error); empty text reads as ``empty``."""
    def from_text(typed: str) -> int | None:
        typed = typed.strip()
        return validate_int(typed, name, said, 0, 100000) if typed else empty

    return TextField(name, label, to_text=lambda n: "" if n is None else str(n), from_text=from_text,
                     blank=empty, initial=empty, hidden=hidden)


def names(name: str, label: str, *, hidden: bool = False) -> TextField[list[str]]:
    """Names separated by 、 (or commas, spaces)."""
    return TextField(name, label, to_text="、".join, from_text=split_list, blank=[], placeholder="用顿号隔开",
                     hidden=hidden)


class MatterForm(ServiceAccess, FormDialog[tuple[str, str], Matter]):
    """A new matter: its title and category; dismisses with the saved matter."""

    FORM_TITLE = "新增五事事项"

    def __init__(self) -> None:
        super().__init__()
        self._title = self.declare(text("title", "事项名称", placeholder="如 三组饮水管网改造"))
        self._category = self.declare(ChoiceField(
            "category", "类别", lambda: [(Text(c), c) for c in self.service.settings().ledger_categories],
            blank="", allow_blank=False))

    def collect(self) -> tuple[str, str]:
        values = self.read_fields()
        return values[self._title], values[self._category]

    def save(self, draft: tuple[str, str]) -> Matter:
        return self.service.save_matter(*draft)


class MatterStepForm(ServiceAccess, FormDialog[MatterStep, Matter]):
    """The next step of a matter; the fields follow the step chosen. Dismisses with the matter saved.

    Args:
        matter: The matter whose step is recorded.
    """

    def __init__(self, matter: Matter) -> None:
        super().__init__()
        self.matter = matter
        today = lambda: self.service.today  # noqa: E731 - read when the form is composed
        self._step = self.declare(ChoiceField("step", "步骤", [(s, s) for s in MATTER_STEPS], blank=MATTER_STEPS[0],
                                              allow_blank=False, id="step_name",
                                              initial=next_step(matter) or MATTER_STEPS[0]))
        self._day = self.declare(RequiredDate("day", "日期", initial=today))
        self.declare(names("participants", "参加人员"))
        self.declare(counted("villagers", "村民人数", "村民人数", empty=0))
        self._content = self.declare(text("content", "内容"))
        self.declare(text("outcome", "结果"))
        self.declare(counted("votes_for", "赞成票", "赞成票数", hidden=True))
        self.declare(counted("votes_against", "反对票", "反对票数", hidden=True))
        self.declare(ChoiceField("responsible_id", "责任干部", self._cadres, blank=None, prompt="请选择", hidden=True))
        self.declare(DateField("promised", "承诺完成", hidden=True))
        self.declare(names("supervisors", "监督人", hidden=True))
        self.declare(text("findings", "监督情况", hidden=True))
        self.declare(text("evaluation", "考评结果", hidden=True))
        self.declare(ChoiceField("satisfaction", "满意度", [(s, s) for s in SATISFACTION], blank="", prompt="请选择",
                                 hidden=True))
        self.declare(DateField("posted_from", "公示开始", hidden=True))
        self.declare(DateField("posted_to", "公示结束", hidden=True))

    def _cadres(self) -> list[tuple[Label, int | None]]:
        return [(Text(c.name), c.id) for c in self.service.cadres()]

    def form_title(self) -> str:
        return f"{self.matter.title}：记录下一步"

    def first_field(self) -> Widget:
        return self._content.widget

    def on_mount(self) -> None:
        self._show_fields(self._step.value)

    def _show_fields(self, step: str) -> None:
        for field in self.declared:
            if field.name in EXTRA_FIELDS:
                field.shown = field.name in STEP_FIELDS.get(step, ())

    @on(Select.Changed, "#step_name")
    def _step_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._show_fields(event.value)

    def collect(self) -> MatterStep:
        values = self.read_fields()
        return values.into(MatterStep(step=values[self._step], day=values[self._day]))

    def save(self, draft: MatterStep) -> Matter:
        return self.service.record_step(self.matter.key, draft)
