"""Which folders a review reads: a village's data folder or export as given, or the exports inside a stick.

Given the root of a USB stick (「U盘 E」), the review used to score the stick itself as a village
and print a made-up row 「U盘 E 未校验…」. A folder that is neither a data folder nor an export is
looked into instead: the villages and exports one level down are reviewed in its place, and a
folder with none of them is named as such.
"""

from __future__ import annotations

import re
from pathlib import Path

from village_tui.exchange.manifest import DATA_DIR, MANIFEST_NAME
from village_tui.store.api import REFERENCE_NAME, SCHEMA_NAME

_YEAR = re.compile(r"\d{4}")


def looks_like_village(folder: Path) -> bool:
    """An export (manifest and data) or a data folder, even a damaged one (the review names what is wrong)."""
    if (folder / MANIFEST_NAME).is_file() or (folder / DATA_DIR).is_dir() and (folder / DATA_DIR / REFERENCE_NAME).exists():
        return True
    if (folder / REFERENCE_NAME).exists() or (folder / SCHEMA_NAME).exists() or (folder / "audit").is_dir():
        return True
    return any(child.is_dir() and _YEAR.fullmatch(child.name) for child in folder.iterdir())


def review_folders(folders: list[Path]) -> tuple[list[Path], list[str], list[Path]]:
    """The folders to score, the notes on folders looked into, and the folders holding no village.

    Args:
        folders: The folders given on the command line (each an existing directory).

    Returns:
        ``(to_score, notes, empty)``: each given village as is, or the villages one level inside a
        folder that is none (sorted by name); a note per folder looked into; the folders with none.
    """
    chosen: list[Path] = []
    notes: list[str] = []
    empty: list[Path] = []
    for folder in folders:
        if looks_like_village(folder):
            chosen.append(folder)
            continue
        inside = sorted((child for child in folder.iterdir() if child.is_dir() and looks_like_village(child)),
                        key=lambda child: child.name)
        if not inside:
            empty.append(folder)
            continue
        chosen += inside
        notes.append(f"{folder} 不是村的数据文件夹，审阅其中的 {len(inside)} 份：" + "、".join(c.name for c in inside))
    return chosen, notes, empty
