"""The link model of one direction: pacing, delay, and the seeded fate of each segment.

Why a "virtual link clock" rather than a sleeping token bucket: bytes serialise onto the link at
its rate and then take the one-way delay to arrive. Keeping the time at which the link is next
free, and deriving each slice's arrival from it, makes pacing exact over a long transfer even
though ``asyncio.sleep`` overshoots by a millisecond each time, and makes a loss stall simply
"the link is busy for another RTO".

Why fates are drawn per 1460-byte block of the stream rather than per read: the OS hands the
proxy data in chunks whose sizes vary from run to run. Drawing per block of stream offset makes a
seeded run reproducible byte for byte: the same transfer loses the same segments every time.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from tests.netfault.profiles import NetworkProfile

Direction = Literal["up", "down"]
DIRECTIONS: tuple[Direction, ...] = ("up", "down")

#: A TCP segment's payload on Ethernet-sized paths; the unit of loss, resets and spikes.
SEGMENT_BYTES = 1460
#: Pacing granularity: each slice is about this much link time, so pacing is smooth, not bursty.
SLICE_SECONDS = 0.02
MIN_SLICE_BYTES = 256
MAX_SLICE_BYTES = 64 * 1024
#: How far behind schedule pacing may catch up in one go (absorbs sleep overshoot, limits bursts).
CATCH_UP_SECONDS = 0.05


@dataclass(frozen=True)
class LinkParams:
    """One direction of a profile, in the units the relay uses (bytes/s, seconds, per-segment odds)."""

    rate_bps: float | None  # bytes per second, None = uncapped
    one_way_s: float
    jitter_s: float  # one-way, +/-
    loss: float
    stall_s: float
    spike_one_way_s: float
    spike_probability: float
    reset_probability: float  # per segment
    handshake_s: float

    @classmethod
    def from_profile(
        cls, profile: NetworkProfile, direction: Direction, bandwidth_scale: float = 1.0
    ) -> LinkParams:
        kbps = profile.up_kbps if direction == "up" else profile.down_kbps
        return cls(
            rate_bps=None if kbps is None else kbps * 1000 / 8 * bandwidth_scale,
            one_way_s=profile.rtt_ms / 2000,
            jitter_s=profile.jitter_ms / 2000,
            loss=profile.loss,
            stall_s=profile.rto_ms / 1000 if profile.loss else 0.0,
            spike_one_way_s=profile.spike_rtt_ms / 2000,
            spike_probability=profile.spike_probability,
            reset_probability=min(1.0, profile.resets_per_mb * SEGMENT_BYTES / 1_000_000),
            handshake_s=profile.handshake_rtts * profile.rtt_ms / 1000,
        )

    def slice_bytes(self) -> int:
        """How much to read at a time: about SLICE_SECONDS of link time."""
        if self.rate_bps is None:
            return MAX_SLICE_BYTES
        return int(min(MAX_SLICE_BYTES, max(MIN_SLICE_BYTES, self.rate_bps * SLICE_SECONDS)))


class LinkClock:
    """When the link of one direction is next free to put a byte on the wire."""

    def __init__(self, free_at: float = 0.0) -> None:
        self._free_at = free_at  # a new connection's link is busy with the handshake until then

    def send(self, now: float, nbytes: int, rate_bps: float | None) -> float:
        """Occupy the link with nbytes; return when the last of them has left (>= now)."""
        start = max(self._free_at, now - CATCH_UP_SECONDS)
        self._free_at = start + (nbytes / rate_bps if rate_bps else 0.0)
        return max(self._free_at, now)

    def stall(self, now: float, seconds: float) -> None:
        """A lost segment: nothing leaves the link until it has been retransmitted."""
        self._free_at = max(self._free_at, now) + seconds


@dataclass(frozen=True)
class SegmentFate:
    """What the network does to the segment starting at stream offset ``offset``."""

    index: int
    offset: int
    lost: bool
    reset: bool
    spike: bool


class SegmentFates:
    """Draws each segment's fate once, in stream order, from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._next_index = 0

    def touched(self, start: int, end: int, link: LinkParams) -> Iterator[SegmentFate]:
        """Fates of the segments whose first byte lies in [start, end), each drawn exactly once."""
        last = (end - 1) // SEGMENT_BYTES
        while end > start and self._next_index <= last:
            index = self._next_index
            self._next_index += 1
            # Always three draws per segment, so changing one probability never shifts the others.
            lost, reset, spike = self._rng.random(), self._rng.random(), self._rng.random()
            yield SegmentFate(
                index=index,
                offset=max(start, index * SEGMENT_BYTES),
                lost=lost < link.loss,
                reset=reset < link.reset_probability,
                spike=spike < link.spike_probability,
            )


def seeded_rng(seed: int, connection: int, direction: Direction, purpose: str) -> random.Random:
    """An independent, reproducible stream per connection, direction and purpose."""
    return random.Random(f"netfault:{seed}:{connection}:{direction}:{purpose}")


def one_way_delay(link: LinkParams, rng: random.Random, spike: bool) -> float:
    """The propagation delay of one slice: base +/- jitter, or a spike."""
    if spike:
        return max(link.spike_one_way_s, link.one_way_s)
    if link.jitter_s:
        return max(0.0, link.one_way_s + rng.uniform(-link.jitter_s, link.jitter_s))
    return link.one_way_s
