"""Villages on disk for the exchange tests: small hand-made ones with personal data worth masking."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from app_fixtures import TODAY, make_village, valid_id
from village_tui.domain.models import LedgerItem, Visit
from village_tui.service import VillageService

FULL_ID = valid_id("11010519491231002")  # 王大山's ID number in make_village
TYPED_ID = valid_id("35042519660606123")  # an ID number typed into a visit's notes
SECRET = "宅基地纠纷涉及王大山与邻居私下协议"


def open_village(path: Path) -> VillageService:
    """The village at ``path`` opened for writing, with today fixed."""
    return VillageService.open(path, today=TODAY)


def build_village(path: Path, name: str) -> Path:
    """A small village: settings, two cadres, four households, visits, a sensitive ledger item, all in October."""
    service = make_village(open_village(path))
    try:
        settings = service.settings()
        settings.name = name
        service.save_settings(settings)
        service.sign_in(service.cadres()[0].id)
        service.save_visit(Visit(day=date(2026, 10, 12), cadre_id=1, household_id=1,
                                 learned=f"户主说身份证号是{TYPED_ID}，儿子电话13955556666"))
        service.save_visit(Visit(day=date(2026, 10, 20), cadre_id=1, household_id=2, requests="想办低保"))
        item = service.save_ledger_item(LedgerItem(day=date(2026, 10, 15), source="来访", category="矛盾纠纷",
                                                   content=SECRET, household_id=1, handler_id=1, sensitive=True))
        service.close_item(item.id, "已调解，双方签字", "满意调解结果", "满意", day=date(2026, 10, 25))
        service.save_ledger_item(LedgerItem(day=date(2026, 10, 16), source="走访", category="行路",
                                            content="3组村道坑洼", household_id=2, handler_id=2))
    finally:
        service.folder.compact()  # the records into the files, where tests read and edit them by hand
        service.close()
    return path


def tree_state(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``root`` with its size and modification time (to prove nothing was written)."""
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.stat()
            state[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return state


def received_road_item(root: Path, township: str, county: str) -> tuple[Path, Path, Path, Path, str]:
    """桃源村's road item (行路) escalated to the township on 20 October, exported to a stick and received there.

    Args:
        root: The folder to build in (the village, the stick and both levels' folders are made under it).
        township: The township's name.
        county: The county's name.

    Returns:
        The village's data folder, the stick, the township's and the county's folders, and the item's number.
    """
    from village_tui.cli import main

    village = build_village(root / "桃源村", "桃源村")
    service = open_village(village)
    try:
        service.sign_in(service.cadres()[0].id)
        number = next(i for i in service.ledger_items(2026) if i.category == "行路").id
        service.escalate(number, "乡镇", date(2026, 10, 20))
    finally:
        service.close()
    stick, township_folder, county_folder = root / "stick", root / "乡镇", root / "县"
    stick.mkdir()
    assert main(["export", str(stick), "--data", str(village)]) == 0
    assert main(["township", "receive", str(next(stick.iterdir())), "--data", str(township_folder),
                 "--township", township, "--county", county]) == 0
    return village, stick, township_folder, county_folder, number


def exported_villages(root: Path, names: tuple[str, ...]) -> list[Path]:
    """One demo-sized village per name, each exported to ``root/usb``: the export folders, in order."""
    from village_tui.exchange.export import export_village

    usb = root / "usb"
    usb.mkdir()
    folders = []
    for index, name in enumerate(names):
        service = open_village(build_village(root / f"v{index}", name))
        try:
            folders.append(export_village(service, usb).folder)
        finally:
            service.close()
    return folders
