"""Find and choose one household by pinyin initials, name, 户编号 or the last digits of phone/ID."""

from __future__ import annotations

from typing import Callable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from village_tui.domain.models import Household
from village_tui.domain.privacy import mask_id_number
from village_tui.widgets.inert_text import Text

RESULT_LIMIT = 20
#: The class marking a screen's own search box: ``/`` anywhere on the screen (outside a text field) focuses it.
SEARCH_CLASS = "screen-search"


def _pad(text: str, width: int) -> str:
    """Pad to ``width`` terminal cells (Chinese characters take two)."""
    return text + " " * max(0, width - cell_len(text))


def household_line(h: Household) -> Text:
    """One result line: 户编号, head, group and the masked ID number (never markup)."""
    line = f"{_pad(h.code, 8)} {_pad(h.head, 10)} {_pad(h.group, 6)} {mask_id_number(h.id_number) or '无身份证'}"
    return Text(line + ("（已归档）" if h.archived else ""))


class HouseholdPicker(Widget):
    """An input with a list of matching households below it that follows the typing.

    Up/Down move in the list, Enter chooses and moves on to the next field. Posts
    :class:`HouseholdPicker.Chosen`. Typing after a choice drops it and says so under
    the input; a form refuses to save while the text names no chosen household
    (:attr:`unmatched`).

    Args:
        search: Returns the households matching what was typed (``service.search_households``).
        placeholder: The hint in the empty input.
        id: The widget id.
        then: The selector of the field to go to once a household is chosen (the one the cadre fills
            next, skipping fields a household makes needless); the next field by default.
    """

    DEFAULT_CSS = """
    HouseholdPicker {
        height: auto;
    }
    HouseholdPicker > Input {
        width: 1fr;
    }
    HouseholdPicker > OptionList {
        height: auto;
        max-height: 8;
        border: none;
        padding: 0;
        display: none;
    }
    HouseholdPicker.-open > OptionList {
        display: block;
    }
    HouseholdPicker > .picker-status {
        display: none;
        height: auto;
        color: $warning;
        text-style: bold;
    }
    HouseholdPicker.-searching > .picker-status {
        display: block;
    }
    """

    BINDINGS = [
        Binding("down", "move(1)", "下一个", show=False),
        Binding("up", "move(-1)", "上一个", show=False),
    ]

    class Chosen(Message):
        """A household was chosen in the picker."""

        def __init__(self, picker: HouseholdPicker, household: Household) -> None:
            super().__init__()
            self.picker = picker
            self.household = household

        @property
        def control(self) -> HouseholdPicker:
            """The picker that chose."""
            return self.picker

    def __init__(self, search: Callable[[str], list[Household]],
                 placeholder: str = "拼音首字母、姓名、户编号或电话/身份证后几位", *, id: str | None = None,
                 then: str | None = None) -> None:
        super().__init__(id=id)
        self._then = then
        self._search = search
        self._placeholder = placeholder
        self._results: list[Household] = []
        self._household: Household | None = None
        self._chosen_text: str | None = None
        self._searched: str | None = None  # the text the list shows the matches of

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._placeholder)
        options = OptionList()
        options.can_focus = False  # driven from the input with Up/Down; Tab leaves the picker
        yield options
        yield Static("", classes="picker-status")

    @property
    def household(self) -> Household | None:
        """The chosen household, or None."""
        return self._household

    @property
    def results(self) -> list[Household]:
        """The households listed for the current text."""
        return list(self._results)

    @property
    def text(self) -> str:
        """What the input shows."""
        return self.query_one(Input).value

    @property
    def results_shown(self) -> bool:
        """Whether a list of matches is open under the input (Enter then chooses)."""
        return bool(self._results)

    @property
    def unmatched(self) -> bool:
        """Text is typed but no household is chosen for it."""
        return self._household is None and bool(self.text.strip())

    def unmatched_message(self) -> str:
        """Why a form refuses an unmatched picker, in Chinese."""
        return f"「{self.text.strip()}」没有选中农户：请回车从列表中选一户，或清空此栏"

    def set_household(self, household: Household | None) -> None:
        """Show ``household`` as chosen (None clears)."""
        if household is None:
            self.clear()
            return
        self._household = household
        self._searched = None
        self._chosen_text = f"{household.code} {household.head}"
        self.query_one(Input).value = self._chosen_text
        self._show([])
        self._say("")

    def clear(self) -> None:
        """Empty the input and forget the chosen household."""
        self._household = None
        self._chosen_text = None
        self._searched = None
        self.query_one(Input).value = ""
        self._show([])
        self._say("")

    def _say(self, message: str) -> None:
        """Show ``message`` under the input (a search in progress); empty hides the line."""
        self.query_one(".picker-status", Static).update(Text(message))
        self.set_class(bool(message), "-searching")

    def focus(self, scroll_visible: bool = True) -> HouseholdPicker:
        self.query_one(Input).focus(scroll_visible)
        return self

    def _show(self, results: list[Household], query: str = "") -> None:
        """List ``results``; when a search for ``query`` found nothing, say so in the list."""
        self._results = results
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(household_line(h)) for h in results])
        if results:
            options.highlighted = 0
        elif query.strip():
            options.add_option(Option(Text(f"没有找到「{query.strip()}」的农户"), disabled=True))
        self.set_class(bool(results) or bool(query.strip()), "-open")

    @property
    def wants_enter(self) -> bool:
        """Text is typed and no household chosen for it: Enter chooses (or stays to say none was found)."""
        return self.unmatched

    def choose_typed(self) -> bool:
        """Enter: choose the highlighted match of what is typed now, searching first if the list lags behind.

        Runs while the key is handled, so the keys typed after Enter reach the next
        field (a quick typist's keys arrive before the input's change messages do).
        True when a household was chosen.
        """
        if self.text != self._searched:
            self._search_typed(self.text)
        index = self.query_one(OptionList).highlighted
        if not self._results:
            return False
        self._choose(self._results[index if index is not None else 0])
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.text:
            return  # older than what the input holds (Enter chose from what was typed since)
        if self._chosen_text is not None and event.value == self._chosen_text:
            return
        self._search_typed(event.value)

    def _search_typed(self, value: str) -> None:
        """List the matches of ``value`` (dropping a chosen household) and say what to do next."""
        self._searched = value
        dropped = self._household
        self._household = None
        self._chosen_text = None
        self._show(self._search(value)[:RESULT_LIMIT] if value.strip() else [], value)
        if not value.strip():
            self._say("")
            return
        found = "上下键挑选，回车选中" if self._results else "换个写法再找"
        before = f"已取消选中 {dropped.code} {dropped.head}，重新查找：" if dropped else "未选中农户："
        self._say(before + found)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        if self._results and index is not None:
            self._choose(self._results[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(self._results[event.option_index])

    def _choose(self, household: Household) -> None:
        self.set_household(household)
        if self.query_one(Input).has_focus:
            # Chosen: on to the next field at once, so typing cannot unlink it and keys typed
            # right after Enter land there (not in a field a later message moves away from).
            targets = list(self.screen.query(self._then)) if self._then else []
            if targets:
                self.screen.set_focus(targets[0])  # now, not queued behind the keys already typed
            else:
                self.screen.focus_next()
        self.post_message(self.Chosen(self, household))

    def action_move(self, step: int) -> None:
        """Move the highlight in the results."""
        if not self._results:
            return
        options = self.query_one(OptionList)
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(len(self._results) - 1, current + step))
