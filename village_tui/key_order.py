"""Keys reach the widget they were typed for, however fast they come (no keystroke is lost).

Textual hands each key to the widget focused when the app reads it and goes on
to the next key at once. A quick typist's keys (or an input method's burst)
then overtake what the earlier keys do: after Enter on a chosen household the
text went to the field the picker was leaving, and keys typed while a form was
still appearing reached the list behind it (and fired its letter keys).

:class:`OrderedKeys` hands over one key at a time: a key arriving while the
previous one is still travelling (through the focused widget up to the app's
own keys) waits in a queue, and so does one typed while a new screen appears,
until that screen has focused its first field. A key that is not done within
:data:`KEY_WAIT` seconds is not waited for further, so typing never stalls.
"""

from __future__ import annotations

import asyncio
from time import monotonic

from textual import events
from textual._dispatch_key import dispatch_key
from textual.app import App
from textual.message import Message
from textual.screen import Screen

#: The longest a key waits for the previous one (seconds).
KEY_WAIT = 0.3


class KeyTurn(Message):
    """Route the next waiting key (posted to the app itself, so routing runs in its own context)."""


class OrderedKeys(App):
    """An app whose keys are handled one after another (mix in before :class:`App`)."""

    _settled_at: float = 0.0
    _in_flight: events.Key | None = None
    _waiting: list[events.Key]
    _returned: events.Key | None = None

    def hold_keys_for(self, screen: Screen) -> None:
        """Hold typed keys until ``screen`` has mounted and focused its first field (two refreshes)."""
        self._settled_at = float("inf")

        def release() -> None:
            self._settled_at = 0.0

        self.call_after_refresh(lambda: self.call_after_refresh(release))
        # Never longer than KEY_WAIT, whatever happens to the screen.
        self.set_timer(KEY_WAIT, release)

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        if not hasattr(self, "_waiting"):
            self._waiting = []
        if self._in_flight is not None or self._waiting or self._settled_at:
            self._waiting.append(event)
            if self._in_flight is None:
                self._watch(None)
            return
        await self._route(event)

    async def _route(self, event: events.Key) -> None:
        self._in_flight = event
        await super().on_event(event)
        self._watch(event)

    def _watch(self, event: events.Key | None) -> None:
        """Wait (without holding the app up) until ``event`` is done and any new screen settled."""
        started = monotonic()

        async def watch() -> None:
            delay = 0.0
            while monotonic() - started < KEY_WAIT:
                done = event is None or not event.is_forwarded or event._stop_propagation or self._returned is event
                if done and not self._settled_at:
                    break
                await asyncio.sleep(delay)
                delay = 0.002
            self._in_flight = None
            if self._waiting:
                self.post_message(KeyTurn())

        self._in_flight = self._in_flight or event
        self.run_worker(watch(), group="key-order", exclusive=False)

    async def _on_key_turn(self, _message: KeyTurn) -> None:
        if self._in_flight is None and self._waiting:
            await self._route(self._waiting.pop(0))

    async def _on_key(self, event: events.Key) -> None:
        # The key came back up to the app: run its non-priority keys as Textual's App does, then
        # mark it done (after the action ran, so a screen it opened holds the next keys).
        event.prevent_default()
        try:
            if not await self._check_bindings(event.key):
                await dispatch_key(self, event)
        finally:
            self._returned = event
