"""What widgets may read of the open village: declared here, so widgets never import the service.

The app holds the service as ``app.service``; a widget that shows whether the folder is read-only,
the day or the operator asks :func:`workbench` for it and gets only this protocol's few facts.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from textual.app import App

from village_tui.domain.models import Cadre, VillageSettings


class FolderName(Protocol):
    """The data folder, as far as the header names it."""

    def display_path(self) -> str:
        """The folder's path as the cadre reads it."""
        ...


class Workbench(Protocol):
    """The facts of the open village that widgets show (the service gives them all)."""

    @property
    def readonly(self) -> bool:
        """True when nothing can be saved."""
        ...

    @property
    def readonly_reason(self) -> str | None:
        """Why the folder is read-only, in Chinese."""
        ...

    @property
    def today(self) -> date:
        """Today in China Standard Time."""
        ...

    @property
    def operator(self) -> Cadre | None:
        """The cadre at the keyboard, once signed in."""
        ...

    @property
    def viewer(self) -> str:
        """Who is looking instead of a cadre (``乡镇审阅（只看）``), or "" when a cadre works."""
        ...

    @property
    def folder(self) -> FolderName:
        """The open data folder."""
        ...

    def settings(self) -> VillageSettings:
        """The village settings."""
        ...


def workbench(app: App[object]) -> Workbench:
    """The open village of ``app`` (its ``service``), as the widgets see it.

    Raises:
        AttributeError: The app has no service (not the village app).
    """
    found: Workbench = getattr(app, "service")
    return found
