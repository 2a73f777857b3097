"""What every area of the service shares: the opened folder, its store, the clock and the operator.

:class:`ServiceContext` is that shared state and the one save path (period locks, read-only folders,
the operator stamped on every change). Each area of the service (visits, ledger, duty, …) is built
with the context and the sibling areas it asks, declared in its constructor. :class:`ServiceBase`
is an opened folder with its context, the base of the village facade and of the township desk.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from village_tui.domain import dates
from village_tui.domain import clock
from village_tui.domain.error_words import os_error_text
from village_tui.domain.errors import DomainError, PeriodLockedError, ReadOnlyError
from village_tui.domain.models import Cadre, VillageSettings
from village_tui.domain.obligations import earliest_day, in_office_from
from village_tui.domain.validation import natural_groups
from village_tui.store import BrokenDataFile, DataFolder, RecordStore
from village_tui.store.kinds import kind_of
from village_tui.store.prints import write_print_page


class _Saving(Protocol):
    """Anything whose commands write through a record store: an area, or an opened folder's service."""

    @property
    def records(self) -> RecordStore: ...


class StoredRecord(Protocol):
    """A domain record the store keeps (a visit, a cadre, a ledger item …)."""

    @property
    def id(self) -> object: ...


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=_Saving)
T = TypeVar("T", bound=StoredRecord)
B = TypeVar("B", bound="ServiceBase")


