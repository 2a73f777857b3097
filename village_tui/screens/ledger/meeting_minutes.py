"""The dialog that saves a 民情分析会: its day, attendees and minutes (R9)."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.content import Content
from textual.widgets import Button, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from village_tui.domain.errors import DomainError, ValidationError
from village_tui.domain.models import Meeting
from village_tui.domain.safe_text import inert
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.inert_text import Text


def attendee_label(name: str, on: bool) -> Content:
    """``[x] 王建国 书记`` in plain ASCII (never markup)."""
    return Content(f"{'[x]' if on else '[ ]'} {inert(name)}")


class MeetingMinutesDialog(ModalScreen[Meeting | None]):
    """Edit the meeting's day, attendees and minutes; Ctrl+S saves it as the month's meeting.

    Args:
        meeting: The month's meeting (new or saved).
    """

    CSS_PATH = "ledger.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("escape", "cancel", "取消"),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self._attendees = list(meeting.attendees)

    def compose(self) -> ComposeResult:
        service, meeting = self.app.service, self.meeting  # type: ignore[attr-defined]
        cadres = [(f"{c.name} {c.role}", c.id, c.id in self._attendees) for c in service.cadres()]
        with VerticalScroll(classes="dialog", id="minutes-dialog"):
            yield Static(Text(f"{meeting.day.year}年{meeting.day.month}月 民情分析会记录"), classes="dialog-title")
            yield FormField("会议日期", DateInput(meeting.day, today=service.today, allow_future=False,
                                                  id="meeting-day"), "day")
            yield Static("参会人员（回车勾选或取消）", classes="hint")
            yield OptionList(*[Option(attendee_label(name, on), id=str(cid)) for name, cid, on in cadres],
                             id="attendees")
            yield Static("会议记录", classes="hint")
            yield TextArea(meeting.minutes, id="minutes")
            yield Static(Text(f"已议定事项 {len(meeting.decisions)} 件"), classes="hint")
            yield Static("", id="minutes-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("保存 Ctrl+S", id="save", variant="primary")
                yield Button("取消 Esc", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#attendees", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        cadre_id = int(event.option.id or 0)
        on = cadre_id not in self._attendees
        self._attendees = [c for c in self._attendees if c != cadre_id] + ([cadre_id] if on else [])
        name = self.app.service.cadre(cadre_id)  # type: ignore[attr-defined]
        event.option_list.replace_option_prompt(str(cadre_id), attendee_label(f"{name.name} {name.role}", on))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Save the meeting; stay open with the reason when it cannot be saved."""
        error_line = self.query_one("#minutes-error", Static)
        try:
            day = self.query_one("#meeting-day", DateInput).date
            if (day.year, day.month) != (self.meeting.day.year, self.meeting.day.month):
                raise ValidationError("day", f"会议日期应在{self.meeting.day.year}年{self.meeting.day.month}月内")
            attendees = list(self._attendees)
            if not attendees:
                raise ValidationError("attendees", "请勾选参会人员")
            meeting = dataclasses.replace(self.meeting, day=day, attendees=attendees,
                                          minutes=self.query_one("#minutes", TextArea).text)
            saved = self.app.service.save_meeting(meeting)  # type: ignore[attr-defined]
        except DomainError as error:
            error_line.update(Text(str(error)))
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        """Leave without saving."""
        self.dismiss(None)
