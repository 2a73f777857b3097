"""The form of one ledger item: registering or editing it, and its handling (status, escalation, reply, closing)."""

from __future__ import annotations

import dataclasses

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from village_tui.domain import dates
from village_tui.domain import ledger as L
from village_tui.domain.errors import DomainError, ValidationError, ValidationErrors
from village_tui.domain.models import LEDGER_SOURCES, SATISFACTION, LedgerItem
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import ChoiceField, DateField, HouseholdField, Label, RequiredDate, text
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess

HANDLING = (("start", "开始办理"), ("return", "退回"), ("escalate", "上报上级"), ("reply", "登记答复"),
            ("close", "办结"), ("reopen", "重新打开"))
#: Each handling button's key and the short word the footer shows for it (priority: the fields take no Ctrl key).
HANDLING_KEYS = {"start": ("ctrl+b", "办理"), "return": ("ctrl+t", "退回"), "escalate": ("ctrl+g", "上报"),
                 "reply": ("ctrl+y", "答复"), "close": ("ctrl+l", "办结"), "reopen": ("ctrl+o", "重开")}
#: The domain's names of what the 结果/说明 field holds, so its errors land on that field.
NOTE_FIELDS = frozenset({"note", "result", "reply", "reason"})


def handling_applies(item: LedgerItem | None, what: str) -> bool:
    """Whether the handling step ``what`` can be taken on ``item`` now (its key is shown only then)."""
    if item is None or item.cancelled:
        return False
    allowed = L.TRANSITIONS.get(item.status, ())
    return {
        "start": item.status == "受理",
        "return": "退回" in allowed,
        "escalate": item.status != "已办结" and L.next_level(item) is not None,
        "reply": bool(item.escalations),
        "close": "已办结" in allowed,
        "reopen": item.status in ("已办结", "退回"),
    }.get(what, False)


def sensitive_label(on: bool) -> Content:
    """``[x] 敏感事项`` in plain ASCII (never markup)."""
    return Content(f"{'[x]' if on else '[ ]'} 敏感事项（信访）：列表和导出中不显示内容")


def handling_text(item: LedgerItem, names: dict[int, str]) -> Text:
    """Status, level, escalation history and status history of an item, as plain text (never markup)."""
    handler = names.get(item.handler_id, "未指定") if item.handler_id is not None else "未指定"
    lines = [f"状态：{item.status}    层级：{item.level}    承办人：{handler}"]
    for step in item.escalations:
        reply = f"，{dates.format_cn(step.reply_day)}答复：{step.reply}" if step.reply_day else "，尚未答复"
        lines.append(f"{dates.format_cn(step.day)} 上报{step.level}：{step.office}{reply}")
    for change in item.history:
        note = f"（{change.note}）" if change.note else ""
        lines.append(f"{dates.format_cn(change.day)} {change.status}{note}")
    if item.status == "已办结":
        lines.append(f"办理结果：{item.result}    群众意见：{item.feedback or '无'}    满意度：{item.satisfaction}")
    return Text("\n".join(lines))