def one_transaction(command: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Make a command that writes several records one journal transaction: all of it lands, or none.

    A command called inside another joins the outer transaction. When anything fails half-way,
    nothing of the command is written and the caches forget what the disk never took.
    """

    @functools.wraps(command)
    def run(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.records.transaction():
            return command(self, *args, **kwargs)

    return run


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
        return self.fixed_today or dates.today()

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
        locked_before = self.settings().locked_before
        if not kind.yearly or locked_before is None:
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


class Area:
    """What every area of the service is built with: the shared context (not an area itself).

    Args:
        context: The opened folder's shared state.
    """

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    @property
    def records(self) -> RecordStore:
        """The opened folder's records (what :func:`one_transaction` wraps)."""
        return self._ctx.records


class ServiceBase:
    """An opened data folder with its shared context: the base of the village service and the township desk.

    Args:
        folder: The opened data folder.
        today: Fixed "today" for tests and the demo; None means the real date in China.
    """

    def __init__(self, folder: DataFolder, today: date | None = None) -> None:
        self.context = ServiceContext(folder, today)
        self.folder = folder
        self.records = self.context.records
        # Who is looking when it is not a cadre of the village (the township's review): the header names them.
        self.viewer = ""

    @classmethod
    def open(cls: type[B], path: Path | str, readonly: bool = False, today: date | None = None,
             check_later: bool = False) -> B:
        """Open the data folder at ``path`` (created when missing, unless read-only).

        Args:
            path: The folder.
            readonly: Open without writing anything.
            today: Fixed "today" for tests and the demo.
            check_later: Read only the reference file now; :meth:`finish_open` (the app's worker
                after its first frame) checks the year files, and every write waits for it.
        """
        return cls(DataFolder(path, readonly=readonly, today=today or dates.today(), check_later=check_later), today)

    def finish_open(self) -> None:
        """Parse and check the year files an open with ``check_later`` left (safe from a worker thread)."""
        self.folder.finish_check()

    def prepare_saves(self) -> None:
        """Index this year's visits for the first save (after :meth:`finish_open`, on the app's thread)."""
        self.records.prepare_saves(self.today.year)

    @classmethod
    def in_memory(cls: type[B], today: date | None = None) -> B:
        """A service over an in-memory folder, for tests."""
        return cls(DataFolder.in_memory(), today)

    def close(self) -> None:
        """Release the folder."""
        self.folder.close()

    def start_daily_backup(self) -> None:
        """Start today's backup in a background thread at the first writable open of the day."""
        self.folder.start_daily_backup()

    def backup_before(self, label: str) -> Path | None:
        """Back the data files up now, before a change that is hard to undo (an import).

        Args:
            label: What is about to happen, in Chinese (``导入前``).
        """
        return self.folder.backup_before(label)

    def write_print_page(self, name: str, html: str) -> Path:
        """Write a print-ready page (a receipt, the minutes, the 公示) for the system's viewer.

        It goes to the data folder's ``打印/`` subfolder (the system's temp folder when the
        data is in memory or read-only); a page of the same name is replaced.

        Args:
            name: The file name (``回执-2026-0093.html``); characters Windows refuses become ``-``.
            html: The whole page.

        Returns:
            The file written.

        Raises:
            DomainError: The page could not be written (disk full, no permission), in Chinese.
        """
        try:
            return write_print_page(self.folder.path, self.folder.readonly, name, html)
        except OSError as error:
            raise DomainError(f"打印文件没有写成：{os_error_text(error)}") from error

    # -- the shared context, for callers ----------------------------------------

    @property
    def operator(self) -> Cadre | None:
        """The cadre at the keyboard (None until one signs in)."""
        return self.context.operator

    @operator.setter
    def operator(self, cadre: Cadre | None) -> None:
        self.context.operator = cadre

    @property
    def today(self) -> date:
        """Today in China Standard Time (or the fixed test date)."""
        return self.context.today

    @staticmethod
    def now_time() -> str:
        """The time of day in China Standard Time, ``09:05``."""
        return ServiceContext.now_time()

    def change_stamp(self, *kinds: str) -> tuple[int, date]:
        """See :meth:`ServiceContext.change_stamp`."""
        return self.context.change_stamp(*kinds)

    @property
    def readonly(self) -> bool:
        """True when nothing can be saved."""
        return self.context.readonly

    @property
    def readonly_reason(self) -> str | None:
        """Why the folder is read-only, in Chinese."""
        return self.context.readonly_reason

    @property
    def operator_name(self) -> str:
        """The name stamped on changes."""
        return self.context.operator_name

    def reference_readable(self) -> bool:
        """See :meth:`ServiceContext.reference_readable`."""
        return self.context.reference_readable()

    def is_set_up(self) -> bool:
        """Whether the first-run setup has been done."""
        return self.context.is_set_up()

    def settings(self) -> VillageSettings:
        """The village settings (defaults before the setup), the groups in natural order (1组 … 10组)."""
        return self.context.settings()

    def save_settings(self, settings: VillageSettings) -> None:
        """Save the village settings."""
        self.context.save_settings(settings, self.operator_name)

    def set_up_village(self, settings: VillageSettings) -> None:
        """See :meth:`ServiceContext.set_up_village`."""
        self.context.set_up_village(settings)

    def obligations_start(self) -> date:
        """See :meth:`ServiceContext.obligations_start`."""
        return self.context.obligations_start()

    def forget_obligations_start(self) -> None:
        """Derive the start again on the next check (records were added or changed)."""
        self.context.forget_obligations_start()

    def judged_cadres(self) -> list[Cadre]:
        """See :meth:`ServiceContext.judged_cadres`."""
        return self.context.judged_cadres()

    def require_writable(self) -> None:
        """Refuse a change in a read-only folder (:class:`ReadOnlyError`, saying why)."""
        self.context.require_writable()

    def _require_writable(self) -> None:
        self.context.require_writable()

    def _insert(self, obj: T, reason: str = "") -> T:
        return self.context.insert(obj, reason, self.operator_name)

    def _update(self, obj: T, reason: str = "", action: str | None = None) -> T:
        return self.context.update(obj, reason, action, self.operator_name)

    @staticmethod
    def copy(obj: R) -> R:
        """A deep copy of a record, for editing: changing its lists never changes what others read."""
        return copy.deepcopy(obj)


__all__ = ["Area", "DomainError", "ServiceBase", "ServiceContext", "StoredRecord", "one_transaction"]
