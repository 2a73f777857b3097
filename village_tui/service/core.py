"""The service's base parts: one transaction per command, the areas' base, and an opened folder.

Each area of the service (visits, ledger, duty, …) is an :class:`Area`, built with the shared
:class:`~village_tui.service.context.ServiceContext` (the opened folder, its store, the clock, the
operator and the one save path) and the sibling areas it asks, declared in its constructor.
:class:`ServiceBase` is an opened folder with its context, the base of the village facade and of
the township desk.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from village_tui.domain import dates
from village_tui.domain.changes import DataChange
from village_tui.domain.error_words import os_error_text
from village_tui.domain.errors import DomainError
from village_tui.domain.models import Cadre, VillageSettings
from village_tui.service.context import ServiceContext, StoredRecord
from village_tui.store import DataFolder, RecordStore
from village_tui.store.prints import write_print_page


class _Saving(Protocol):
    """Anything whose commands write through a record store: an area, or an opened folder's service."""

    @property
    def records(self) -> RecordStore: ...


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

    def on_change(self, subscriber: Callable[[DataChange], None]) -> Callable[[], None]:
        """Tell ``subscriber`` what changed after each committed save or transaction, in the saving thread.

        A command of several writes (:func:`one_transaction`) gives one notice; a save that fails
        gives none. The notice leaves once the saved records can be read back.

        Args:
            subscriber: Called with a :class:`~village_tui.domain.changes.DataChange`; it should
                only take note (mark, post a message) and never save.

        Returns:
            A function that ends the subscription.
        """
        return self.records.notices.subscribe(subscriber)

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
