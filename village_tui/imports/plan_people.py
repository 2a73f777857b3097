"""Planning the reference sheets: 干部 (by 姓名), 农户 (by 户编号) and 特殊时期 (by dates and 事由)."""

from __future__ import annotations

import dataclasses
from datetime import date

from village_tui.domain.dates import format_cn
from village_tui.domain.errors import ValidationErrors
from village_tui.domain.models import Cadre, Household, SpecialPeriod
from village_tui.domain.pinyin import name_initials
from village_tui.domain.record_validation import REASON_MAX, validate_cadre, validate_household
from village_tui.domain.validation import validate_required
from village_tui.imports import parse
from village_tui.imports.plan_context import PlanContext, RowReader
from village_tui.imports.plan_history import dated_row
from village_tui.imports.readers import Sheet

NEW_PERSON = ("新", "新增")  # 干部编号 meaning "a new person", even when a cadre has the name
CADRE_COLUMNS = {"name": "姓名", "role": "职务", "term_end": "任期结束", "groups": "负责组别", "phone": "电话"}
HOUSEHOLD_COLUMNS = {"code": "户编号", "head": "户主", "id_number": "身份证号", "group": "组别", "members": "人口",
                     "phone": "电话", "needs": "困难类别", "address": "住址", "registered_on": "登记日期"}


def _validated(reader: RowReader, func, record, groups, columns: dict[str, str]):
    """Run a domain validator, turning each field's error into a problem in its column."""
    try:
        return func(record, groups)
    except ValidationErrors as errors:
        for error in errors.errors:
            reader.error(columns.get(error.field, ""), error.message)
        return None


def _duplicate(reader: RowReader, seen: dict[str, int], key: str, column: str) -> None:
    if key in seen:
        reader.error(column, f"与第{seen[key]}行重复：{key}")
    elif key:
        seen[key] = reader.number


def _who(cadre: Cadre) -> str:
    """A stored cadre as the import's messages name it: ``刘雪（干部编号 2，委员，任期自2024年3月1日起，已归档）``."""
    archived = "，已归档" if cadre.archived else ""
    return f"{cadre.name}（干部编号 {cadre.id}，{cadre.role}，任期自{format_cn(cadre.term_start)}起{archived}）"


def which_cadre(ctx: PlanContext, r: RowReader, name: str, number: str, role: str, start: date) -> Cadre | None:
    """The stored cadre a 干部 row means, or None for a new cadre; a problem when it cannot be told.

    - 干部编号 「新」 (or 「新增」): a new person, even when a cadre already has the name.
    - 干部编号 a number: that cadre, whose name must be the row's.
    - No 干部编号: the one cadre with that name, when the row's 职务 and 任期开始 are hers; a row
      naming a cadre whose role or term differs may be another person, so it is a problem that
      names both instead of silently becoming a new term of hers.
    """
    if number in NEW_PERSON:
        return None
    if number:
        cadre = ctx.stored_cadre(number)
        if cadre is None:
            r.error("干部编号", f"没有干部编号为 {number} 的干部（新增一位干部请填「新」，或不填）")
        elif cadre.name != name:
            r.error("干部编号", f"干部编号 {number} 是{_who(cadre)}，不是「{name}」，请核对")
        return cadre
    if ctx.refuse_shared_name(r, "姓名", name):
        return None
    cadre = ctx.cadres.get(name)
    if cadre is None or cadre.id is None or cadre.id < 0 or (cadre.role == role and cadre.term_start == start):
        return cadre
    row = f"{role}，任期自{format_cn(start)}起"
    r.error("姓名", f"已有干部{_who(cadre)}，这一行的{name}（{row}）职务或任期与之不同，无法确定是不是同一个人："
                  f"是同一人请在「干部编号」列填 {cadre.id}，是另一个人请填「新」")
    return None


