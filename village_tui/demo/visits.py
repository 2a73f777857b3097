"""Demo visits: area visits (R7), the main cadres' monthly and first-year visits (R5, R6),
pairing visits (R11, R12), phone calls to households away (R8) and residents who come in.

Shortfalls kept on purpose: the ``skipper`` neglects his second group, the director
visits only 7 households in two months a year, the ``pairing_misser`` skips some
monthly pairing visits.
"""

from __future__ import annotations

from datetime import date, timedelta

from village_tui.demo.context import DemoContext, assign_ids
from village_tui.demo.texts import CITIES, CROPS, HELP_GIVEN, LEARNED, PHONE_LEARNED, REQUESTS
from village_tui.domain.dates import add_years
from village_tui.domain.models import Cadre, Household, Visit

REQUEST_SHARE = 0.025  # visits on which the household asks for something (becomes a ledger item)


class VisitMaker:
    """Makes the visits of one year at a time; first-year visits are planned once for all years."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.first_year: dict[int, tuple[date, date]] = {}
        self.request_category: dict[int, str] = {}  # id(visit) -> ledger category of its request
        self._first_plan: dict[int, list[tuple[date, Cadre, Household]]] = {}
        for cadre in ctx.cadres:
            if cadre.is_main and cadre.term_start <= ctx.until:
                begin, end = cadre.term_start, add_years(cadre.term_start, 1) - timedelta(days=1)
                if end >= ctx.start:
                    self.first_year[cadre.id] = (begin, end)
                    self._plan_first_year(cadre, begin, end)

    def _plan_first_year(self, cadre: Cadre, begin: date, end: date) -> None:
        for household in self.ctx.households:
            day = self.ctx.random_day(begin, end)
            if self.ctx.start <= day <= min(self.ctx.until, cadre.term_end or self.ctx.until):
                self._first_plan.setdefault(day.year, []).append((day, cadre, household))

    def year(self, year: int) -> list[Visit]:
        """Every visit of ``year``, ordered by day, with the ids the store will give them."""
        visits: list[Visit] = []
        self.request_category.clear()
        for day, cadre, household in self._first_plan.get(year, ()):
            visits.append(self._visit(day, cadre, household))
        self._area_visits(year, visits)
        self._monthly_visits(year, visits)
        self._pairing_visits(year, visits)
        self._callers(year, visits)
        visits.sort(key=lambda v: (v.day, v.cadre_id, v.household_id))
        assign_ids(visits, year)
        return visits

    def _short_month(self, cadre: Cadre, day: date) -> bool:
        """The director's months with only 7 households visited in all (R6 falls short)."""
        return cadre is self.ctx.roles.director and (day.month + day.year) % 6 == 0

    def _visit(self, day: date, cadre: Cadre, household: Household, way: str | None = None) -> Visit:
        rng = self.ctx.rng
        if way is None:
            way = "电话" if household.away and rng.random() < 0.8 else "入户"
        if way == "电话":
            learned = rng.choice(PHONE_LEARNED).format(city=rng.choice(CITIES))
        else:
            learned = rng.choice(LEARNED).format(members=household.members, crop=rng.choice(CROPS),
                                                 pigs=rng.randint(2, 20))
        visit = Visit(day=day, cadre_id=cadre.id, household_id=household.id, way=way, learned=learned)
        if rng.random() < REQUEST_SHARE:
            category = rng.choice(list(REQUESTS))
            visit.requests = rng.choice(REQUESTS[category]).format(crop=rng.choice(CROPS), group=household.group)
            visit.dispute = category == "矛盾纠纷"
            self.request_category[id(visit)] = category
        visit.calmed = visit.dispute or rng.random() < 0.015
        return visit

    def _area_visits(self, year: int, visits: list[Visit]) -> None:
        """Each area cadre visits every household of the area twice a calendar year (R7)."""
        ctx, rng = self.ctx, self.ctx.rng
        first = date(year, 1, 1)  # drawn over the whole year, so a partial first year is thin, not crowded
        skipped_group = ctx.roles.skipper.groups[-1]
        for household in ctx.households:
            times = 3 if rng.random() < 0.1 else 2
            if household.group_on(first) == skipped_group:
                times = 1 if rng.random() < 0.55 else 0
            for _ in range(times):
                day = ctx.random_day(first, date(year, 12, 31))
                if not ctx.start <= day <= ctx.until:
                    continue
                cadre = ctx.area_cadre(household.group_on(day), day)
                if cadre is not None:
                    visits.append(self._visit(day, cadre, household))

    def _monthly_visits(self, year: int, visits: list[Visit]) -> None:
        """村主干 visit 10–15 distinct households a month (R6); the director only 7 in two months a year."""
        ctx, rng = self.ctx, self.ctx.rng
        for begin, end in ctx.months(year):
            for cadre in ctx.main_cadres(begin) + [c for c in ctx.main_cadres(end) if not c.active_on(begin)]:
                span = self.first_year.get(cadre.id)
                if span and span[0] <= end and begin <= span[1]:
                    continue  # the first-year round already brings far more than ten a month
                first, last = max(begin, cadre.term_start), min(end, cadre.term_end or end)
                if first > last:
                    continue
                wanted = rng.randint(10, 15)
                pool = ctx.households
                if self._short_month(cadre, begin):
                    paired = {p.household_id for p in ctx.pairings if p.cadre_id == cadre.id and p.kind == "帮扶"
                              and p.start <= end and (p.end is None or p.end >= begin)}
                    wanted = 7 - len(paired)
                    pool = [h for h in ctx.households if h.id not in paired]
                month_len = (date(year, begin.month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                share = ((last - first).days + 1) / month_len.day
                count = max(1, round(wanted * share)) if share < 1 else wanted
                for household in rng.sample(pool, max(0, count)):
                    visits.append(self._visit(ctx.random_day(first, last), cadre, household))

    def _pairing_visits(self, year: int, visits: list[Visit]) -> None:
        """帮扶 households are visited every month they are paired (R12); 帮带 ones every other month."""
        ctx, rng = self.ctx, self.ctx.rng
        by_id = {h.id: h for h in ctx.households}
        cadres = {c.id: c for c in ctx.cadres}
        for begin, end in ctx.months(year):
            for pairing in ctx.pairings:
                first = max(begin, pairing.start)
                last = min(end, pairing.end or end)
                if first > last:
                    continue
                cadre = cadres[pairing.cadre_id]
                if pairing.kind == "帮带" and (begin.month % 2 or self._short_month(cadre, begin)):
                    continue
                if cadre is ctx.roles.pairing_misser and rng.random() < 0.2:
                    continue
                visit = self._visit(ctx.random_day(first, last), cadre, by_id[pairing.household_id])
                visit.help_given = rng.choice(HELP_GIVEN).format(crop=rng.choice(CROPS))
                visits.append(visit)

    def _callers(self, year: int, visits: list[Visit]) -> None:
        """Residents who come to the village office (来访), about two a week."""
        ctx, rng = self.ctx, self.ctx.rng
        first, last = ctx.window(year)
        for _ in range(((last - first).days + 1) * 2 // 7):
            day = ctx.random_day(first, last)
            cadres = [c for c in ctx.available(day) if not self._short_month(c, day)]
            if cadres:
                visits.append(self._visit(day, rng.choice(cadres), rng.choice(ctx.households), way="来访"))
