"""The typed way from a screen to the service: every screen that asks the service derives from here.

The app holds the one :class:`~village_tui.service.VillageService` as ``app.service``; a screen
reads it as ``self.service``, typed, so a type checker follows every call from a screen into the
service. Widgets never import this module (they see the village through ``widgets.workbench``).
"""

from __future__ import annotations

from typing import Protocol, TypeVar, cast

from textual.app import App
from textual.screen import ModalScreen, Screen

from village_tui.service import VillageService
from village_tui.service.township import TownshipDesk

ResultT = TypeVar("ResultT")


def village_service(app: App[object]) -> VillageService:
    """The service of the village app ``app``.

    Raises:
        TypeError: ``app`` holds no VillageService (it is not the village app).
    """
    service = getattr(app, "service", None)
    if not isinstance(service, VillageService):
        raise TypeError(f"{type(app).__name__} holds no VillageService")
    return service


class AreaSwitcher(Protocol):
    """What the palette's commands ask of the app: the app that lists :class:`AreaCommands` gives it."""

    async def open_area(self, key: str) -> None:
        """Switch to the area of a function key."""

    async def run_area_action(self, key: str, action: str) -> None:
        """Open an area and run one of its screen's actions."""

    async def action_quit(self) -> None:
        """Quit once every open form agreed."""


def area_switcher(app: App[object]) -> AreaSwitcher:
    """The village app, as far as switching areas goes."""
    return cast(AreaSwitcher, app)


class _InApp(Protocol):
    @property
    def app(self) -> App[object]: ...


class ServiceAccess:
    """Gives a screen (a form, a list, a dialog) ``self.service``, typed as the village service."""

    @property
    def service(self: _InApp) -> VillageService:
        """The app's service: every query and save of the village."""
        return village_service(self.app)


class VillageScreen(ServiceAccess, Screen[ResultT]):
    """A full screen that asks the service."""


class VillageModal(ServiceAccess, ModalScreen[ResultT]):
    """A dialog over another screen that asks the service."""


def township_desk(app: App[object]) -> TownshipDesk:
    """The desk of the township app ``app``.

    Raises:
        TypeError: ``app`` holds no TownshipDesk (it is not the township's desk app).
    """
    desk = getattr(app, "service", None)
    if not isinstance(desk, TownshipDesk):
        raise TypeError(f"{type(app).__name__} holds no TownshipDesk")
    return desk


class DeskAccess:
    """Gives a township desk screen (a list, a form, a dialog) ``self.desk``, typed as the township's desk."""

    @property
    def desk(self: _InApp) -> TownshipDesk:
        """The app's township desk: every query and answer of the 民情处理站."""
        return township_desk(self.app)
