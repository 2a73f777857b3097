"""Service desk and five-step rules judged at a month's end: R13, R14 and R15.

- R13 (二、8): every request has a handler and is finished by its due day; one
  still open is overdue only after its due day (judged at the earlier of
  today and the month's end).
- R14 (二、2): a 干群议事 records who took part and its outcome; a matter whose
  promised date (承诺干事) has passed must have been supervised and evaluated
  (村民监事, 考评亮事), else the overdue promise is a finding.
- R15 (二、1): a matter evaluated in the month records its publication (公示) and
  the villagers' satisfaction.

Pure functions from records to findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from village_tui.domain.dates import format_cn, month_bounds
from village_tui.domain.findings import MET, MISSED, OPEN, Finding
from village_tui.domain.matters import evaluated_by, find_step, promised_date
from village_tui.domain.models import SATISFACTION, Matter, ServiceRequest
from village_tui.domain.service_desk import is_open_on


def matter_label(matter: Matter) -> str:
    """The item name of a matter in findings: ``"五事-3"``."""
    return f"五事-{matter.id}"


def request_findings(requests: Iterable[ServiceRequest], year: int, month: int,
                     cadre_names: dict[int, str] | None = None,
                     household_codes: dict[int, str] | None = None, today: date | None = None) -> list[Finding]:
    """R13 for the month, judged at the earlier of today and the month's end.

    A request open past its due day is ``missed`` (on its due day it is not yet
    overdue), one due in the month and still open is ``open``, one finished
    after its due day is ``missed`` once, in its due month. A request received
    in the month without a handler is a finding (``open`` while the month runs).

    Args:
        requests: Requests of the month's year (and the year before, for old open ones).
        year: The year.
        month: The month.
        cadre_names: Cadre names by id, for the handler.
        household_codes: 户编号 by household id.
        today: Today (default: the month is judged at its end).
    """
    first, last = month_bounds(year, month)
    day = last if today is None else min(today, last)
    if first > day:
        return []
    running = today is not None and today <= last
    names, codes = cadre_names or {}, household_codes or {}
    findings = []
    for request in requests:
        if request.cancelled or request.day > day:
            continue
        common: dict[str, Any] = dict(cadre=names.get(request.handler_id) if request.handler_id else None,
                      household=codes.get(request.household_id) if request.household_id else None,
                      item=request.id, cadre_id=request.handler_id, household_id=request.household_id)
        if request.handler_id is None and first <= request.day <= day:
            findings.append(Finding(
                rule="R13", ok=False, date=request.due or request.day, status=OPEN if running else MISSED,
                detail=f"{request.kind}：{format_cn(request.day)}受理，没有经办人", **common))
        if request.due is None or request.due > last:
            continue
        still_open = is_open_on(request, day)
        if not still_open and request.due < first:
            continue  # closed this month but due earlier: it was judged in its due month
        if still_open and request.due < day:
            days = (day - request.due).days
            status, detail = MISSED, f"{request.kind}：应于{format_cn(request.due)}办结，仍未办结，已超期{days}天"
        elif still_open:
            status, detail = OPEN, f"{request.kind}：{format_cn(request.due)}到期，仍在办理"
        elif request.done_day is not None and request.done_day > request.due:
            status, detail = MISSED, (f"{request.kind}：应于{format_cn(request.due)}办结，"
                                      f"{format_cn(request.done_day)}才{request.status.removeprefix('已')}")
        else:
            status, detail = MET, f"{request.kind}：按期{request.status}"
        findings.append(Finding(rule="R13", ok=status != MISSED, date=request.due, detail=detail, status=status,
                                **common))
    return findings


def deliberation_findings(matters: Iterable[Matter], year: int, month: int, today: date | None = None) -> list[Finding]:
    """R14 (干群议事): each deliberation held in the month records who took part and its outcome
    (``open`` while the month runs, so it can still be completed)."""
    first, last = month_bounds(year, month)
    day = last if today is None else min(today, last)
    findings = []
    for matter in matters:
        step = find_step(matter, "干群议事")
        if matter.cancelled or step is None or not first <= step.day <= day:
            continue
        lacking = "、".join(x for x, has in (("参与人员", bool(step.participants)), ("议事结果", bool(step.outcome.strip())))
                           if not has)
        running = today is not None and today <= last
        status = MET if not lacking else (OPEN if running else MISSED)
        detail = (f"{matter.title}：干群议事（{format_cn(step.day)}）已记录参与人员和议事结果" if not lacking
                  else f"{matter.title}：干群议事（{format_cn(step.day)}）缺少{lacking}" + ("，请在月底前补记" if running else ""))
        findings.append(Finding(rule="R14", ok=status != MISSED, date=step.day, item=matter_label(matter),
                                detail=detail, status=status))
    return findings


def promise_findings(matters: Iterable[Matter], year: int, month: int,
                     cadre_names: dict[int, str] | None = None, today: date | None = None) -> list[Finding]:
    """R14 (承诺干事) for the month, judged at the earlier of today and the month's end.

    A matter promised by then and evaluated holds (once); one not evaluated
    after its promised day is ``missed`` every month until it is; one promised
    for a later day of the month is ``open``. Matters evaluated before the
    month began are not repeated.
    """
    first, last = month_bounds(year, month)
    day = last if today is None else min(today, last)
    if first > day:
        return []
    names = cadre_names or {}
    findings = []
    for matter in matters:
        promised = promised_date(matter)
        if matter.cancelled or promised is None or promised > last:
            continue
        promise = find_step(matter, "承诺干事")
        if promise is None or promise.day > day:
            continue
        evaluation = find_step(matter, "考评亮事")
        if evaluated_by(matter, day):
            if promised < first and evaluation is not None and evaluation.day < first:
                continue
            status, detail = MET, f"{matter.title}：承诺{format_cn(promised)}完成，已监督并考评亮事"
        elif promised < day:
            missing = "村民监事和考评亮事" if find_step(matter, "村民监事") is None else "考评亮事"
            status, detail = MISSED, f"{matter.title}：承诺{format_cn(promised)}完成，已过期，尚未{missing}"
        elif today is not None and today <= last:
            status, detail = OPEN, f"{matter.title}：承诺{format_cn(promised)}完成，尚未到期"
        else:
            continue  # promised for the month's last day: judged from the next month on
        findings.append(Finding(
            rule="R14", ok=status != MISSED, cadre=names.get(promise.responsible_id) if promise.responsible_id else None,
            date=promised, item=matter_label(matter), detail=detail, status=status, cadre_id=promise.responsible_id))
    return findings


def publication_findings(matters: Iterable[Matter], year: int, month: int) -> list[Finding]:
    """R15 for the month: each matter evaluated in the month records publication and satisfaction."""
    first, last = month_bounds(year, month)
    findings = []
    for matter in matters:
        evaluation = find_step(matter, "考评亮事")
        if matter.cancelled or evaluation is None or not first <= evaluation.day <= last:
            continue
        posted = evaluation.posted_from is not None and evaluation.posted_to is not None
        rated = evaluation.satisfaction in SATISFACTION
        if evaluation.posted_from is not None and evaluation.posted_to is not None and rated:
            ok, detail = True, (f"{matter.title}：已公示（{format_cn(evaluation.posted_from)}至"
                                f"{format_cn(evaluation.posted_to)}），群众{evaluation.satisfaction}")
        else:
            lacking = "、".join(x for x, has in (("公示日期", posted), ("满意度", rated)) if not has)
            ok, detail = False, f"{matter.title}：考评亮事缺少{lacking}"
        findings.append(Finding(rule="R15", ok=ok, date=evaluation.day, item=matter_label(matter), detail=detail))
    return findings
