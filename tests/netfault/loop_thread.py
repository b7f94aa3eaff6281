"""An asyncio loop in its own thread, and a blocking call into it that cannot hang a test."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

T = TypeVar("T")


class LoopThread:
    """Owns ``loop`` and the daemon thread that runs it (daemon: a forgotten proxy never blocks exit)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread: threading.Thread | None = None

    def start(self, name: str) -> None:
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def call(self, fn: Callable[[], Coroutine[Any, Any, T]], timeout: float) -> T:
        """Run ``fn()`` in the loop and wait for its result; TimeoutError instead of waiting forever."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("netfault control methods are for other threads, not the proxy's own")
        future = asyncio.run_coroutine_threadsafe(fn(), self.loop)
        try:
            return future.result(timeout)
        except FutureTimeout:
            future.cancel()
            raise TimeoutError(f"netfault control call did not finish within {timeout}s") from None

    def stop(self, timeout: float) -> None:
        """Stop the loop and join the thread (the thread closes the loop on its way out)."""
        if self._thread is None:
            self.loop.close()
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError(f"netfault proxy thread did not stop within {timeout}s")

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_forever()
        finally:
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()
