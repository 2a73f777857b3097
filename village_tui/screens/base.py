"""The typed way from a screen to the service: every screen that asks the service derives from here.

The app holds the one :class:`~village_tui.service.VillageService` as ``app.service``; a screen
reads it as ``self.service``, typed, so a type checker follows every call from a screen into the
service. Widgets never import this module (they see the village through ``widgets.workbench``).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Protocol, TypeVar, cast

from textual.app import App
from textual.message import Message
from textual.screen import ModalScreen, Screen

from village_tui.domain.changes import DataChange
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


class DataChanged(Message, bubble=False):
    """Records were saved: the app gives every screen on the stack the service's change notice.

    It does not bubble (a class keyword: Textual sets ``bubble`` from it): the app posts one to
    each screen itself, and one bubbling back to the app would be posted to the screens again.

    Attributes:
        change: What the save changed (kinds, months, ids).
    """

    def __init__(self, change: DataChange) -> None:
        super().__init__()
        self.change = change


class RefreshOnChange:
    """A list that reads its records again when a save touched a kind it shows, and only then.

    The list names its kinds in ``SHOWS`` and its way of reading them again, keeping the
    cursor, in :meth:`refresh_shown`; each of its reads calls :meth:`mark_shown` first. Told of
    a change while on top, it reads again at once; covered by a form or a dialog, when it shows
    again. A list its own save already read again (the form's callback) is not read twice, and
    a list shown again with nothing saved is not read at all.
    """

    SHOWS: ClassVar[tuple[str, ...]] = ()
    _shown_stamp: tuple[int, date] | None = None

    def refresh_shown(self) -> None:
        """Read the records shown again, keeping the cursor on the record it was on."""
        raise NotImplementedError

    def _stamp(self) -> tuple[int, date]:
        return village_service(cast(Screen, self).app).change_stamp(*self.SHOWS)

    def mark_shown(self) -> None:
        """Note that the list reads its kinds now (call before reading)."""
        self._shown_stamp = self._stamp()

    def refresh_if_changed(self) -> bool:
        """Read again if a save of a kind shown (or a new day) came since the last read; True when it did."""
        if self._shown_stamp is None or self._shown_stamp == self._stamp():
            return False
        self.refresh_shown()
        return True

    def on_data_changed(self, event: DataChanged) -> None:
        if event.change.touches(*self.SHOWS) and cast(Screen, self).is_current:
            self.refresh_if_changed()

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()
