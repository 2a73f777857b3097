"""The base of the service: the opened folder, the operator, settings and the save path."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

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


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="ServiceBase")


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


class ServiceBase:
    """State shared by every part of the service.

    Args:
        folder: The opened data folder.
        today: Fixed "today" for tests and the demo; None means the real date in China.
    """

    def __init__(self, folder: DataFolder, today: date | None = None) -> None:
        self.folder = folder
        self.records = RecordStore(folder)
        self.records.prepare_saves((today or dates.today()).year)
        self._today = today
        self.operator: Cadre | None = None
        # Who is looking when it is not a cadre of the village (the township's review): the header names them.
        self.viewer = ""
        self._derived_start: date | None = None  # a folder without started_on: its earliest record

    @classmethod
    def open(cls, path: Path | str, readonly: bool = False, today: date | None = None, check_later: bool = False):
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
    def in_memory(cls, today: date | None = None):
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

    @property
    def today(self) -> date:
        """Today in China Standard Time (or the fixed test date)."""
        return self._today or dates.today()

    @staticmethod
    def now_time() -> str:
        """The time of day in China Standard Time, ``09:05``."""
        return clock.now().strftime("%H:%M")

    def change_stamp(self, *kinds: str) -> tuple[int, date]:
        """What a screen keeps beside what it computed, to know when to compute again.

        It moves with every save of ``kinds`` (of any kind when none is named) and with the day,
        so a screen shown again redraws what it kept unless a save touched what it shows.

        Args:
            kinds: Kinds of record (``"visits"``, ``"ledger"``, ``"settings"`` …).
        """
        saves = self.records.saves
        return sum(saves[kind] for kind in kinds) if kinds else sum(saves.values()), self.today

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

    # -- settings ---------------------------------------------------------

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

    def save_settings(self, settings: VillageSettings) -> None:
        """Save the village settings."""
        self.records.save_settings(settings, self.operator_name)
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

    # -- saving -----------------------------------------------------------

    def _check_period(self, obj: Any, reason: str) -> str:
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

    def forget_obligations_start(self) -> None:
        """Derive the start again on the next check (records were added or changed)."""
        self._derived_start = None

    def _insert(self, obj: Any, reason: str = "") -> Any:
        self._derived_start = None
        self._require_writable()
        self._check_period(obj, reason)
        return self.records.insert(obj, self.operator_name, reason)

    def _update(self, obj: Any, reason: str = "", action: str | None = None) -> Any:
        self._derived_start = None
        self._require_writable()
        checked = self._check_period(obj, reason)
        if obj.id is not None and kind_of(obj).yearly:
            before = self.records.get(kind_of(obj).name, obj.id)
            checked = self._check_period(before, reason) if checked == "修改" else checked
        return self.records.update(obj, self.operator_name, reason, action or checked)

    def _require_writable(self) -> None:
        self.folder.finish_check()  # a write waits for the open's check of the year files
        if self.readonly:
            raise ReadOnlyError(f"只读：{self.readonly_reason}。不能保存。")

    @staticmethod
    def copy(obj: Any) -> Any:
        """A deep copy of a record, for editing: changing its lists never changes what others read."""
        return copy.deepcopy(obj)


__all__ = ["DomainError", "ServiceBase", "one_transaction"]
