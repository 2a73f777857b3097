"""Shared test data for the app's pilot tests: a small village with Chinese names."""

from __future__ import annotations

from datetime import date

from village_tui.domain.models import Cadre, Household, VillageSettings
from village_tui.domain.validation import id_check_digit
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


def valid_id(first17: str) -> str:
    """A valid 18-digit ID number from its first 17 digits."""
    return first17 + id_check_digit(first17)


def make_village(service: VillageService | None = None) -> VillageService:
    """A village (in memory unless a service is given): settings, two cadres and four households."""
    service = service or VillageService.in_memory(today=TODAY)
    service.save_settings(VillageSettings(name="东风村", township="青山镇", county="田县",
                                          groups=["1组", "2组", "3组"]))
    service.save_cadre(Cadre(name="张建国", role="书记", term_start=date(2024, 1, 5), groups=["1组"]))
    service.save_cadre(Cadre(name="李秀英", role="委员", term_start=date(2024, 1, 5), groups=["2组"]))
    service.save_household(Household(code="0001", head="王大山", group="1组",
                                     id_number=valid_id("11010519491231002"), phone="13812345678"))
    service.save_household(Household(code="0002", head="曾小明", group="2组",
                                     id_number=valid_id("11010519800101003"), phone="13900001111",
                                     needs=["低保户"]))
    service.save_household(Household(code="0003", head="单丽华", group="3组", away=True,
                                     id_number=valid_id("11010519750505004"), phone="13700002222"))
    service.save_household(Household(code="0004", head="王大山", group="2组", phone="13600003333"))
    return service


async def press_each(pilot, *keys: str) -> None:
    """Press each key in turn, letting the app handle it before the next (``f8``, ``u``, ``enter``)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
