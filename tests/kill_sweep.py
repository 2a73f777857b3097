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
from datetime import date
from pathlib import Path

from village_tui.domain.models import Cadre, VillageSettings, Visit
from village_tui.exchange.export import export_village, lock_period
from village_tui.exchange.verify import verify_copy, verify_data_folder
from village_tui.imports import Sheet, apply_plan, build_plan
from village_tui.service import VillageService
from village_tui.store import DataFolder, RecordStore
from village_tui.store import atomic
from village_tui.store.backup import KEEP, list_backups, make_backup, verify_backup

TODAY = date(2026, 11, 27)
HOUSEHOLDS = 6  # per import, each with a visit in 2025 and one in 2026
JOURNAL_VISITS = 5  # saves left in the journal for compaction, backup, restore and export
VILLAGE = ("桃源村", "青山镇", "云溪县")
Ack = Callable[[str], None]


def sheets(token: str, first: bool) -> list[Sheet]:
    """The sheets of one import: households named after ``token`` and two visits each."""
    def sheet(name: str, rows: list[dict]) -> Sheet:
        return Sheet(name, list(rows[0]), [(n, row) for n, row in enumerate(rows, start=2)])

    codes = [f"{token}-{k}" for k in range(HOUSEHOLDS)]
    households = [{"户编号": code, "户主": f"户主{code}", "组别": "1组"} for code in codes]
    visits = [{"日期": day, "干部": "张建国", "户编号": code, "方式": "入户", "情况": f"导入{token}走访"}
              for code in codes for day in ("2025-06-01", "2026-11-20")]
    found = [sheet("农户", households), sheet("走访", visits)]
    if first:
        found.insert(0, sheet("干部", [{"姓名": "张建国", "职务": "书记", "任期开始": "2024-01-05", "负责组别": "1组"}]))
    return found


def import_village(root: Path, token: str, ack: Ack | None = None) -> None:
    """Import one small village into ``root`` as the import command does (backup, one line, close)."""
    service = VillageService.open(root, today=TODAY)
    try:
        plan = build_plan(service, sheets(token, not service.records.all("cadres")), VILLAGE)
        assert plan.ok, [p.message for p in plan.problems]
        apply_plan(service, plan)
        if ack:
            ack(f"import {token}")
    finally:
        service.close()


def leave_saves_in_journal(root: Path) -> None:
    """Save visits and stop as a killed program would: the saves only in the journal."""
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    for n in range(JOURNAL_VISITS):
        store.insert(Visit(day=TODAY, cadre_id=1, household_id=1 + n % HOUSEHOLDS, learned=f"日志中的走访{n}"), "张建国")
    assert folder._journal is not None and folder._journal.size  # noqa: SLF001 - a crash, not a close
    folder._journal.close()  # noqa: SLF001
    folder._lock.release()  # noqa: SLF001


def village_with_journal(root: Path) -> None:
    import_village(root, "甲")
    leave_saves_in_journal(root)


# -- the commands, run in the killed child -------------------------------------------


def run_import(root: Path, stick: Path, ack: Ack) -> None:
    import_village(root, "乙", ack)


def run_setup(root: Path, stick: Path, ack: Ack) -> None:
    service = VillageService.open(root, today=TODAY)
    try:
        cadres = [Cadre(name="张建国", role="书记", term_start=date(2024, 1, 5), groups=["1组"]),
                  Cadre(name="李秀英", role="主任", term_start=date(2024, 1, 5), groups=["2组"])]
        service.set_up(VillageSettings(name="桃源村", township="青山镇", county="云溪县", groups=["1组", "2组"]), cadres)
        ack("setup")
    finally:
        service.close()


def run_compaction(root: Path, stick: Path, ack: Ack) -> None:
    DataFolder(root, today=TODAY).close()  # a clean close folds the journal into the files


def run_backup(root: Path, stick: Path, ack: Ack) -> None:
    folder = DataFolder(root, today=TODAY)
    try:
        folder.start_daily_backup()  # the first open of the day: fold the journal in, copy the files
        folder.wait_for_backup()
        ack("backup")
    finally:
        folder.close()


def run_restore(root: Path, stick: Path, ack: Ack) -> None:
    folder = DataFolder(root, today=TODAY)
    try:
        folder.restore_from_backup(root / "2026" / "visits.json")
        ack("restore")
    finally:
        folder.close()


def run_export(root: Path, stick: Path, ack: Ack) -> None:
    service = VillageService.open(root, today=TODAY)
    try:
        result = export_village(service, stick)
        assert result.verify.ok, result.lines()
        lock_period(service, TODAY)
        ack("export")
    finally:
        service.close()


# -- the starting folders --------------------------------------------------------------


def start_existing(root: Path) -> None:
    import_village(root, "甲")


def start_many_backups(root: Path) -> None:
    """A village with saves in the journal and a full set of older backups (so the new one prunes)."""
    village_with_journal(root)
    folder = DataFolder(root, today=TODAY)
    files = folder.data_files()
    for day in range(1, KEEP + 1):
        make_backup(root, files, date(2026, 10, day))
    folder.close()
    leave_saves_in_journal(root)


def start_broken_year(root: Path) -> None:
    """A village whose 2026 visits file is cut short, with a backup holding it whole."""
    import_village(root, "甲")
    folder = DataFolder(root, today=TODAY)
    folder.backup_before("每周")
    folder.close()
    target = root / "2026" / "visits.json"
    target.write_bytes(target.read_bytes()[:40])


