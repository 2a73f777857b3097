"""The one service object that the screens and the command line talk to.

It returns domain objects and raises domain errors; it never hands out
TinyDB documents. Each area of the work is one class in its own module, which
names the areas it asks as its bases (reception asks the desk, duty and the
ledger; the checks ask every area that has rules).
"""

from __future__ import annotations

from village_tui.service.frozen import FrozenService
from village_tui.service.matters import MatterService
from village_tui.service.reception import ReceptionService
from village_tui.service.registry import HouseholdHistory
from village_tui.service.signing import SigningService
from village_tui.store import BrokenDataFile  # raised when a data file is first read and found broken


class VillageService(FrozenService, ReceptionService, MatterService, SigningService):
    """Every query and save of the village workbench."""


__all__ = ["BrokenDataFile", "HouseholdHistory", "VillageService"]
