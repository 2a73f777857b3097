"""The state every area of the service shares, and the one save path.

:class:`ServiceContext` holds the opened folder, its :class:`~village_tui.store.RecordStore`, today,
the operator and the settings, and saves every record the same way: refused in a read-only folder
or (without a reason) in a locked period, stamped with the operator.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Protocol, TypeVar

from village_tui.domain import clock, dates
from village_tui.domain.errors import PeriodLockedError, ReadOnlyError
from village_tui.domain.models import Cadre, VillageSettings
from village_tui.domain.obligations import earliest_day, in_office_from
from village_tui.domain.validation import natural_groups
from village_tui.store import BrokenDataFile, DataFolder, RecordStore
from village_tui.store.kinds import kind_of


class StoredRecord(Protocol):
    """A domain record the store keeps (a visit, a cadre, a ledger item …)."""

    @property
    def id(self) -> object: ...


R = TypeVar("R")
T = TypeVar("T", bound=StoredRecord)


class ServiceContext:
    """The state every area shares: the folder, its records, today, the operator and the settings.

    Args:
        folder: The opened data folder.
        today: Fixed "today" for tests and the demo; None means the real date in China.
    """

    def __init__(self, folder: DataFolder, today: date | None = None) -> None:
        self.folder = folder
        self.records = RecordStore(folder)
        self.records.prepare_saves((today or dates.today()).year)
        self.fixed_today = today
        self.operator: Cadre | None = None
        self._derived_start: date | None = None  # a folder without started_on: its earliest record

    # -- the clock and the folder's state ------------------------------------

    @property
    def today(self) -> date:
        """Today in China Standard Time (or the fixed test date)."""
        return self.fixed_today or clock.today()

    @staticmethod
    def now_time() -> str:
        """The time of day in China Standard Time, ``09:05``."""
        return clock.now().strftime("%H:%M")

    @property
    def readonly(self) -> bool:
        """True when nothing can be saved."""
        return self.folder.readonly

    @property
    def readonly_reason(self) -> str | None:
        """Why the folder is read-only, in Chinese."""
        return self.folder.readonly_reason

    @property
    def operator_name(self) -> str:
        """The name stamped on changes."""
        return self.operator.name if self.operator else "系统"

    def change_stamp(self, *kinds: str) -> tuple[int, date]:
        """What a screen keeps beside what it computed, to know when to compute again.

        It moves with every save of ``kinds`` (of any kind when none is named) and with the day,
        so a screen shown again redraws what it kept unless a save touched what it shows.

        Args:
            kinds: Kinds of record (``"visits"``, ``"ledger"``, ``"settings"`` …).
        """
        saves = self.records.saves
        return sum(saves[kind] for kind in kinds) if kinds else sum(saves.values()), self.today

    # -- settings and the obligations' start ---------------------------------

    def reference_readable(self) -> bool:
        """Whether the reference file (settings, cadres, households) can be read.

        False when it does not parse, is of the wrong shape, or is missing beside
        year files: then nothing can be shown and the first-run setup must not run.
        """
        try:
            self.records.settings()
        except BrokenDataFile:
            return False
        return True

    def is_set_up(self) -> bool:
        """Whether the first-run setup has been done."""
        return self.records.settings() is not None

    def settings(self) -> VillageSettings:
        """The village settings (defaults before the setup), the groups in natural order (1组 … 10组)."""
        settings = self.records.settings() or VillageSettings()
        settings.groups = natural_groups(settings.groups)
        return settings

    def save_settings(self, settings: VillageSettings, operator: str | None = None) -> None:
        """Save the village settings (stamped with ``operator``, by default the signed-in cadre)."""
        self.records.save_settings(settings, operator or self.operator_name)
        self._derived_start = None

    def set_up_village(self, settings: VillageSettings) -> None:
        """The first-run set-up: save the settings and, unless given, store today as the day the
        village's obligations start (:meth:`obligations_start`)."""
        if settings.started_on is None and self.records.settings() is None:
            settings.started_on = self.today
        self.save_settings(settings)

    def obligations_start(self) -> date:
        """The first day the rules judge: the day the village was set up (or its earliest imported record).

        A folder from before the day was kept takes its earliest dated record: a cadre's first term
        start, or the day of a duty day, visit, ledger item, meeting or service request; a folder
        without records, today.
        """
        started = self.settings().started_on
        if started is not None:
            return started
        if self._derived_start is None:
            self._derived_start = self._earliest_record_day() or self.today
        return self._derived_start

    def forget_obligations_start(self) -> None:
        """Derive the start again on the next check (records were added or changed)."""
        self._derived_start = None

    def judged_cadres(self) -> list[Cadre]:
        """Every cadre, with office taken to begin no earlier than the village's obligations start
        (:func:`~village_tui.domain.obligations.in_office_from`): targets are pro rata from then."""
        start = self.obligations_start()
        return [in_office_from(cadre, start) for cadre in self.records.peek("cadres")]

    def _earliest_record_day(self) -> date | None:
        reference = [earliest_day(self.records.peek(kind)) for kind in ("cadres", "pairings", "special_periods")]
        earliest = min((day for day in reference if day is not None), default=None)
        for kind in ("duty", "visits", "ledger", "meetings", "requests"):
            # Only year files that could hold an earlier day are read (usually none: a cadre's term
            # start comes first), so a check never loads an old year for this.
            years = [y for y in self.records.years(kind) if earliest is None or y <= earliest.year]
            for year in years[:2]:  # the first year may hold only cancelled records
                day = earliest_day(self.records.peek(kind, year))
                if day is not None:
                    earliest = day if earliest is None else min(earliest, day)
                    break
        return earliest

    # -- the save path ---------------------------------------------------------

    def check_period(self, obj: StoredRecord, reason: str) -> str:
        """Refuse a change inside a locked period unless a reason is given; returns the audit action."""
        kind = kind_of(obj)
        if not kind.yearly:
            return "修改"
        stored = self.records.settings()  # the lock alone: the groups need not be put in order
        locked_before = stored.locked_before if stored is not None else None
        if locked_before is None:
            return "修改"
        if kind.day_of(obj) < locked_before:
            if not reason.strip():
                raise PeriodLockedError(
                    f"{dates.format_cn(locked_before)}以前的记录已随上报锁定，更正需要填写原因")
            return "更正"
        return "修改"

    def insert(self, obj: T, reason: str = "", operator: str | None = None) -> T:
        """Add a new record, refused in a read-only folder or (without a reason) in a locked period."""
        self._derived_start = None
        self.require_writable()
        self.check_period(obj, reason)
        saved: T = self.records.insert(obj, operator or self.operator_name, reason)
        return saved

    def update(self, obj: T, reason: str = "", action: str | None = None, operator: str | None = None) -> T:
        """Save a changed record; a locked period's record (before or after the change) needs a reason."""
        self._derived_start = None
        self.require_writable()
        checked = self.check_period(obj, reason)
        if obj.id is not None and kind_of(obj).yearly:
            before = self.records.get(kind_of(obj).name, obj.id)
            checked = self.check_period(before, reason) if checked == "修改" else checked
        saved: T = self.records.update(obj, operator or self.operator_name, reason, action or checked)
        return saved

    def require_writable(self) -> None:
        """Refuse a change in a read-only folder, saying why it is read-only.

        Raises:
            ReadOnlyError: The folder is read-only.
        """
        self.folder.finish_check()  # a write waits for the open's check of the year files
        if self.readonly:
            raise ReadOnlyError(f"只读：{self.readonly_reason}。不能保存。")

    @staticmethod
    def copy(obj: R) -> R:
        """A deep copy of a record, for editing: changing its lists never changes what others read."""
        return copy.deepcopy(obj)


__all__ = ["ServiceContext", "StoredRecord"]