# -- the checks after a kill -----------------------------------------------------------


@dataclass
class Outcome:
    """What one kill left, in the sweep's four figures."""

    broken: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    half: list[str] = field(default_factory=list)
    alarm: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [f"{name}: {line}" for name in ("broken", "lost", "half", "alarm") for line in getattr(self, name)]


def tokens(store: RecordStore) -> dict[str, tuple[int, int]]:
    """Per import token: its households and its visits found in the folder."""
    counts: dict[str, list[int]] = {}
    for household in store.peek("households"):
        counts.setdefault(household.code.split("-")[0], [0, 0])[0] += 1
    for year in store.years("visits"):
        for visit in store.peek("visits", year):
            if visit.learned.startswith("导入"):
                counts.setdefault(visit.learned[2:-2], [0, 0])[1] += 1
    return {token: (h, v) for token, (h, v) in counts.items()}


def check_common(root: Path, acked: list[str], out: Outcome, expect_broken: bool = False) -> RecordStore | None:
    """Verify, then open writable; returns a read-only store for the command's own checks."""
    if not root.exists():
        return None
    opened = DataFolder(root, today=TODAY)
    readonly, reason = opened.readonly, opened.readonly_reason
    opened.close()
    if readonly and not expect_broken:
        out.broken.append(str(reason))
        return None
    if not readonly:
        result = verify_data_folder(root)
        if not result.ok:
            out.alarm.append(" / ".join(result.lines()[1:]))
    folder = DataFolder(root, readonly=True, today=TODAY)
    return RecordStore(folder)


def check_imports(store: RecordStore, acked: list[str], out: Outcome, before: set[str], new: str) -> None:
    counts = tokens(store)
    whole = (HOUSEHOLDS, 2 * HOUSEHOLDS)
    for token, found in counts.items():
        if found != whole:
            out.half.append(f"import {token}: {found}")
    for token in before:
        if counts.get(token) != whole:
            out.lost.append(f"import {token} (done before the command)")
    if f"import {new}" in acked and counts.get(new) != whole:
        out.lost.append(f"import {new} acknowledged")


def check_journal_visits(store: RecordStore, out: Outcome) -> None:
    learned = {v.learned for year in store.years("visits") for v in store.peek("visits", year)}
    missing = [n for n in range(JOURNAL_VISITS) if f"日志中的走访{n}" not in learned]
    if missing:
        out.lost.append(f"journal saves {missing}")


def check_import_new(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    store = check_common(root, acked, out)
    if store is not None:
        check_imports(store, acked, out, set(), "乙")
        store.folder.close()
    elif "import 乙" in acked and not root.exists():
        out.lost.append("import 乙 acknowledged, folder gone")


def check_import_existing(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    store = check_common(root, acked, out)
    if store is not None:
        check_imports(store, acked, out, {"甲"}, "乙")
        store.folder.close()


def check_setup(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    store = check_common(root, acked, out)
    if store is None:
        if "setup" in acked and not root.exists():
            out.lost.append("setup acknowledged, folder gone")
        return
    settings, cadres = store.settings(), store.all("cadres")
    store.folder.close()
    if (settings is None) != (not cadres) or (cadres and len(cadres) != 2):
        out.half.append(f"settings {settings is not None}, cadres {len(cadres)}")
    if "setup" in acked and (settings is None or len(cadres) != 2):
        out.lost.append("setup acknowledged")


def check_compaction(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    store = check_common(root, acked, out)
    if store is not None:
        check_imports(store, acked, out, {"甲"}, "")
        check_journal_visits(store, out)
        store.folder.close()


def check_backup(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    check_compaction(root, stick, acked, out)
    listed = list_backups(root)
    bad = [b.name for b in listed if not verify_backup(b)]
    if bad:
        out.half.append(f"backups listed but not whole: {bad}")
    if len(listed) - len(bad) < KEEP:
        out.lost.append(f"only {len(listed) - len(bad)} whole backups left")
    if "backup" in acked and not any(b.name == TODAY.isoformat() for b in listed):
        out.lost.append("backup acknowledged")


def check_restore(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    target = root / "2026" / "visits.json"
    if not target.exists():
        out.broken.append("2026/visits.json missing")
        return
    folder = DataFolder(root, readonly=True, today=TODAY)
    broken = [b.path for b in folder.broken_files]
    offered = folder.newest_backup_of(target) if broken else None
    folder.close()
    if broken:  # before the restore: still the broken file, and the backup still offered
        if broken != [target] or offered is None:
            out.broken.append(f"broken {broken}, backup offered {offered}")
        if "restore" in acked:
            out.lost.append("restore acknowledged")
        return
    store = check_common(root, acked, out)
    if store is not None:
        check_imports(store, acked, out, {"甲"}, "")
        store.folder.close()


def check_export(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    check_compaction(root, stick, acked, out)
    finished = [p for p in stick.iterdir() if not p.name.endswith(".partial")] if stick.exists() else []
    for export in finished:
        result = verify_copy(export, records=True)
        if not result.ok:
            out.half.append(f"export {export.name}: {result.lines()[1:]}")
    if "export" in acked and not finished:
        out.lost.append("export acknowledged")


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
