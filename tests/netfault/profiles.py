"""Network profiles: the links Tambo's devices really sit behind, as data.

The figures (rates, round trip, jitter, loss, satellite spikes, flapping schedule) are the table
"Network conditions to simulate" in the project's domain notes. What the table does not give and a
simulation still needs (how often a connection is reset, how often a satellite spike happens, how
long a loss stalls the stream) is marked as our assumption in each field's comment and in
``docs/netfault.md``; change it with ``profile.with_changes(...)`` rather than editing a profile.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

OfflineMode = Literal["refuse", "blackhole"]
OFFLINE_MODES: tuple[OfflineMode, ...] = ("refuse", "blackhole")

#: Linux's minimum retransmission timeout; a lost segment costs about one round trip plus this.
MIN_RTO_MS = 200.0


@dataclass(frozen=True)
class Flapping:
    """A link that is up for ``up_s`` seconds, then down for ``down_s``, forever (scaled by time_scale)."""

    up_s: float
    down_s: float
    down_mode: OfflineMode = "refuse"

    def __post_init__(self) -> None:
        if self.up_s <= 0 or self.down_s <= 0:
            raise ValueError("flapping periods must be positive")
        if self.down_mode not in OFFLINE_MODES:
            raise ValueError(f"down_mode must be one of {OFFLINE_MODES}, not {self.down_mode!r}")


@dataclass(frozen=True)
class NetworkProfile:
    """One simulated link. Rates are kilobits per second (1 kbps = 1000 bit/s); None is uncapped."""

    name: str
    down_kbps: float | None = None
    up_kbps: float | None = None
    rtt_ms: float = 0.0
    #: The round trip varies by +/- this much (uniformly); each direction gets half.
    jitter_ms: float = 0.0
    #: Fraction of 1460-byte segments lost, per direction. A loss stalls the stream, it never corrupts.
    loss: float = 0.0
    #: How long one loss stalls the stream. None: one round trip plus Linux's 200 ms minimum RTO.
    retransmit_timeout_ms: float | None = None
    #: Round trip during a latency spike (satellite: 3 s), and the chance per segment that one starts.
    spike_rtt_ms: float = 0.0
    spike_probability: float = 0.0  # assumption: the table names spikes, not their frequency
    #: Expected connection resets per megabyte carried (either direction). Assumption, see the docs.
    resets_per_mb: float = 0.0
    #: Round trips a new connection costs before data flows (1 = the TCP handshake; TLS adds 1-2).
    handshake_rtts: float = 1.0
    flapping: Flapping | None = None
    description: str = ""

    def __post_init__(self) -> None:
        for field in ("down_kbps", "up_kbps"):
            value = getattr(self, field)
            if value is not None and value <= 0:
                raise ValueError(f"{field} must be positive or None (uncapped), not {value}")
        for field in ("loss", "spike_probability"):
            if not 0.0 <= getattr(self, field) < 1.0:
                raise ValueError(f"{field} is a fraction in [0, 1)")
        negatives = [
            f
            for f in ("rtt_ms", "jitter_ms", "spike_rtt_ms", "resets_per_mb", "handshake_rtts")
            if getattr(self, f) < 0
        ]
        if negatives:
            raise ValueError(f"must not be negative: {', '.join(negatives)}")

    @property
    def rto_ms(self) -> float:
        """The stall one lost segment causes."""
        if self.retransmit_timeout_ms is not None:
            return self.retransmit_timeout_ms
        return self.rtt_ms + MIN_RTO_MS

    def with_changes(self, **changes: object) -> NetworkProfile:
        """A copy with some fields replaced (validated again), e.g. ``EDGE.with_changes(loss=0)``."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def summary(self) -> str:
        """One line a person reads in a log: the figures that shape traffic."""

        def rate(kbps: float | None) -> str:
            return "uncapped" if kbps is None else f"{kbps:g} kbps"

        parts = [f"down {rate(self.down_kbps)}", f"up {rate(self.up_kbps)}", f"rtt {self.rtt_ms:g} ms"]
        if self.jitter_ms:
            parts.append(f"± {self.jitter_ms:g} ms")
        if self.loss:
            parts.append(f"loss {self.loss:.1%} (stall {self.rto_ms:g} ms)")
        if self.spike_probability:
            parts.append(f"spikes to {self.spike_rtt_ms:g} ms")
        if self.resets_per_mb:
            parts.append(f"{self.resets_per_mb:g} resets/MB")
        if self.flapping:
            f = self.flapping
            parts.append(f"up {f.up_s:g} s / down {f.down_s:g} s ({f.down_mode})")
        return f"{self.name}: " + ", ".join(parts)


