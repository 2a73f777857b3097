"""Which villages a folder holds for the township's review: a stick of exports, one export, or data folders.

Given the root of a USB stick (「U盘 E」), ``village-tui review`` used to score the stick itself as a
village and print a made-up row 「U盘 E 未校验…」. A folder that is neither a data folder nor an
export is looked into instead (:func:`review_folders`): the villages and exports one level down are
reviewed in its place, and a folder with none of them is named as such.
"""

from __future__ import annotations

import re
from pathlib import Path

from village_tui.exchange.manifest import DATA_DIR, MANIFEST_NAME
from village_tui.store.api import REFERENCE_NAME, SCHEMA_NAME

#: A stick holds a few dozen exports; more folders than this are not looked into.
MAX_FOLDERS = 500

_YEAR = re.compile(r"\d{4}")


def _is_village(folder: Path) -> bool:
    return ((folder / MANIFEST_NAME).is_file() and (folder / DATA_DIR).is_dir()) or (folder / REFERENCE_NAME).is_file()


def village_folders(folder: Path | str) -> list[Path]:
    """The export (or data) folders to review in ``folder``: itself when it is one, else its sub-folders that are.

    Reply packages (``回复-…``) and anything else are passed over; the newest export of a village
    is not chosen here (each is listed, by name).

    Raises:
        FileNotFoundError: ``folder`` is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    if _is_village(folder):
        return [folder]
    found = []
    for child in sorted(folder.iterdir())[:MAX_FOLDERS]:
        if child.is_dir() and not child.name.startswith("回复-") and _is_village(child):
            found.append(child)
    return found


def looks_like_village(folder: Path) -> bool:
    """An export or a data folder, even a damaged one (the review names what is wrong with it)."""
    if _is_village(folder) or (folder / MANIFEST_NAME).is_file():
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
        folder that is none (by name); a note per folder looked into; the folders with none.
    """
    chosen: list[Path] = []
    notes: list[str] = []
    empty: list[Path] = []
    for folder in folders:
        if looks_like_village(folder):
            chosen.append(folder)
            continue
        inside = village_folders(folder)
        if not inside:
            empty.append(folder)
            continue
        chosen += inside
        notes.append(f"{folder} 不是村的数据文件夹，审阅其中的 {len(inside)} 份：" + "、".join(c.name for c in inside))
    return chosen, notes, empty
