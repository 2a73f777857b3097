"""Planning the 民情 ledger (matched by 编号) and the 分析会 meetings (matched by 日期).

A ledger number such as ``2026-0042`` becomes the item's id. The store numbers a
year's items 1, 2, 3 ... in the order they are saved, so new items are saved in
number order and any number the sheet skips is kept by a cancelled placeholder
item (``PLACEHOLDER_REASON``); a later import of that number fills the placeholder.
Rows without a number are matched by 登记日期 and 内容 and numbered after the rest.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from village_tui.domain import ledger as L
from village_tui.domain.dates import format_cn
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import (LEDGER_SOURCES, LEDGER_STATUSES, LEVELS, SATISFACTION, Escalation,
                                       LedgerItem, Meeting, MeetingDecision, StatusChange)
from village_tui.domain.validation import validate_required
from village_tui.imports import parse
from village_tui.imports.plan_context import PlanContext
from village_tui.imports.plan_work import _text
from village_tui.imports.readers import Sheet

PLACEHOLDER_REASON = "导入时编号空缺，占位"
PLACEHOLDER_TEXT = "（编号空缺，导入时占位）"
_NUMBER_RE = re.compile(r"^(\d{4})[-_/.]?(\d{1,6})$")


def ledger_number(value, column: str = "编号") -> str:
    """A ledger number as the store writes it, ``2026-0042`` (``2026-42`` and ``20260042`` accepted)."""
    raw = parse.text(value).replace(" ", "")
    match = _NUMBER_RE.match(raw)
    if not match or int(match.group(2)) == 0:
        raise ValidationError(column, f"{column}应写成 2026-0042，现在是「{raw}」")
    return f"{int(match.group(1)):04d}-{int(match.group(2)):04d}"


def _number(item_id: str) -> int:
    return int(str(item_id).split("-")[1])


class _Years:
    """The stored ledger items of each year the sheet touches, read once."""

    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self.items: dict[int, dict[str, LedgerItem]] = {}

    def __call__(self, year: int) -> dict[str, LedgerItem]:
        if year not in self.items:
            self.items[year] = {i.id: i for i in self.ctx.service.records.peek("ledger", year)}
        return self.items[year]


def _escalations(level: str, day: date, ctx: PlanContext) -> list[Escalation]:
    steps = LEVELS[1:LEVELS.index(level) + 1]
    return [Escalation(lv, day, L.office_for(lv, ctx.settings.township, ctx.settings.county)) for lv in steps]


def _record(fields: dict, stored: LedgerItem | None, ctx: PlanContext) -> LedgerItem:
    """The item as the row describes it, keeping what the sheet does not show (results, replies)."""
    day, status, level = fields["day"], fields["status"], fields["level"]
    change_day = fields["closed_day"] or day
    if stored is None or stored.cancel_reason == PLACEHOLDER_REASON:
        history = [StatusChange(day, "受理")] + ([StatusChange(change_day, status)] if status != "受理" else [])
        return LedgerItem(**fields, escalations=_escalations(level, day, ctx), history=history,
                          id=stored.id if stored is not None else None)
    record = dataclasses.replace(stored, **fields)
    if stored.level != level:
        record.escalations = _escalations(level, day, ctx)
    if stored.status != status:
        record.history = [*stored.history, StatusChange(change_day, status, "表格导入")]
    return record


def plan_ledger(ctx: PlanContext, sheet: Sheet) -> None:
    """Ledger items: checked, matched by number, and new ones numbered so that ids equal the numbers."""
    kind, years = ctx.plan.kinds["民情"], _Years(ctx)
    seen: dict[str, int] = {}
    new: dict[int, list[tuple[str | None, LedgerItem]]] = {}
    categories = ctx.settings.ledger_categories
    for r in ctx.rows("民情", sheet):
        number = r.get("编号", ledger_number) if r.text("编号") else None
        day = r.get("登记日期", parse.date_cell, ctx.today)
        ctx.check_past(r, "登记日期", day, "登记日期")
        ctx.check_lock(r, "登记日期", day)
        if number and day and int(number[:4]) != day.year:
            r.error("编号", f"编号 {number} 的年份应与登记日期的年份（{day.year}）相同")
        if number and number in seen:
            r.error("编号", f"与第{seen[number]}行的编号重复：{number}")
        fields = dict(
            day=day, source=r.get("来源", parse.choice, LEDGER_SOURCES), category=r.get("类别", parse.choice, categories),
            content=r.get("内容", lambda v, c: validate_required(parse.long_text(v), c, c, 500, True)),
            household_id=ctx.household_id(r, required=False),
            handler_id=ctx.cadre_id(r, "承办人") if r.text("承办人") else None,
            level=r.get("层级", parse.choice, LEVELS, "村"), status=r.get("状态", parse.choice, LEDGER_STATUSES, "受理"),
            due=r.get("期限", parse.optional_date, ctx.today),
            closed_day=r.get("办结日期", parse.optional_date, ctx.today),
            satisfaction=r.get("满意度", parse.choice, SATISFACTION, ""), cancelled=False, cancel_reason="")
        if fields["status"] == "已办结" and fields["closed_day"] is None and r.ok:
            r.error("办结日期", "状态为已办结时请填写办结日期")
        if fields["status"] == "已办结" and not fields["satisfaction"] and r.ok:
            r.error("满意度", "状态为已办结时请填写群众满意度：满意、基本满意或不满意（R15）")
        for column, key in (("期限", "due"), ("办结日期", "closed_day")):
            if day and fields[key] and fields[key] < day:
                r.error(column, f"{column}不能早于登记日期")
        ctx.check_past(r, "办结日期", fields["closed_day"], "办结日期")
        if r.ok:
            ctx.check_in_office(r, "承办人", fields["handler_id"], fields["closed_day"], "办结")
        if not r.finish():
            continue
        if number:
            seen[number] = r.number
        fields["due"] = fields["due"] or L.default_due(day, fields["category"], ctx.settings.category_due_days)
        stored_items = years(day.year)
        stored = stored_items.get(number) if number else next(
            (i for i in stored_items.values() if i.day == day and i.content == fields["content"] and not i.cancelled),
            None)
        if stored is None:
            new.setdefault(day.year, []).append((number, _record(fields, None, ctx)))
            continue
        record = _record(fields, stored, ctx)
        ctx.ledger_numbers.add(stored.id)
        kind.place(record, stored)
    for year in sorted(new):
        _number_new(ctx, kind, year, new[year], years(year))


def _number_new(ctx: PlanContext, kind, year: int, rows: list[tuple[str | None, LedgerItem]],
                stored: dict[str, LedgerItem]) -> None:
    """Give new items of one year their numbers; fill skipped numbers with cancelled placeholders."""
    after = max((_number(i) for i in stored), default=0) + 1
    numbered = sorted((r for r in rows if r[0]), key=lambda r: _number(r[0]))
    plain = [item for number, item in rows if not number]
    for number, item in numbered:
        while after < _number(number):
            ctx.plan.notes.append(f"民情编号 {year:04d}-{after:04d} 在表中空缺，已保留为作废的占位记录")
            kind.add.append(LedgerItem(day=item.day, source=LEDGER_SOURCES[0], category="其他",
                                       content=PLACEHOLDER_TEXT, cancelled=True, cancel_reason=PLACEHOLDER_REASON,
                                       id=f"{year:04d}-{after:04d}"))
            kind.placeholders += 1
            after += 1
        item.id = number
        kind.add.append(item)
        after += 1
    for item in plain:
        item.id = f"{year:04d}-{after:04d}"
        kind.add.append(item)
        after += 1
    ctx.ledger_numbers.update(i.id for i in kind.add)


def plan_meetings(ctx: PlanContext, sheet: Sheet) -> None:
    """Monthly meetings, matched by day; 讨论事项 lists ledger numbers kept or imported."""
    kind, years = ctx.plan.kinds["分析会"], _Years(ctx)
    seen: dict[tuple[int, int], int] = {}
    months: dict[int, dict[int, Meeting]] = {}
    for r in ctx.rows("分析会", sheet):
        day = r.get("日期", parse.date_cell, ctx.today)
        ctx.check_past(r, "日期", day, "会议日期")
        ctx.check_lock(r, "日期", day)
        names = parse.items(r.raw("参会人员"))
        if not names:
            r.error("参会人员", "请填写参会人员")
        attendees = [ctx.cadre_id(r, "参会人员", n) for n in names]
        numbers = []
        for text in parse.items(r.raw("讨论事项")):
            try:
                number = ledger_number(text, "讨论事项")
            except ValidationError as error:
                r.error("讨论事项", error.message)
                continue
            if number not in ctx.ledger_numbers and number not in years(int(number[:4])):
                r.error("讨论事项", f"没有编号为 {number} 的民情事项")
            numbers.append(number)
        minutes = r.get("决定", _text, 4000, default="")
        stored = None
        if day is not None:
            if day.year not in months:
                months[day.year] = {m.day.month: m for m in ctx.service.records.peek("meetings", day.year)}
            stored = months[day.year].get(day.month)
            month = (day.year, day.month)
            if month in seen:
                r.error("日期", f"与第{seen[month]}行是同一个月：每月只记一次民情分析会")
            elif stored is not None and stored.day != day:
                r.error("日期", f"{day.year}年{day.month}月已有民情分析会记录（{format_cn(stored.day)}）")
        if not r.finish():
            continue
        seen[(day.year, day.month)] = r.number
        base = stored or Meeting(day=day)
        done = {d.item_id for d in base.decisions}
        record = dataclasses.replace(
            base, attendees=list(dict.fromkeys(attendees)), minutes=minutes or base.minutes,
            decisions=[*base.decisions, *(MeetingDecision(n) for n in dict.fromkeys(numbers) if n not in done)])
        kind.place(record, stored)
