"""Sample records of every stored kind, with Chinese data, for the store tests."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from village_tui.domain import models as m

VILLAGE = "桃源村"


def with_reference(root: Path) -> Path:
    """Give a test folder the reference file every village has before its first yearly record.

    The program saves the settings or the households before any visit; a folder with
    visits and no ``reference.json`` is a broken one (its reference file was lost).
    """
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "reference.json").exists():
        (root / "reference.json").write_text("{}", encoding="utf-8")
    return root


def settings() -> m.VillageSettings:
    """The settings of a small test village."""
    return m.VillageSettings(name=VILLAGE, township="青山镇", county="云溪县", groups=["1组", "2组"],
                             category_due_days={"饮水": 15}, request_checklists={"农村低保": ["户口簿", "身份证"]},
                             locked_before=date(2026, 1, 1))


def sample(kind: str, day: date = date(2026, 11, 20), text: str = "") -> object:
    """One record of ``kind`` with nested values, dated ``day`` for yearly kinds."""
    note = text or f"{VILLAGE}：说明"
    if kind == "cadres":
        return m.Cadre(name="单雄信", role="书记", term_start=date(2024, 1, 1), groups=["1组"], can_mentor=True,
                       phone="13812345678", leaves=[m.Leave(date(2026, 3, 1), date(2026, 3, 5), "培训")],
                       initials=["sxx", "dxx"])
    if kind == "households":
        return m.Household(code="1-001", head="曾国强", group="2组", id_number="11010519491231002X", members=4,
                           needs=["孤寡老人", "低保户"], address=f"{VILLAGE}2组", initials=["zgq", "cgq"],
                           group_history=[m.GroupMove(until=date(2025, 6, 1), group="1组")])
    if kind == "special_periods":
        return m.SpecialPeriod(start=date(2026, 3, 1), end=date(2026, 4, 30), reason="春季防火")
    if kind == "pairings":
        return m.Pairing(cadre_id=1, household_id=1, kind="帮扶", start=date(2026, 1, 1),
                         help_planned=["资金", "技术"], goals=note)
    if kind == "matters":
        step = m.MatterStep(step="干群议事", day=date(2026, 5, 6), participants=["单雄信", "曾国强"], villagers=12,
                            content="修村道", votes_for=30, votes_against=2)
        return m.Matter(title=f"{VILLAGE}村道硬化", category="行路", steps=[step])
    if kind == "duty":
        return m.DutyDay(day=day, rostered=[1, 2], signins=[m.SignIn(cadre_id=1, time="08:30", visitors=2, note=note)],
                         swaps=[m.Swap(from_id=2, to_id=1, reason="生病")])
    if kind == "visits":
        return m.Visit(day=day, cadre_id=1, household_id=1, learned=note, requests="修水管", dispute=True)
    if kind == "ledger":
        return m.LedgerItem(day=day, source="走访", category="饮水", content=note, household_id=1,
                            escalations=[m.Escalation(level="乡镇", day=day, office="青山镇民情处理站")],
                            history=[m.StatusChange(day=day, status="受理", note="登记")], sensitive=True)
    if kind == "meetings":
        return m.Meeting(day=day, attendees=[1, 2], minutes=note,
                         decisions=[m.MeetingDecision(item_id="2026-0001", decision="交乡镇", handler_id=1, due=day)])
    if kind == "requests":
        return m.ServiceRequest(day=day, kind="农村低保", household_id=1, applicant="曾国强",
                                documents={"户口簿": True, "身份证": False}, note=note)
    if kind == "township_items":
        return m.TownshipItem(village=VILLAGE, item="2026-0007", category="饮水", content=note, village_day=day,
                              escalated_on=day, office="青山镇民情处理站",
                              escalations=[m.Escalation(level="乡镇", day=day, office="青山镇民情处理站")],
                              history=[m.StatusChange(day=day, status="受理", note="登记")],
                              export_time="2026-11-20 09:30:00", reply="已安排", reply_day=day, signer="李站长")
    raise KeyError(kind)


def data_snapshot(root: Path, skip_audit: bool = True) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time (ns) of every JSON data file under ``root``."""
    found = {}
    for path in sorted(root.rglob("*.json")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("backups/") or (skip_audit and rel.startswith("audit/")):
            continue
        found[rel] = (path.read_bytes(), os.stat(path).st_mtime_ns)
    return found


def parse_every_file(root: Path) -> list[str]:
    """Parse every JSON file of a data folder (backups excluded); returns the relative paths."""
    parsed = []
    for path in sorted(root.rglob("*.json")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("backups/"):
            continue
        json.loads(path.read_bytes().decode("utf-8"))
        parsed.append(rel)
    return parsed
