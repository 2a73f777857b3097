"""Child-process helper for the crash and lock tests.

Usage::

    python store_child.py saver DIR     fork server: for every line on stdin, fork a
                                        child that opens DIR and saves visits in a loop
    python store_child.py hold DIR      open DIR, say whether it is writable, wait on stdin

The fork server imports the program once, so a child starts in a millisecond
and 200 SIGKILLs fit in a few seconds. Protocol of ``saver`` on stdout:
``child PID`` when a child starts, ``saved ID TOKEN`` after each save returned,
``dead PID`` once the server reaped it.
"""

from __future__ import annotations

import os
import sys
from datetime import date

from village_tui.domain.models import VillageSettings, Visit
from village_tui.store import DataFolder, RecordStore

TODAY = date(2026, 11, 27)


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


def saver(root: str) -> None:
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
                save_forever(root, run)
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
    {"saver": saver, "hold": hold}[sys.argv[1]](sys.argv[2])
