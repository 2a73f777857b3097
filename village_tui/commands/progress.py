"""Progress with counts for the long commands (export, import, review, the roll-up, bundle), on stderr.

Shown through ``rich.progress`` (installed with Textual) only when stderr is a
terminal and the job has run longer than a second, so a quick run and a pipe or
log file see nothing of it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

DELAY = 1.0  # seconds a job runs before its progress appears


class Counted:
    """A counted progress bar that appears once the job has run ``delay`` seconds on a terminal.

    Attributes:
        shown: Whether the bar is on the screen (callers then keep other lines to themselves).
    """

    def __init__(self, description: str, unit: str, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self._description = description
        self._unit = unit
        self._stream = stream if stream is not None else sys.stderr
        self._delay = delay
        self._started = time.monotonic()
        self._progress = None
        self._task = None
        self.shown = False

    def _terminal(self) -> bool:
        isatty = getattr(self._stream, "isatty", None)
        return bool(isatty and isatty())

    def update(self, done: int, total: int) -> None:
        """Record that ``done`` of ``total`` items are finished (shows the bar when it is time)."""
        if self._progress is None:
            if time.monotonic() - self._started < self._delay or not self._terminal():
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TextColumn(self._unit), TimeElapsedColumn(),
                                      console=Console(file=self._stream), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self._description, total=total)
            self.shown = True
        self._progress.update(self._task, completed=done, total=total)

    def stop(self) -> None:
        """Take the bar off the screen."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


@contextmanager
def counted(description: str, unit: str, stream: TextIO | None = None, delay: float = DELAY) -> Iterator[Counted]:
    """A :class:`Counted` for the length of a ``with`` block."""
    progress = Counted(description, unit, stream, delay)
    try:
        yield progress
    finally:
        progress.stop()
