"""Planning the work sheets: 帮扶 (pairings), 走访 (visits) and 值班 (duty days)."""

from __future__ import annotations

import dataclasses
from datetime import date

from village_tui.domain.models import HELP_KINDS, PAIRING_KINDS, VISIT_WAYS, DutyDay, Pairing, SignIn, Visit
from village_tui.domain.validation import validate_text
from village_tui.imports import parse
from village_tui.imports.plan_context import PlanContext
from village_tui.imports.readers import Sheet

TEXT_MAX = 500


def _text(value, column: str, max_len: int = TEXT_MAX) -> str:
    return validate_text(parse.long_text(value), column, column, max_len, multiline=True)


def plan_pairings(ctx: PlanContext, sheet: Sheet) -> None:
    """Pairings, matched by cadre, household, kind and start; 措施 names from 资金/技术/市场/信息/其他
    become the planned help, any other words the goals."""
    kind = ctx.plan.kinds["帮扶"]
    seen: dict[tuple[object, ...], int] = {}
    existing = {(p.cadre_id, p.household_id, p.kind, p.start): p
                for p in ctx.service.records.peek("pairings") if not p.cancelled}
    for r in ctx.rows("帮扶", sheet):
        cadre_id = ctx.cadre_id(r, "干部")
        household_id = ctx.household_id(r)
        pairing_kind = r.get("类型", parse.choice, PAIRING_KINDS)
        start = r.get("开始日期", parse.date_cell, ctx.today)
        end = r.get("结束日期", parse.optional_date, ctx.today)
        if start and end and end < start:
            r.error("结束日期", "结束日期不能早于开始日期")
        measures = parse.items(r.raw("措施"))
        goals = r.get("措施", lambda v, c: validate_text("、".join(m for m in measures if m not in HELP_KINDS),
                                                       c, c, 200))
        key = (cadre_id, household_id, pairing_kind, start)
        if r.ok and key in seen:
            r.error("", f"与第{seen[key]}行重复")
        if not r.finish():
            continue
        seen[key] = r.number
        help_planned = [h for h in HELP_KINDS if h in measures]
        stored = existing.get(key)
        if stored is None:
            kind.add.append(Pairing(cadre_id=cadre_id, household_id=household_id, kind=pairing_kind, start=start,
                                    end=end, help_planned=help_planned, goals=goals))
            continue
        record = dataclasses.replace(stored, end=end, help_planned=help_planned, goals=goals)
        kind.place(record, stored)


def plan_visits(ctx: PlanContext, sheet: Sheet) -> None:
    """Visits, matched by day, cadre, household and way.

    The same key may come more than once (two calls on one day); the n-th such row
    matches the n-th such visit kept, so a second import still adds nothing.
    """
    kind = ctx.plan.kinds["走访"]
    stored: dict[tuple, list[Visit]] = {}
    used: dict[tuple, int] = {}
    loaded: set[int] = set()
    for r in ctx.rows("走访", sheet):
        day = r.get("日期", parse.date_cell, ctx.today)
        ctx.check_past(r, "日期", day, "走访日期")
        ctx.check_lock(r, "日期", day)
        cadre_id = ctx.cadre_id(r, "干部")
        ctx.check_in_office(r, "干部", cadre_id, day, "走访")
        household_id = ctx.household_id(r)
        way = r.get("方式", parse.choice, VISIT_WAYS, "入户")
        learned = r.get("情况", _text, default="")
        requests = r.get("诉求", _text, default="")
        if not r.finish():
            continue
        key = (day, cadre_id, household_id, way)
        if day.year not in loaded:
            loaded.add(day.year)
            for v in sorted(ctx.service.records.peek("visits", day.year), key=lambda v: v.id):
                if not v.cancelled:
                    stored.setdefault((v.day, v.cadre_id, v.household_id, v.way), []).append(v)
        index = used.get(key, 0)
        used[key] = index + 1
        matches = stored.get(key, [])
        if index >= len(matches):
            kind.add.append(Visit(day=day, cadre_id=cadre_id, household_id=household_id, way=way, learned=learned,
                                  requests=requests))
            continue
        match = matches[index]
        record = dataclasses.replace(match, learned=learned, requests=requests)
        kind.place(record, match)


def plan_duty(ctx: PlanContext, sheet: Sheet) -> None:
    """Duty days, matched by day. Every named cadre is rostered; a row with 签到时间 also signs them in."""
    kind = ctx.plan.kinds["值班"]
    days: dict[date, DutyDay] = {}
    rows_of: dict[date, int] = {}
    index: dict[int, dict[date, DutyDay]] = {}
    for r in ctx.rows("值班", sheet):
        day = r.get("日期", parse.date_cell, ctx.today)
        ctx.check_lock(r, "日期", day)
        names = parse.items(r.raw("值班干部"))
        if not names:
            r.error("值班干部", "请填写值班干部")
        ids = [ctx.cadre_id(r, "值班干部", name) for name in names]
        signed = bool(r.text("签到时间"))
        time = r.get("签到时间", parse.time_cell) if signed else ""
        visitors = r.get("接待人次", parse.whole_number, 0, 999, 0)
        note = r.get("备注", _text, 200, default="")
        if signed:
            ctx.check_past(r, "签到时间", day, "签到日期")
        if signed and day is not None and r.ok:
            for cadre_id in ids:
                ctx.check_in_office(r, "值班干部", cadre_id, day, "值班签到")
        if not r.finish():
            continue
        record = days.get(day)
        if record is None:
            record = days[day] = _stored_day(ctx, day, index)
            rows_of[day] = 0
        rows_of[day] += 1
        record.rostered = list(dict.fromkeys([*record.rostered, *ids]))
        if signed:
            fresh = [SignIn(cadre_id=i, time=time, visitors=visitors, note=note) for i in ids]
            record.signins = [*(s for s in record.signins if s.cadre_id not in ids), *fresh]
        elif note and note not in record.note:
            record.note = f"{record.note}；{note}" if record.note else note
    for day, record in sorted(days.items()):
        if record.id is None:
            kind.add.append(record)
            continue
        stored = index[day.year][day]
        if record != stored:
            kind.update.append(record)
        else:
            kind.unchanged += rows_of[day]


def _stored_day(ctx: PlanContext, day: date, index: dict[int, dict[date, DutyDay]]) -> DutyDay:
    """A copy of the stored duty record of ``day``, or a new empty one."""
    if day.year not in index:
        index[day.year] = {r.day: r for r in ctx.service.records.peek("duty", day.year)}
    record = index[day.year].get(day)
    if record is None:
        return DutyDay(day=day)
    return dataclasses.replace(record, rostered=list(record.rostered), signins=list(record.signins))
