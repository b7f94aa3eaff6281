"""Waiting between attempts: exponential backoff with full jitter, and the server's ``Retry-After``.

Thousands of devices lose the same server at the same moment (a power cut at the municipality, a
tower going down). If each retried on a fixed schedule they would all come back together and knock it
over again; "full jitter" (a random wait between a floor and the exponential ceiling, as in AWS's
"Exponential Backoff And Jitter") spreads them out. A ``Retry-After`` from the server is a floor: a
device never comes back earlier than it was asked to.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """``delay()`` after each failure grows ``base``, ``2*base``, ``4*base``... up to ``cap``, jittered."""

    base: float = 2.0
    cap: float = 300.0
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def delay(self, retry_after: float | None = None) -> float:
        """The wait before the next attempt; counts one more failure."""
        ceiling = min(self.cap, self.base * (2**self.failures))
        self.failures += 1
        wait = self.rng.uniform(min(self.base, ceiling) / 2, ceiling)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap * 4))
        return wait

    def reset(self) -> None:
        self.failures = 0
