"""The dialog that saves a 民情分析会: its day, attendees and minutes (R9)."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from village_tui.domain.errors import ValidationError
from village_tui.domain.models import Meeting
from village_tui.widgets.date_input import DateInput
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.inert_text import Text
from village_tui.widgets.tick_list import TickList
from village_tui.screens.base import ServiceAccess


class MeetingMinutesDialog(ServiceAccess, FormDialog):
    """Edit the meeting's day, attendees and minutes; Ctrl+S saves it as the month's meeting.

    Args:
        meeting: The month's meeting (new or saved).
    """

    CSS_PATH = "ledger.tcss"

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def form_title(self) -> str:
        return f"{self.meeting.day.year}年{self.meeting.day.month}月 民情分析会记录"

    def form_fields(self) -> ComposeResult:
        service, meeting = self.service, self.meeting
        yield FormField("会议日期", DateInput(meeting.day, today=service.today, allow_future=False,
                                              id="meeting-day"), "day")
        yield FormField("参会人员", TickList(*[(Text(f"{c.name} {c.role}"), c.id, c.id in meeting.attendees)
                                             for c in service.cadres()], id="attendees"), "attendees")
        yield Static("空格勾选或取消参会人员", classes="hint")
        yield FormField("会议记录", TextArea(meeting.minutes, id="minutes"), "minutes")
        yield Static(Text(f"已议定事项 {len(self.meeting.decisions)} 件"), classes="hint")

    def collect(self) -> Meeting:
        day = self.read_dates("meeting-day", required=("meeting-day",)).day("meeting-day")
        if (day.year, day.month) != (self.meeting.day.year, self.meeting.day.month):
            raise ValidationError("day", f"会议日期应在{self.meeting.day.year}年{self.meeting.day.month}月内")
        attendees = list(self.query_one("#attendees", TickList).selected)
        if not attendees:
            raise ValidationError("attendees", "请勾选参会人员")
        return dataclasses.replace(self.meeting, day=day, attendees=attendees,
                                   minutes=self.query_one("#minutes", TextArea).text)

    def save(self, draft: Meeting) -> Meeting:
        return self.service.save_meeting(draft)
