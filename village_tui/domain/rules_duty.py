"""The duty roster rules R1–R3 and the roster planner that follows R4.

Past days are judged by who signed in. Today and coming days are ``open``
until someone signs in: the roster is shown (rostered days are planned, not
yet duty), and a coming day nobody is rostered for is a planning finding.
Who is a cadre in office or a main cadre is read as it was on the day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from village_tui.domain.findings import MET, MISSED, OPEN, Finding
from village_tui.domain.models import Cadre, DutyDay, SpecialPeriod

ROTATION = "轮班"


def in_office(cadre: Cadre, day: date) -> bool:
    """Whether the cadre holds office on ``day``: in a term and before the archive day
    (archived before archive days were kept and without an end date: gone)."""
    return not cadre.gone and cadre.active_on(day)


def available(cadre: Cadre, day: date) -> bool:
    """Whether the cadre can be put on duty on ``day``: in office and not on leave."""
    return in_office(cadre, day) and not cadre.on_leave(day)


def rotation_order(cadres: Iterable[Cadre]) -> list[Cadre]:
    """Cadres in rotation order: the secretary and the director first, then by id."""
    return sorted(cadres, key=lambda c: (not c.is_main, c.id or 0))


def period_on(day: date, periods: Iterable[SpecialPeriod]) -> SpecialPeriod | None:
    """The first special period (not cancelled) covering ``day``, or None."""
    for period in periods:
        if period.covers(day):
            return period
    return None


def _names(ids: Iterable[int], cadres: dict[int, Cadre]) -> str:
    return "、".join(cadres[i].name if i in cadres else f"#{i}" for i in ids)


def _on_duty(record: DutyDay | None, cadre: Cadre, day: date, today: date) -> tuple[bool, str]:
    """Whether one cadre counts as on duty that day (rostered coming days count, for planning), and why."""
    signed = record is not None and cadre.id in record.signed_in()
    rostered = record is not None and cadre.id in record.rostered
    if signed:
        return True, "已签到"
    if day < today:
        return False, "请假，未签到" if cadre.on_leave(day) else ("已排班未签到" if rostered else "未签到")
    if cadre.on_leave(day):
        return False, "请假中"
    if rostered:
        return True, "今天已排班，尚未签到" if day == today else "已排班"
    return False, "未排班"


def r1_day(day: date, record: DutyDay | None, cadres: dict[int, Cadre], today: date) -> Finding:
    """R1 for one day: at least one cadre signed in.

    A past day without a sign-in is ``missed``. Today and coming days are
    ``open`` until someone signs in; the detail names who is rostered, or says
    nobody is (a planning finding, ``actual`` 0).

    Args:
        day: The day judged.
        record: That day's duty record, if any.
        cadres: Every cadre by id (archived ones included, for names).
        today: Today in China.
    """
    signed = sorted(record.signed_in()) if record else []
    if signed:
        return Finding("R1", True, date=day, required=1, actual=len(signed),
                       detail=f"已签到：{_names(signed, cadres)}")
    rostered = [i for i in (record.rostered if record else []) if i in cadres and available(cadres[i], day)]
    if day < today:
        detail = "无人签到值班" + (f"（排班：{_names(record.rostered, cadres)}）" if record and record.rostered else "")
        return Finding("R1", False, date=day, required=1, actual=0, detail=detail)
    if rostered:
        prefix = "今天尚未签到，已排班" if day == today else "已排班"
        return Finding("R1", True, date=day, required=1, actual=len(rostered),
                       detail=f"{prefix}：{_names(rostered, cadres)}", status=OPEN)
    return Finding("R1", True, date=day, required=1, actual=0, status=OPEN,
                   detail="今天尚未签到，无人排班" if day == today else "无人排班，请安排值班")


def r1_findings(days: Iterable[date], duty: dict[date, DutyDay], cadres: Iterable[Cadre],
                today: date) -> list[Finding]:
    """R1 for each day: at least one cadre on duty at the village office (二、3).

    Args:
        days: The days to judge (usually a month).
        duty: Duty records by day.
        cadres: Every cadre (archived ones included, for names).
        today: Today in China.
    """
    by_id = {c.key: c for c in cadres}
    return [r1_day(day, duty.get(day), by_id, today) for day in days]


def r2_findings(days: Iterable[date], duty: dict[date, DutyDay], cadres: Iterable[Cadre],
                periods: Iterable[SpecialPeriod], today: date) -> list[Finding]:
    """R2 for each (day, cadre) in a special period: every cadre in office is on duty (二、3).

    A cadre on leave during a special period is reported, not excused: the
    notice asks for every member.
    """
    periods = list(periods)
    order = rotation_order(cadres)
    findings = []
    for day in days:
        period = period_on(day, periods)
        if period is None:
            continue
        for cadre in order:
            if not in_office(cadre, day):
                continue
            ok, why = _on_duty(duty.get(day), cadre, day, today)
            signed = day in duty and cadre.id in duty[day].signed_in()
            status = MET if signed else (MISSED if day < today else OPEN)
            findings.append(Finding("R2", ok, cadre=cadre.name, date=day, required=1, actual=int(ok),
                                    detail=f"特殊时期（{period.reason}）：{why}", status=status,
                                    cadre_id=cadre.id))
    return findings


def duty_counts(days: Iterable[date], duty: dict[date, DutyDay], cadres: Iterable[Cadre],
                today: date) -> dict[int, tuple[int, int]]:
    """Per cadre, over the days they held office: (days on duty, days in office).

    A day counts as on duty when signed in, or for coming days when rostered
    and available (the same reading as R1).
    """
    counts = {}
    for cadre in cadres:
        active = on = 0
        for day in days:
            if not in_office(cadre, day):
                continue
            active += 1
            on += _on_duty(duty.get(day), cadre, day, today)[0]
        counts[cadre.key] = (on, active)
    return counts


def r3_findings(days: Iterable[date], duty: dict[date, DutyDay], cadres: Iterable[Cadre],
                today: date) -> list[Finding]:
    """R3 for each main cadre: their share of duty days; a month without any is flagged (二、3).

    Only days signed in count (a rostered coming day is not yet duty). A
    cadre is judged on the days they held office as a main cadre (pro rata).
    One finding per person, also when one person is both secretary and
    director. Without a day on duty while the month runs it is ``open``.
    """
    days = list(days)
    findings = []
    running = bool(days) and days[-1] >= today
    for cadre in rotation_order(cadres):
        mine = [d for d in days if in_office(cadre, d) and cadre.is_main_on(d)]
        if not mine or mine[0] > today:
            continue
        # The share is of the days that have come: a coming day is no duty day missed yet.
        so_far = [d for d in mine if d <= today]
        on = sum(1 for d in so_far if d in duty and cadre.id in duty[d].signed_in())
        active = len(so_far)
        share = round(100 * on / active)
        detail = f"{'本月至今' if running else ''}在任{active}天，值班{on}天（{share}%）"
        if len(mine) < len(days):
            detail += "；本月部分时间任村主干，按在任天数计"
        status = MET if on else (OPEN if running else MISSED)
        if not on:
            detail += "；本月尚未值班" if running else "；本月没有值班"
        findings.append(Finding("R3", on > 0, cadre=cadre.name, required=1, actual=on, detail=detail,
                                status=status, cadre_id=cadre.id))
    return findings


def plan_roster(days: Iterable[date], cadres: Iterable[Cadre], periods: Iterable[SpecialPeriod],
                mode: str, per_day: int = 1, after_id: int | None = None) -> dict[date, list[int]]:
    """Plan who is on duty each day (R4): a rotation among the cadres available.

    Under 轮班 one cadre a day in turn; under 坐班 ``per_day`` cadres a day.
    Cadres on leave or out of office are skipped and the turn passes on.
    On special-period days every available cadre is on (R2). The secretary
    and the director take their turns like everyone else, and each one who
    is available on some ordinary day gets at least one day.

    Args:
        days: The days to plan, in order.
        cadres: The cadres (archived ones are skipped).
        periods: Special periods (cancelled ones are ignored).
        mode: ``"坐班"`` or ``"轮班"`` (the village setting).
        per_day: Cadres a day under 坐班 (at least 1).
        after_id: The cadre last on duty before these days, so the rotation continues.

    Returns:
        Cadre ids for each day, in rotation order.
    """
    periods = list(periods)
    order = [c for c in rotation_order(cadres) if not c.archived]
    ids = [c.id for c in order]
    want = 1 if mode == ROTATION else max(1, per_day)
    pointer = ids.index(after_id) + 1 if after_id in ids else 0
    plan: dict[date, list[int]] = {}
    ordinary: list[date] = []
    for day in days:
        free = {c.key for c in order if available(c, day)}
        if period_on(day, periods) is not None:
            plan[day] = [i for i in ids if i in free]
            continue
        chosen: list[int] = []
        for _ in range(len(ids)):
            if len(chosen) >= want:
                break
            cid = ids[pointer % len(ids)]
            pointer += 1
            if cid in free:
                chosen.append(cid)
        plan[day] = chosen
        ordinary.append(day)
    _give_main_share(plan, ordinary, order)
    return plan


def _give_main_share(plan: dict[date, list[int]], ordinary: list[date], order: list[Cadre]) -> None:
    """Give a main cadre left without any ordinary day one, taken from the busiest other cadre."""
    load: dict[int, int] = {}
    for day in ordinary:
        for cid in plan[day]:
            load[cid] = load.get(cid, 0) + 1
    mains = {c.id for c in order if c.is_main}
    for cadre in order:
        if not cadre.is_main or load.get(cadre.key):
            continue
        best: tuple[int, date, int] | None = None
        for day in ordinary:
            if not available(cadre, day):
                continue
            for cid in plan[day]:
                if cid not in mains and (best is None or load[cid] > best[0]):
                    best = (load[cid], day, cid)
        if best is None:
            continue
        _, day, replaced = best
        plan[day] = [cadre.key if cid == replaced else cid for cid in plan[day]]
        load[replaced] -= 1
        load[cadre.key] = 1
