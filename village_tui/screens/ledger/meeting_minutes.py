"""The dialog that saves a 民情分析会: its day, attendees and minutes (R9)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from village_tui.domain.errors import ValidationError
from village_tui.domain.models import Meeting
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.spec import Label, NoteField, RequiredDate, TicksField
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess


class MeetingMinutesDialog(ServiceAccess, FormDialog[Meeting, Meeting]):
    """Edit the meeting's day, attendees and minutes; Ctrl+S saves it as the month's meeting.

    Args:
        meeting: The month's meeting (new or saved).
    """

    CSS_PATH = "ledger.tcss"

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self._day = self.declare(RequiredDate("day", "会议日期", id="meeting-day", allow_future=False,
                                              initial=meeting.day))
        self._attendees = self.declare(TicksField("attendees", "参会人员", self._cadres))
        self._minutes = self.declare(NoteField("minutes", "会议记录"))

    def _cadres(self) -> list[tuple[Label, int | None]]:
        return [(Text(f"{c.name} {c.role}"), c.id) for c in self.service.cadres()]

    def form_title(self) -> str:
        return f"{self.meeting.day.year}年{self.meeting.day.month}月 民情分析会记录"

    def form_record(self) -> Meeting:
        return self.meeting

    def form_fields(self) -> ComposeResult:
        yield self.place(self._day)
        yield self.place(self._attendees)
        yield Static("空格勾选或取消参会人员", classes="hint")
        yield self.place(self._minutes)
        yield Static(Text(f"已议定事项 {len(self.meeting.decisions)} 件"), classes="hint")

    def collect(self) -> Meeting:
        values = self.read_fields()
        day = values[self._day]
        if (day.year, day.month) != (self.meeting.day.year, self.meeting.day.month):
            raise ValidationError("day", f"会议日期应在{self.meeting.day.year}年{self.meeting.day.month}月内")
        if not values[self._attendees]:
            raise ValidationError("attendees", "请勾选参会人员")
        return values.into(self.meeting)

    def save(self, draft: Meeting) -> Meeting:
        return self.service.save_meeting(draft)
