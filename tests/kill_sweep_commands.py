"""The commands of the kill sweeps (``kill_sweep.py``): their starting folders and their runs in the killed child.

Each run says ``ack WORD`` (through ``ack``) as soon as the command has reported its
change as done, so the sweep knows which changes were acknowledged before the kill.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from village_tui.domain.models import Cadre, VillageSettings, Visit
from village_tui.exchange.export import export_village, lock_period
from village_tui.imports import Sheet, apply_plan, build_plan
from village_tui.service import VillageService
from village_tui.store import DataFolder, RecordStore
from village_tui.store.backup import KEEP, make_backup

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
        service.folder.compact()  # as the size limit or the next daily backup does: killed there too
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
        service.folder.compact()  # a new folder's first compaction (size limit, daily backup): killed there too
    finally:
        service.close()


def run_compaction(root: Path, stick: Path, ack: Ack) -> None:
    folder = DataFolder(root, today=TODAY)
    try:
        folder.compact()  # as the size limit or the daily backup does (a clean close no longer compacts)
    finally:
        folder.close()


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
