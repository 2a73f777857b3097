"""Which villages a folder holds for the township's review: a stick of exports, one export, or data folders."""

from __future__ import annotations

from pathlib import Path

from village_tui.exchange.manifest import DATA_DIR, MANIFEST_NAME
from village_tui.store.api import REFERENCE_NAME

#: A stick holds a few dozen exports; more folders than this are not looked into.
MAX_FOLDERS = 500


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
