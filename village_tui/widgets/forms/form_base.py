"""The form base every form derives from: one place for saving, errors, Enter, and the unsaved-changes guard.

A form declares its fields once (``self.declare(...)``, see ``forms.spec``): the base
composes them filled from ``form_record()`` and reads them back with ``read_fields()``.
(Forms may still yield FormFields from ``form_fields`` and read them themselves.) It turns
the fields into a draft (``collect``), saves the draft through the service (``save``) and says what
happens next (``after_save``: dismiss with the saved record by default). The
base draws the title, a read-only banner when the folder cannot be written,
the message line and the save/cancel row; it snapshots the fields after mount
and after each save, so ``is_dirty`` is a comparison, and ``request_leave``
asks 保存 / 不保存 / 继续编辑 before unsaved changes are dropped. The app's
Esc, area keys and quit all call ``request_leave`` (see ``forms.leaving``).

Use :class:`FormScreen` for a full-screen form and :class:`FormDialog` for a
form over another screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Generic, Optional, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import (Button, Checkbox, DataTable, Input, OptionList, RadioSet, Select, SelectionList, Static,
                             TextArea)
from textual.widgets._toggle_button import ToggleButton
from textual.events import DescendantFocus

from village_tui.domain.errors import DomainError, ValidationError, ValidationErrors
from village_tui.domain.os_errors import save_failed_text
from village_tui.widgets.dialogs.keys import dialog_keys
from village_tui.widgets.forms.field import FormField, focus_at_end
from village_tui.widgets.forms.save_row import CANCEL_ID, SAVE_ID, SaveRow
from village_tui.widgets.forms.snapshot import field_values
from village_tui.widgets.forms.dates_read import DatesRead, read_dates
from village_tui.widgets.forms.declared import Declared, DeclaredT, FieldValues, read_fields
from village_tui.widgets.forms.unsaved_dialog import LeaveChoice, UnsavedDialog
from village_tui.widgets.household_picker import HouseholdPicker
from village_tui.widgets.inert_text import Text
from village_tui.widgets.workbench import Workbench, workbench

FORM_BINDINGS: list[BindingType] = [
    Binding("ctrl+s", "save", "保存", priority=True),
    Binding("enter", "next_field", "下一项", show=False, priority=True),
]


def readonly_text(reason: str | None) -> str:
    """The banner of a read-only form."""
    return f"只读：{reason or '数据文件夹以只读方式打开'}。这里的内容不能保存。"


DraftT = TypeVar("DraftT")
SavedT = TypeVar("SavedT")


class FormMixin(Screen[Optional[SavedT]], Generic[DraftT, SavedT]):
    """The behaviour shared by :class:`FormScreen` and :class:`FormDialog` (see the module docstring).

    Generic over the draft that ``collect`` gives and the record that ``save`` returns; the form
    hands the saved record back when it closes (None when nothing was saved).

    Attributes:
        saved_record: The last record this form saved, or None; ``leave`` dismisses with it.
    """

    FORM_TITLE: ClassVar[str] = ""
    SAVE_LABEL: ClassVar[str] = "保存 Ctrl+S"
    CANCEL_LABEL: ClassVar[str] = "取消 Esc"
    SAVE_DANGER: ClassVar[bool] = False
    FRAME_CLASSES: ClassVar[str] = "form-frame form-box"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # The footer names Ctrl+S as the save button does (添加请假, 登记, 排班 …), not always 保存.
        label = vars(cls).get("SAVE_LABEL", "").removesuffix("Ctrl+S").strip()
        own = list(vars(cls).get("BINDINGS", ()))
        if label and label != "保存" and not any(getattr(b, "key", "") == "ctrl+s" for b in own):
            cls.BINDINGS = [*own, Binding("ctrl+s", "save", label, priority=True)]
        super().__init_subclass__(**kwargs)

    saved_record: SavedT | None = None
    _snapshot: tuple[object, ...] | None = None
    _warned: list[str] | None = None
    _declared: list[Declared] | None = None
    _message: Static | None = None
    _save_row: SaveRow | None = None

    # -- declared fields ---------------------------------------------------------------

    def declare(self, field: DeclaredT) -> DeclaredT:
        """Add ``field`` to the form's fields (declare them in screen order) and give it back, typed.

        Declared fields are composed by the default ``form_fields`` (or placed with :meth:`place`),
        filled from ``form_record()``, read by :meth:`read_fields`, and marked by ``show_errors``.
        """
        if self._declared is None:
            self._declared = []
        self._declared.append(field)
        return field

    @property
    def declared(self) -> list[Declared]:
        """The declared fields, in the order declared."""
        return list(self._declared or ())

    def form_record(self) -> object | None:
        """The record the declared fields show (None: each shows its initial value)."""
        return None

    def place(self, field: Declared) -> Widget:
        """``field`` composed, showing ``form_record()`` (for a ``form_fields`` with text between the fields)."""
        return field.compose_from(self.form_record(), self.village.today)

    def read_fields(self, *only: Declared) -> FieldValues:
        """What every declared field (or each of ``only``) holds; ``.into(record)`` makes the record.

        A hidden field reads as its blank value.

        Raises:
            ValidationErrors: One error per field that does not convert, in the order declared.
        """
        return read_fields(f for f in (only or self.declared) if f.composed)

    def _form_fields(self) -> list[FormField]:
        """The labelled fields: the declared ones in their order, then any other FormField in screen order."""
        declared = [f.boxed for f in self.declared if f.boxed is not None]
        return declared + [f for f in self.query(FormField) if f not in declared]

    # -- hooks ---------------------------------------------------------------------

    @property
    def village(self) -> Workbench:
        """What the form shows of the open village (whether it is read-only); saving goes to the screen's service."""
        return workbench(self.app)

    def form_title(self) -> str:
        """The title line (and the name used in the unsaved-changes question)."""
        return self.FORM_TITLE

    def form_fields(self) -> ComposeResult:
        """The form's fields, in screen order (FormField widgets and whatever goes between them).

        By default the declared fields, each filled from ``form_record()``.
        """
        record = self.form_record()
        for field in self.declared:
            yield field.compose_from(record, self.village.today)

    def form_buttons(self) -> Iterator[Button]:
        """Buttons of the form's own, drawn in the save row between 保存 and 取消."""
        yield from ()

    def form_after(self) -> ComposeResult:
        """Widgets under the save row (buttons of the form's own)."""
        yield from ()

    def collect(self) -> DraftT:
        """The draft from the fields.

        Raises:
            ValidationErrors: For what does not parse (dates, numbers, an unchosen household).
        """
        raise NotImplementedError

    def save(self, draft: DraftT) -> SavedT:
        """Save ``draft`` through the service and return the saved record.

        Raises:
            DomainError: The service refused; ValidationErrors land on their fields.
        """
        raise NotImplementedError

    def warnings(self, draft: DraftT) -> list[str]:
        """Things to point out before saving ``draft`` (a possible duplicate); the next Ctrl+S saves anyway."""
        return []

    def after_save(self, saved: SavedT) -> None:
        """What happens after a save; by default the form closes with the saved record."""
        self.dismiss(saved)

    def fields_changed(self) -> None:
        """Called after a Select, a checkbox or a tick list changed (hints that depend on several fields)."""

    def on_select_changed(self, event: Select.Changed) -> None:
        self.fields_changed()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.fields_changed()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[object]) -> None:
        self.fields_changed()

    def extra_state(self) -> tuple[object, ...]:
        """State kept outside input widgets (toggle buttons drawn by the form), for ``is_dirty``."""
        return ()

    def first_field(self) -> Widget | None:
        """The widget focused when the form opens; the first field by default."""
        fields = self._form_fields()
        return fields[0].field if fields else None

    def read_dates(self, *names: str, required: tuple[str, ...] = ()) -> DatesRead:
        """The dates typed in the DateInputs ``#name`` (forms that yield their FormFields by hand; see ``dates_read``).

        Raises:
            ValidationErrors: One error per field that does not parse.
        """
        return read_dates(self, names, required)

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes=self.FRAME_CLASSES, id="form-frame"):
            if self.village.readonly:
                yield Static(Text(readonly_text(self.village.readonly_reason)), id="readonly-banner",
                             classes="readonly-banner")
            yield Static(Text(self.form_title()), classes="form-title dialog-title", id="form-title")
            body = VerticalScroll(id="form-body")
            body.can_focus = False  # Tab goes from field to field, never to the scrolling box
            with body:
                yield from self.form_fields()
            self._message = Static("", id="form-message", classes="form-message")
            yield self._message
            self._save_row = SaveRow(self.SAVE_LABEL, self.CANCEL_LABEL, danger=self.SAVE_DANGER,
                                     extra=list(self.form_buttons()))
            yield self._save_row
            yield from self.form_after()

    def on_mount(self) -> None:
        if self.village.readonly and self._save_row is not None:
            self._save_row.save_button.disabled = True
        for field in self.declared:
            if field.composed:
                field.mounted()
        first = self.first_field()
        if first is not None:
            # At once (Widget.focus waits its turn behind keys already typed, which then went elsewhere).
            # A filled field opens with the cursor after its text, not selected: one stray key would replace it.
            target = first if first.focusable else next((w for w in first.query("*") if w.focusable), first)
            focus_at_end(target, at_once=True)
        # Fields set in on_mount (and the Changed messages they post) settle first.
        self.call_after_refresh(lambda: self.call_after_refresh(self.take_snapshot))

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Keep hints in reach of Tab: on the first field the fields' start shows, past the last one their end.

        The fields scroll only to show the focused one, so a hint above the first
        field or under the last would otherwise never come into view.
        """
        bodies = list(self.query("#form-body"))
        if not bodies:
            return
        body = bodies[0]
        if body not in event.widget.ancestors:
            body.call_after_refresh(body.scroll_end, animate=False)
        elif event.widget is next((w for w in self.focus_chain if body in w.ancestors), None):
            body.call_after_refresh(body.scroll_home, animate=False)

    # -- unsaved changes -----------------------------------------------------------------

    def _state(self) -> tuple[object, ...]:
        return field_values(self), self.extra_state()

    def take_snapshot(self) -> None:
        """Remember the fields as they are now: they count as saved."""
        self._snapshot = self._state()

    @property
    def is_dirty(self) -> bool:
        """Whether a field differs from what was shown after mount or after the last save."""
        return self._snapshot is not None and self._state() != self._snapshot

    async def request_leave(self) -> bool:
        """Ask 保存 / 不保存 / 继续编辑 when there are unsaved changes; True when the form may be left.

        Must run in a worker (it waits for the question's answer).
        """
        if not self.is_dirty:
            return True
        choice = await self.app.push_screen_wait(
            UnsavedDialog(self.form_title() or "表单", can_save=not self.village.readonly))
        if choice is LeaveChoice.DISCARD:
            return True
        if choice is LeaveChoice.SAVE:
            if self.save_now(leaving=True):
                return True
            reason = str(self._message.content) if self._message is not None else ""
            self.app.notify(reason if reason.startswith("未保存") else f"未保存：{reason}",
                            severity="error")
        return False

    def leave(self) -> None:
        """Close the form (after ``request_leave`` agreed), handing back the last saved record."""
        self.dismiss(self.saved_record)

    # -- saving ------------------------------------------------------------------------

    def _checked_draft(self) -> DraftT:
        """``collect()``, refusing first a picker whose text names no chosen household."""
        errors: list[ValidationError] = []
        for form_field in self._form_fields():
            picker = form_field.field
            if isinstance(picker, HouseholdPicker) and picker.unmatched:
                errors.append(ValidationError(form_field.name or "", picker.unmatched_message()))
        try:
            draft = self.collect()
        except ValidationErrors as bad:
            raise ValidationErrors(errors + bad.errors) from None
        except ValidationError as bad:
            raise ValidationErrors([*errors, bad]) from None
        if errors:
            raise ValidationErrors(errors)
        return draft

    def save_now(self, leaving: bool = False) -> bool:
        """Collect, save and (unless leaving) run ``after_save``; errors are shown. True when saved."""
        if self.village.readonly:
            self.show_message(readonly_text(self.village.readonly_reason))
            return False
        try:
            draft = self._checked_draft()
            found = self.warnings(draft)
            if found and found != self._warned:
                self._warned = found
                self.show_errors(None)
                self.show_message("请注意：" + "；".join(found) + "。确认无误请再按 Ctrl+S 保存。")
                return False
            saved = self.save(draft)
        except ValidationErrors as errors:
            self.show_errors(errors)
            return False
        except ValidationError as error:
            self.show_errors(ValidationErrors([error]))
            return False
        except OSError as error:  # disk full, read-only, USB pulled: the store rolled the save back
            self.show_errors(None, "未保存：" + save_failed_text(error, "刚才填写的内容还在"))
            return False
        except DomainError as error:
            self.show_errors(None, f"未保存：{error}")
            return False
        self.saved_record = saved
        self.show_errors(None)
        if not leaving:
            self.after_save(saved)
        self.take_snapshot()
        return True

    def action_save(self) -> None:
        """Ctrl+S: save the form."""
        self.save_now()

    def show_message(self, message: str, error: bool = True) -> None:
        """Put ``message`` on the message line (user text is shown literally)."""
        line = self._message
        if line is None:
            return
        line.update(Text(message))
        line.set_class(error and bool(message), "-error")

    def show_errors(self, errors: ValidationErrors | None, message: str = "") -> None:
        """Mark each bad field, name them in words on the message line and focus the first one in screen order.

        Args:
            errors: The errors, or None to clear every mark.
            message: Shown instead of the generated sentence (for errors of no field).
        """
        fields = self._form_fields()
        named = []
        for form_field in fields:
            text = errors.for_field(form_field.name or "") if errors else None
            form_field.set_error(text)
            if text:
                named.append(f"{form_field.label}：{text}")
        known = {f.name for f in fields}
        rest = [e.message for e in errors.errors if e.field not in known] if errors else []
        if not message and (named or rest):
            message = "未保存，请改正：" + "；".join(named + rest)
        self.show_message(message)
        first = next((f for f in fields if f.error and f.display), None)
        if first is not None:
            focus_at_end(first.field)

    def on_form_field_fixed(self, event: FormField.Fixed) -> None:
        """A bad field was changed: name only the fields still wrong, or clear the message line."""
        event.stop()
        still = [f"{f.label}：{f.error}" for f in self._form_fields() if f.error]
        self.show_message("未保存，请改正：" + "；".join(still) if still else "")

    # -- buttons and Enter ------------------------------------------------------------------

    @on(Button.Pressed, f"#{SAVE_ID}")
    def _form_save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, f"#{CANCEL_ID}")
    async def _form_cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.app.run_action("back")

    def enter_moves_on(self, widget: Widget | None) -> bool:
        """Whether Enter on ``widget`` moves to the next field (buttons, text areas and open lists keep it)."""
        if widget is None or isinstance(widget, (Button, TextArea, DataTable)):
            return False
        picker = next((a for a in widget.ancestors if isinstance(a, HouseholdPicker)), None)
        if picker is not None:
            return True  # with text typed Enter chooses (and the picker moves on), see action_next_field
        if isinstance(widget, Select):
            return not widget.expanded
        if any(isinstance(a, Select) for a in widget.ancestors):
            return False  # the open list of a Select: Enter chooses
        return isinstance(widget, (Input, ToggleButton, RadioSet, SelectionList, OptionList))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            return self.enter_moves_on(self.focused)
        return True

    def action_next_field(self) -> None:
        """Enter: on to the next field, as on a paper form; in a household picker with text, choose first.

        The choice is made while Enter is handled, so what is typed right after it
        reaches the field the picker moves to.
        """
        focused = self.focused
        picker = next((a for a in focused.ancestors if isinstance(a, HouseholdPicker)), None) if focused else None
        if picker is not None and picker.wants_enter:
            picker.choose_typed()  # nothing found: stay, the line under the input says so
            return
        self.focus_next()


class FormScreen(FormMixin[DraftT, SavedT]):
    """A form that fills the screen (a new household, the visit entry, the settings)."""

    BINDINGS = FORM_BINDINGS


class FormDialog(FormMixin[DraftT, SavedT], ModalScreen[Optional[SavedT]]):
    """A form over another screen (a ledger item, a sign-in, a leave)."""

    # A modal screen hides the app's own Esc binding: it is repeated here, so it reaches request_leave,
    # and shown with the word on the cancel button.
    BINDINGS = [*FORM_BINDINGS, *dialog_keys("app.back", "取消")]
    FRAME_CLASSES = "form-frame form-box dialog"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # The footer names Esc as the cancel button does (关闭 on the leave and ledger item dialogs).
        label = vars(cls).get("CANCEL_LABEL", "").removesuffix("Esc").strip()
        own = list(vars(cls).get("BINDINGS", ()))
        if label and label != "取消" and not any(getattr(b, "key", "") == "escape" for b in own):
            cls.BINDINGS = [*own, *dialog_keys("app.back", label)]
        super().__init_subclass__(**kwargs)
