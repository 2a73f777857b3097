"""Demo pairings: every cadre helps needy households (帮扶, R12); mentors lead 3–5 households (帮带, R11)."""

from __future__ import annotations

from datetime import date, timedelta

from village_tui.demo.context import DemoContext
from village_tui.demo.texts import CROPS, MENTOR_GOALS
from village_tui.domain.dates import add_years
from village_tui.domain.models import HELP_KINDS, Cadre, Pairing


def make_pairings(ctx: DemoContext, large: bool) -> list[Pairing]:
    """Pairings over the whole data range, in start order.

    A 帮扶 pairing lasts two to five years on the large village and is then
    replaced by another needy household; the former secretary's end with his term.
    """
    rng = ctx.rng
    needy = [h for h in ctx.households if h.needs]
    others = [h for h in ctx.households if not h.needs]
    rng.shuffle(needy)
    rng.shuffle(others)
    pairings: list[Pairing] = []
    for cadre in ctx.cadres:
        first = max(cadre.term_start, ctx.start)
        last = cadre.term_end
        for _ in range(rng.randint(2, 3) if large else 1):
            day = first
            while day <= ctx.until and needy:
                household = needy.pop()
                end = add_years(day, rng.randint(2, 5)) if large else None
                if last is not None and (end is None or end > last):
                    end = last
                if end is not None and end >= ctx.until:
                    end = None
                pairings.append(Pairing(
                    cadre_id=cadre.id, household_id=household.id, kind="帮扶", start=day, end=end,
                    help_planned=rng.sample(list(HELP_KINDS), 2),
                    goals=f"解决{household.needs[0]}家庭的实际困难，每月至少走访一次"))
                if end is None or end == last:
                    break
                day = end + timedelta(days=1)
        if cadre in ctx.roles.mentors:
            pairings.extend(_mentoring(ctx, cadre, others, first, last))
    pairings.sort(key=lambda p: (p.start, p.cadre_id, p.kind))
    return pairings


def _mentoring(ctx: DemoContext, cadre: Cadre, pool: list, first: date, last: date | None) -> list[Pairing]:
    rng = ctx.rng
    count = 2 if cadre is ctx.roles.short_mentor else rng.randint(3, 5)
    found = []
    for _ in range(min(count, len(pool))):
        household = pool.pop()
        goal = rng.choice(MENTOR_GOALS).format(crop=rng.choice(CROPS))
        found.append(Pairing(cadre_id=cadre.id, household_id=household.id, kind="帮带",
                             start=first + timedelta(days=rng.randint(0, 30)), end=last,
                             help_planned=rng.sample(list(HELP_KINDS), 3), goals=goal))
    return found
