"""Crash test: a child saving visits in a loop is killed with SIGKILL at random moments.

After every kill, every data file must parse, the folder must open writable
(the dead child's lock is taken over, its temp files removed), every save the
child reported as done must be there with its own content, and the audit
chain must verify.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store_samples import parse_every_file
from village_tui.store import DataFolder, RecordStore

KILLS = 200
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


def check_folder(root: Path, reported: dict[str, str], chain: bool) -> None:
    """Everything the child reported is there, every file parses, the chain verifies."""
    parse_every_file(root)
    folder = DataFolder(root)
    try:
        assert not folder.readonly, folder.readonly_reason
        assert folder.broken_files == []
        assert not list(root.rglob("*.tmp")), "stale temp files must be removed at open"
        store = RecordStore(folder)
        for record_id, token in reported.items():
            assert f"第{token}次" in store.get("visits", record_id).learned
        if chain:  # the whole log is re-hashed, so only every tenth time
            assert store.audit.verify_chain() == []
    finally:
        folder.close()


@pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL and fork are POSIX")
def test_sigkill_at_random_moments_loses_no_reported_save(tmp_path):
    root = tmp_path / "data"
    rng = random.Random(20261127)
    server = subprocess.Popen([sys.executable, str(CHILD), "saver", str(root)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, cwd=CHILD.parent)
    reader = LineReader(server.stdout)
    reported: dict[str, str] = {}
    try:
        for kill in range(1, KILLS + 1):
            server.stdin.write(b"go\n")
            server.stdin.flush()
            kind, pid = reader.readline().split()[:2]
            assert kind == "child"
            deadline = time.monotonic() + rng.uniform(0.02, 0.15)
            lines = []
            while (line := reader.readline(deadline)) is not None:
                assert not line.startswith("dead"), f"the child ended on its own: {lines}"
                lines.append(line)
            os.kill(int(pid), signal.SIGKILL)
            while not (line := reader.readline()).startswith("dead"):
                lines.append(line)
            assert line.split()[2] == str(signal.SIGKILL), f"the child ended on its own: {lines}"
            for line in lines:
                if line == "opened":
                    continue
                word, record_id, token = line.split(maxsplit=2)
                assert word == "saved", line
                assert record_id not in reported, f"id {record_id} given twice"
                reported[record_id] = token
            check_folder(root, reported, chain=kill % 10 == 0)
    finally:
        server.stdin.close()
        try:
            server.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert len(reported) > KILLS, "the child should have saved several visits per run"
