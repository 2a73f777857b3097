"""The kill sweep of a village importing the township's reply package (issue 27 item 2).

The starting folder is a village whose road item (行路) went to the township, and on the stick
beside it the township's reply package. Killed anywhere, the village must open writable, pass
``verify``, and hold the reply with its package number, or neither.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from kill_sweep_checks import Outcome, check_common
from kill_sweep_commands import TODAY, Ack
from village_tui.exchange.export import export_village
from village_tui.exchange.township.apply import apply_package
from village_tui.exchange.township.exports import read_export
from village_tui.exchange.township.package import read_package, write_package
from village_tui.service import VillageService
from village_tui.service.township import TownshipDesk

REPLY = "已列入明年村道硬化计划"
TOWNSHIP = "青山镇"
PACKAGE_TIME = datetime(2026, 11, 27, 15, 30)


def start_replied_village(root: Path) -> None:
    """The village (``root``), its export received and answered by the township, the package in ``../stick``."""
    from exchange_fixtures import build_village

    build_village(root, "桃源村")
    village = VillageService.open(root, today=TODAY)
    try:
        village.sign_in(village.cadres()[0].id)
        road = next(i for i in village.ledger_items(2026) if i.category == "行路")
        village.escalate(road.id, "乡镇", date(2026, 10, 20))
        exported = export_village(village, root.parent)
    finally:
        village.close()
    desk = TownshipDesk.open(root.parent / "乡镇", today=TODAY)
    try:
        settings = desk.set_up_township(TOWNSHIP, "田县", "李站长")
        desk.receive(desk.plan_receive([read_export(exported.folder, TOWNSHIP, "田县")]), settings)
        desk.reply("桃源村", road.id, "答复", REPLY)
        stick = root.parent / "stick"
        stick.mkdir(exist_ok=True)
        for name, items in desk.unsent_by_village().items():
            write_package(stick, desk.settings(), name, items, desk.reserve_sequence(name), PACKAGE_TIME, desk.sign)
    finally:
        desk.close()


def run_reply_import(root: Path, stick: Path, ack: Ack) -> None:
    [package] = [p for p in stick.iterdir() if p.name.startswith("回复-")]
    village = VillageService.open(root, today=TODAY)
    try:
        village.operator = village.cadres()[0]
        apply_package(village, read_package(package), village.operator.name)
        ack("reply")
        village.folder.compact()  # as the size limit or the next daily backup does: killed there too
    finally:
        village.close()


def check_reply_import(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    store = check_common(root, acked, out)
    if store is None:
        return
    try:
        road = next(i for y in store.years("ledger") for i in store.peek("ledger", y) if i.category == "行路")
        sequence = (store.settings().reply_sequences or {}).get(TOWNSHIP, 0)
    finally:
        store.folder.close()
    replied = road.escalations[-1].reply == REPLY
    if replied != (sequence == 1):
        out.half.append(f"reply recorded {replied}, package number {sequence}")
    if "reply" in acked and not replied:
        out.lost.append("reply package import acknowledged")
