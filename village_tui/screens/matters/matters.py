"""F8 五事: matters going through 干群议事 → 集体定事 → 承诺干事 → 村民监事 → 考评亮事 (R14, R15)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, DataTable, Input, Select, Static

from village_tui.domain.dates import format_cn
from village_tui.domain.errors import DomainError, ValidationError
from village_tui.domain.matters import next_step, promised_date, promised_overdue, step_summary
from village_tui.domain.models import MATTER_STEPS, SATISFACTION, Matter, MatterStep
from village_tui.domain.normalize import split_list
from village_tui.domain.validation import validate_int
from village_tui.widgets.dialogs.reason import ReasonDialog
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.inert_text import Text
from village_tui.widgets.step_bar import StepBar

# Which fields each step shows besides date, participants, villagers, content and outcome.
STEP_FIELDS = {
    "干群议事": (),
    "集体定事": ("votes_for", "votes_against"),
    "承诺干事": ("responsible_id", "promised"),
    "村民监事": ("supervisors", "findings"),
    "考评亮事": ("evaluation", "satisfaction", "posted_from", "posted_to"),
}
EXTRA_FIELDS = {name for names in STEP_FIELDS.values() for name in names}


class MattersScreen(Screen):
    """The list of matters with a step bar; forms for a new matter and for its next step."""

    CSS_PATH = "matters.tcss"

    BINDINGS = [
        Binding("n", "new_matter", "新增五事"),
        Binding("s", "record_step", "记录下一步"),
        Binding("x", "cancel_matter", "作废"),
        Binding("ctrl+s", "save", "保存", show=False),
        Binding("escape", "close_form", "返回"),
    ]

    def compose(self) -> ComposeResult:
        service = self.app.service  # type: ignore[attr-defined]
        today = service.today
        with ContentSwitcher(initial="list"):
            with Vertical(id="list"):
                yield Static("", id="count", classes="status-line")
                yield DataTable(cursor_type="row", zebra_stripes=True, id="matters")
                yield StepBar(MATTER_STEPS, id="bar")
                yield Static("", id="detail", classes="hint")
            with Vertical(id="new", classes="form-box"):
                yield Static("新增五事事项（回车保存，Esc 返回）", classes="form-title")
                yield FormField("事项名称", Input(placeholder="如 三组饮水管网改造", id="title"), "title")
                yield FormField("类别", Select([(Text(c), c) for c in service.settings().ledger_categories],
                                             allow_blank=False, id="category"), "category")
            with VerticalScroll(id="step", classes="form-box"):
                yield Static("", id="step-title", classes="form-title")
                yield FormField("步骤", Select([(s, s) for s in MATTER_STEPS], allow_blank=False,
                                             id="step_name"), "step")
                yield FormField("日期", DateInput(None, today=today, id="day"), "day")
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
                yield Static("", id="step-error", classes="error")
                yield Button("保存（Ctrl+S）", id="save-step", variant="primary")

    def on_mount(self) -> None:
        table = self.query_one("#matters", DataTable)
        table.add_columns("编号", "事项", "类别", "进度", "下一步", "承诺完成", "提醒")
        self.reload()
        table.focus()

    # -- the list ----------------------------------------------------------

    def reload(self, keep_id: int | None = None) -> None:
        """Read the matters again and redraw the table."""
        service = self.app.service  # type: ignore[attr-defined]
        self._matters: list[Matter] = service.matters()
        table = self.query_one("#matters", DataTable)
        table.clear()
        today = service.today
        late = 0
        for matter in self._matters:
            promised = promised_date(matter)
            overdue = promised_overdue(matter, today)
            late += overdue
            table.add_row(str(matter.id), Text(matter.title), Text(matter.category),
                          f"{len(matter.steps)}/{len(MATTER_STEPS)}", next_step(matter) or "已完成",
                          format_cn(promised) if promised else "",
                          Text("已过承诺期", style="bold red") if overdue else "", key=str(matter.id))
        note = f"，其中{late}件已过承诺期未考评" if late else ""
        self.query_one("#count", Static).update(f"共{len(self._matters)}件事项{note}。n 新增  s 记录下一步  x 作废")
        if keep_id is not None and str(keep_id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep_id)))
        self._show_current()

    def current(self) -> Matter | None:
        """The matter under the cursor."""
        table = self.query_one("#matters", DataTable)
        if not self._matters or table.cursor_row is None or table.cursor_row >= len(self._matters):
            return None
        return self._matters[table.cursor_row]

    def _show_current(self) -> None:
        matter = self.current()
        bar = self.query_one("#bar", StepBar)
        detail = self.query_one("#detail", Static)
        if matter is None:
            bar.set_done(0)
            detail.update("还没有事项。按 n 新增。")
            return
        today = self.app.service.today  # type: ignore[attr-defined]
        bar.set_done(len(matter.steps), late=promised_overdue(matter, today))
        names = self.app.service.cadre_names()  # type: ignore[attr-defined]
        lines = [f"{s.step}：{step_summary(s, names)}" for s in matter.steps] or ["尚未记录任何步骤。按 s 记录干群议事。"]
        detail.update(Text("\n".join(lines)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_current()

    # -- actions -------------------------------------------------------------

    def _switch(self, pane: str) -> None:
        self.query_one(ContentSwitcher).current = pane

    def action_new_matter(self) -> None:
        """Open the form for a new matter."""
        self.query_one("#title", Input).value = ""
        self._field("title").set_error(None)
        self._switch("new")
        self.query_one("#title", Input).focus()

    def action_record_step(self) -> None:
        """Open the form for the next step of the matter under the cursor."""
        matter = self.current()
        if matter is None:
            self.notify("请先选择一件事项", severity="warning")
            return
        following = next_step(matter)
        if following is None:
            self.notify("五个步骤都已记录完毕", severity="information")
            return
        self._editing = matter
        self.query_one("#step-title", Static).update(Text(f"{matter.title}：记录下一步（Ctrl+S 保存，Esc 返回）"))
        self.query_one("#step_name", Select).value = following
        self.query_one("#step-error", Static).update("")
        day = self.query_one("#day", DateInput)
        if not day.value.strip():
            # DateInput fails when given a first value in its constructor, so it is set here.
            day.value = self.app.service.today.isoformat()  # type: ignore[attr-defined]
        self._show_fields(following)
        self._switch("step")
        self.query_one("#content", Input).focus()

    def action_cancel_matter(self) -> None:
        """Cancel the matter under the cursor, with a reason."""
        matter = self.current()
        if matter is None:
            return
        service = self.app.service  # type: ignore[attr-defined]
        self.app.push_screen(ReasonDialog(f"作废五事事项：{matter.title}",
                                          lambda reason: service.cancel_matter(matter.id, reason),
                                          placeholder="如 并入其他项目"),
                             lambda ok: self.reload() if ok else None)

    async def action_close_form(self) -> None:
        """Esc: back to the list from a form, else the app's back."""
        if self.query_one(ContentSwitcher).current != "list":
            self._switch("list")
            self.query_one("#matters", DataTable).focus()
        else:
            await self.app.run_action("back")

    def action_save(self) -> None:
        """Ctrl+S: save the open form."""
        pane = self.query_one(ContentSwitcher).current
        if pane == "new":
            self._save_matter()
        elif pane == "step":
            self._save_step()

    # -- forms ---------------------------------------------------------------

    def _field(self, name: str) -> FormField:
        return next(f for f in self.query(FormField).results(FormField) if f.name == name)

    def _show_fields(self, step: str) -> None:
        for field in self.query("#step FormField").results(FormField):
            if field.name in EXTRA_FIELDS:
                field.display = field.name in STEP_FIELDS.get(step, ())

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "step_name" and isinstance(event.value, str):
            self._show_fields(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "title":
            event.stop()
            self._save_matter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-step":
            self._save_step()

    def _save_matter(self) -> None:
        service = self.app.service  # type: ignore[attr-defined]
        category = self.query_one("#category", Select).value
        try:
            matter = service.save_matter(self.query_one("#title", Input).value,
                                         category if isinstance(category, str) else "")
        except DomainError as error:
            self._field("title").set_error(str(error))
            return
        self.notify(f"已新增：{matter.title}")
        self._switch("list")
        self.reload(keep_id=matter.id)
        self.query_one("#matters", DataTable).focus()

    def _read_step(self) -> MatterStep:
        def value(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value

        def number(widget_id: str, label: str) -> int | None:
            text = value(widget_id).strip()
            return validate_int(text, widget_id, label, 0, 100000) if text else None

        def day(widget_id: str):
            return self.query_one(f"#{widget_id}", DateInput).date if value(widget_id).strip() else None

        step = self.query_one("#step_name", Select).value
        fields = STEP_FIELDS.get(str(step), ())
        responsible = self.query_one("#responsible_id", Select).value
        satisfaction = self.query_one("#satisfaction", Select).value
        return MatterStep(
            step=str(step), day=self.query_one("#day", DateInput).date,
            participants=split_list(value("participants")), villagers=number("villagers", "村民人数") or 0,
            content=value("content"), outcome=value("outcome"),
            votes_for=number("votes_for", "赞成票数") if "votes_for" in fields else None,
            votes_against=number("votes_against", "反对票数") if "votes_against" in fields else None,
            responsible_id=responsible if "responsible_id" in fields and isinstance(responsible, int) else None,
            promised=day("promised") if "promised" in fields else None,
            supervisors=split_list(value("supervisors")) if "supervisors" in fields else [],
            findings=value("findings") if "findings" in fields else "",
            evaluation=value("evaluation") if "evaluation" in fields else "",
            satisfaction=satisfaction if "satisfaction" in fields and isinstance(satisfaction, str) else "",
            posted_from=day("posted_from") if "posted_from" in fields else None,
            posted_to=day("posted_to") if "posted_to" in fields else None)

    def _save_step(self) -> None:
        service = self.app.service  # type: ignore[attr-defined]
        error_line = self.query_one("#step-error", Static)
        try:
            step = self._read_step()
            matter = service.record_step(self._editing.id, step)
        except (ValidationError, DomainError) as error:
            error_line.update(Text(str(error)))
            return
        for widget_id in ("content", "outcome", "participants", "votes_for", "votes_against", "supervisors",
                          "findings", "evaluation", "promised", "posted_from", "posted_to"):
            self.query_one(f"#{widget_id}", Input).value = ""
        self.query_one("#villagers", Input).value = "0"
        self.notify(f"已记录：{matter.title} {step.step}")
        self._switch("list")
        self.reload(keep_id=matter.id)
        self.query_one("#matters", DataTable).focus()
