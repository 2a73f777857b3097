"""Pilot waits on events instead of idle polling.

Textual's pilot waits after every key and pause with ``wait_for_idle``: it sleeps in 20 ms steps until
the process used little CPU during one step (up to a second). That costs at least 20 ms a wait, more
on a busy machine, and proves nothing. :func:`settled` waits for what a test needs instead:

- every message already queued for the app and for each widget of its screen is handled, round after
  round, until a round leaves every queue empty (each round is an event: a ``call_later`` callback runs
  after the messages queued before it);
- every thread worker has finished (they are what the CPU measure used to wait for), and the messages
  its end posted are handled too;
- the screen's pending update (layout, repaint, after-refresh calls) is done, as its update timer would
  have done while the pilot slept, and whatever that posted is handled in turn;
- a coroutine worker still running gets a few more turns of the event loop (it may be waiting on a
  dialog, so it is not waited for to its end).

It gives up after ``max_sleep`` seconds, as ``wait_for_idle`` did. The bad input catalogue uses it
between its cases. (Installed in place of the pilot's own ``wait_for_idle`` for the whole suite it
saved little CPU, and four screen tests then read the screen before a notice or a relayout landed.)
"""

from __future__ import annotations

import asyncio
import time

from textual._context import active_app

_ROUND_TIMEOUT = 30.0


async def _one_round(nodes) -> None:
    """Wait until each node handled the messages queued for it before this call."""
    loop = asyncio.get_running_loop()
    waiting = []
    for node in nodes:
        done = loop.create_future()
        if node.call_later(lambda done=done: done.done() or done.set_result(None)):
            waiting.append(done)
    if waiting:
        await asyncio.wait(waiting, timeout=_ROUND_TIMEOUT)


def _running_async_workers(app) -> list:
    return [w for w in app.workers if not getattr(w, "_thread_worker", False) and not w.is_finished]


def _running_thread_workers(app) -> list:
    return [w for w in app.workers if getattr(w, "_thread_worker", False) and not w.is_finished]


async def settled(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """Wait until the running app handled everything queued and its thread workers ended (see module)."""
    try:
        app = active_app.get()
    except LookupError:
        await asyncio.sleep(0)
        return
    deadline = time.monotonic() + max(max_sleep, min_sleep)
    spare_turns = 3
    while True:
        try:
            nodes = [app, *app.screen.walk_children(with_self=True)]
        except Exception:  # noqa: BLE001 - no screen yet, or the app is closing
            nodes = [app]
        await _one_round(nodes)
        workers = _running_thread_workers(app)
        left = deadline - time.monotonic()
        if workers and left > 0:
            tasks = [w._task for w in workers if w._task is not None]
            if tasks:
                await asyncio.wait(tasks, timeout=left)
            else:
                await asyncio.sleep(0)  # a worker not started yet
            continue
        if left <= 0:
            return
        if any(node.message_queue_size for node in nodes):
            continue
        if _screen_update_pending(app):
            app.screen._on_timer_update()  # what the screen's update timer would do while the pilot slept
            continue
        if spare_turns and _running_async_workers(app):
            spare_turns -= 1  # a coroutine worker (leaving an area) may still post; it may also wait on a dialog
            for _ in range(5):
                await asyncio.sleep(0)
            continue
        return


def _screen_update_pending(app) -> bool:
    """Whether the screen's update timer has work: a layout, scroll, repaint, recompose or after-refresh call."""
    try:
        screen = app.screen
    except Exception:  # noqa: BLE001 - no screen yet, or the app is closing
        return False
    if not screen.is_current or app._batch_count:
        return False
    return bool(screen._layout_required or screen._scroll_required or screen._repaint_required
                or screen._recompose_required or screen._dirty_widgets or screen._callbacks)
