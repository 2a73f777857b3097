"""Threads for the app's thread workers that forget each worker once it has finished.

Textual runs a thread worker in the event loop's default thread pool and marks it
as the thread's active worker, and the pool's threads live on: each kept the last
worker it ran, and with it that worker's screen, long after the cadre had left the
area (a 首页 with its tables, a settings form ...). Each job here runs in a
context of its own, as it would on a new thread, so nothing outlives the job.
"""

from __future__ import annotations

import asyncio
import contextvars
from concurrent.futures import Future, ThreadPoolExecutor


class FreshContextPool(ThreadPoolExecutor):
    """A thread pool whose every job starts with an empty context and leaves nothing in the thread."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        """Run ``fn(*args, **kwargs)`` in a pool thread, inside a new empty context."""
        return super().submit(contextvars.Context().run, fn, *args, **kwargs)


def use_fresh_context_pool(loop: asyncio.AbstractEventLoop) -> None:
    """Make ``loop`` run its default-executor jobs (Textual's thread workers) in a :class:`FreshContextPool`."""
    loop.set_default_executor(FreshContextPool(thread_name_prefix="village-worker"))
