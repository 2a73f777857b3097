"""Change notices: after each committed write or transaction, the subscribers are told what changed.

:class:`~village_tui.store.records.RecordStore` notes every record it writes here; when the
outermost transaction commits, each subscriber gets one
:class:`~village_tui.domain.changes.DataChange`, in the thread that saved. A transaction that
fails tells nobody: nothing of it reached the disk.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from types import MappingProxyType
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from village_tui.domain.changes import DataChange

Subscriber = Callable[[DataChange], None]
P = ParamSpec("P")
R = TypeVar("R")


class ChangeNotices:
    """The subscribers to a store's changes and what the running transaction has written so far."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._guard = threading.Lock()
        self._depth = 0
        self._ids: dict[str, set[str]] = {}  # what the running transaction wrote, per kind
        self._months: dict[str, set[tuple[int, int]]] = {}

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber`` with every change committed from now on.

        Returns:
            A function that ends the subscription.
        """
        with self._guard:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._guard:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    @contextmanager
    def gathering(self) -> Iterator[None]:
        """Gather the notes of every write inside; the outermost tells the subscribers once it ends without error.

        A write wraps its whole work in this, so its notice leaves only once the store's caches
        hold what the disk took: a screen told of a change never reads the state before it.
        """
        self._depth += 1
        try:
            yield
        except BaseException:
            self._end(committed=False)
            raise
        self._end(committed=True)

    def note(self, kind: str, ids: Iterable[object], days: Iterable[date | None] = ()) -> None:
        """Records of ``kind`` were written in the running transaction, with the days placing them (yearly kinds)."""
        self._ids.setdefault(kind, set()).update(str(i) for i in ids)
        months = {(day.year, day.month) for day in days if day is not None}
        if months:
            self._months.setdefault(kind, set()).update(months)

    def _end(self, committed: bool) -> None:
        """A gathering ends; the outermost one tells the subscribers when it committed.

        A nested gathering that failed keeps its notes: the outer one may still commit
        what was staged, and telling too much never shows a stale figure.
        """
        self._depth -= 1
        if self._depth > 0:
            return
        ids, months = self._ids, self._months
        self._ids, self._months = {}, {}
        if committed and ids:
            self.tell(DataChange(kinds=frozenset(ids),
                                 months=MappingProxyType({kind: frozenset(m) for kind, m in months.items()}),
                                 ids=MappingProxyType({kind: frozenset(i) for kind, i in ids.items()})))

    def tell(self, change: DataChange) -> None:
        """Give ``change`` to every subscriber; one that fails does not undo the save nor stop the others."""
        with self._guard:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(change)
            except Exception:  # noqa: BLE001 - the save is on disk; a listener's fault must not report it failed
                import logging  # only when a subscriber fails: a check never pays the import

                logging.getLogger(__name__).exception("a change subscriber failed on %s", change)


class _Noticing(Protocol):
    notices: ChangeNotices


N = TypeVar("N", bound=_Noticing)


def told(write: Callable[Concatenate[N, P], R]) -> Callable[Concatenate[N, P], R]:
    """Make a store's write gather its notes (:meth:`ChangeNotices.gathering`) from its first line to its last."""

    @functools.wraps(write)
    def run(self: N, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.notices.gathering():
            return write(self, *args, **kwargs)

    return run


def stored_day(stored: Any) -> date | None:
    """A day as a data file stores it (ISO text) as a date; None when it is not one."""
    try:
        return date.fromisoformat(stored) if isinstance(stored, str) else None
    except ValueError:
        return None
