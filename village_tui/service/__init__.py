"""The village service: one typed area per part of the work, behind a thin facade.

Each area (:class:`VisitService`, :class:`LedgerService`, :class:`DutyService`, …) is built with the
shared :class:`~village_tui.service.context.ServiceContext` (the opened folder, its records, today, the
operator) and the sibling areas it asks, declared in its constructor. No area inherits another.
:class:`VillageService` builds them in dependency order and holds them in ``service.areas``; the
method names callers have always used (``service.save_visit``) are forwarded to their area with
their types (:class:`~village_tui.service.forward.forward`).

The areas return domain objects and raise domain errors; they never hand out TinyDB documents.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from village_tui.domain.models import Cadre, VillageSettings
from village_tui.service.context import ServiceContext
from village_tui.service.forward import forward
from village_tui.service.signing import SigningService
from village_tui.store import BrokenDataFile  # raised when a data file is first read and found broken
from village_tui.store import DataFolder

if TYPE_CHECKING:  # the areas are imported when first used (start-up needs only the registry and duty)
    from village_tui.service.checks import CheckService
    from village_tui.service.desk import DeskService
    from village_tui.service.duty import DutyService
    from village_tui.service.exchange import ExchangeService
    from village_tui.service.ledger import LedgerService
    from village_tui.service.matters import MatterService
    from village_tui.service.pairing import PairingService
    from village_tui.service.registry import HouseholdHistory, RegistryService
    from village_tui.service.visits import VisitService


T = TypeVar("T")


class _built(Generic[T]):  # noqa: N801 - used like a decorator, as functools.cached_property is
    """An area of :class:`ServiceAreas`, built by the decorated function the first time it is read.

    Built once under the areas' lock, so two threads asking at once share one area (an area keeps
    memos that a second copy would not see cleared); later reads find it in the instance's
    ``__dict__`` without calling the descriptor.
    """

    def __init__(self, build: Callable[[ServiceAreas], T]) -> None:
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _built[T]: ...

    @overload
    def __get__(self, instance: ServiceAreas, owner: type | None = None) -> T: ...

    def __get__(self, instance: ServiceAreas | None, owner: type | None = None) -> _built[T] | T:
        if instance is None:
            return self
        with instance._lock:
            built = vars(instance)
            if self.name not in built:
                built[self.name] = self.build(instance)
            area: T = built[self.name]
            return area


class ServiceAreas:
    """The areas of one opened village folder, each built with the siblings it declares.

    Each area's module is imported and the area built the first time it is asked for, with the
    siblings it declares (built then too, once). The sign-in needs only the registry and the duty
    roster, so the other areas (and the rules, the assessment and pinyin they import) wait until
    a screen asks.

    Args:
        context: The opened folder's shared state, handed to every area.

    Attributes:
        visits: Household visits (R5–R8).
        ledger: The 民情台账, escalation and the monthly meeting (R9, R10, R15); asks visits.
        duty: The duty roster, special periods, leave and sign-ins (R1–R4).
        registry: Cadres and households, and signing in; asks duty.
        pairing: 结对帮扶 and 帮带 (R11, R12); asks visits.
        desk: The service desk (R13) and visitors received on duty; asks duty and the ledger.
        matters: The five-step matters (五事, R14).
        checks: The month and year checks, the assessment and frozen results; asks every area with rules.
        exchange: What an import writes; asks the ledger.
    """

    NAMES = ("visits", "ledger", "duty", "registry", "pairing", "desk", "matters", "checks", "exchange")

    def __init__(self, context: ServiceContext) -> None:
        self._context = context
        self._lock = threading.RLock()  # two threads asking first get one area; building one builds its siblings

    def built(self) -> list[str]:
        """The names of the areas built so far, in :attr:`NAMES` order."""
        return [name for name in self.NAMES if name in vars(self)]

    @_built
    def visits(self) -> VisitService:
        from village_tui.service.visits import VisitService

        return VisitService(self._context)

    @_built
    def ledger(self) -> LedgerService:
        from village_tui.service.ledger import LedgerService

        return LedgerService(self._context, self.visits)

    @_built
    def duty(self) -> DutyService:
        from village_tui.service.duty import DutyService

        return DutyService(self._context)

    @_built
    def registry(self) -> RegistryService:
        from village_tui.service.registry import RegistryService

        return RegistryService(self._context, self.duty)

    @_built
    def pairing(self) -> PairingService:
        from village_tui.service.pairing import PairingService

        return PairingService(self._context, self.visits)

    @_built
    def desk(self) -> DeskService:
        from village_tui.service.desk import DeskService

        return DeskService(self._context, self.duty, self.ledger)

    @_built
    def matters(self) -> MatterService:
        from village_tui.service.matters import MatterService

        return MatterService(self._context)

    @_built
    def checks(self) -> CheckService:
        from village_tui.service.checks import CheckService

        return CheckService(self._context, self.duty, self.visits, self.pairing, self.ledger, self.desk, self.registry)

    @_built
    def exchange(self) -> ExchangeService:
        from village_tui.service.exchange import ExchangeService

        return ExchangeService(self._context, self.ledger)


class VillageService(SigningService):
    """Every query and save of the village workbench: the areas, and their methods under their old names.

    Args:
        folder: The opened data folder.
        today: Fixed "today" for tests and the demo; None means the real date in China.
    """

    def __init__(self, folder: DataFolder, today: date | None = None) -> None:
        super().__init__(folder, today)
        self.areas = ServiceAreas(self.context)

    def set_up(self, settings: VillageSettings, cadres: list[Cadre]) -> None:
        """The first-run setup: the village settings and its first cadres, saved as one journal line.

        A kill or a refused disk leaves all of it or none of it, so the setup is never
        half done (settings saved, a cadre missing) and a new folder is safe at every step.
        On failure the cadres keep no ids. The settings are saved by the opened folder's own
        :meth:`set_up_village`, so what it adds to a first setup is added here too.

        Args:
            settings: The village settings.
            cadres: The cadres; those without an id are added.

        Raises:
            ValidationErrors: A cadre is wrong (nothing saved).
        """
        new = [cadre for cadre in cadres if cadre.id is None]
        try:
            with self.records.transaction():
                self.set_up_village(settings)  # stores today as the day the village's obligations start
                for cadre in new:
                    cadre.id = self.areas.registry.save_cadre(cadre).id
        except BaseException:
            for cadre in new:
                cadre.id = None
            raise

    # -- visits (VisitService) --
    visit = forward("visits", lambda: VisitService.visit)
    save_visit = forward("visits", lambda: VisitService.save_visit)
    cancel_visit = forward("visits", lambda: VisitService.cancel_visit)
    restore_visit = forward("visits", lambda: VisitService.restore_visit)
    link_visit_to_ledger = forward("visits", lambda: VisitService.link_visit_to_ledger)
    visits = forward("visits", lambda: VisitService.visits)
    worklist = forward("visits", lambda: VisitService.worklist)
    visit_month_findings = forward("visits", lambda: VisitService.visit_month_findings)
    visit_year_findings = forward("visits", lambda: VisitService.visit_year_findings)

    # -- the ledger and the monthly meeting (LedgerService) --
    ledger_item = forward("ledger", lambda: LedgerService.ledger_item)
    ledger_years = forward("ledger", lambda: LedgerService.ledger_years)
    ledger_items = forward("ledger", lambda: LedgerService.ledger_items)
    ledger_item_count = forward("ledger", lambda: LedgerService.ledger_item_count)
    forget_ledger_memo = forward("ledger", lambda: LedgerService.forget_ledger_memo)
    open_items = forward("ledger", lambda: LedgerService.open_items)
    escalated_open_items = forward("ledger", lambda: LedgerService.escalated_open_items)
    overdue_items = forward("ledger", lambda: LedgerService.overdue_items)
    waiting_above_items = forward("ledger", lambda: LedgerService.waiting_above_items)
    ledger_group_of = forward("ledger", lambda: LedgerService.ledger_group_of)
    save_ledger_item = forward("ledger", lambda: LedgerService.save_ledger_item)
    set_ledger_status = forward("ledger", lambda: LedgerService.set_ledger_status)
    set_status = forward("ledger", lambda: LedgerService.set_status)
    escalate = forward("ledger", lambda: LedgerService.escalate)
    record_reply = forward("ledger", lambda: LedgerService.record_reply)
    record_upper_reply = forward("ledger", lambda: LedgerService.record_upper_reply)
    close_item = forward("ledger", lambda: LedgerService.close_item)
    reopen_item = forward("ledger", lambda: LedgerService.reopen_item)
    reopen = forward("ledger", lambda: LedgerService.reopen)
    ledger_item_from_visit = forward("ledger", lambda: LedgerService.ledger_item_from_visit)
    save_visit_to_ledger = forward("ledger", lambda: LedgerService.save_visit_to_ledger)
    save_ledger_categories = forward("ledger", lambda: LedgerService.save_ledger_categories)
    meeting_for_month = forward("ledger", lambda: LedgerService.meeting_for_month)
    save_meeting = forward("ledger", lambda: LedgerService.save_meeting)
    meeting_agenda = forward("ledger", lambda: LedgerService.meeting_agenda)
    decide = forward("ledger", lambda: LedgerService.decide)
    escalate_after_meeting = forward("ledger", lambda: LedgerService.escalate_after_meeting)
    ledger_month_findings = forward("ledger", lambda: LedgerService.ledger_month_findings)
    ledger_satisfaction_findings = forward("ledger", lambda: LedgerService.ledger_satisfaction_findings)

    # -- the duty roster (DutyService) --
    duty_day = forward("duty", lambda: DutyService.duty_day)
    duty_days = forward("duty", lambda: DutyService.duty_days)
    duty_month = forward("duty", lambda: DutyService.duty_month)
    special_periods = forward("duty", lambda: DutyService.special_periods)
    duty_findings = forward("duty", lambda: DutyService.duty_findings)
    duty_counts = forward("duty", lambda: DutyService.duty_counts)
    save_duty_day = forward("duty", lambda: DutyService.save_duty_day)
    set_on_duty = forward("duty", lambda: DutyService.set_on_duty)
    set_roster = forward("duty", lambda: DutyService.set_roster)
    fill_month = forward("duty", lambda: DutyService.fill_month)
    roster_everyone = forward("duty", lambda: DutyService.roster_everyone)
    swap_duty = forward("duty", lambda: DutyService.swap_duty)
    add_special_period = forward("duty", lambda: DutyService.add_special_period)
    cancel_special_period = forward("duty", lambda: DutyService.cancel_special_period)
    restore_special_period = forward("duty", lambda: DutyService.restore_special_period)
    duty_sign_in = forward("duty", lambda: DutyService.duty_sign_in)
    cancel_sign_in = forward("duty", lambda: DutyService.cancel_sign_in)
    add_leave = forward("duty", lambda: DutyService.add_leave)
    rostered_days = forward("duty", lambda: DutyService.rostered_days)
    reroster_leave = forward("duty", lambda: DutyService.reroster_leave)
    cancel_leave = forward("duty", lambda: DutyService.cancel_leave)
    restore_leave = forward("duty", lambda: DutyService.restore_leave)
    set_duty_mode = forward("duty", lambda: DutyService.set_duty_mode)

    # -- cadres, households and signing in (RegistryService) --
    cadres = forward("registry", lambda: RegistryService.cadres)
    cadre = forward("registry", lambda: RegistryService.cadre)
    cadre_names = forward("registry", lambda: RegistryService.cadre_names)
    save_cadre = forward("registry", lambda: RegistryService.save_cadre)
    archive_cadre = forward("registry", lambda: RegistryService.archive_cadre)
    unarchive_cadre = forward("registry", lambda: RegistryService.unarchive_cadre)
    sign_in = forward("registry", lambda: RegistryService.sign_in)
    record_login_duty = forward("registry", lambda: RegistryService.record_login_duty)
    households = forward("registry", lambda: RegistryService.households)
    household = forward("registry", lambda: RegistryService.household)
    household_by_code = forward("registry", lambda: RegistryService.household_by_code)
    household_duplicates = forward("registry", lambda: RegistryService.household_duplicates)
    save_household = forward("registry", lambda: RegistryService.save_household)
    archive_household = forward("registry", lambda: RegistryService.archive_household)
    unarchive_household = forward("registry", lambda: RegistryService.unarchive_household)
    reveal_phone = forward("registry", lambda: RegistryService.reveal_phone)
    next_household_code = forward("registry", lambda: RegistryService.next_household_code)
    search_households = forward("registry", lambda: RegistryService.search_households)
    history_years = forward("registry", lambda: RegistryService.history_years)
    household_history = forward("registry", lambda: RegistryService.household_history)
    extend_history = forward("registry", lambda: RegistryService.extend_history)

    # -- pairings (PairingService) --
    pairings = forward("pairing", lambda: PairingService.pairings)
    pairing = forward("pairing", lambda: PairingService.pairing)
    pairing_warnings = forward("pairing", lambda: PairingService.pairing_warnings)
    check_pairing = forward("pairing", lambda: PairingService.check_pairing)
    save_pairing = forward("pairing", lambda: PairingService.save_pairing)
    end_pairing = forward("pairing", lambda: PairingService.end_pairing)
    cancel_pairing = forward("pairing", lambda: PairingService.cancel_pairing)
    restore_pairing = forward("pairing", lambda: PairingService.restore_pairing)
    record_pairing_visit = forward("pairing", lambda: PairingService.record_pairing_visit)
    pairing_matrix = forward("pairing", lambda: PairingService.pairing_matrix)
    pairing_month_findings = forward("pairing", lambda: PairingService.pairing_month_findings)
    pairing_year_findings = forward("pairing", lambda: PairingService.pairing_year_findings)

    # -- the service desk and visitors received on duty (DeskService) --
    request = forward("desk", lambda: DeskService.request)
    save_request = forward("desk", lambda: DeskService.save_request)
    set_request_status = forward("desk", lambda: DeskService.set_request_status)
    finish_request = forward("desk", lambda: DeskService.finish_request)
    cancel_request = forward("desk", lambda: DeskService.cancel_request)
    close_request = forward("desk", lambda: DeskService.close_request)
    reopen_request = forward("desk", lambda: DeskService.reopen_request)
    request_count = forward("desk", lambda: DeskService.request_count)
    requests = forward("desk", lambda: DeskService.requests)
    cancelled_requests = forward("desk", lambda: DeskService.cancelled_requests)
    overdue_requests = forward("desk", lambda: DeskService.overdue_requests)
    receipt_text = forward("desk", lambda: DeskService.receipt_text)
    save_request_settings = forward("desk", lambda: DeskService.save_request_settings)
    desk_month_findings = forward("desk", lambda: DeskService.desk_month_findings)
    receive_visitor = forward("desk", lambda: DeskService.receive_visitor)

    # -- the five-step matters (MatterService) --
    matters = forward("matters", lambda: MatterService.matters)
    matter = forward("matters", lambda: MatterService.matter)
    save_matter = forward("matters", lambda: MatterService.save_matter)
    rename_matter = forward("matters", lambda: MatterService.rename_matter)
    record_step = forward("matters", lambda: MatterService.record_step)
    restore_matter = forward("matters", lambda: MatterService.restore_matter)
    cancel_matter = forward("matters", lambda: MatterService.cancel_matter)

    # -- the checks and frozen results (CheckService) --
    month_findings = forward("checks", lambda: CheckService.month_findings)
    year_findings = forward("checks", lambda: CheckService.year_findings)
    yearly_assessment = forward("checks", lambda: CheckService.yearly_assessment)
    assessment_coverage = forward("checks", lambda: CheckService.assessment_coverage)
    office_problems = forward("checks", lambda: CheckService.office_problems)
    set_assessment_weights = forward("checks", lambda: CheckService.set_assessment_weights)
    month_trend = forward("checks", lambda: CheckService.month_trend)
    frozen_months = forward("checks", lambda: CheckService.frozen_months)
    freeze_reported_months = forward("checks", lambda: CheckService.freeze_reported_months)
    frozen_comparison = forward("checks", lambda: CheckService.frozen_comparison)
    corrections_since = forward("checks", lambda: CheckService.corrections_since)




def __getattr__(name: str) -> object:
    """``HouseholdHistory`` is imported from the registry's module when first asked for."""
    if name == "HouseholdHistory":
        from village_tui.service.registry import HouseholdHistory

        return HouseholdHistory
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["BrokenDataFile", "HouseholdHistory", "ServiceAreas", "VillageService"]
