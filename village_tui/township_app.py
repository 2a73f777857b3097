"""The township's desk app: ``village-tui --data T`` on a township's data folder.

The 民情处理站 signs in (its operator's name), then works two areas: F2 待办事项 (the items
waiting across its villages, each item's detail and the forms 答复, 办结, 退回, 延期, 上报县)
and F3 村情审阅 (the villages' scorecard, as ``village-tui review`` shows it). Opening a village
from the review leaves the app with a :class:`ReviewChoice`; :func:`desk_loop` shows that
village read-only and comes back to the review.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen, Screen, SystemModalScreen
from textual.widgets import Footer

from village_tui.app import VILLAGE_THEME
from village_tui.key_order import OrderedKeys
from village_tui.service.township import TownshipDesk
from village_tui.widgets.chinese_app import ChineseApp
from village_tui.widgets.chinese_keys import use_chinese_key_labels
from village_tui.widgets.forms.leaving import AsksBeforeLeaving, is_form
from village_tui.widgets.narrow_glyphs import use_narrow_glyphs
from village_tui.widgets.steady_footer import SteadyFooter


class TownshipApp(OrderedKeys, AsksBeforeLeaving, ChineseApp[object]):
    """乡镇民情处理站工作台.

    Args:
        desk: The opened township desk.
        review: Come back to this review (after a village was looked at), or None.
        review_folder: The folder of exports typed last, filled in on 村情审阅.
        review_month: The month reviewed last (``2026-10``), filled in on 村情审阅; empty: last month.
    """

    CSS_PATH = "app.tcss"
    TITLE = "乡镇民情处理站工作台"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("escape", "back", "返回"),
        Binding("f2", "area('waiting')", "待办事项", key_display="F2", priority=True),
        Binding("f3", "area('review')", "村情审阅", key_display="F3", priority=True),
        # As in the village app: Ctrl+Q is named in F1 帮助, so the footer keeps its room for F1 at 80 columns.
        Binding("ctrl+q", "quit", "退出", priority=True, show=False),
        Binding("slash", "focus_search", "查找", show=False),
        Binding("f1", "open_area('f1')", "帮助", key_display="F1", priority=True),
    ]

    def __init__(self, desk: TownshipDesk, review: object | None = None, review_folder: str = "",
                 review_month: str = "") -> None:
        use_narrow_glyphs()
        use_chinese_key_labels()
        super().__init__()
        self.service = desk
        self.review_folder = review_folder
        self.review_month = review_month
        self._review = review
        self._leaving = False

    def on_mount(self) -> None:
        from village_tui.screens.township.sign_in import DeskSignIn
        from village_tui.screens.township.waiting import WaitingScreen

        self.register_theme(VILLAGE_THEME)
        self.theme = VILLAGE_THEME.name
        self.screen_change_signal.subscribe(self, self._dress)
        self.push_screen(WaitingScreen())
        if self._review is not None:
            self._open_review()
        elif not self.service.readonly and not self.service.desk_operator:
            self.push_screen(DeskSignIn(), self._signed_in)

    def _dress(self, screen: Screen) -> None:
        """A dialog shows its own keys at the bottom (the form's Ctrl+S and Esc), as in the village app.

        Keys typed while a screen appears wait for it (no keystroke is lost, see ``key_order``).
        """
        self.hold_keys_for(screen)
        if isinstance(screen, ModalScreen) and not isinstance(screen, SystemModalScreen) \
                and screen.is_attached and not screen.query(Footer):
            screen.mount(SteadyFooter())
            self.call_after_refresh(screen.refresh_bindings)

    def _signed_in(self, name: object | None) -> None:
        if name is None:
            self.exit()
            return
        self.notify(f"经办人：{name}")
        for screen in self.screen_stack:
            for header in screen.query("#desk-header"):
                header.refresh()

    def _open_review(self) -> None:
        from village_tui.screens.township.review_area import DeskReviewPick, DeskReviewScreen, ReviewChoice

        self.push_screen(DeskReviewPick())
        if isinstance(self._review, ReviewChoice):
            self.push_screen(DeskReviewScreen(self._review.rows, self._review.period, self._review.month,
                                              start=self._review.index))

    def _in_review(self) -> bool:
        from village_tui.screens.township.review_area import DeskReviewPick

        return any(isinstance(s, DeskReviewPick) for s in self.screen_stack)

    def _signing_in(self) -> bool:
        from village_tui.screens.township.sign_in import DeskSignIn

        return any(isinstance(s, DeskSignIn) for s in self.screen_stack)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that would do nothing here (Esc on the list; the areas while someone signs in; F1 in the help).

        Each area shows the other's key only: over the list Esc goes back to it, and inside the review
        F3 would only open it again, so the footer keeps its room for the screen's own keys and F1 帮助.
        """
        from village_tui.screens.township.help import DeskHelp

        if action == "back":
            return len(self.screen_stack) > 2  # the list is the desk's base: Esc closes what is over it
        if action == "area":
            if self._signing_in() or self._leaving:
                return False
            return self._in_review() == (parameters == ("waiting",))
        if action == "open_area":
            return not isinstance(self.screen, DeskHelp)
        return True

    async def action_back(self) -> None:
        """Esc: close the current screen (a form asks first); leaving the sign-in leaves the desk."""
        screen = self.screen
        await self.request_leave([screen], lambda: self._back_from(screen))

    def _back_from(self, screen: Screen) -> None:
        from village_tui.screens.township.sign_in import DeskSignIn

        if screen is not self.screen or len(self.screen_stack) <= 2:
            return
        if isinstance(screen, DeskSignIn):
            screen.dismiss(None)
        elif is_form(screen):
            screen.leave()
        else:
            self.pop_screen()

    async def action_area(self, name: str) -> None:
        """F2 待办事项 / F3 村情审阅: back to the list (every form asked first), then open the area."""
        dropped = self.screen_stack[2:]

        async def switch() -> None:
            while len(self.screen_stack) > 2:
                self.pop_screen()
            if name == "review":
                self._open_review()

        await self.request_leave(dropped, switch)

    def action_open_area(self, key: str) -> None:
        """F1 帮助 (the dialogs name it as the village app's do); the desk's areas are F2 and F3."""
        from village_tui.screens.township.help import DeskHelp

        if key == "f1" and not isinstance(self.screen, DeskHelp):
            self.push_screen(DeskHelp())

    def action_focus_search(self) -> None:
        """/: put the cursor in the screen's search box, if it has one."""
        from village_tui.widgets.household_picker import SEARCH_CLASS

        search = next(iter(self.screen.query("." + SEARCH_CLASS)), None)
        if search is not None:
            search.focus()

    async def action_quit(self) -> None:
        """Ctrl+Q: leave the desk once every open form agreed."""
        await self.request_leave(list(self.screen_stack), self.exit)


def desk_loop(desk: TownshipDesk) -> None:
    """The desk, and the villages opened read-only from its review, until the township quits."""
    from village_tui.app import VillageApp
    from village_tui.exchange.review import open_for_township
    from village_tui.screens.township.review_area import ReviewChoice

    review: object | None = None
    folder = month = ""
    while True:
        app = TownshipApp(desk, review=review, review_folder=folder, review_month=month)
        chosen = app.run()
        if not isinstance(chosen, ReviewChoice):
            return
        review, folder, month = chosen, app.review_folder, app.review_month
        service = open_for_township(chosen.rows[chosen.index].folder)
        try:
            cadres = service.cadres(include_archived=True)  # shown as one of them: read-only, nothing is stamped
            if cadres and cadres[0].id is not None:
                VillageApp(service, operator_id=cadres[0].id, exit_on_back=True).run()
        finally:
            service.close()
