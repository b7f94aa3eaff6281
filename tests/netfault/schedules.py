"""Periodic faults: cut every N seconds, and a link that flaps up and down."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from tests.netfault.listener import LinkState
from tests.netfault.profiles import Flapping


@dataclass(eq=False)
class Schedule:
    """A running periodic fault, as returned by ``FaultProxy.cut_every``; ``cancel()`` stops it."""

    description: str
    loop: asyncio.AbstractEventLoop
    task: asyncio.Task[None] | None = None
    ticks: int = 0

    def cancel(self) -> None:
        """Safe from any thread, and after the proxy closed."""
        if self.task is not None and not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):
                self.loop.call_soon_threadsafe(self.task.cancel)


async def tick_forever(interval_s: float, action: Callable[[], Awaitable[None]]) -> None:
    """Run ``action`` every ``interval_s`` seconds, measured from the start, so ticks do not drift."""
    loop = asyncio.get_running_loop()
    next_at = loop.time() + interval_s
    while True:
        await asyncio.sleep(max(0.0, next_at - loop.time()))
        await action()
        next_at += interval_s


async def flap_forever(
    flapping: Flapping,
    time_scale: float,
    start_up: bool,
    set_link: Callable[[LinkState], Awaitable[None]],
) -> None:
    up = start_up
    while True:
        await set_link("up" if up else flapping.down_mode)
        await asyncio.sleep((flapping.up_s if up else flapping.down_s) * time_scale)
        up = not up
