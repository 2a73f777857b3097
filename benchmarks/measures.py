"""In-process measures: a durable save, a search keystroke, the month and year checks, review and export."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 27)


def timed(func: Callable[[], Any]) -> float:
    """Milliseconds one call of ``func`` takes."""
    started = time.perf_counter()
    func()
    return (time.perf_counter() - started) * 1000


def median_ms(func: Callable[[], Any], repeats: int) -> float:
    """Median milliseconds of ``repeats`` calls."""
    return statistics.median(timed(func) for _ in range(repeats))


def _open(folder: Path, readonly: bool = False):
    from village_tui.service import VillageService

    service = VillageService.open(folder, readonly=readonly, today=TODAY)
    service.sign_in(service.cadres()[0].id) if not readonly else None
    return service


def _visits(service, count: int) -> list:
    """``count`` new visits on today's date by the first cadre, to different households."""
    from village_tui.domain.models import Visit

    cadre = service.cadres()[0].id
    households = [h.id for h in service.records.peek("households") if not h.archived]
    return [Visit(day=TODAY, cadre_id=cadre, household_id=households[i % len(households)], way="入户",
                  learned="了解家里生产生活情况，老人身体还好", requests="")
            for i in range(count)]


def written_bytes() -> int:
    """Bytes this process has handed to ``write()`` so far (``wchar`` of ``/proc/self/io``), or -1."""
    try:
        for line in Path("/proc/self/io").read_text().splitlines():
            if line.startswith("wchar:"):
                return int(line.split()[1])
    except OSError:
        pass
    return -1


def save_ms(folder: Path, repeats: int = 30) -> dict[str, float]:
    """One durable ``save_visit`` in the current year on a working copy, measured three ways.

    Returns:
        ``first``: milliseconds of the first save after opening (it pays for reading this year's file);
        ``median``: median milliseconds of the next ``repeats`` saves;
        ``bytes``: median bytes written per save (audit entry and fsynced files included).
    """
    service = _open(folder)
    try:
        visits = _visits(service, repeats + 1)
        first = timed(lambda: service.save_visit(visits.pop()))
        times, sizes = [], []
        for visit in visits:
            before = written_bytes()
            times.append(timed(lambda v=visit: service.save_visit(v)))
            sizes.append(written_bytes() - before)
        return {"first": first, "median": statistics.median(times), "bytes": statistics.median(sizes)}
    finally:
        service.close()


def plain_tinydb_file(folder: Path, dest: Path) -> Path:
    """One TinyDB ``JSONStorage`` file holding every table of every year of ``folder``."""
    from village_tui.store.folder import DataFolder

    data = DataFolder(folder, readonly=True)
    try:
        files = data.data_files()
    finally:
        data.close()
    tables: dict[str, dict[str, Any]] = {}
    for path in files:
        if path.parent.name == "audit" or path.name == "schema.json":
            continue
        for name, docs in json.loads(path.read_text(encoding="utf-8")).items():
            table = tables.setdefault(name, {})
            for doc in docs.values():
                table[str(len(table) + 1)] = doc
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    return dest


def plain_tinydb_save_ms(folder: Path, work: Path, repeats: int = 10) -> float:
    """Median milliseconds of ``db.table("visits").insert(doc)`` on plain TinyDB over all the records."""
    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    from village_tui.store.convert import to_document

    path = plain_tinydb_file(folder, work / "plain.json")
    service = _open(folder, readonly=True)
    try:
        docs = [to_document(v) for v in _visits(service, repeats)]
    finally:
        service.close()
    db = TinyDB(path, storage=JSONStorage, ensure_ascii=False, encoding="utf-8")
    try:
        table = db.table("visits")
        return statistics.median(timed(lambda d=d: table.insert(d)) for d in docs)
    finally:
        db.close()


def search_ms(folder: Path, repeats: int = 200) -> dict[str, float]:
    """Median milliseconds of one household search keystroke: pinyin initials and digits."""
    service = _open(folder, readonly=True)
    try:
        first = timed(lambda: service.search_households("z"))
        return {"first": first,
                "initials": median_ms(lambda: service.search_households("zxm"), repeats),
                "digits": median_ms(lambda: service.search_households("4198"), repeats)}
    finally:
        service.close()


def checks_ms(folder: Path) -> dict[str, float]:
    """The month check of October 2026 and the 2025 assessment, cold (fresh service) and warm."""
    result = {}
    for name, call in (("month", lambda s: s.month_findings(2026, 10)),
                       ("year", lambda s: s.yearly_assessment(2025))):
        service = _open(folder, readonly=True)
        try:
            result[f"{name}_cold"] = timed(lambda: call(service))
            result[f"{name}_warm"] = median_ms(lambda: call(service), 3 if name == "year" else 10)
        finally:
            service.close()
    return result


def export_ms(folder: Path, dest: Path) -> tuple[float, str]:
    """Milliseconds of one masked export of a working copy to ``dest``."""
    try:
        from village_tui.exchange.export import export_village
    except ImportError as error:
        return float("nan"), f"export not available: {error}"
    service = _open(folder)
    try:
        return timed(lambda: export_village(service, dest, masked=True)), "export_village"
    finally:
        service.close()
