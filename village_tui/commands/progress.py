"""Progress with counts for the long commands (export, import, review, the roll-up, bundle), on stderr.

Shown through ``rich.progress`` (installed with Textual) only when stderr is a
terminal and the job is still running a second after it started, so a quick run,
a pipe and a log file see nothing of it. A timer thread puts the bar up, so a
single long step (an import's write) shows it too, with its time running.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

DELAY = 1.0  # seconds a job runs before its progress appears


class Counted:
    """A counted progress bar that appears once the job has run ``delay`` seconds on a terminal.

    Attributes:
        shown: Whether the bar is on the screen (callers then keep other lines to themselves).
    """

    def __init__(self, description: str, unit: str, stream: TextIO | None = None, delay: float | None = None) -> None:
        self._description = description
        self._unit = unit
        self._stream = stream if stream is not None else sys.stderr
        self._delay = DELAY if delay is None else delay
        self._started = time.monotonic()
        self._latest: tuple[int, int, str | None] = (0, 0, None)
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._progress: Any = None  # rich.progress.Progress once shown (rich is imported only then)
        self._task: Any = None
        self._stopped = False
        self.shown = False

    def _terminal(self) -> bool:
        isatty = getattr(self._stream, "isatty", None)
        return bool(isatty and isatty())

    def _describe(self, label: str | None) -> str:
        return f"{self._description} {label}" if label else self._description

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._stopped or self._progress is not None:
                return
            done, total, label = self._latest
            bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TextColumn(self._unit), TimeElapsedColumn(), console=Console(file=self._stream),
                           transient=True)
            self._task = bar.add_task(self._describe(label), total=total, completed=done)
            bar.start()
            self._progress = bar
            self.shown = True

    def update(self, done: int, total: int, label: str | None = None) -> None:
        """Record that ``done`` of ``total`` items are finished (the bar shows it once it is up).

        Args:
            done: Items finished.
            total: Items in all.
            label: What is being done now, in Chinese (shown after the description).
        """
        with self._lock:
            self._latest = (done, total, label)
            if self._progress is not None:
                self._progress.update(self._task, completed=done, total=total, description=self._describe(label))
                return
            if self._timer is not None or self._stopped or not self._terminal():
                return
            wait = self._delay - (time.monotonic() - self._started)
            if wait > 0:
                self._timer = threading.Timer(wait, self._show)
                self._timer.daemon = True
                self._timer.start()
                return
        self._show()  # the job has run long enough already

    def stop(self) -> None:
        """Take the bar off the screen (or never put it up)."""
        with self._lock:
            self._stopped = True
            timer, progress = self._timer, self._progress
            self._progress = None
        if timer is not None:
            timer.cancel()
        if progress is not None:
            progress.stop()


@contextmanager
def counted(description: str, unit: str, stream: TextIO | None = None,
            delay: float | None = None) -> Iterator[Counted]:
    """A :class:`Counted` for the length of a ``with`` block."""
    progress = Counted(description, unit, stream, delay)
    try:
        yield progress
    finally:
        progress.stop()
