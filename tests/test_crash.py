"""Crash tests: a child saving visits, or importing villages, in a loop is killed with SIGKILL at random moments.

After every kill, every data file must parse, ``verify`` (the audit chain and
every record against the audit log) must raise no alarm, every save the child
reported as done must be there with its own content, and every import must be
there whole or not at all. Every tenth kill the folder is also opened
writable: the dead child's lock is taken over, its temp files removed.
The children compact the journal every few kilobytes, so kills also land in
compactions.

The other nine checks of ten run on a byte-for-byte copy of the folder taken
right after the kill, in a thread, while the next child works on the folder
itself: the check and the child's work share the two cores instead of taking
turns. A check's failure is raised as soon as the round running beside it has
ended. A copy is checked exactly as the folder would have been: neither a
read-only open nor ``verify`` writes a file.
"""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import pytest

from store_child import IMPORT_HOUSEHOLDS
from store_samples import parse_every_file
from village_tui.exchange.verify import verify_data_folder
from village_tui.store import DataFolder, RecordStore

KILLS = 120
IMPORT_KILLS = 40
PATIENCE = 20.0  # seconds to wait for a line before the test fails instead of hanging
CHILD = Path(__file__).with_name("store_child.py")


class LineReader:
    """Reads lines from a pipe with a deadline (no buffering surprises with ``select``)."""

    def __init__(self, stream) -> None:
        self.fd = stream.fileno()
        self.buffer = b""

    def readline(self, deadline: float | None = None) -> str | None:
        """The next line, or None when the deadline passed first.

        Raises:
            TimeoutError: No deadline was given and no line came for :data:`PATIENCE` seconds.
        """
        patient = deadline is None
        deadline = time.monotonic() + PATIENCE if patient else deadline
        while b"\n" not in self.buffer:
            timeout = max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                if patient:
                    raise TimeoutError(f"no line from the child server; got {self.buffer!r}")
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise EOFError("child server ended")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8")


def check_folder(root: Path, writable: bool) -> RecordStore:
    """Every file parses, ``verify`` raises no alarm; the folder opened read-only (``writable``: also
    opened writable: the dead child's lock is taken over and its temp files removed)."""
    parse_every_file(root)
    result = verify_data_folder(root)
    assert result.ok, result.lines()
    if writable:
        folder = DataFolder(root)
        assert not folder.readonly, folder.readonly_reason
        assert folder.broken_files == []
        assert not list(root.rglob("*.tmp")), "stale temp files must be removed at open"
        folder.close()
    folder = DataFolder(root, readonly=True)
    assert folder.broken_files == []
    return RecordStore(folder)


