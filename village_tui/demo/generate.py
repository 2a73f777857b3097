"""Generate the demo village 桃源村 into a data folder, deterministically.

The same scale, years, seed and end day always give the same data files (the
audit log's timestamps aside). Records are written with one bulk write per file,
year by year, and each year is dropped from memory once written.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from village_tui.demo.context import DemoContext
from village_tui.demo.duty import make_duty_year, make_special_periods, roster_end
from village_tui.demo.ledger import LedgerMaker
from village_tui.demo.names import NameMaker
from village_tui.demo.pairings import make_pairings
from village_tui.demo.services import make_matters, make_requests_year
from village_tui.demo.village import SCALES, Initials, make_cadres, make_households, make_settings, village_name
from village_tui.demo.visits import VisitMaker
from village_tui.domain import dates
from village_tui.domain.errors import DomainError
from village_tui.store import DataFolder, RecordStore
from village_tui.store.folder import REFERENCE_NAME

OPERATOR = "演示数据生成"
Progress = Callable[[int, int, str], None]
# scale -> (default years, matters a year, service requests a month)
_VOLUMES = {"small": (1, 8, 8), "large": (10, 7, 25)}
_YEAR_DIR = re.compile(r"^\d{4}$")


class DemoRefused(DomainError):
    """The folder already holds a village; the demo never writes over one."""


def holds_village(path: Path) -> bool:
    """Whether ``path`` holds village data (a folder with only ``schema.json`` is still empty)."""
    if not path.is_dir():
        return False
    if (path / REFERENCE_NAME).exists():
        return True
    return any(child.is_dir() and (_YEAR_DIR.match(child.name) or child.name == "audit") for child in path.iterdir())


def generate_demo(path: Path | str, scale: str = "small", years: int | None = None, seed: int = 1,
                  until: date | None = None, progress: Progress | None = None) -> dict[str, int]:
    """Write a realistic demo village into ``path``.

    Args:
        path: The data folder (created when missing; must not hold a village).
        scale: ``"small"`` (about 200 households, 4 groups, 5 cadres) or ``"large"``
            (3,000 households, 12 groups, 9 cadres).
        years: Years of records ending at ``until``; default 1 (small) or 10 (large).
        seed: Seed of the random generator.
        until: The last day with records; default today in China.
        progress: Called as ``progress(done, total, label)`` after each step.

    Returns:
        The number of records written per kind (``"cadres"``, ``"visits"``, ...).

    Raises:
        DemoRefused: ``path`` already holds a village.
        ValueError: Unknown scale or fewer than one year.
    """
    if scale not in SCALES:
        raise ValueError(f"unknown scale: {scale}")
    default_years, matters_per_year, requests_per_month = _VOLUMES[scale]
    years = default_years if years is None else years
    if years < 1:
        raise ValueError("years must be at least 1")
    path = Path(path)
    if holds_village(path):
        raise DemoRefused(f"文件夹 {path} 里已经有村的数据，演示数据不会覆盖它；请换一个空文件夹")
    until = until or dates.today()
    start = dates.add_years(until, -years) + timedelta(days=1)
    rng = random.Random(seed)
    report = progress or (lambda done, total, label: None)
    last_year = roster_end(until).year
    total = 4 + (last_year - start.year + 1)
    counts: dict[str, int] = {}

    folder = DataFolder(path, today=until)
    try:
        if folder.readonly:
            raise DemoRefused(f"不能写入 {path}：{folder.readonly_reason}")
        records = RecordStore(folder)

        def write(kind: str, objs: list) -> None:
            expected = [o.id for o in objs]
            records.bulk_insert(objs, OPERATOR, "生成演示数据")
            if expected[:1] != [None] and [o.id for o in objs] != expected:
                raise RuntimeError(f"demo ids of {kind} differ from the store's")
            counts[kind] = counts.get(kind, 0) + len(objs)

        report(0, total, "村民与干部")
        names, initials = NameMaker(rng), Initials()
        groups = [f"{n}组" for n in range(1, SCALES[scale][1] + 1)]
        settings = make_settings(groups, village_name(seed))
        cadres, roles = make_cadres(scale, names, initials, groups, start, until)
        households = make_households(scale, names, initials, groups, until, settings.name)
        with records.transaction():  # the settings land with the first records (never records without them)
            write("cadres", cadres)
            write("households", households)
            settings.last_operator_id = roles.secretary.id
            settings.started_on = start  # the demo's history is the village's own from its first day
            records.save_settings(settings, OPERATOR)
        ctx = DemoContext(rng=rng, start=start, until=until, settings=settings, cadres=cadres,
                          households=households, roles=roles)
        report(1, total, "特殊时期与结对")
        ctx.periods = make_special_periods(ctx)
        write("special_periods", ctx.periods)
        ctx.pairings = make_pairings(ctx, large=scale == "large")
        write("pairings", ctx.pairings)
        report(2, total, "五事")
        write("matters", make_matters(ctx, matters_per_year))
        report(3, total, "走访计划")
        visit_maker, ledger_maker = VisitMaker(ctx), LedgerMaker(ctx)
        for done, year in enumerate(range(start.year, last_year + 1), start=4):
            report(done, total, f"{year}年")
            write("duty", make_duty_year(ctx, year))
            if year <= until.year:
                visits = visit_maker.year(year)
                items, meetings = ledger_maker.year(year, visits, visit_maker.request_category)
                write("ledger", items)
                write("visits", visits)
                write("meetings", meetings)
                write("requests", make_requests_year(ctx, year, requests_per_month))
            for kind in ("duty", "visits", "ledger", "meetings", "requests"):
                records.release_year(kind, year)
        folder.compact()  # a demo village is handed over whole: its records in the files, not in the journal
        report(total, total, "完成")
    finally:
        folder.close()
    return counts
