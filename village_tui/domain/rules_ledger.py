"""R9, R10 and the ledger part of R15 as functions from data to findings (clause 二、5 and 二、1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from village_tui.domain.dates import format_cn, month_bounds
from village_tui.domain.findings import MET, MISSED, OPEN, Finding
from village_tui.domain.ledger import open_on
from village_tui.domain.ledger_deadline import late_escalation_days, village_deadline
from village_tui.domain.models import SATISFACTION, LedgerItem, Meeting


def check_day(year: int, month: int, today: date) -> date:
    """The day a month is judged on: its last day, or today while the month runs."""
    return min(month_bounds(year, month)[1], today)


def r9_month(year: int, month: int, meeting: Meeting | None, agenda_size: int, today: date) -> Finding:
    """R9: the month has a 民情分析会 record that lists the items it discussed.

    Args:
        year: The year.
        month: The month.
        meeting: The month's meeting, or None.
        agenda_size: How many items the month's agenda held (a meeting with
            nothing to discuss need not list anything).
        today: Today, to say how many days of the month are left.

    Returns:
        One finding for the month.
    """
    first, last = month_bounds(year, month)
    label = f"{year}年{month}月"
    running = today <= last
    if meeting is None:
        left = (last - today).days
        more = f"（本月还剩{left}天）" if first <= today <= last else ""
        return Finding("R9", False, date=last, required=1, actual=0, status=OPEN if running else MISSED,
                       detail=f"{label}{'尚未召开民情分析会' if running else '没有民情分析会记录'}{more}")
    discussed = len({d.item_id for d in meeting.decisions})
    if discussed == 0 and agenda_size > 0:
        return Finding("R9", False, date=meeting.day, required=agenda_size, actual=0,
                       status=OPEN if running else MISSED,
                       detail=f"{label}民情分析会（{format_cn(meeting.day)}）没有记录讨论了哪些事项")
    detail = (f"{label}民情分析会于{format_cn(meeting.day)}召开，议定{discussed}件事项" if discussed
              else f"{label}民情分析会于{format_cn(meeting.day)}召开，本月没有待议事项")
    return Finding("R9", True, date=meeting.day, required=agenda_size, actual=discussed, detail=detail)


def r10_month(year: int, month: int, items: Iterable[LedgerItem], today: date) -> list[Finding]:
    """R10 for a month, judged at the earlier of today and the month's end.

    - A village item open past its due day is ``missed`` (on its due day it
      is not yet overdue); one still due this month is ``open`` while the
      month runs.
    - An item closed after its due day is reported once, as closed late, in
      the month it closed.
    - An item escalated to 乡镇/县 is judged on the escalation and the reply,
      not as village-overdue: escalated after its due day is ``missed`` in
      the month it was escalated; a reply recorded in the month is ``met``;
      waiting for the reply is ``open`` while the month runs, else ``met``.

    Args:
        year: The year.
        month: The month.
        items: Candidate items (any that may have been open during the month).
        today: Today.

    Returns:
        One finding per item concerned (the date is its due day), or one
        finding without an item when nothing concerned the month. A month not
        begun gives none.
    """
    first, last = month_bounds(year, month)
    if first > today:
        return []
    day = check_day(year, month, today)
    running = today <= last
    found: list[Finding] = []
    for item in sorted(items, key=lambda i: str(i.id)):
        if item.cancelled or item.day > day:
            continue
        sent = [e for e in item.escalations if e.day <= day]
        finding = _escalated(item, sent, first, day, running) if sent else _village(item, first, last, day, running)
        if finding is not None:
            found.append(finding)
    if not found:
        return [Finding("R10", True, date=day, required=0, actual=0,
                        detail=f"截至{format_cn(day)}没有超期未办结的民情事项")]
    return found


def _village(item: LedgerItem, first: date, last: date, day: date, running: bool) -> Finding | None:
    """R10 for an item kept in the village: overdue, closed late, or due this month."""
    label = f"{item.id}（{item.category}）"
    if item.due is None:
        return None
    if item.status == "已办结" and item.closed_day is not None and first <= item.closed_day <= day:
        if item.closed_day > item.due:
            late = (item.closed_day - item.due).days
            return Finding("R10", False, date=item.due, item=item.id, required=0, actual=late,
                           detail=f"{label}应于{format_cn(item.due)}办结，{format_cn(item.closed_day)}才办结，逾期{late}天")
        return None
    if not open_on(item, day):
        return None
    deadline = village_deadline(item, day)  # the one reading of 超期, shared with every list
    if deadline.overdue:
        return Finding("R10", False, date=item.due, item=item.id, required=0, actual=deadline.late_days,
                       detail=f"{label}超期{deadline.late_days}天未办结")
    if running and first <= item.due <= last:
        return Finding("R10", True, date=item.due, item=item.id, required=0, actual=0, status=OPEN,
                       detail=f"{label}{format_cn(item.due)}到期，仍在办理")
    return None


def _escalated(item: LedgerItem, sent: list, first: date, day: date, running: bool) -> Finding | None:
    """R10 for an item escalated to 乡镇/县: escalated in time, and the reply."""
    label = f"{item.id}（{item.category}）"
    when = item.due or sent[0].day
    late = late_escalation_days(item, day)
    if late is not None and item.due is not None and first <= sent[0].day <= day:
        return Finding("R10", False, date=when, item=item.id, required=0, actual=late,
                       detail=f"{label}应于{format_cn(item.due)}前处理或报送，{format_cn(sent[0].day)}才报送{sent[0].office or sent[0].level}")
    latest = sent[-1]
    replied = bool(latest.reply) and (latest.reply_day is None or latest.reply_day <= day)
    office = latest.office or latest.level
    if replied:
        if latest.reply_day is not None and latest.reply_day < first:
            return None
        return Finding("R10", True, date=when, item=item.id, status=MET,
                       detail=f"{label}已报送{office}并收到答复")
    if not open_on(item, day):
        return None
    wait = village_deadline(item, day).wait
    held = f"（{wait.line()}；这段时间算在{wait.level}，不计入本村干部）" if wait is not None else ""
    return Finding("R10", True, date=when, item=item.id, status=OPEN if running else MET,
                   detail=f"{label}于{format_cn(latest.day)}报送{office}，等待答复{held}")


def r15_ledger(items: Iterable[LedgerItem], first: date, last: date) -> list[Finding]:
    """R15 (ledger part): items closed between ``first`` and ``last`` record the resident's satisfaction.

    Returns:
        One finding per item closed in the period.
    """
    findings = []
    for item in sorted(items, key=lambda i: str(i.id)):
        if item.cancelled or item.status != "已办结" or item.closed_day is None:
            continue
        if not first <= item.closed_day <= last:
            continue
        ok = item.satisfaction in SATISFACTION
        detail = (f"{item.id}办结，群众评价：{item.satisfaction}" if ok
                  else f"{item.id}已办结但没有记录群众满意度")
        findings.append(Finding("R15", ok, date=item.closed_day, item=item.id, detail=detail))
    return findings
