"""What 首页 shows, kept in parts: a save recomputes only the parts it touched.

首页 is built anew at every visit, so what it computed is kept here, one :class:`HomeParts` per
open service, told of every save by the service itself (in the saving thread, even while 首页
is not shown). Each part names the kinds of record it reads, and which of them it reads for the
running month only: a visit saved in November judges the visit rules of November again, a visit
saved in October leaves them be (only the 12-month trend counts it). A new day, a settings save
or a changed start of the village's obligations recomputes everything.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from village_tui.domain.changes import SETTINGS, DataChange
from village_tui.domain.findings import Finding
from village_tui.domain.matters import next_step
from village_tui.domain.models import DutyDay, LedgerItem, Matter, Meeting, ServiceRequest
from village_tui.domain.scorecard import ScoreRow, build_scorecard, cadre_labels
from village_tui.service import VillageService
from village_tui.service.checks import MONTH_PARTS, MONTH_RULES

SCORE_RULES = sorted(MONTH_RULES, key=lambda r: int(r[1:]))


@dataclass
class HomeData:
    """Everything the home screen shows, computed off the UI thread."""

    today: date
    duty: DutyDay | None
    names: dict[int, str]
    meeting: Meeting | None
    rows: list[ScoreRow]
    overdue_items: list[LedgerItem] = field(default_factory=list)
    waiting_above: list[LedgerItem] = field(default_factory=list)  # waiting at 乡镇/县: not the village's 超期
    overdue_requests: list[ServiceRequest] = field(default_factory=list)
    matters: list[Matter] = field(default_factory=list)
    trend: list[tuple[int, int, int, int]] = field(default_factory=list)
    version: int = 0  # a later computation has a higher one: an older one arriving late is not drawn


class Part(NamedTuple):
    """One part of 首页 and what it reads.

    Attributes:
        read: Computes the part from the service.
        kinds: Kinds of record it reads whatever their month.
        month_kinds: Kinds it reads for the running month only.
    """

    read: Callable[[VillageService], Any]
    kinds: frozenset[str] = frozenset()
    month_kinds: frozenset[str] = frozenset()


def _rules(part: str) -> Callable[[VillageService], list[Finding]]:
    def read(service: VillageService) -> list[Finding]:
        today = service.today
        return service.month_findings(today.year, today.month, parts=(part,))

    return read


_F = frozenset
PARTS: dict[str, Part] = {
    "duty": Part(lambda s: s.duty_day(s.today), month_kinds=_F({"duty"})),
    "names": Part(lambda s: s.cadre_names(), _F({"cadres"})),
    "labels": Part(lambda s: cadre_labels(s.cadres(include_archived=True)), _F({"cadres"})),
    "meeting": Part(lambda s: s.meeting_for_month(s.today.year, s.today.month), month_kinds=_F({"meetings"})),
    "overdue_items": Part(lambda s: s.overdue_items(s.today), _F({"ledger"})),
    "waiting_above": Part(lambda s: s.waiting_above_items(s.today), _F({"ledger"})),
    "overdue_requests": Part(lambda s: s.overdue_requests(s.today), _F({"requests"})),
    "matters": Part(lambda s: [m for m in s.matters() if next_step(m) is not None], _F({"matters"})),
    "trend": Part(lambda s: s.month_trend(12), _F({"visits", "ledger"})),
    # The rules of the month's check, one part per area (service.checks.MONTH_PARTS).
    "rules:duty": Part(_rules("duty"), _F({"cadres", "special_periods"}), _F({"duty"})),
    "rules:visits": Part(_rules("visits"), _F({"cadres", "households"}), _F({"visits"})),
    "rules:pairing": Part(_rules("pairing"), _F({"cadres", "households", "pairings"}), _F({"visits"})),
    "rules:ledger": Part(_rules("ledger"), _F({"cadres", "households", "ledger", "meetings"})),
    "rules:desk": Part(_rules("desk"), _F({"cadres", "households", "requests", "matters"})),
}
RULE_PARTS = tuple(f"rules:{part}" for part in MONTH_PARTS)


def touched_parts(change: DataChange, today: date) -> set[str]:
    """The parts of 首页 a change touches, judged for the month of ``today``."""
    if change.touches(SETTINGS):
        return set(PARTS)
    return {name for name, part in PARTS.items()
            if change.touches(*part.kinds)
            or any(change.touches_month(kind, today.year, today.month) for kind in part.month_kinds)}


class HomeParts:
    """What 首页 computed, part by part, and which parts a save has touched since.

    Thread-safe: notices come in the saving thread, computing runs in 首页's worker.

    Attributes:
        computed: How often each part was computed (what a test counts).
    """

    def __init__(self, service: VillageService) -> None:
        self._service = weakref.ref(service)  # the service keeps this (its subscriber), not the other way
        self._kept: dict[str, tuple[int, Any]] = {}  # part -> (tick when its reading began, value)
        self._touched_at: dict[str, int] = {}  # part -> tick of the last change touching it
        self._tick = 0
        self._basis: tuple[date, date] | None = None  # today and the obligations' start when computed
        self._data: HomeData | None = None
        self._guard = threading.Lock()  # the ticks (held briefly, also by the saving thread)
        self._computing = threading.Lock()  # one computation at a time
        self.computed: Counter[str] = Counter()

    def heard(self, change: DataChange) -> None:
        """A save was committed: mark the parts it touched (in the saving thread; nothing is read here)."""
        with self._guard:
            self._tick += 1
            service = self._service()
            for name in touched_parts(change, service.today) if service is not None else ():
                self._touched_at[name] = self._tick

    def forget(self) -> None:
        """Compute every part again on the next :meth:`data` (刷新)."""
        with self._guard:
            self._tick += 1
            self._touched_at = dict.fromkeys(PARTS, self._tick)

    def stale(self) -> set[str]:
        """The parts to compute again: touched since they were read, or never read."""
        with self._guard:
            return {name for name in PARTS
                    if name not in self._kept or self._kept[name][0] < self._touched_at.get(name, 0)}

    def data(self) -> HomeData:
        """What 首页 shows: the kept parts, the stale ones computed again (the same object when none was)."""
        service = self._service()
        if service is None:
            raise RuntimeError("the service of these parts is gone")
        with self._computing:
            basis = (service.today, service.obligations_start())
            if basis != self._basis:
                self.forget()  # a new day, or the village's start moved: every figure may move
            stale = self.stale()
            if not stale and self._data is not None:
                return self._data
            for name in PARTS:
                if name in stale:
                    with self._guard:
                        began = self._tick  # a save while reading leaves the part stale
                    self._kept[name] = (began, PARTS[name].read(service))
                    self.computed[name] += 1
            self._basis = basis
            self._data = self._assemble(service.today, (self._data.version if self._data else 0) + 1)
            return self._data

    def _assemble(self, today: date, version: int) -> HomeData:
        value = {name: kept[1] for name, kept in self._kept.items()}
        findings = [finding for name in RULE_PARTS for finding in value[name]]
        return HomeData(
            today=today, duty=value["duty"], names=value["names"], meeting=value["meeting"],
            rows=build_scorecard(findings, SCORE_RULES, value["labels"]),
            overdue_items=value["overdue_items"], overdue_requests=value["overdue_requests"],
            waiting_above=value["waiting_above"],
            matters=value["matters"], trend=value["trend"], version=version)


_PARTS: weakref.WeakKeyDictionary[VillageService, HomeParts] = weakref.WeakKeyDictionary()
_MADE = threading.Lock()


def home_parts(service: VillageService) -> HomeParts:
    """The kept parts of 首页 for ``service``, made (and subscribed to its changes) on first use."""
    with _MADE:
        parts = _PARTS.get(service)
        if parts is None:
            parts = _PARTS[service] = HomeParts(service)
            service.on_change(parts.heard)
        return parts
