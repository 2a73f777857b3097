"""Each level's commands on its own folder: a village command refuses a township's or county's folder.

The township's and the county's commands refuse a folder of another level through their desk
(:meth:`~village_tui.service.township.TownshipDesk.check_is_desk`); the village's commands ask here.
"""

from __future__ import annotations

from pathlib import Path

from village_tui.cli_text import desk_folder_text
from village_tui.domain.errors import DomainError


def village_only(service, path: Path | str, command: str) -> str:
    """Why ``command`` must not run on ``path`` (a township's or county's folder), or "" for a village.

    A folder whose settings cannot be read is left to the command's own checks.
    """
    try:
        settings = service.records.settings()
    except (DomainError, OSError):
        return ""
    if settings is None or settings.level == "村":
        return ""
    return desk_folder_text(path, settings.name, settings.level, command)
