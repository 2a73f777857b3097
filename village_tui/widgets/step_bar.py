"""A bar of named steps showing which are done, which is current and which are still to do."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

DONE = "-done"
CURRENT = "-current"
TODO = "-todo"


class StepBar(Horizontal):
    """The steps of a process side by side (``干群议事 > 集体定事 > …``), styled by state.

    Done steps show in the success colour, the current (next to record) step
    reversed in the primary colour, steps still to do dimmed. Separators are
    ASCII so every terminal draws the same width.

    Args:
        steps: The step names, in order.
        done: How many steps are done (0 to ``len(steps)``).
        id: The widget id.
    """

    DEFAULT_CSS = """
    StepBar {
        height: 1;
        width: auto;
    }
    StepBar > Static {
        width: auto;
        padding: 0 1;
    }
    StepBar > .-sep {
        padding: 0;
        color: $text-muted;
    }
    StepBar > .-done {
        color: $success;
        text-style: bold;
    }
    StepBar > .-current {
        background: $primary;
        color: $text;
        text-style: bold;
    }
    StepBar > .-todo {
        color: $text-muted;
    }
    StepBar.-late > .-current {
        background: $error;
    }
    """

    def __init__(self, steps: tuple[str, ...] | list[str], done: int = 0, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._steps = tuple(steps)
        self._done = done

    def compose(self) -> ComposeResult:
        for index, name in enumerate(self._steps):
            if index:
                yield Static(">", classes="-sep")
            yield Static(name, classes=f"step {self._state(index)}")

    @property
    def done(self) -> int:
        """How many steps are done."""
        return self._done

    def _state(self, index: int) -> str:
        if index < self._done:
            return DONE
        return CURRENT if index == self._done else TODO

    def states(self) -> list[str]:
        """Each step's state: ``"-done"``, ``"-current"`` or ``"-todo"``."""
        return [self._state(i) for i in range(len(self._steps))]

    def set_done(self, done: int, late: bool = False) -> None:
        """Show ``done`` steps as done; ``late`` marks the current step in the error colour."""
        self._done = max(0, min(done, len(self._steps)))
        self.set_class(late, "-late")
        for index, label in enumerate(self.query(".step").results(Static)):
            label.set_classes(f"step {self._state(index)}")
