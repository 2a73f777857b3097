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

from dataclasses import dataclass
from datetime import date

from village_tui.domain.models import Cadre, VillageSettings
from village_tui.service.checks import CheckService
from village_tui.service.desk import DeskService
from village_tui.service.duty import DutyService
from village_tui.service.exchange import ExchangeService
from village_tui.service.forward import forward
from village_tui.service.ledger import LedgerService
from village_tui.service.matters import MatterService
from village_tui.service.pairing import PairingService
from village_tui.service.registry import HouseholdHistory, RegistryService
from village_tui.service.signing import SigningService
from village_tui.service.visits import VisitService
from village_tui.store import BrokenDataFile  # raised when a data file is first read and found broken
from village_tui.store import DataFolder


@dataclass(frozen=True)
class ServiceAreas:
    """The areas of one opened village folder, each built with the siblings it declares.

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

    visits: VisitService
    ledger: LedgerService
    duty: DutyService
    registry: RegistryService
    pairing: PairingService
    desk: DeskService
    matters: MatterService
    checks: CheckService
    exchange: ExchangeService


class VillageService(SigningService):
    """Every query and save of the village workbench: the areas, and their methods under their old names.

    Args:
        folder: The opened data folder.
        today: Fixed "today" for tests and the demo; None means the real date in China.
    """

    def __init__(self, folder: DataFolder, today: date | None = None) -> None:
        super().__init__(folder, today)
        context = self.context
        visits = VisitService(context)
        ledger = LedgerService(context, visits)
        duty = DutyService(context)
        registry = RegistryService(context, duty)
        pairing = PairingService(context, visits)
        desk = DeskService(context, duty, ledger)
        matters = MatterService(context)
        checks = CheckService(context, duty, visits, pairing, ledger, desk, registry)
        exchange = ExchangeService(context, ledger)
        self.areas = ServiceAreas(visits, ledger, duty, registry, pairing, desk, matters, checks, exchange)

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
    visit = forward("visits", VisitService.visit)
    save_visit = forward("visits", VisitService.save_visit)
    cancel_visit = forward("visits", VisitService.cancel_visit)
    restore_visit = forward("visits", VisitService.restore_visit)
    link_visit_to_ledger = forward("visits", VisitService.link_visit_to_ledger)
    visits = forward("visits", VisitService.visits)
    worklist = forward("visits", VisitService.worklist)
    visit_month_findings = forward("visits", VisitService.visit_month_findings)
    visit_year_findings = forward("visits", VisitService.visit_year_findings)

    # -- the ledger and the monthly meeting (LedgerService) --
    ledger_item = forward("ledger", LedgerService.ledger_item)
    ledger_years = forward("ledger", LedgerService.ledger_years)
    ledger_items = forward("ledger", LedgerService.ledger_items)
    ledger_item_count = forward("ledger", LedgerService.ledger_item_count)
    forget_ledger_memo = forward("ledger", LedgerService.forget_ledger_memo)
    open_items = forward("ledger", LedgerService.open_items)
    overdue_items = forward("ledger", LedgerService.overdue_items)
    ledger_group_of = forward("ledger", LedgerService.ledger_group_of)
    save_ledger_item = forward("ledger", LedgerService.save_ledger_item)
    set_ledger_status = forward("ledger", LedgerService.set_ledger_status)
    set_status = forward("ledger", LedgerService.set_status)
    escalate = forward("ledger", LedgerService.escalate)
    record_reply = forward("ledger", LedgerService.record_reply)
    record_upper_reply = forward("ledger", LedgerService.record_upper_reply)
    close_item = forward("ledger", LedgerService.close_item)
    reopen_item = forward("ledger", LedgerService.reopen_item)
    reopen = forward("ledger", LedgerService.reopen)
    ledger_item_from_visit = forward("ledger", LedgerService.ledger_item_from_visit)
    save_visit_to_ledger = forward("ledger", LedgerService.save_visit_to_ledger)
    save_ledger_categories = forward("ledger", LedgerService.save_ledger_categories)
    meeting_for_month = forward("ledger", LedgerService.meeting_for_month)
    save_meeting = forward("ledger", LedgerService.save_meeting)
    meeting_agenda = forward("ledger", LedgerService.meeting_agenda)
    decide = forward("ledger", LedgerService.decide)
    escalate_after_meeting = forward("ledger", LedgerService.escalate_after_meeting)
    ledger_month_findings = forward("ledger", LedgerService.ledger_month_findings)
    ledger_satisfaction_findings = forward("ledger", LedgerService.ledger_satisfaction_findings)

    # -- the duty roster (DutyService) --
    duty_day = forward("duty", DutyService.duty_day)
    duty_days = forward("duty", DutyService.duty_days)
    duty_month = forward("duty", DutyService.duty_month)
    special_periods = forward("duty", DutyService.special_periods)
    duty_findings = forward("duty", DutyService.duty_findings)
    duty_counts = forward("duty", DutyService.duty_counts)
    save_duty_day = forward("duty", DutyService.save_duty_day)
    set_on_duty = forward("duty", DutyService.set_on_duty)
    set_roster = forward("duty", DutyService.set_roster)
    fill_month = forward("duty", DutyService.fill_month)
    roster_everyone = forward("duty", DutyService.roster_everyone)
    swap_duty = forward("duty", DutyService.swap_duty)
    add_special_period = forward("duty", DutyService.add_special_period)
    cancel_special_period = forward("duty", DutyService.cancel_special_period)
    restore_special_period = forward("duty", DutyService.restore_special_period)
    duty_sign_in = forward("duty", DutyService.duty_sign_in)
    cancel_sign_in = forward("duty", DutyService.cancel_sign_in)
    add_leave = forward("duty", DutyService.add_leave)
    rostered_days = forward("duty", DutyService.rostered_days)
    reroster_leave = forward("duty", DutyService.reroster_leave)
    cancel_leave = forward("duty", DutyService.cancel_leave)
    set_duty_mode = forward("duty", DutyService.set_duty_mode)

    # -- cadres, households and signing in (RegistryService) --
    cadres = forward("registry", RegistryService.cadres)
    cadre = forward("registry", RegistryService.cadre)
    cadre_names = forward("registry", RegistryService.cadre_names)
    save_cadre = forward("registry", RegistryService.save_cadre)
    archive_cadre = forward("registry", RegistryService.archive_cadre)
    unarchive_cadre = forward("registry", RegistryService.unarchive_cadre)
    sign_in = forward("registry", RegistryService.sign_in)
    record_login_duty = forward("registry", RegistryService.record_login_duty)
    households = forward("registry", RegistryService.households)
    household = forward("registry", RegistryService.household)
    household_by_code = forward("registry", RegistryService.household_by_code)
    household_duplicates = forward("registry", RegistryService.household_duplicates)
    save_household = forward("registry", RegistryService.save_household)
    archive_household = forward("registry", RegistryService.archive_household)
    unarchive_household = forward("registry", RegistryService.unarchive_household)
    reveal_phone = forward("registry", RegistryService.reveal_phone)
    next_household_code = forward("registry", RegistryService.next_household_code)
    search_households = forward("registry", RegistryService.search_households)
    history_years = forward("registry", RegistryService.history_years)
    household_history = forward("registry", RegistryService.household_history)
    extend_history = forward("registry", RegistryService.extend_history)

    # -- pairings (PairingService) --
    pairings = forward("pairing", PairingService.pairings)
    pairing = forward("pairing", PairingService.pairing)
    pairing_warnings = forward("pairing", PairingService.pairing_warnings)
    check_pairing = forward("pairing", PairingService.check_pairing)
    save_pairing = forward("pairing", PairingService.save_pairing)
    end_pairing = forward("pairing", PairingService.end_pairing)
    cancel_pairing = forward("pairing", PairingService.cancel_pairing)
    restore_pairing = forward("pairing", PairingService.restore_pairing)
    record_pairing_visit = forward("pairing", PairingService.record_pairing_visit)
    pairing_matrix = forward("pairing", PairingService.pairing_matrix)
    pairing_month_findings = forward("pairing", PairingService.pairing_month_findings)
    pairing_year_findings = forward("pairing", PairingService.pairing_year_findings)

    # -- the service desk and visitors received on duty (DeskService) --
    request = forward("desk", DeskService.request)
    save_request = forward("desk", DeskService.save_request)
    set_request_status = forward("desk", DeskService.set_request_status)
    finish_request = forward("desk", DeskService.finish_request)
    cancel_request = forward("desk", DeskService.cancel_request)
    close_request = forward("desk", DeskService.close_request)
    reopen_request = forward("desk", DeskService.reopen_request)
    request_count = forward("desk", DeskService.request_count)
    requests = forward("desk", DeskService.requests)
    cancelled_requests = forward("desk", DeskService.cancelled_requests)
    overdue_requests = forward("desk", DeskService.overdue_requests)
    receipt_text = forward("desk", DeskService.receipt_text)
    save_request_settings = forward("desk", DeskService.save_request_settings)
    desk_month_findings = forward("desk", DeskService.desk_month_findings)
    receive_visitor = forward("desk", DeskService.receive_visitor)

    # -- the five-step matters (MatterService) --
    matters = forward("matters", MatterService.matters)
    matter = forward("matters", MatterService.matter)
    save_matter = forward("matters", MatterService.save_matter)
    rename_matter = forward("matters", MatterService.rename_matter)
    record_step = forward("matters", MatterService.record_step)
    restore_matter = forward("matters", MatterService.restore_matter)
    cancel_matter = forward("matters", MatterService.cancel_matter)

    # -- the checks and frozen results (CheckService) --
    month_findings = forward("checks", CheckService.month_findings)
    year_findings = forward("checks", CheckService.year_findings)
    yearly_assessment = forward("checks", CheckService.yearly_assessment)
    assessment_coverage = forward("checks", CheckService.assessment_coverage)
    office_problems = forward("checks", CheckService.office_problems)
    set_assessment_weights = forward("checks", CheckService.set_assessment_weights)
    month_trend = forward("checks", CheckService.month_trend)
    frozen_months = forward("checks", CheckService.frozen_months)
    freeze_reported_months = forward("checks", CheckService.freeze_reported_months)
    frozen_comparison = forward("checks", CheckService.frozen_comparison)
    corrections_since = forward("checks", CheckService.corrections_since)


__all__ = ["BrokenDataFile", "HouseholdHistory", "ServiceAreas", "VillageService"]
