"""Kill sweeps: each command killed with SIGKILL just before each of its renames and fsyncs (issue 25 item 1).

Every rename and fsync of the program goes through one kill point
(:mod:`village_tui.store.atomic`). For each command the sweep first counts its
kill points in a clean run, then for each point N: copies the command's starting
folder, forks a child that arms the fault at N and runs the command, and once the
child is dead checks what a cadre would notice:

- **broken**: the folder does not open writable (a broken file, read-only);
- **lost**: a save the child acknowledged (said so before it was killed) is missing;
- **half**: a change half applied (an import, the set-up, a backup or an export
  that looks whole but is not);
- **alarm**: ``verify`` raises an alarm although nobody touched the files.

Run the whole sweep and print the figures with
``PYTHONPATH=$PWD python tests/kill_sweep.py``; ``tests/test_kill_sweep.py``
runs a few points of each command in CI and the whole sweep under ``-m slow``.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kill_sweep_checks import (Outcome, check_backup, check_compaction, check_export, check_import_existing,
                               check_import_new, check_restore, check_setup)
from kill_sweep_commands import (TODAY, Ack, run_backup, run_compaction, run_export, run_import, run_restore,
                                 run_setup, start_broken_year, start_existing, start_many_backups,
                                 village_with_journal)
from kill_sweep_township import check_reply_import, run_reply_import, start_replied_village
from village_tui.store import atomic


@dataclass(frozen=True)
class Command:
    """One command of the sweep: its starting folder, the run, the check."""

    start: Callable[[Path], None] | None
    run: Callable[[Path, Path, Ack], None]
    check: Callable[[Path, Path, list[str], Outcome], None]


COMMANDS: dict[str, Command] = {
    "import into a new folder": Command(None, run_import, check_import_new),
    "import into an existing folder": Command(start_existing, run_import, check_import_existing),
    "first-run set-up": Command(None, run_setup, check_setup),
    "compaction": Command(village_with_journal, run_compaction, check_compaction),
    "backup": Command(start_many_backups, run_backup, check_backup),
    "restore": Command(start_broken_year, run_restore, check_restore),
    "export": Command(village_with_journal, run_export, check_export),
    "reply package import": Command(start_replied_village, run_reply_import, check_reply_import),
}


# -- the sweep ---------------------------------------------------------------------------


def _in_child(command: Command, root: Path, stick: Path, at: int, write_fd: int) -> None:
    """The forked child: arm the fault, run the command, report each acknowledgement; never returns."""
    code = 0
    try:
        atomic.arm_fault(at)
        command.run(root, stick, lambda word: os.write(write_fd, f"ack {word}\n".encode("utf-8")))
        os.write(write_fd, f"steps {atomic.fault_steps()}\n".encode("utf-8"))
    except BaseException as error:  # noqa: BLE001 - reported to the parent
        os.write(write_fd, f"error {error!r}\n".encode("utf-8"))
        code = 1
    finally:
        os._exit(code)


def run_child(command: Command, root: Path, stick: Path, at: int) -> tuple[int, list[str]]:
    """Fork, run the command with the fault armed at ``at``; returns (wait status, lines said)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _in_child(command, root, stick, at, write_fd)
    os.close(write_fd)
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    _, status = os.waitpid(pid, 0)
    return status, b"".join(chunks).decode("utf-8").splitlines()


@dataclass
class Figures:
    """One command's sweep: kill points tried and the kills that left each kind of problem."""

    points: int = 0
    kills: int = 0
    broken: int = 0
    lost: int = 0
    half: int = 0
    alarm: int = 0
    details: list[str] = field(default_factory=list)


def prepare(name: str, base: Path) -> Path:
    """The command's starting folder, made once under ``base``."""
    template = base / "start"
    command = COMMANDS[name]
    if command.start is not None:
        command.start(template / "data")
    template.mkdir(parents=True, exist_ok=True)
    return template


def count_points(name: str, base: Path, template: Path) -> int:
    """The renames and fsyncs of one clean run of the command."""
    work = base / "count"
    shutil.copytree(template, work)
    status, lines = run_child(COMMANDS[name], work / "data", work / "stick", 0)
    shutil.rmtree(work)
    steps = [int(line.split()[1]) for line in lines if line.startswith("steps ")]
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and steps, lines
    return steps[0]


def sweep(name: str, base: Path, sample: int | None = None) -> Figures:
    """Kill ``name`` before each of its kill points and check what each kill left.

    Args:
        name: The command (a key of :data:`COMMANDS`).
        base: An empty folder to work in.
        sample: Only this many points, spread evenly over the command (None: every point).
    """
    template = prepare(name, base)
    total = count_points(name, base, template)
    figures = Figures(points=total)
    command = COMMANDS[name]
    points = range(1, total + 1)
    if sample is not None:
        points = sorted({max(1, total * k // (sample + 1)) for k in range(1, sample + 1)})
    for at in points:
        work = base / f"kill-{at}"
        shutil.copytree(template, work)
        (work / "stick").mkdir(exist_ok=True)
        status, lines = run_child(command, work / "data", work / "stick", at)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (at, lines)
        figures.kills += 1
        acked = [line[4:] for line in lines if line.startswith("ack ")]
        out = Outcome()
        command.check(work / "data", work / "stick", acked, out)
        for kind in ("broken", "lost", "half", "alarm"):
            if getattr(out, kind):
                setattr(figures, kind, getattr(figures, kind) + 1)
        figures.details.extend(f"kill point {at}: {p}" for p in out.problems())
        shutil.rmtree(work)
    return figures


def main() -> int:
    import tempfile

    from village_tui.domain import clock

    clock.fix(TODAY)
    print(f"{'command':32} {'points':>6} {'kills':>5} {'broken':>6} {'lost':>4} {'half':>4} {'alarms':>6}")
    bad = 0
    for name in COMMANDS:
        with tempfile.TemporaryDirectory() as base:
            figures = sweep(name, Path(base))
        print(f"{name:32} {figures.points:6} {figures.kills:5} {figures.broken:6} {figures.lost:4} "
              f"{figures.half:4} {figures.alarm:6}")
        for line in figures.details[:10]:
            print("   ", line)
        bad += len(figures.details)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
