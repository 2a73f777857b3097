"""The Textual app: bindings, theme, header and footer on every screen, and the command palette."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable

from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen, Screen, SystemModalScreen
from textual.theme import Theme
from textual.widgets import Footer, Input
from textual.worker import WorkerFailed

from village_tui.domain import dates
from village_tui.domain.changes import DataChange
from village_tui.key_order import OrderedKeys
from village_tui.navigation import AreaCommands, load_screen_class, screen_factory
from village_tui.screens.areas import AREAS, area_by_key
from village_tui.screens.base import DataChanged
from village_tui.service import VillageService
from village_tui.widgets.forms.leaving import AsksBeforeLeaving, dirty_forms, is_form
from village_tui.widgets.chinese_app import ChineseApp
from village_tui.widgets.chinese_keys import use_chinese_key_labels
from village_tui.widgets.narrow_glyphs import use_narrow_glyphs
from village_tui.widgets.textual_caches import release_left_widgets_lines
from village_tui.widgets.village_header import VillageHeader
from village_tui.widgets.whole_rows import redraw_rows_after_toasts
from village_tui.worker_threads import use_fresh_context_pool
from village_tui.widgets.steady_footer import SteadyFooter

# High contrast; Textual maps these to the nearest of 16 colours on old terminals.
VILLAGE_THEME = Theme(
    name="village", dark=True, primary="blue", secondary="teal", accent="yellow",
    warning="yellow", error="red", success="green", foreground="white",
    background="black", surface="black", panel="navy",
)

HOME_KEY = "f2"
HELP_KEY = "f1"


class VillageApp(OrderedKeys, AsksBeforeLeaving, ChineseApp[object]):
    """村干部联系服务群众工作台.

    Args:
        service: The opened VillageService.
        operator_id: Sign this cadre in and skip the sign-in screen (used by tests).
        exit_on_back: Esc at an area's base leaves the app (the township's review: back to its village list).
    """

    # 首页's rules (scoped to its screens) are read with the app's: read when the screen first
    # showed, they made Textual parse every CSS source again before the first frame.
    CSS_PATH = ["app.tcss", "screens/home/home.tcss"]
    TITLE = "村干部联系服务群众工作台"
    # Only the village's own commands: Textual's system commands are in English.
    COMMANDS = {AreaCommands}
    BINDINGS = [
        Binding("escape", "back", "返回"),
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True),
        Binding("ctrl+q", "quit", "退出", priority=True, show=False),
        Binding("ctrl+c", "help_quit", "退出", show=False, priority=True),
        # Not a priority: a text field types the / (Textual lets a focused field consume printable keys).
        Binding("slash", "focus_search", "查找", show=False),
    ]

    def __init__(self, service: VillageService, operator_id: int | None = None, exit_on_back: bool = False) -> None:
        use_narrow_glyphs()
        use_chinese_key_labels()
        super().__init__()
        self._use_theme_from_the_start()
        self.service = service
        self._operator_id = operator_id
        self._exit_on_back = exit_on_back
        self._first_dressed = False
        self._leaving = False
        self._stop_hearing: Callable[[], None] | None = None
        self._broken_named = False  # the broken-file dialog was shown (once a start)
        self._area_factories = {area.key: self._fresh_styles(screen_factory(area)) for area in AREAS
                                if area.key != HELP_KEY}
        for area in AREAS:
            if area.key != HELP_KEY:
                self.add_mode(area.key, self._area_factories[area.key])
            # Priority: Textual stops non-priority app keys at a dialog, and the area keys (and F1)
            # must work from inside one too; a dialog's typed text is asked about first.
            self._bindings.bind(area.key, f"open_area('{area.key}')", description=area.name,
                                show=area.key == HELP_KEY, key_display=area.key.upper(), priority=True)

    def _use_theme_from_the_start(self) -> None:
        """Set the village theme before the stylesheet is first parsed, so it is parsed once.

        Set in ``on_mount`` (or set the usual way here) the theme's watcher makes Textual parse and
        apply every CSS source a second time before the first frame. Before the first parse there
        is nothing to refresh: the stylesheet takes the theme's variables and the app its classes.
        """
        self.register_theme(VILLAGE_THEME)
        self.set_reactive(App.theme, VILLAGE_THEME.name)
        self.stylesheet.set_variables(self.get_css_variables())
        for name in [name for name in self.classes if name.startswith("-theme-")]:
            self.remove_class(name)
        self.add_class(f"-theme-{VILLAGE_THEME.name}")
        self.set_class(VILLAGE_THEME.dark, "-dark-mode")
        self.set_class(not VILLAGE_THEME.dark, "-light-mode")

    def _fresh_styles(self, factory: Callable[[], Screen]) -> Callable[[], Screen]:
        """``factory``, its new screen marked as styled by the app's current CSS.

        Textual re-parses every CSS source and restyles every widget of the app when it
        shows a screen whose CSS count differs from the app's, twice per area switch; a
        screen built just now is styled by the current CSS when it mounts anyway.
        """

        def build() -> Screen:
            screen = factory()
            screen._css_update_count = self._css_update_count
            return screen

        return build

    def on_mount(self) -> None:
        use_fresh_context_pool(asyncio.get_running_loop())  # left areas' screens are freed, not kept by a thread
        self._stop_hearing = self.service.on_change(self._heard)
        self.screen_change_signal.subscribe(self, self._dress)
        for notice in self.service.folder.open_notices():  # what this open found and mended, said once
            self.notify(notice, severity="warning", timeout=15)
        if self._operator_id is not None:
            from village_tui.screens.shell.sign_in import sign_in_keeping_the_app

            if sign_in_keeping_the_app(self, self._operator_id):
                self.call_later(self.open_area, self.first_area())
            return
        from village_tui.screens.shell.sign_in import SignInScreen

        def signed_in(_result=None) -> None:
            # The sign-in waited for the check of the year files: a broken one is named before the area opens.
            self._name_broken_files(open_first_area)

        def open_first_area(_result: None = None) -> None:
            self.call_later(self.open_area, self.first_area())

        def set_up(_result=None) -> None:
            self.push_screen(SignInScreen(), signed_in)

        if not self.service.reference_readable():
            self.name_broken_reference(at_once=True)
            return
        if not self.service.is_set_up() or not self.service.cadres():
            from village_tui.screens.shell.setup import SetupScreen  # first run only: not imported otherwise

            self.push_screen(SetupScreen(), set_up)
        else:
            set_up()
        if not self.service.folder.check_pending:
            self._name_broken_files()

    def name_broken_reference(self, at_once: bool = False) -> None:
        """The reference file cannot be read: only the dialog naming it is left, and closing it ends the program.

        No settings, cadres or households to show (and no first-run setup over lost data). Found at
        the open, or by the check after the sign-in frame (whose settings and cadres were read
        alone): then the sign-in (and anything over it) goes first, as if the open had found it.

        Args:
            at_once: Show it now (the app's own handler asks); otherwise on the app's next turn, so
                that the dialog's answer comes back to the app, not to the sign-in it replaces.
        """
        if self._broken_named:
            return
        self._broken_named = True
        if at_once:
            self._show_broken_reference()
        else:
            self.call_later(self._show_broken_reference)

    def _show_broken_reference(self) -> None:
        from village_tui.screens.shell.broken_files import BrokenFilesScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(BrokenFilesScreen(can_view=False), lambda _result=None: self.exit())

    def _name_broken_files(self, then: Callable[[None], None] | None = None) -> None:
        """Show the dialog naming each broken data file (and offering its backup) once, then run ``then``."""
        if self.service.folder.broken_files and not self._broken_named:
            from village_tui.screens.shell.broken_files import BrokenFilesScreen

            self._broken_named = True
            self.push_screen(BrokenFilesScreen(), then)
        elif then is not None:
            then(None)

    def _check_files(self) -> None:
        """Parse and check the year files in a thread (writes wait for it), then name any broken one."""

        def check() -> None:
            self.service.finish_open()
            self.call_from_thread(self._files_checked)

        self.run_worker(check, thread=True, group="open", name="check-files")

    def _files_checked(self) -> None:
        """The files are checked: name a broken one, show read-only where it is, start the backup."""
        if not self.service.reference_readable():
            self.name_broken_reference(at_once=True)  # the whole reference file, read after the sign-in's tables
            return
        self.service.prepare_saves()
        self._name_broken_files()
        if self.service.readonly:
            for screen in self.screen_stack:
                for header in screen.query(VillageHeader):
                    header.set_class(True, "-readonly")
                    header.refresh()
                screen.refresh_bindings()
        self.service.start_daily_backup()

    def on_unmount(self) -> None:
        if self._stop_hearing is not None:
            self._stop_hearing()  # the service may outlive the app (tests, the township's review)
            self._stop_hearing = None

    def _heard(self, change: DataChange) -> None:
        """The service's change notice, in the thread that saved: handed to the app's own message queue.

        ``post_message`` is thread-safe and never waits, so a save in a worker thread is not held up
        by the screens (and cannot hang on an app that is closing).
        """
        self.post_message(DataChanged(change))

    def on_data_changed(self, event: DataChanged) -> None:
        """Tell every screen on the stack what a save changed (each reads again only what it shows)."""
        for screen in self.screen_stack:
            screen.post_message(DataChanged(event.change))

    def _load_dates(self) -> None:
        """Load pendulum (about 70 ms) in a thread once the first frame is drawn, then redraw the headers."""
        if dates.loaded():
            return

        def load() -> None:
            dates.preload()
            self.call_from_thread(self._dates_loaded)

        self.run_worker(load, thread=True, group="dates", name="pendulum")

    def _dates_loaded(self) -> None:
        for screen in self.screen_stack:
            for header in screen.query(VillageHeader):
                header.refresh()

    @staticmethod
    def first_area() -> str:
        """首页 when registered, otherwise 农户."""
        return HOME_KEY if area_by_key(HOME_KEY) else "f3"

    def _dress(self, screen: Screen) -> None:
        """Give every full screen the village header and a footer (after the first: check the year files, back up, load pendulum)."""
        if not self._first_dressed:
            self._first_dressed = True
            self.call_after_refresh(self._once_drawn, screen)
        release_left_widgets_lines()  # the screens left behind are freed with the lines they drew
        self.hold_keys_for(screen)  # keys typed while it appears go to its first field
        redraw_rows_after_toasts(screen)
        if isinstance(screen, ModalScreen):
            # A dialog shows its own keys at the bottom, over the keys of the screen behind it
            # (which do nothing while the dialog is open); not the palette, which has its own.
            if screen.is_attached and not isinstance(screen, SystemModalScreen) and not screen.query(Footer):
                screen.mount(SteadyFooter())
                self.call_after_refresh(screen.refresh_bindings)
            return
        if screen.id == "_default" or not screen.is_attached or screen.query(VillageHeader):
            return  # (the empty default screen behind the broken-file dialog is never dressed)
        screen.mount(VillageHeader())
        if not screen.query(Footer):
            screen.mount(SteadyFooter())
            # The screen may have announced its keys before the footer listened: announce them again.
            self.call_after_refresh(screen.refresh_bindings)
        self.call_after_refresh(self._focus_first_field, screen)

    def _once_drawn(self, screen: Screen) -> None:
        """Start the work that waits for the first screen (``screen``) to be drawn, once it is.

        The app's first refresh after the screen change comes before the new screen's own
        (it is not mounted yet): the threads started then took the interpreter from the
        screen while it drew its first frame.
        """
        if screen.is_running:
            screen.call_after_refresh(self._start_after_first_frame)
        else:
            self._start_after_first_frame()

    def _start_after_first_frame(self) -> None:
        if self.service.folder.check_pending:
            # The first screen needed only the settings and cadres: the files are checked once it is drawn
            # (then the day's backup starts).
            self._check_files()
        else:
            # The day's first backup copies files in a thread once the first screen is drawn.
            self.service.start_daily_backup()
        self._load_dates()

    def _focus_first_field(self, screen: Screen, tries: int = 3) -> None:
        """A screen whose focus fell on a scrolling box (or nowhere) starts on its first field instead.

        Textual focuses the first focusable widget, which on a screen of fields is the
        box scrolling them (上报与导入): the USB path typed at once went nowhere.
        """
        from textual.containers import ScrollableContainer
        from textual.scroll_view import ScrollView

        if screen is not self.screen:
            return
        if screen.focused is None and tries:
            self.call_after_refresh(self._focus_first_field, screen, tries - 1)  # Textual focuses it first
            return
        if not isinstance(screen.focused, ScrollableContainer) or isinstance(screen.focused, ScrollView):
            return  # (a table is a ScrollView: a list screen starts on its list)
        if is_form(screen):
            return  # a form focuses its own first field when it mounts
        from village_tui.widgets.forms.field import FormField  # only a screen of fields imports them

        for form_field in screen.query(FormField):
            field = form_field.field
            target = field if field.focusable else next((w for w in field.query("*") if w.focusable), None)
            if form_field.display and target is not None:
                target.focus()
                return

    def _handle_exception(self, error: Exception) -> None:
        """A data file found broken or of the wrong shape while a screen reads it: say so, never crash.

        Files are checked when first read, and an old year's file is first read when
        a screen asks for it. The folder is read-only from then on (the file is named
        and kept); the cadre is told which file and taken back to 首页, whose own
        records were readable at start. Any other error ends the program as before.
        """
        from village_tui.service import BrokenDataFile

        broken = error.error if isinstance(error, WorkerFailed) else error
        if not isinstance(broken, BrokenDataFile) or self.service.operator is None:
            super()._handle_exception(error)
            return
        self.notify(f"{broken} 本次以只读方式查看。", severity="error", timeout=15)
        if self.current_mode != HOME_KEY:
            self.call_later(self.open_area, HOME_KEY)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a form field that its screen did not claim moves on to the next field, as Tab does.

        Cadres fill a paper form line by line and press Enter after each line; without this,
        Enter would do nothing and they would type the next field into the same box.
        """
        if any(node.has_class("form-box") for node in event.input.ancestors_with_self):
            event.stop()
            self.screen.focus_next()

    def _dropped_by(self, key: str) -> list[Screen]:
        """The screens an area switch to ``key`` would drop."""
        if key == HELP_KEY or key == self.current_mode or self.service.operator is None:
            return []
        return list(self.screen_stack)

    async def open_area(self, key: str) -> None:
        """Switch to the area of a function key (F1 help opens over the current screen); no question asked."""
        area = area_by_key(key)
        if area is None or (self.service.operator is None and key != HELP_KEY):
            return
        if key == HELP_KEY:  # also before anyone signed in
            if not isinstance(self.screen, load_screen_class(area.screen)):
                await self.push_screen(load_screen_class(area.screen)())
            return
        left = self.current_mode
        await self.switch_mode(key)
        if left != key and left in self._area_factories:
            # Only the current area's screens stay alive: rebuilding one is cheap (each rereads
            # its records when shown), while keeping every visited area doubled the memory.
            await self.remove_mode(left)
            self.add_mode(left, self._area_factories[left])

    async def action_open_area(self, key: str) -> None:
        """An area key: switch once the forms it would drop agreed."""
        self._drop_toasts_of_the_area_left(key)
        await self.request_leave(self._dropped_by(key), lambda: self.open_area(key))

    def _drop_toasts_of_the_area_left(self, key: str) -> None:
        """Going to another area takes the toasts about the one left away (an F8 toast sat on the F9 list).

        Toasts that leaving itself raises (a form saved on the way out) come after this and stay.
        """
        if key != HELP_KEY and key != self.current_mode:
            self.clear_notifications()

    async def run_area_action(self, key: str, action: str) -> None:
        """Open an area and run one of its screen's actions (from the command palette)."""
        self._drop_toasts_of_the_area_left(key)
        await self.request_leave(self._dropped_by(key), lambda: self._area_action(key, action))

    async def _area_action(self, key: str, action: str) -> None:
        await self.open_area(key)
        if self.current_mode != key:
            return
        screen = self.screen_stack[0]
        if self.service.readonly and not screen.check_action(action, ()):
            self.notify(f"只读：{self.service.readonly_reason}。不能修改。", severity="error")
            return
        await screen.run_action(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that would do nothing here, so every key the footer shows works on its screen."""
        if action == "back" and len(self.screen_stack) == 1:
            # At an area's base Esc goes to 首页 (or, in a review, back to the villages); on 首页 it does nothing.
            return self._exit_on_back or (area_by_key(HOME_KEY) is not None and self.current_mode != HOME_KEY)
        if action == "open_area":
            if self._leaving or isinstance(self.screen, SystemModalScreen):
                return False  # the unsaved-changes question or the palette is asked first (and keeps its keys)
            if parameters == (HELP_KEY,) and self._is_help(self.screen):
                return False
            if parameters != (HELP_KEY,) and self._signing_in():
                return False  # 换操作员: someone signs in first
        if action == "help_quit" and getattr(self.focused, "selected_text", None):
            return False  # Ctrl+C with text selected in a field copies it
        return True

    @staticmethod
    def _is_help(screen: Screen) -> bool:
        """Whether ``screen`` is the F1 help (which closes even before anyone signed in)."""
        help_area = area_by_key(HELP_KEY)
        if help_area is None:
            return False
        module_name, _, class_name = help_area.screen.partition(":")
        module = sys.modules.get(module_name)  # not imported: no help screen was ever made (the footer asks at start)
        return module is not None and isinstance(screen, getattr(module, class_name))

    def action_command_palette(self) -> None:
        """Ctrl+P: the command palette, in Chinese."""
        from textual.command import CommandPalette

        from village_tui.widgets.village_palette import VillagePalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(VillagePalette())

    async def action_back(self) -> None:
        """Esc: close the current screen (a form asks first); at an area's base go to 首页 (or, in a review, back to the villages)."""
        screen = self.screen
        await self.request_leave([screen], lambda: self._back_from(screen))

    async def _back_from(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        if len(self.screen_stack) > 1:
            if self.service.operator is not None or self._is_help(screen):
                if is_form(screen):
                    screen.leave()
                else:
                    self.pop_screen()
            return
        if self._exit_on_back:
            self.exit()
            return
        if area_by_key(HOME_KEY) and self.current_mode != HOME_KEY:
            await self.open_area(HOME_KEY)

    def action_focus_search(self) -> None:
        """/: put the cursor in the screen's search box (marked with ``SEARCH_CLASS``), if it has one."""
        from village_tui.widgets.household_picker import SEARCH_CLASS

        search = next(iter(self.screen.query("." + SEARCH_CLASS)), None)
        if search is not None:
            search.focus()

    async def action_switch_operator(self) -> None:
        """换操作员: once every open form agreed, back to 首页 and the sign-in list, without quitting."""
        if self.service.operator is None or self._signing_in():
            return
        await self.request_leave(list(self.screen_stack), self._switch_operator)

    async def _switch_operator(self) -> None:
        from village_tui.screens.shell.sign_in import SignInScreen

        await self.open_area(self.first_area())

        def signed_in(_cadre_id: int | None = None) -> None:
            for header in self.screen.query(VillageHeader):
                header.refresh()  # the new operator's name
            self.notify(f"现在的操作员：{self.service.operator.name if self.service.operator else ''}")

        await self.push_screen(SignInScreen(), signed_in)

    def _signing_in(self) -> bool:
        """Whether the sign-in list is showing (the area keys wait until someone signed in)."""
        return type(self.screen).__name__ == "SignInScreen"

    async def action_quit(self) -> None:
        """Ctrl+Q: quit once every open form agreed."""
        await self.request_leave(list(self.screen_stack), self.exit)

    async def action_help_quit(self) -> None:  # type: ignore[override]  # Textual awaits an async action as well
        """Ctrl+C: ask 退出程序？ in Chinese (or the unsaved-changes question when a form holds changes)."""
        from village_tui.widgets.dialogs.confirm import ConfirmDialog

        if dirty_forms(self.screen_stack):
            await self.request_leave(list(self.screen_stack), self.exit)
            return

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self.exit()

        if not any(isinstance(s, ConfirmDialog) for s in self.screen_stack):
            self.push_screen(ConfirmDialog("退出程序？", "按 Ctrl+Q 也可以退出。", yes="退出", no="不退出"), answered)
