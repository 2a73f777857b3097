"""What every part of the demo generator shares: the random generator, the dates, the people."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from village_tui.demo.village import Roles
from village_tui.domain.models import Cadre, Household, Pairing, SpecialPeriod, VillageSettings
from village_tui.store.kinds import yearly_id


@dataclass
class DemoContext:
    """State of one demo generation.

    Attributes:
        rng: The only source of randomness (seeded).
        start: First day with records.
        until: Last day with records ("today" of the demo).
        settings: The village settings.
        cadres: Every cadre, ids set.
        households: Every household, ids set.
        roles: Which cadre plays which part.
        periods: Special periods, ids set.
        pairings: Pairings, ids set.
        open_items: Ledger items still open at the end of earlier years: (id, day, closed_day, handler_id, due).
    """

    rng: random.Random
    start: date
    until: date
    settings: VillageSettings
    cadres: list[Cadre]
    households: list[Household]
    roles: Roles
    periods: list[SpecialPeriod] = field(default_factory=list)
    pairings: list[Pairing] = field(default_factory=list)
    open_items: list[tuple[str, date, date | None, int, date | None]] = field(default_factory=list)

    def active(self, day: date) -> list[Cadre]:
        """Cadres in office on ``day``."""
        return [c for c in self.cadres if c.active_on(day)]

    def available(self, day: date) -> list[Cadre]:
        """Cadres in office and not on leave on ``day``."""
        return [c for c in self.cadres if c.active_on(day) and not c.on_leave(day)]

    def in_office_handler(self, handler_id: int | None, day: date) -> int | None:
        """The handler of work closed on ``day``: ``handler_id`` while in office, else the first cadre
        in office then (the work was handed over when the handler left; RULEBOOK, "Office bounds")."""
        if any(c.id == handler_id and c.active_on(day) for c in self.cadres):
            return handler_id
        return next((c.id for c in self.active(day)), handler_id)

    def main_cadres(self, day: date) -> list[Cadre]:
        """The secretary and the director in office on ``day``."""
        return [c for c in self.active(day) if c.is_main]

    def area_cadre(self, group: str, day: date) -> Cadre | None:
        """The cadre responsible for ``group`` on ``day``."""
        for cadre in self.cadres:
            if group in cadre.groups and cadre.active_on(day):
                return cadre
        return None

    def window(self, year: int) -> tuple[date, date]:
        """The days of ``year`` that hold records."""
        return max(self.start, date(year, 1, 1)), min(self.until, date(year, 12, 31))

    def random_day(self, first: date, last: date) -> date:
        """A day between ``first`` and ``last`` inclusive."""
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def months(self, year: int) -> list[tuple[date, date]]:
        """The (first, last) record days of each month of ``year`` inside the data range."""
        first, last = self.window(year)
        found = []
        for month in range(first.month, last.month + 1):
            begin = max(first, date(year, month, 1))
            end = min(last, (date(year, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1))
            if begin <= end:
                found.append((begin, end))
        return found


def assign_ids(records: list, year: int) -> None:
    """Give yearly records the ids the store will give them (a fresh folder numbers from 1).

    The ids are needed before the write, because visits and ledger items point at each other.
    """
    for number, record in enumerate(records, start=1):
        record.id = yearly_id(year, number)
