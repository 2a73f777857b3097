"""The footer of keys, rebuilt only when the keys it shows change.

Textual's :class:`~textual.widgets.Footer` throws its keys away and builds them again
whenever the screen announces its bindings, which it does after every change of focus:
each Tab in a form cost a new set of key widgets, their styles and a second layout, for
a footer that showed the same keys. :class:`SteadyFooter` compares what it would show
with what it shows and rebuilds only on a difference. It also gives each new key the
footer's compact look before it is mounted, so a key is styled once, not twice.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class SteadyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that keeps its keys while the shown bindings stay the same."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[object, ...] | None = None

    def _wanted(self) -> tuple[object, ...]:
        """Everything the footer's keys are built from: the shown bindings, their state and labels."""
        app = self.app
        bindings = self.screen.active_bindings
        palette = bindings.get(app.COMMAND_PALETTE_BINDING) if self.show_command_palette else None
        return (palette[1:] if palette else None, app.ENABLE_COMMAND_PALETTE, self.combine_groups, tuple(
            (binding, enabled, tooltip, app.get_key_display(binding))
            for (_, binding, enabled, tooltip) in bindings.values() if binding.show))

    def compose(self) -> ComposeResult:
        """Footer's keys, each already in the footer's compact look (so binding it changes nothing)."""
        if self._bindings_ready:  # whoever asked for the rebuild, what it shows is what later changes are compared with
            self._shown = self._wanted()
        for child in super().compose():
            if isinstance(child, FooterKey):
                child.set_reactive(FooterKey.compact, self.compact)
                child.set_class(self.compact, "-compact", update=False)
            yield child

    def bindings_changed(self, screen: Screen) -> None:
        """Rebuild after the next refresh, as Footer does, if the keys to show changed by then."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        if self._wanted() != self._shown:
            await self.recompose()
