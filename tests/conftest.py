"""The suite's one clock: every test runs on a fixed day in China, whatever the real date.

The fixtures fix the program's clock (:mod:`village_tui.domain.clock`) in this process
and, through ``VILLAGE_TUI_NOW``, in every child process a test starts. A test that
needs another day asks for ``clock`` and calls ``clock.set(...)``.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from datetime import date, datetime

import pytest

from village_tui.domain import clock as program_clock

#: The moment the suite runs at unless a test sets another: a Friday late in November 2026.
SUITE_NOW = datetime(2026, 11, 27, 10, 0, tzinfo=program_clock.CHINA)


def pytest_configure(config: pytest.Config) -> None:
    """One bytecode cache for the run, its workers and every child process a test starts.

    With ``PYTHONDONTWRITEBYTECODE`` set (as on this machine and in CI) each of them compiled the
    program from source again: about 0.6 s of CPU for every CLI, crash or bundle child. The cache
    lives in pytest's cache folder (ignored by git; a temporary folder when the cache plugin is off),
    so nothing is written next to the sources. Workers and children read the environment set here;
    this process sets its own ``sys`` flags, which Python reads only at start-up from the environment.
    """
    prefix = os.environ.get("PYTHONPYCACHEPREFIX")  # set in a worker, or by whoever runs the suite
    if not prefix:
        cache = getattr(config, "cache", None)
        prefix = cache.mkdir("bytecode") if cache is not None else tempfile.mkdtemp(prefix="village-tui-pyc-")
    os.environ["PYTHONPYCACHEPREFIX"] = str(prefix)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.pycache_prefix = str(prefix)
    sys.dont_write_bytecode = False


#: Allocations between two young-generation collections in a test process (Python's default: 700).
GC_YOUNG_THRESHOLD = 10_000


def pytest_collection_finish(session: pytest.Session) -> None:
    """Collect garbage less often in the test processes: it was a fifth of a pilot test's CPU.

    A Textual app makes and drops objects by the hundred thousand, so with Python's default
    thresholds a pilot test ran a thousand young collections and a full one (about 0.1 s each,
    scanning every module, class and cache) every second or so. Everything imported while collecting
    is frozen out of the full collections, and the young generation collected every 10,000
    allocations instead of 700: test_app_households spent 1.3 s in the collector instead of 2.7 s
    (of 12 s), for 10 MB more at its peak. Cycles are still freed (the full collection still runs when
    the heap grew by a quarter); a test that needs them gone calls ``gc.collect()``, as before.
    The program itself keeps Python's defaults (its memory at sign-in is measured against a bare app).
    """
    del session
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, oldest)


class FixedClock:
    """Sets the program's clock for one test, in-process and for child processes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch

    def set(self, moment: datetime | date) -> None:
        """Fix the clock at ``moment`` (a date means 09:00 China time that day)."""
        program_clock.fix(moment)
        self._monkeypatch.setenv(program_clock.ENV_NOW, program_clock.now().isoformat())

    def today(self) -> date:
        """The fixed day."""
        return program_clock.today()


@pytest.fixture(autouse=True, scope="session")
def _suite_clock():
    """Fix the clock for the whole session, so module- and session-scoped fixtures see it too."""
    saved = os.environ.get(program_clock.ENV_NOW)
    program_clock.fix(SUITE_NOW)
    os.environ[program_clock.ENV_NOW] = SUITE_NOW.isoformat()
    yield
    program_clock.fix(None)
    if saved is None:
        os.environ.pop(program_clock.ENV_NOW, None)
    else:
        os.environ[program_clock.ENV_NOW] = saved


@pytest.fixture(autouse=True)
def clock(_suite_clock, monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    """Fix the program's clock at :data:`SUITE_NOW` for the test; a test may move it."""
    fixed = FixedClock(monkeypatch)
    fixed.set(SUITE_NOW)
    yield fixed
    program_clock.fix(SUITE_NOW)



# The files that take longest, longest first (their share of one worker's time in a whole run, from
# --durations). pytest-xdist hands whole files to the workers in the order collected (pyproject.toml
# turns off its own reordering, which put the files with the most tests first and so these last), so
# these go first and the many short files fill in at the end: otherwise one of them can come last and
# leave one worker busy with it for its whole length while the others have nothing left.
LONGEST_FILES = (
    "test_dialogs_at_80_columns.py",
    "test_bundle.py",
    "test_desk_footer.py",  # (two walks of 20 s, mostly waiting on the desk's redraws)
    "test_snapshots.py",
    "test_crash.py",
    "test_visit_screens.py",
    "test_form_base.py",
    "test_duty_screen.py",
    "test_screens_uncut.py",
    "test_app_shell.py",
    "test_every_area_screen.py",
    "test_dialogs_at_100_columns.py",
    "test_township_desk_tui.py",
    "test_bad_input_forms_more.py",
    "test_no_single_key_ends_a_record.py",
    "test_meeting_screen.py",
    "test_forms_everywhere.py",  # (its walk of every form is in test_dialogs_at_80_columns.py: about 8 s left)
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the longest files first, each file's tests still together and in their own order."""
    rank = {name: place for place, name in enumerate(LONGEST_FILES)}
    order = {id(item): place for place, item in enumerate(items)}
    items.sort(key=lambda item: (rank.get(item.path.name, len(rank)), order[id(item)]))
