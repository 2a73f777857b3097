"""The form of one ledger item: registering or editing it, and its handling (status, escalation, reply, closing)."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from village_tui.domain import dates
from village_tui.domain import ledger as L
from village_tui.domain.errors import DomainError, ValidationError, ValidationErrors
from village_tui.domain.models import LEDGER_SOURCES, SATISFACTION, LedgerItem
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.household_picker import HouseholdPicker
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


class LedgerItemForm(ServiceAccess, FormDialog):
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

    def form_title(self) -> str:
        return f"民情事项 {self.item.id}" if self.item else "登记民情"

    def form_fields(self) -> ComposeResult:
        service, item = self.service, self.item
        today = service.today
        settings = service.settings()
        categories = settings.ledger_categories
        self._due_days = settings.category_due_days
        cadres = [(Text(f"{c.name} {c.role}"), c.id) for c in service.cadres()]
        yield FormField("登记日期", DateInput(item.day if item else today, today=today, allow_future=False,
                                              id="day"), "day")
        yield FormField("来源", Select([(s, s) for s in LEDGER_SOURCES], allow_blank=False,
                                       value=item.source if item else "来访", id="source"), "source")
        # No category until the cadre picks one: a default (the first, 增收致富) filed a streetlight under it.
        yield FormField("类别", Select([(Text(c), c) for c in categories], prompt="请选择类别", id="category",
                                       value=item.category if item and item.category in categories
                                       else Select.NULL), "category")
        yield FormField("承办人", Select(cadres, prompt="未指定", id="handler",
                                         value=item.handler_id if item and item.handler_id else Select.NULL),
                        "handler_id")
        yield FormField("农户", HouseholdPicker(search=service.search_households, id="household", then="#content"), "household_id")
        yield FormField("反映人", Input(item.reporter if item else "", placeholder="未关联农户时必填",
                                        id="reporter"), "reporter")
        yield FormField("反映内容", Input(item.content if item else "", id="content"), "content")
        yield FormField("办理期限", DateInput(item.due if item else None, today=today, id="due"), "due")
        yield Static("", id="due-hint", classes="hint")
        yield Button(sensitive_label(self._sensitive), id="sensitive", compact=True)
        if item is not None:
            yield Static("办理情况（填写后按下面的按钮）", classes="section-title")
            yield Static(handling_text(item, service.cadre_names()), id="handling")
            yield FormField("结果/说明", Input(placeholder="办理结果、答复内容或说明", id="note"), "note")
            yield FormField("接收单位", Input(placeholder="上报时，可不填", id="office"), "office")
            yield FormField("群众意见", Input(placeholder="办结时填写", id="feedback"), "feedback")
            yield FormField("满意度", Select([(s, s) for s in SATISFACTION], prompt="办结时必选",
                                           id="satisfaction"), "satisfaction")

    def form_after(self) -> ComposeResult:
        if self.item is not None:
            with Horizontal(classes="buttons", id="handling-buttons"):
                for key, label in HANDLING:
                    yield Button(label, id=f"do-{key}", compact=True)

    def first_field(self):
        return self.query_one(HouseholdPicker)

    def on_mount(self) -> None:
        if self.item and self.item.household_id is not None:
            self.query_one(HouseholdPicker).set_household(self.service.household(self.item.household_id))
        self._show_default_due()

    def extra_state(self) -> tuple:
        return (self._sensitive,)

    def _show_default_due(self) -> None:
        """Say which due date an empty due field gets, from the category and the day typed."""
        category = self.query_one("#category", Select).value
        if not isinstance(category, str):
            self.query_one("#due-hint", Static).update(Text("办理期限留空则按类别默认天数（请先选择类别）"))
            return
        days = L.due_days_for(category, self._due_days)
        day = self.query_one("#day", DateInput).date_or_none
        due = f"为 {L.default_due(day, category, self._due_days).isoformat()}" if day else "按类别默认天数"
        self.query_one("#due-hint", Static).update(
            Text(f"办理期限留空则{due}（{category} {days} 天，类别设置中可改）"))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "category":
            self._show_default_due()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "day":
            self._show_default_due()

    def collect(self) -> LedgerItem:
        """The item as typed; date fields that do not parse raise ValidationErrors."""
        days = self.read_dates("day", "due", required=("day",))
        household = self.query_one(HouseholdPicker).household
        handler = self.query_one("#handler", Select).value
        category = self.query_one("#category", Select).selection
        if not category:
            raise ValidationErrors([ValidationError("category", "请选择类别")])
        base = self.item or LedgerItem(day=days.day("day"), source="来访", category="", content="")
        return dataclasses.replace(
            base, day=days.day("day"), source=self.query_one("#source", Select).selection or "",
            category=category, household_id=household.key if household else None,
            reporter=self.query_one("#reporter", Input).value, content=self.query_one("#content", Input).value,
            handler_id=handler if isinstance(handler, int) else None, due=days["due"],
            sensitive=self._sensitive)

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
        self.query_one("#handling", Static).update(handling_text(item, self.service.cadre_names()))
        self.show_message(message, error=False)
        for input_id in ("#note", "#office", "#feedback"):
            self.query_one(input_id, Input).value = ""
        self.take_snapshot()
        self.refresh_bindings()  # the handling keys follow the new status

    @staticmethod
    def _on_note(error: ValidationError) -> ValidationError:
        """An error about the result, reply or reason, put on the 结果/说明 field that holds them."""
        return ValidationError("note", error.message) if error.field in NOTE_FIELDS else error

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "sensitive":
            event.stop()
            self._sensitive = not self._sensitive
            event.button.label = sensitive_label(self._sensitive)
        elif button.startswith("do-"):
            event.stop()
            self.handle(button.removeprefix("do-"))

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
        note = self.query_one("#note", Input).value
        if what == "escalate" and not confirmed and L.next_level(item) is not None:
            from village_tui.widgets.dialogs.confirm import ConfirmDialog

            level = L.next_level(item) or ""
            settings = service.settings()
            office = self.query_one("#office", Input).value.strip() or L.office_for(
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
                saved = service.escalate(item.id, level, office=self.query_one("#office", Input).value)
            elif what == "reply":
                saved = service.record_reply(item.id, note)
            elif what == "close":
                satisfaction = self.query_one("#satisfaction", Select).value
                saved = service.close_item(item.id, note, self.query_one("#feedback", Input).value,
                                           satisfaction if isinstance(satisfaction, str) else "")
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