PERFECT = NetworkProfile("perfect", description="Loopback as it is: no shaping at all.")
FOUR_G_RURAL = NetworkProfile(
    "4g-rural",
    down_kbps=10_000,
    up_kbps=2_000,
    rtt_ms=60,
    loss=0.005,
    resets_per_mb=0.05,
    description="4G in a rural district: fast but lossy at the cell edge.",
)
FOUR_G_POOR = NetworkProfile(
    "4g-poor",
    down_kbps=3_000,
    up_kbps=1_000,
    rtt_ms=120,
    jitter_ms=40,
    loss=0.045,
    resets_per_mb=0.5,
    description="Poor 4G (Loreto): high loss and jitter.",
)
THREE_G_SLOW = NetworkProfile(
    "3g-slow",
    down_kbps=780,
    up_kbps=330,
    rtt_ms=200,
    loss=0.02,
    resets_per_mb=0.2,
    description="Slow 3G.",
)
EDGE = NetworkProfile(
    "edge",
    down_kbps=240,
    up_kbps=200,
    rtt_ms=840,
    loss=0.05,
    resets_per_mb=0.5,
    description="EDGE (2.75G): a 1 MB attachment takes about 40 s to upload.",
)
GPRS = NetworkProfile(
    "gprs",
    down_kbps=50,
    up_kbps=20,
    rtt_ms=500,
    loss=0.05,
    resets_per_mb=1.0,
    description="GPRS (2.5G): 20 kbps up, a 1 MB attachment takes about 7 minutes.",
)
SATELLITE = NetworkProfile(
    "satellite",
    down_kbps=1_000,
    up_kbps=256,
    rtt_ms=650,
    loss=0.02,
    spike_rtt_ms=3_000,
    spike_probability=0.01,
    resets_per_mb=0.2,
    description="Geostationary satellite (VSAT): long round trip with spikes to 3 s.",
)
FLAPPING = NetworkProfile(
    "flapping",
    flapping=Flapping(up_s=300, down_s=1_800),
    description="Up 5 minutes, down 30 minutes; the link itself is unshaped (combine with flap()).",
)

PROFILES: dict[str, NetworkProfile] = {
    p.name: p for p in (PERFECT, FOUR_G_RURAL, FOUR_G_POOR, THREE_G_SLOW, EDGE, GPRS, SATELLITE, FLAPPING)
}
_ALIASES = {"loreto": "4g-poor", "4g-loreto": "4g-poor", "geostationary": "satellite", "vsat": "satellite"}


def _normalise(name: str) -> str:
    """'4G poor (Loreto)' -> '4g-poor'; 'satellite (geostationary)' -> 'satellite'; '3G_slow' -> '3g-slow'."""
    bare = re.sub(r"\(.*?\)", " ", name.lower())
    return "-".join(re.split(r"[\s_\-]+", bare.strip()))


def get_profile(name: str | NetworkProfile) -> NetworkProfile:
    """A profile by name (case, spaces, underscores and a parenthesised note do not matter)."""
    if isinstance(name, NetworkProfile):
        return name
    key = _normalise(name)
    key = _ALIASES.get(key, key)
    try:
        return PROFILES[key]
    except KeyError:
        raise ValueError(f"unknown network profile {name!r}; known: {', '.join(PROFILES)}") from None


def profile_names() -> list[str]:
    return list(PROFILES)
