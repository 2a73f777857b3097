"""Service desk and five-step rules judged at a month's end: R13, R14 and R15.

- R13 (二、8): every request due by the month's end is finished on time; one still
  open past its due date at the month's end fails.
- R14 (二、2): a matter whose promised date (承诺干事) has passed must have been
  supervised and evaluated (村民监事, 考评亮事).
- R15 (二、1): a matter evaluated in the month records its publication (公示) and
  the villagers' satisfaction.

Pure functions from records to findings.
"""

from __future__ import annotations

from collections.abc import Iterable

from village_tui.domain.dates import format_cn, month_bounds
from village_tui.domain.findings import Finding
from village_tui.domain.matters import evaluated_by, find_step, promised_date
from village_tui.domain.models import SATISFACTION, Matter, ServiceRequest
from village_tui.domain.service_desk import is_open_on


def matter_label(matter: Matter) -> str:
    """The item name of a matter in findings: ``"五事-3"``."""
    return f"五事-{matter.id}"


def request_findings(requests: Iterable[ServiceRequest], year: int, month: int,
                     cadre_names: dict[int, str] | None = None,
                     household_codes: dict[int, str] | None = None) -> list[Finding]:
    """R13 for the month: requests due in the month, and any open past due at its end.

    Args:
        requests: Requests of the month's year (and the year before, for old open ones).
        year: The year.
        month: The month.
        cadre_names: Cadre names by id, for the handler.
        household_codes: 户编号 by household id.
    """
    first, last = month_bounds(year, month)
    names, codes = cadre_names or {}, household_codes or {}
    findings = []
    for request in requests:
        if request.cancelled or request.due is None or request.day > last or request.due > last:
            continue
        still_open = is_open_on(request, last)
        if not still_open and request.due < first:
            continue  # closed this month but due earlier: it failed at an earlier month's end
        if still_open and request.due < last:
            days = (last - request.due).days
            ok, detail = False, f"{request.kind}：应于{format_cn(request.due)}办结，月底仍未办结，已超期{days}天"
        elif still_open:
            ok, detail = True, f"{request.kind}：{format_cn(request.due)}到期，仍在办理"
        elif request.done_day is not None and request.done_day > request.due:
            ok, detail = False, f"{request.kind}：应于{format_cn(request.due)}办结，{format_cn(request.done_day)}才{request.status.removeprefix('已')}"
        else:
            ok, detail = True, f"{request.kind}：按期{request.status}"
        findings.append(Finding(
            rule="R13", ok=ok, cadre=names.get(request.handler_id) if request.handler_id else None,
            household=codes.get(request.household_id) if request.household_id else None,
            date=request.due, item=request.id, detail=detail))
    return findings


def promise_findings(matters: Iterable[Matter], year: int, month: int,
                     cadre_names: dict[int, str] | None = None) -> list[Finding]:
    """R14 for the month: matters whose promised date has passed by the month's end.

    A matter promised for this month or earlier and evaluated by the month's end
    holds; one still not evaluated fails every month until it is. Matters
    evaluated before the month began are not repeated.
    """
    first, last = month_bounds(year, month)
    names = cadre_names or {}
    findings = []
    for matter in matters:
        promised = promised_date(matter)
        if matter.cancelled or promised is None or promised >= last:
            continue
        promise = find_step(matter, "承诺干事")
        if promise is None or promise.day > last:
            continue
        evaluation = find_step(matter, "考评亮事")
        if evaluated_by(matter, last):
            if promised < first and evaluation is not None and evaluation.day < first:
                continue
            ok, detail = True, f"{matter.title}：承诺{format_cn(promised)}完成，已监督并考评亮事"
        else:
            missing = "村民监事和考评亮事" if find_step(matter, "村民监事") is None else "考评亮事"
            ok, detail = False, f"{matter.title}：承诺{format_cn(promised)}完成，已过期，尚未{missing}"
        findings.append(Finding(
            rule="R14", ok=ok, cadre=names.get(promise.responsible_id) if promise.responsible_id else None,
            date=promised, item=matter_label(matter), detail=detail))
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
        if posted and rated:
            ok, detail = True, (f"{matter.title}：已公示（{format_cn(evaluation.posted_from)}至"
                                f"{format_cn(evaluation.posted_to)}），群众{evaluation.satisfaction}")
        else:
            lacking = "、".join(x for x, has in (("公示日期", posted), ("满意度", rated)) if not has)
            ok, detail = False, f"{matter.title}：考评亮事缺少{lacking}"
        findings.append(Finding(rule="R15", ok=ok, date=evaluation.day, item=matter_label(matter), detail=detail))
    return findings
