"""The one service object that the screens and the command line talk to.

It returns domain objects and raises domain errors; it never hands out
TinyDB documents. Each area of the work is one mixin in its own module.
"""

from __future__ import annotations

from village_tui.service.checks import CheckService
from village_tui.service.desk import DeskService
from village_tui.service.duty import DutyService
from village_tui.service.frozen import FrozenService
from village_tui.service.ledger import LedgerService
from village_tui.service.matters import MatterService
from village_tui.service.pairing import PairingService
from village_tui.service.reception import ReceptionService
from village_tui.service.registry import HouseholdHistory, RegistryService
from village_tui.service.visits import VisitService
from village_tui.store import BrokenDataFile  # raised when a data file is first read and found broken


class VillageService(CheckService, RegistryService, DutyService, PairingService, VisitService,
                     MatterService, DeskService, LedgerService, ReceptionService, FrozenService):
    """Every query and save of the village workbench."""


__all__ = ["BrokenDataFile", "HouseholdHistory", "VillageService"]
