"""R9, R10 and the ledger part of R15 as functions from data to findings (clause 二、5 and 二、1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from village_tui.domain.dates import format_cn, month_bounds
from village_tui.domain.findings import Finding
from village_tui.domain.ledger import open_on
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
    if meeting is None:
        left = (last - today).days
        more = f"（本月还剩{left}天）" if first <= today <= last else ""
        return Finding("R9", False, date=last, required=1, actual=0,
                       detail=f"{label}没有民情分析会记录{more}")
    discussed = len({d.item_id for d in meeting.decisions})
    if discussed == 0 and agenda_size > 0:
        return Finding("R9", False, date=meeting.day, required=agenda_size, actual=0,
                       detail=f"{label}民情分析会（{format_cn(meeting.day)}）没有记录讨论了哪些事项")
    detail = (f"{label}民情分析会于{format_cn(meeting.day)}召开，议定{discussed}件事项" if discussed
              else f"{label}民情分析会于{format_cn(meeting.day)}召开，本月没有待议事项")
    return Finding("R9", True, date=meeting.day, required=agenda_size, actual=discussed, detail=detail)


def r10_month(year: int, month: int, items: Iterable[LedgerItem], today: date) -> list[Finding]:
    """R10: items open and past due at the month's end, and escalations awaiting a reply.

    Args:
        year: The year.
        month: The month.
        items: Candidate items (any that may have been open at the month's end).
        today: Today; a running month is judged on today.

    Returns:
        A failing finding per overdue item, a passing one per escalated item
        still waiting for the office's reply, or one passing finding when the
        ledger had nothing overdue.
    """
    day = check_day(year, month, today)
    overdue: list[Finding] = []
    waiting: list[Finding] = []
    for item in sorted(items, key=lambda i: str(i.id)):
        if item.day > day or not open_on(item, day):
            continue
        sent = [e for e in item.escalations if e.day <= day]
        pending = sent and not (sent[-1].reply and (sent[-1].reply_day or day) <= day)
        if item.due is not None and item.due < day:
            late = (day - item.due).days
            where = f"，已报送{sent[-1].office}" if sent else ""
            overdue.append(Finding("R10", False, date=item.due, item=item.id, required=0, actual=late,
                                   detail=f"{item.id}（{item.category}）超期{late}天未办结{where}"))
        elif pending:
            last = sent[-1]
            waiting.append(Finding("R10", True, date=last.day, item=item.id,
                                   detail=f"{item.id}于{format_cn(last.day)}报送{last.office}，等待答复"))
    if not overdue and not waiting:
        return [Finding("R10", True, date=day, required=0, actual=0,
                        detail=f"截至{format_cn(day)}没有超期未办结的民情事项")]
    return overdue + waiting


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
