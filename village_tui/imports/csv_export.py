"""Writing a village's records as the import CSVs, so they can be imported elsewhere.

The files are the ones :mod:`village_tui.imports` reads (UTF-8 with a BOM for Excel; every
cell through :func:`formula_safe`, whose leading quote the import takes off again):
export into a folder, import those files into an empty data folder, and the
month and year checks find the same. A household's dated facts travel as its first
values in 农户 and its changes in 农户变动. What the sheets have no column for is not
carried: cadres' leaves and dated facts, duty swaps, archive marks without an archive day,
cancelled records (their ledger numbers stay free as placeholders), the sensitive
mark of ledger items, escalation replies and meeting decisions' details.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from village_tui.domain.facts import group_entries
from village_tui.domain.safe_text import formula_safe
from village_tui.imports.columns import BY_NAME
from village_tui.imports.plan_history import first_value

if TYPE_CHECKING:
    from village_tui.service import VillageService


def _day(value) -> str:
    return value.isoformat() if value else ""


def _yes(value: bool) -> str:
    return "是" if value else "否"


def _changes(h) -> list[list[str]]:
    """A household's dated changes as 农户变动 rows: 外出, 困难类别, 组别 after their first value, and 迁出."""
    rows = [[h.code, _day(e.since), "外出", _yes(e.value)] for e in h.away_history[1:]]
    rows += [[h.code, _day(e.since), "困难类别", "、".join(e.value)] for e in h.needs_history[1:]]
    rows += [[h.code, _day(e.since), "组别", e.value] for e in group_entries(h)[1:]]
    if h.left_on is not None:
        rows.append([h.code, _day(h.left_on), "迁出", ""])
    return sorted(rows, key=lambda row: row[1])


def _yearly(service: VillageService, kind: str):
    for year in service.records.years(kind):
        yield from sorted(service.records.peek(kind, year), key=lambda r: (r.day, str(r.id)))


def _rows(service: VillageService) -> dict[str, list[list[str]]]:
    """The rows of each kind, in the column order of :mod:`village_tui.imports.columns`."""
    cadres = {c.id: c.name for c in service.records.peek("cadres")}
    codes = {h.id: h.code for h in service.records.peek("households")}
    rows: dict[str, list[list[str]]] = {name: [] for name in BY_NAME}
    for c in sorted(service.records.peek("cadres"), key=lambda c: c.id):
        rows["干部"].append([c.name, c.role, _day(c.term_start), _day(c.term_end), "、".join(c.groups),
                           _yes(c.can_mentor), c.phone, ""])  # 干部编号 empty: matched by name, as in any folder
    for h in sorted(service.records.peek("households"), key=lambda h: h.id):
        rows["农户"].append([h.code, h.head, h.id_number, first_value(h, "group"), str(h.members), h.phone,
                           _yes(first_value(h, "away")), "、".join(first_value(h, "needs")), h.address,
                           _day(h.registered_on)])
        rows["农户变动"] += _changes(h)
    for p in sorted(service.records.peek("special_periods"), key=lambda p: p.id):
        if not p.cancelled:
            rows["特殊时期"].append([_day(p.start), _day(p.end), p.reason])
    for d in _yearly(service, "duty"):
        signins = {s.cadre_id: s for s in d.signins}
        for cadre_id in dict.fromkeys([*d.rostered, *signins]):
            s = signins.get(cadre_id)
            note = s.note if s else d.note
            rows["值班"].append([_day(d.day), cadres.get(cadre_id, ""), s.time if s else "",
                               str(s.visitors) if s else "", note])
    for v in _yearly(service, "visits"):
        if not v.cancelled:
            rows["走访"].append([_day(v.day), cadres.get(v.cadre_id, ""), codes.get(v.household_id, ""), v.way,
                               v.learned, v.requests])
    for p in sorted(service.records.peek("pairings"), key=lambda p: p.id):
        if not p.cancelled:
            measures = "、".join([*p.help_planned, *([p.goals] if p.goals else [])])
            rows["帮扶"].append([cadres.get(p.cadre_id, ""), codes.get(p.household_id, ""), p.kind, _day(p.start),
                               _day(p.end), measures])
    for i in _yearly(service, "ledger"):
        if not i.cancelled:
            rows["民情"].append([i.id, _day(i.day), i.source, codes.get(i.household_id, ""), i.category, i.content,
                               i.level, i.status, cadres.get(i.handler_id, ""), _day(i.due), _day(i.closed_day),
                               i.satisfaction])
    for m in _yearly(service, "meetings"):
        rows["分析会"].append([_day(m.day), "、".join(cadres.get(a, "") for a in m.attendees),
                             "、".join(d.item_id for d in m.decisions), m.minutes])
    return rows


def export_csvs(service: VillageService, folder: Path | str) -> list[Path]:
    """Write ``干部.csv`` … ``分析会.csv`` (one per kind) for every record of the village into ``folder``.

    Args:
        service: The opened service (only read).
        folder: Where to write (created when missing).

    Returns:
        The files, in the order of the kinds.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in _rows(service).items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(BY_NAME[name].columns)
            writer.writerows([formula_safe(value) for value in row] for row in rows)
        written.append(path)
    return written
