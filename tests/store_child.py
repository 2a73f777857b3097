"""Child-process helper for the crash and lock tests.

Usage::

    python store_child.py saver DIR     fork server: for every line on stdin, fork a
                                        child that opens DIR and saves visits in a loop
    python store_child.py importer DIR  the same, but each child imports small villages
                                        (households and their visits in two years) in a loop
    python store_child.py hold DIR      open DIR, say whether it is writable, wait on stdin

The fork server imports the program once, so a child starts in a millisecond
and 200 SIGKILLs fit in a few seconds. Protocol of ``saver`` on stdout:
``child PID`` when a child starts, ``saved ID TOKEN`` after each save returned,
``dead PID`` once the server reaped it. ``importer`` says ``importing TOKEN``
before an import and ``imported TOKEN`` after it returned.

The children compact the journal every few kilobytes (instead of every
megabyte), so kills also land in the middle of compactions.
"""

from __future__ import annotations

import os
import sys
from datetime import date

from village_tui.domain.models import VillageSettings, Visit
from village_tui.imports import Sheet, apply_plan, build_plan
from village_tui.service import VillageService
from village_tui.store import DataFolder, RecordStore, journaled

TODAY = date(2026, 11, 27)
IMPORT_HOUSEHOLDS = 6  # per import, each with a visit in 2025 and one in 2026
journaled.JOURNAL_LIMIT = 16 * 1024


def say(line: str) -> None:
    """Write one whole line in a single system call, so a SIGKILL never cuts it."""
    os.write(1, (line + "\n").encode("utf-8"))


def save_forever(root: str, run: int) -> None:
    """Open the folder and save visits until killed."""
    folder = DataFolder(root, today=TODAY)
    if folder.readonly:
        say(f"readonly {folder.readonly_reason}")
        os._exit(3)
    say("opened")
    store = RecordStore(folder)
    n = 0
    while True:
        n += 1
        token = f"{run}-{n}"
        day = date(2024 + n % 3, 1 + n % 12, 1 + n % 28)
        visit = Visit(day=day, cadre_id=1 + n % 5, household_id=1 + n % 200,
                      learned=f"桃源村第{token}次走访：家中老人身体尚好", requests="希望修通村道")
        store.insert(visit, "单雄信")
        say(f"saved {visit.id} {token}")


def village_sheets(token: str, first: bool) -> list:
    """The sheets of one import: households named after ``token`` and two visits each."""
    def sheet(name: str, rows: list[dict]) -> Sheet:
        return Sheet(name, list(rows[0]), [(n, row) for n, row in enumerate(rows, start=2)])

    codes = [f"{token}-{k}" for k in range(IMPORT_HOUSEHOLDS)]
    households = [{"户编号": code, "户主": f"户主{code}", "组别": "1组"} for code in codes]
    visits = [{"日期": day, "干部": "张建国", "户编号": code, "方式": "入户", "情况": f"导入{token}走访"}
              for code in codes for day in ("2025-06-01", "2026-11-20")]
    sheets = [sheet("农户", households), sheet("走访", visits)]
    if first:
        sheets.insert(0, sheet("干部", [{"姓名": "张建国", "职务": "书记", "任期开始": "2024-01-05", "负责组别": "1组"}]))
    return sheets


def import_forever(root: str, run: int) -> None:
    """Open the folder and import small villages until killed."""
    service = VillageService.open(root, today=TODAY)
    if service.readonly:
        say(f"readonly {service.folder.readonly_reason}")
        os._exit(3)
    say("opened")
    n = 0
    while True:
        n += 1
        token = f"{run}x{n}"
        first = not service.records.all("cadres")
        plan = build_plan(service, village_sheets(token, first), ("桃源村", "青山镇", "云溪县"))
        assert plan.ok, [p.message for p in plan.problems]
        say(f"importing {token}")
        apply_plan(service, plan)
        say(f"imported {token}")


def saver(root: str, work=save_forever) -> None:
    """Fork a saving child for every request line; report its death."""
    folder = DataFolder(root, today=TODAY)  # the village's settings come first, as in the program
    RecordStore(folder).save_settings(VillageSettings(name="桃源村"), "单雄信")
    folder.close()
    run = 0
    for _line in sys.stdin:
        run += 1
        pid = os.fork()
        if pid == 0:
            try:
                work(root, run)
            finally:
                os._exit(1)
        say(f"child {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"dead {pid} {status}")


def hold(root: str) -> None:
    """Open the folder and keep it open until stdin closes or says ``save``."""
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    say(("readonly " if folder.readonly else "writable ") + (folder.readonly_reason or ""))
    for line in sys.stdin:
        if line.strip() == "save":
            try:
                visit = store.insert(Visit(day=TODAY, cadre_id=1, household_id=1, learned="另一程序的走访"), "曾国强")
                say(f"saved {visit.id}")
            except Exception as error:  # report any refusal to the parent
                say(f"refused {type(error).__name__} {error}")
    folder.close()


if __name__ == "__main__":
    if sys.argv[1] == "importer":  # load the pinyin dictionary and the planners once, in the server
        build_plan(VillageService.in_memory(TODAY), village_sheets("warm", True), ("桃源村", "青山镇", "云溪县"))
    {"saver": saver, "importer": lambda root: saver(root, import_forever), "hold": hold}[sys.argv[1]](sys.argv[2])
