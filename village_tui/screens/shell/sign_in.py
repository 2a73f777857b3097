"""Sign-in: the cadre at the keyboard chooses their name; the last operator is pre-selected."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from village_tui.domain.os_errors import SaveRefused
from village_tui.domain.safe_text import inert
from village_tui.cli_text import demo_hint
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess


class SignInScreen(ServiceAccess, Screen[int]):
    """Choose the operator; dismisses with the cadre id after ``service.sign_in``."""

    BINDINGS = [Binding("escape", "ignore", show=False)]

    def compose(self) -> ComposeResult:
        service = self.service
        self._cadres = service.cadres()
        with Vertical(classes="form-box"):
            yield Static("请选择操作员（正在使用电脑的村干部）", classes="form-title")
            yield OptionList(*[Option(Text(inert(c.name) + " " * max(2, 10 - cell_len(inert(c.name))) + inert(c.role)), id=str(c.id)) for c in self._cadres],
                             id="operators")
            yield Static("上下键选择，回车确认。当天轮到值班的干部登录即记为值班签到。F1 帮助。", classes="hint")
            yield Static(Text(f"数据文件夹：{inert(service.folder.display_path())}\n{demo_hint()}"), id="where", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one("#operators", OptionList)
        last = self.service.settings().last_operator_id
        ids = [c.id for c in self._cadres]
        options.highlighted = ids.index(last) if last in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        cadre_id = int(event.option.id or "")
        if sign_in_keeping_the_app(self.app, cadre_id):
            self.dismiss(cadre_id)

    def action_ignore(self) -> None:
        """Esc does nothing here: someone has to sign in."""


def sign_in_keeping_the_app(app, cadre_id: int) -> bool:
    """Sign ``cadre_id`` in; a disk that refuses the duty sign-in is said, never the end of the program.

    The operator is chosen before anything is written, so the cadre works on (and the next
    save says the same if the disk is still refused); only the day's duty sign-in is missing.

    Returns:
        False when nobody was signed in: the check found the reference file broken (the app names it).
    """
    app.service.finish_open()  # the sign-in saves: it waits for the check of the files (read-only if one is broken)
    if not app.service.reference_readable():
        app.name_broken_reference()  # the sign-in's settings and cadres were read alone; the rest is broken
        return False
    try:
        app.service.sign_in(cadre_id)
    except SaveRefused as error:
        app.notify(f"已登录，但登录记录（当天的值班签到）没有保存：{error}之后可在 F4 值班按 s 补记签到。",
                   severity="error", timeout=30)
    return True
