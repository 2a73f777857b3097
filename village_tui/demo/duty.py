"""Demo duty: special periods (R2) and one duty day per day with roster and sign-ins (R1, R3)."""

from __future__ import annotations

from datetime import date, timedelta

from village_tui.demo.context import DemoContext, assign_ids
from village_tui.domain.models import DutyDay, SignIn, SpecialPeriod, Swap

ROSTER_AHEAD = 14  # days of roster planned beyond "today"


def roster_end(until: date) -> date:
    """The last day that has a planned roster."""
    return until + timedelta(days=ROSTER_AHEAD)


def make_special_periods(ctx: DemoContext) -> list[SpecialPeriod]:
    """防火 in spring and 防汛 in summer every year (some crossing a month boundary), now and then a
    key campaign, and a coming winter fire-prevention period right after "today"."""
    rng = ctx.rng
    periods = []
    last = roster_end(ctx.until)
    for year in range(ctx.start.year, ctx.until.year + 1):
        fire_start = date(year, 3, rng.randint(12, 28))
        periods.append(SpecialPeriod(start=fire_start, end=fire_start + timedelta(days=rng.randint(7, 14)),
                                     reason="春季森林防火（清明前后）"))
        flood_start = date(year, 6, rng.randint(8, 24))
        periods.append(SpecialPeriod(start=flood_start, end=flood_start + timedelta(days=rng.randint(6, 16)),
                                     reason="主汛期防汛"))
        if rng.random() < 0.35:
            work_start = date(year, rng.choice((9, 10, 11)), rng.randint(1, 20))
            reason = rng.choice(("阶段性重点工作：人口普查入户登记", "抗震减灾应急演练", "阶段性重点工作：医保缴费动员"))
            periods.append(SpecialPeriod(start=work_start, end=work_start + timedelta(days=rng.randint(2, 5)),
                                         reason=reason))
    coming = ctx.until + timedelta(days=3)
    periods.append(SpecialPeriod(start=coming, end=coming + timedelta(days=7), reason="冬季森林防火"))
    return sorted((p for p in periods if ctx.start <= p.start and p.end <= last), key=lambda p: p.start)


def _time(ctx: DemoContext, early: bool = False) -> str:
    hour = 7 if early and ctx.rng.random() < 0.3 else 8
    return f"{hour:02d}:{ctx.rng.randint(0, 59):02d}"


def make_duty_year(ctx: DemoContext, year: int) -> list[DutyDay]:
    """The duty days of ``year``: past days with sign-ins, coming days with the roster only.

    Shortfalls kept on purpose: about one day in 120 nobody signed in; in some special
    periods one cadre missed a day.
    """
    rng = ctx.rng
    first = max(ctx.start, date(year, 1, 1))
    last = min(roster_end(ctx.until), date(year, 12, 31))
    days = []
    day = first
    missed_period = {p.start: rng.random() < 0.4 for p in ctx.periods}
    while day <= last:
        available = ctx.available(day)
        if available:
            days.append(_duty_day(ctx, day, available, missed_period))
        day += timedelta(days=1)
    assign_ids(days, year)
    return days


def _duty_day(ctx: DemoContext, day: date, available: list, missed_period: dict) -> DutyDay:
    rng = ctx.rng
    period = next((p for p in ctx.periods if p.covers(day)), None)
    record = DutyDay(day=day)
    if period is not None:
        record.rostered = [c.id for c in available]
        record.note = period.reason
        if day <= ctx.until:
            skip = ctx.roles.skipper.id if missed_period[period.start] and day == period.start + timedelta(days=2) else None
            record.signins = [SignIn(cadre_id=c.id, time=_time(ctx, early=True), visitors=rng.randint(0, 4))
                              for c in available if c.id != skip]
        return record
    on_duty = available[day.toordinal() % len(available)]
    record.rostered = [on_duty.id]
    mains = [c for c in available if c.is_main]
    if day.weekday() == 0 and mains and on_duty not in mains:
        record.rostered.insert(0, mains[day.toordinal() // 7 % len(mains)].id)
    if day > ctx.until:
        return record
    if rng.random() < 1 / 120:
        record.note = "值班干部临时外出办事，未签到"
        return record
    sitting = list(record.rostered)
    if rng.random() < 0.03 and len(available) > 1:
        taker = rng.choice([c for c in available if c.id not in sitting])
        record.swaps.append(Swap(from_id=sitting[-1], to_id=taker.id,
                                 reason=rng.choice(("到乡镇开会", "家中有事", "外出办理民情事项"))))
        sitting[-1] = taker.id
    for main in mains:
        if main.id not in sitting and day.weekday() < 5 and rng.random() < 0.25:
            sitting.append(main.id)
    record.signins = [SignIn(cadre_id=cid, time=_time(ctx), visitors=rng.choice((0, 0, 1, 1, 2, 3, 5)))
                      for cid in sitting]
    return record