def plan_cadres(ctx: PlanContext, sheet: Sheet) -> None:
    """Cadres: by 干部编号 when given (「新」: a new person), else by name when only one cadre has it
    and the row's role and term start are that cadre's (see :func:`which_cadre`); a matched cadre
    keeps its leaves and archive state."""
    kind = ctx.plan.kinds["干部"]
    seen: dict[str, int] = {}
    for r in ctx.rows("干部", sheet):
        name = r.text("姓名").replace(" ", "")
        number = r.text("干部编号").replace(" ", "")
        _duplicate(r, seen, f"{name}（干部编号 {number}）" if number else name, "姓名")
        role = r.get("职务", parse.role)
        start = r.get("任期开始", parse.date_cell, ctx.today)
        end = r.get("任期结束", parse.optional_date, ctx.today)
        groups = [g for g in (ctx.group(r, "负责组别", x) for x in parse.items(r.raw("负责组别"))) if g]
        mentor = r.get("帮带", parse.yes_no, default=False)
        existing = which_cadre(ctx, r, name, number, role, start) if r.ok else None
        if not r.ok:
            r.finish()
            continue
        base = existing if existing is not None else Cadre(name=name, role=role, term_start=start)
        record = dataclasses.replace(base, name=name, role=role, term_start=start, term_end=end, groups=groups,
                                     can_mentor=mentor, phone=r.text("电话"))
        record = _validated(r, validate_cadre, record, ctx.groups, CADRE_COLUMNS)
        if not r.finish():
            continue
        record.initials = name_initials(record.name)
        if existing is None:
            record.id = ctx.temp_id()
        kind.place(record, existing)
        ctx.remember_cadre(record, new_person=existing is None and number in NEW_PERSON)


def plan_households(ctx: PlanContext, sheet: Sheet) -> None:
    """Households, matched by 户编号; an empty 登记日期 means there before every record.

    For a household already kept, a changed 外出, 困难类别 or 组别 holds from the import day
    (the days before keep the old facts), unless the 农户变动 sheet changes that fact: then
    the row gives its value before those changes (see :mod:`village_tui.imports.plan_history`).
    """
    kind = ctx.plan.kinds["农户"]
    seen: dict[str, int] = {}
    for r in ctx.rows("农户", sheet):
        code = r.text("户编号").replace(" ", "")
        _duplicate(r, seen, code, "户编号")
        group = ctx.group(r, "组别", r.raw("组别"))
        if group is None and r.ok:
            r.error("组别", "请填写组别")
        members = r.get("人口", parse.whole_number, 1, 30, 1)
        away = r.get("外出", parse.yes_no, default=False)
        registered = r.get("登记日期", parse.optional_date, ctx.today)
        ctx.check_past(r, "登记日期", registered, "登记日期")
        if not r.ok:
            r.finish()
            continue
        existing = ctx.households.get(code)
        base = existing if existing is not None else Household(code=code, head="", group=group)
        record = dataclasses.replace(base, code=code, head=r.text("户主").replace(" ", ""), group=group,
                                     id_number=r.text("身份证号"), members=members, phone=r.text("电话"),
                                     away=away, needs=parse.items(r.raw("困难类别")), address=r.text("住址"),
                                     registered_on=registered or base.registered_on)
        record = _validated(r, validate_household, record, ctx.groups, HOUSEHOLD_COLUMNS)
        if not r.finish():
            continue
        record.initials = name_initials(record.head)
        if existing is None:
            record.id = ctx.temp_id()
        else:  # changed facts hold from today, or from the start when 农户变动 rows follow them
            record = dated_row(existing, record, ctx.household_changes.get(code, set()), ctx.today)
        kind.place(record, existing)
        ctx.households[record.code] = record


def plan_periods(ctx: PlanContext, sheet: Sheet) -> None:
    """Special periods, matched by start, end and reason; they are only ever added."""
    kind = ctx.plan.kinds["特殊时期"]
    known = {(p.start, p.end, p.reason) for p in ctx.service.records.peek("special_periods") if not p.cancelled}
    seen: dict[tuple, int] = {}
    for r in ctx.rows("特殊时期", sheet):
        start = r.get("开始日期", parse.date_cell, ctx.today)
        end = r.get("结束日期", parse.date_cell, ctx.today)
        reason = r.get("事由", lambda v, c: validate_required(parse.text(v), c, c, REASON_MAX))
        if start and end and end < start:
            r.error("结束日期", "结束日期不能早于开始日期")
        elif start and end and (end - start).days > 366:
            r.error("结束日期", "特殊时期不能超过一年")
        key = (start, end, reason)
        if r.ok and key in seen:
            r.error("", f"与第{seen[key]}行重复")
        if not r.finish():
            continue
        seen[key] = r.number
        if key in known:
            kind.unchanged += 1
        else:
            kind.add.append(SpecialPeriod(start=start, end=end, reason=reason))