class LedgerItemForm(ServiceAccess, FormDialog[LedgerItem, LedgerItem]):
    """Register a new item or edit one; dismisses with the latest saved item, or None if nothing was saved.

    Editing an item also handles it: the buttons under the save row (开始办理 … 办结,
    重新打开) run one step each with the note typed in the 办理情况 fields.

    Args:
        item: The item to edit, or None for a new one.
    """

    CSS_PATH = "ledger.tcss"
    CANCEL_LABEL = "关闭 Esc"
    BINDINGS = [Binding(key, f"handle('{what}')", word, priority=True) for what, (key, word) in HANDLING_KEYS.items()]

    def __init__(self, item: LedgerItem | None = None) -> None:
        super().__init__()
        self.item = item
        self._sensitive = item.sensitive if item else False
        self._due_days: dict[str, int] = {}
        self._day = self.declare(RequiredDate("day", "登记日期", allow_future=False, initial=lambda: self.service.today))
        self.declare(ChoiceField("source", "来源", [(s, s) for s in LEDGER_SOURCES], blank="", allow_blank=False,
                                 initial="来访"))
        # No category until the cadre picks one: a default (the first, 增收致富) filed a streetlight under it.
        self._category = self.declare(ChoiceField(
            "category", "类别", lambda: [(Text(c), c) for c in self.service.settings().ledger_categories],
            blank="", prompt="请选择类别"))
        self.declare(ChoiceField("handler_id", "承办人", self._cadres, blank=None, prompt="未指定", id="handler"))
        self._household = self.declare(HouseholdField("household_id", "农户", id="household", then="#content",
                                                      search=lambda typed: self.service.search_households(typed),
                                                      lookup=lambda key: self.service.household(key)))
        self.declare(text("reporter", "反映人", placeholder="未关联农户时必填"))
        self.declare(text("content", "反映内容"))
        self.declare(DateField("due", "办理期限"))
        # The handling of an item already saved (drawn only when editing one): what the buttons below use.
        self._note = self.declare(text("note", "结果/说明", attr=None, placeholder="办理结果、答复内容或说明"))
        self._office = self.declare(text("office", "接收单位", attr=None, placeholder="上报时，可不填"))
        self._feedback = self.declare(text("feedback", "群众意见", attr=None, placeholder="办结时填写"))
        self._satisfaction = self.declare(ChoiceField("satisfaction", "满意度", [(s, s) for s in SATISFACTION],
                                                      blank="", prompt="办结时必选", attr=None))
        self._due_hint = Static("", id="due-hint", classes="hint")
        self._handling = Static("", id="handling")

    def _cadres(self) -> list[tuple[Label, int | None]]:
        return [(Text(f"{c.name} {c.role}"), c.id) for c in self.service.cadres()]

    def form_title(self) -> str:
        return f"民情事项 {self.item.id}" if self.item else "登记民情"

    def form_record(self) -> LedgerItem | None:
        return self.item

    def form_fields(self) -> ComposeResult:
        self._due_days = self.service.settings().category_due_days
        *entry, note, office, feedback, satisfaction = self.declared
        for field in entry:
            yield self.place(field)
        yield self._due_hint
        yield Button(sensitive_label(self._sensitive), id="sensitive", compact=True)
        if self.item is not None:
            yield Static("办理情况（填写后按下面的按钮）", classes="section-title")
            self._handling.update(handling_text(self.item, self.service.cadre_names()))
            yield self._handling
            for field in (note, office, feedback, satisfaction):
                yield self.place(field)

    def form_after(self) -> ComposeResult:
        if self.item is not None:
            with Horizontal(classes="buttons", id="handling-buttons"):
                for key, label in HANDLING:
                    yield Button(label, id=f"do-{key}", name=key, classes="handle", compact=True)

    def first_field(self) -> Widget:
        return self._household.widget

    def on_mount(self) -> None:
        self._show_default_due()
        self._enable_handling()

    def _enable_handling(self) -> None:
        """Only the steps the item's status allows can be pressed: each of them has its key in the footer."""
        for button in self.query(".handle").results(Button):
            button.disabled = not handling_applies(self.item, button.name or "")

    def extra_state(self) -> tuple[object, ...]:
        return (self._sensitive,)

    @on(Select.Changed, "#category")
    @on(Input.Changed, "#day")
    def _show_default_due(self) -> None:
        """Say which due date an empty due field gets, from the category and the day typed."""
        category = self._category.value
        if not category:
            self._due_hint.update(Text("办理期限留空则按类别默认天数（请先选择类别）"))
            return
        days = L.due_days_for(category, self._due_days)
        day = self._day.widget.date_or_none
        due = f"为 {L.default_due(day, category, self._due_days).isoformat()}" if day else "按类别默认天数"
        self._due_hint.update(Text(f"办理期限留空则{due}（{category} {days} 天，类别设置中可改）"))

    def collect(self) -> LedgerItem:
        """The item as typed; date fields that do not parse raise ValidationErrors."""
        values = self.read_fields()
        if not values[self._category]:
            raise ValidationErrors([ValidationError("category", "请选择类别")])
        base = self.item or LedgerItem(day=values[self._day], source="来访", category="", content="")
        return dataclasses.replace(values.into(base), sensitive=self._sensitive)

    def save(self, draft: LedgerItem) -> LedgerItem:
        return self.service.save_ledger_item(draft)

    def after_save(self, saved: LedgerItem) -> None:
        """A new item closes the form; an edited one stays open for its handling."""
        if self.item is None:
            self.dismiss(saved)
            return
        self._refresh(saved, f"已保存 {saved.id}")

    def _refresh(self, item: LedgerItem, message: str) -> None:
        self.item = self.saved_record = item
        self.show_errors(None)
        self._handling.update(handling_text(item, self.service.cadre_names()))
        self.show_message(message, error=False)
        for field in (self._note, self._office, self._feedback):
            field.value = ""
        self.take_snapshot()
        self.refresh_bindings()  # the handling keys follow the new status
        self._enable_handling()

    @staticmethod
    def _on_note(error: ValidationError) -> ValidationError:
        """An error about the result, reply or reason, put on the 结果/说明 field that holds them."""
        return ValidationError("note", error.message) if error.field in NOTE_FIELDS else error

    @on(Button.Pressed, "#sensitive")
    def _toggle_sensitive(self, event: Button.Pressed) -> None:
        event.stop()
        self._sensitive = not self._sensitive
        event.button.label = sensitive_label(self._sensitive)

    @on(Button.Pressed, ".handle")
    def _handle_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.handle(event.button.name or "")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "handle":
            return handling_applies(self.item, str(parameters[0]) if parameters else "")
        return super().check_action(action, parameters)

    def action_handle(self, what: str) -> None:
        """A handling key: the same as its button."""
        self.handle(what)

    def _escalate_answered(self, yes: bool | None) -> None:
        if yes:
            self.handle("escalate", confirmed=True)
        else:
            self.show_message("未上报：在确认框中选了「取消」。", error=False)

    def handle(self, what: str, confirmed: bool = False) -> None:
        """Run one handling step on the item being edited (start, return, escalate, reply, close, reopen).

        Escalating cannot be taken back: it first asks, naming the office and the level.
        """
        service, item = self.service, self.item
        assert item is not None and item.id is not None
        note = self._note.value
        if what == "escalate" and not confirmed and L.next_level(item) is not None:
            from village_tui.widgets.dialogs.confirm import ConfirmDialog

            level = L.next_level(item) or ""
            settings = service.settings()
            office = self._office.value.strip() or L.office_for(
                level, settings.township, settings.county)
            self.app.push_screen(
                ConfirmDialog(f"把 {item.id} 上报到{office}（{level}）？", f"{item.content[:40]}\n上报后不能撤回。",
                              yes="上报", no="取消", danger=True),
                self._escalate_answered)
            return
        try:
            if what == "start":
                saved = service.set_ledger_status(item.id, "办理中", note)
            elif what == "return":
                saved = service.set_ledger_status(item.id, "退回", note)
            elif what == "escalate":
                level = L.next_level(item) or ""
                if level is None:
                    raise DomainError("该事项已报送县民情处理中心，不能再上报")
                saved = service.escalate(item.id, level, office=self._office.value)
            elif what == "reply":
                saved = service.record_reply(item.id, note)
            elif what == "close":
                saved = service.close_item(item.id, note, self._feedback.value, self._satisfaction.value)
            else:
                saved = service.reopen_item(item.id, note)
        except ValidationErrors as errors:
            self.show_errors(ValidationErrors([self._on_note(e) for e in errors.errors]))
            return
        except ValidationError as error:
            self.show_errors(ValidationErrors([self._on_note(error)]))
            return
        except DomainError as error:
            self.show_message(str(error))
            return
        self._refresh(saved, f"{saved.id} 现为「{saved.status}」，{saved.level}级")