class Checks:
    """Runs each kill's check: on a copy of the folder in a thread, or, when it must open the folder
    itself (writable), in the test's thread once the previous check has passed.

    Only one check runs at a time and none while the test's thread touches the folder, so the store
    is never used from two threads at once.
    """

    def __init__(self, root: Path, copies: Path) -> None:
        self.root = root
        self.copies = copies
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.pending: Future | None = None

    def wait(self) -> None:
        """Wait for the check in the thread; raises what it raised."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def check(self, kill: int, check: Callable[[Path, bool], None]) -> None:
        """Check the folder as kill number ``kill`` left it with ``check(folder, writable)``.

        Every tenth kill the folder itself is checked and opened writable, now; otherwise a copy
        taken now is checked in the thread while the next child runs.
        """
        self.wait()
        if kill % 10 == 0:
            check(self.root, True)
            return
        copy = self.copies / str(kill)
        shutil.copytree(self.root, copy, symlinks=True)
        self.pending = self.pool.submit(self.check_copy, check, copy)

    @staticmethod
    def check_copy(check: Callable[[Path, bool], None], copy: Path) -> None:
        check(copy, False)
        shutil.rmtree(copy)

    def close(self) -> None:
        """Wait for the last check; raises what it raised."""
        try:
            self.wait()
        finally:
            self.pool.shutdown()


class KillLoop:
    """Starts the fork server and kills its children at random moments."""

    def __init__(self, root: Path, mode: str, seed: int) -> None:
        self.rng = random.Random(seed)
        self.server = subprocess.Popen([sys.executable, str(CHILD), mode, str(root)], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, cwd=CHILD.parent)
        self.reader = LineReader(self.server.stdout)

    def run_once(self, low: float, high: float) -> list[str]:
        """Start a child, let it work for a random time, kill it; returns the lines it said."""
        self.server.stdin.write(b"go\n")
        self.server.stdin.flush()
        lines: list[str] = []
        while not (line := self.reader.readline()).startswith("child "):
            lines.append(line)  # a fast child may speak before the server names it
        pid = int(line.split()[1])
        deadline = time.monotonic() + self.rng.uniform(low, high)
        while (line := self.reader.readline(deadline)) is not None:
            assert not line.startswith("dead"), f"the child ended on its own: {lines}"
            lines.append(line)
        os.kill(pid, signal.SIGKILL)
        while not (line := self.reader.readline()).startswith("dead"):
            lines.append(line)
        assert line.split()[2] == str(signal.SIGKILL), f"the child ended on its own: {lines}"
        assert not any(line.startswith("readonly") for line in lines), lines
        return [line for line in lines if line != "opened"]

    def close(self) -> None:
        self.server.stdin.close()
        try:
            self.server.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()


@pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL and fork are POSIX")
def test_sigkill_at_random_moments_loses_no_reported_save(tmp_path):
    root = tmp_path / "data"
    loop = KillLoop(root, "saver", 20261127)
    checks = Checks(root, tmp_path)
    reported: dict[str, str] = {}

    def check(folder: Path, writable: bool, kill: int, reported: dict[str, str]) -> None:
        store = check_folder(folder, writable)
        learned = {str(visit.id): visit.learned for year in store.years("visits") for visit in store.peek("visits", year)}
        store.folder.close()
        for record_id, token in reported.items():
            assert record_id in learned, f"visit {record_id} reported as saved is missing after kill {kill}"
            assert f"第{token}次" in learned[record_id], f"visit {record_id} after kill {kill}"

    try:
        for kill in range(1, KILLS + 1):
            for line in loop.run_once(0.02, 0.15):
                word, record_id, token = line.split(maxsplit=2)
                assert word == "saved", line
                assert record_id not in reported, f"id {record_id} given twice"
                reported[record_id] = token
            checks.check(kill, lambda folder, writable, kill=kill, seen=dict(reported):
                         check(folder, writable, kill, seen))
    finally:
        try:
            checks.close()
        finally:
            loop.close()
    assert len(reported) > KILLS, "the child should have saved several visits per run"


def imported_counts(store: RecordStore) -> dict[str, tuple[int, int]]:
    """Per import token: its households and its visits found in the folder."""
    counts: dict[str, list[int]] = {}
    for household in store.peek("households"):
        token = household.code.split("-")[0]
        counts.setdefault(token, [0, 0])[0] += 1
    for year in store.years("visits"):
        for visit in store.peek("visits", year):
            token = visit.learned[2:-2]
            counts.setdefault(token, [0, 0])[1] += 1
    return {token: (h, v) for token, (h, v) in counts.items()}


@pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL and fork are POSIX")
def test_sigkill_during_imports_leaves_whole_imports_only(tmp_path):
    root = tmp_path / "data"
    loop = KillLoop(root, "importer", 20261130)
    checks = Checks(root, tmp_path)
    started: set[str] = set()
    reported: set[str] = set()

    def check(folder: Path, writable: bool, kill: int, started: set[str], reported: set[str]) -> None:
        store = check_folder(folder, writable)
        counts = imported_counts(store)
        store.folder.close()
        whole = (IMPORT_HOUSEHOLDS, 2 * IMPORT_HOUSEHOLDS)
        half = {token: found for token, found in counts.items() if found != whole}
        assert half == {}, f"half imports after kill {kill}"
        assert reported <= set(counts), "an import reported as done is missing"
        assert set(counts) <= started

    try:
        for kill in range(1, IMPORT_KILLS + 1):
            for line in loop.run_once(0.05, 0.6):
                word, token = line.split()
                assert word in ("importing", "imported"), line
                (started if word == "importing" else reported).add(token)
            checks.check(kill, lambda folder, writable, kill=kill, started=set(started), reported=set(reported):
                         check(folder, writable, kill, started, reported))
    finally:
        try:
            checks.close()
        finally:
            loop.close()
    assert len(reported) >= IMPORT_KILLS // 2, "the child should have finished imports in most runs"
    assert started - reported, "some kills should have landed inside an import"
