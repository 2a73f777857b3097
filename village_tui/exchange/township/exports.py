"""Reading a village export's items escalated to the township or the county.

The export is verified first (:func:`~village_tui.exchange.verify.verify_copy`); its data
folder is then opened read-only through the village service and only the ledger is read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from village_tui.domain import clock
from village_tui.domain import ledger as L
from village_tui.domain.errors import DomainError
from village_tui.domain.error_words import error_words, missing_path
from village_tui.domain.models import TownshipItem
from village_tui.exchange.manifest import DATA_DIR, Manifest
from village_tui.exchange.masking import mask_text
from village_tui.exchange.verify import verify_copy

UPPER_LEVELS = ("乡镇", "县")


@dataclass
class ReadExport:
    """One export as the township reads it.

    Attributes:
        folder: The export folder.
        manifest: Its manifest (None when it could not be read).
        items: The village's items escalated to 乡镇 or 县.
        refusal: Why the export is refused, in Chinese ("" when it is taken).
        public_key: The key its manifest was signed with (hexadecimal).
    """

    folder: Path
    manifest: Manifest | None = None
    items: list[TownshipItem] = field(default_factory=list)
    refusal: str = ""
    public_key: str = ""


def refusal_for_unit(manifest: Manifest, township: str, county: str) -> str:
    """Why an export from a village of another township (or county) is refused, or ""."""
    if manifest.township != township:
        return f"这份导出来自{manifest.township or '未填乡镇'}的{manifest.village}，不是本乡镇（{township}）的村"
    if county and manifest.county and manifest.county != county:
        return f"这份导出来自{manifest.county}的{manifest.village}，不是本县（{county}）的村"
    return ""


def read_export(folder: Path | str, township: str, county: str) -> ReadExport:
    """Verify an export and read its escalated items, or say why it is refused.

    Args:
        folder: The export folder on the stick.
        township: The receiving township's name.
        county: Its county ("" to accept any).
    """
    result = ReadExport(Path(folder))
    if not result.folder.exists():
        result.refusal = missing_path(result.folder)
        return result
    verified = verify_copy(result.folder)
    result.manifest = manifest = verified.manifest
    result.public_key = verified.signature.public_key if verified.signature else ""
    if not verified.ok or manifest is None:
        problems = [line for line in verified.lines()[1:] if not line.startswith(("注意", "U盘上的副本"))]
        result.refusal = "校验没有通过：" + "；".join(problems[:5])
        return result
    result.refusal = refusal_for_unit(manifest, township, county)
    if result.refusal:
        return result
    try:
        result.items = _escalated_items(result.folder / DATA_DIR, manifest)
    except (DomainError, OSError) as error:
        result.refusal = f"导出中的民情台账读不出来：{error_words(error)}"
    return result


def _escalated_items(data: Path, manifest: Manifest) -> list[TownshipItem]:
    from village_tui.service import VillageService

    village = VillageService.open(data, readonly=True)
    try:
        found = []
        for year in village.ledger_years():
            for item in village.ledger_items(year, limit=village.ledger_item_count(year)):
                steps = [e for e in item.escalations if e.level in UPPER_LEVELS]
                if steps:
                    found.append(_desk_item(item, steps[0], manifest))
        return found
    finally:
        village.close()


def _desk_item(item, first, manifest: Manifest) -> TownshipItem:
    return TownshipItem(
        village=manifest.village, item=str(item.id), category=item.category,
        content=mask_text(L.list_text(item)), village_day=item.day, escalated_on=first.day,
        office=first.office, level=item.level,
        village_status="已作废" if item.cancelled else item.status, village_due=item.due,
        history=[dataclasses.replace(h, note=mask_text(h.note)) for h in item.history],
        escalations=[dataclasses.replace(e, reply=mask_text(e.reply)) for e in item.escalations],
        export_time=manifest.time,
        received_on=clock.today())
