"""Counters and event logs: what the network did, for assertions, benchmarks and failure messages.

Everything here is written from the proxy's event-loop thread and read from test threads, so each
object guards itself with a lock and hands out immutable snapshots.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

#: Events kept per connection, and connection logs kept per proxy (the oldest are dropped first).
MAX_EVENTS_PER_CONNECTION = 400
MAX_CONNECTION_LOGS = 2_000


@dataclass(frozen=True)
class ProxyStats:
    """A snapshot of the counters. Bytes are payload bytes (TCP/IP headers are not simulated)."""

    bytes_up_offered: int = 0  # read from clients
    bytes_up_delivered: int = 0  # written to the target
    bytes_down_offered: int = 0  # read from the target
    bytes_down_delivered: int = 0  # written to clients
    connections_opened: int = 0
    connections_closed: int = 0
    connections_cut: int = 0  # by cut_after, cut_every or cut_all
    connections_reset: int = 0  # by the random reset model (resets_per_mb)
    connections_hung: int = 0  # by a cut in "hang" mode
    connections_killed_offline: int = 0  # reset because the link went offline in "refuse" mode
    responses_dropped: int = 0  # by drop_response (lost acks)
    target_unreachable: int = 0  # a client connected but the target refused or timed out
    stalls: int = 0  # lost segments
    stall_seconds: float = 0.0
    spikes: int = 0

    @property
    def connections_open(self) -> int:
        return self.connections_opened - self.connections_closed

    def as_dict(self) -> dict[str, int | float]:
        return dataclasses.asdict(self)

    def __sub__(self, earlier: ProxyStats) -> ProxyStats:
        """Counters accumulated since ``earlier`` (for one phase of a benchmark)."""
        return ProxyStats(
            **{f.name: getattr(self, f.name) - getattr(earlier, f.name) for f in dataclasses.fields(self)}
        )


class Counters:
    """The live, lock-guarded counters behind ProxyStats."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, int | float] = ProxyStats().as_dict()

    def add(self, name: str, amount: int | float = 1) -> None:
        with self._lock:
            self._values[name] += amount

    def snapshot(self) -> ProxyStats:
        with self._lock:
            return ProxyStats(**self._values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Event:
    """Something the network did. ``t`` is seconds since the proxy started."""

    t: float
    kind: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.t:9.3f}s  {self.kind:<18} {self.detail}".rstrip()


@dataclass
class ConnectionLog:
    """The story of one connection through the proxy."""

    id: int
    client: str
    opened_at: float
    closed_at: float | None = None
    outcome: str = "open"  # closed, cut, reset, hung, dropped-response, target-unreachable, ...
    events: list[Event] = field(default_factory=list)
    events_dropped: int = 0

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    def format(self) -> str:
        end = "still open" if self.closed_at is None else f"closed at {self.closed_at:.3f}s"
        lines = [f"connection #{self.id} from {self.client}: {self.outcome} ({end})"]
        lines += [f"  {e}" for e in self.events]
        if self.events_dropped:
            lines.append(f"  ... {self.events_dropped} more events not kept")
        return "\n".join(lines)


class EventLog:
    """Per-connection logs plus the proxy's own timeline (link up/down, schedules)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._connections: deque[ConnectionLog] = deque(maxlen=MAX_CONNECTION_LOGS)
        self._by_id: dict[int, ConnectionLog] = {}
        self._proxy_events: deque[Event] = deque(maxlen=MAX_EVENTS_PER_CONNECTION * 5)

    def now(self) -> float:
        return self._clock()

    def proxy_event(self, kind: str, detail: str = "") -> None:
        with self._lock:
            self._proxy_events.append(Event(self._clock(), kind, detail))

    def open_connection(self, conn_id: int, client: str) -> None:
        log = ConnectionLog(id=conn_id, client=client, opened_at=self._clock())
        with self._lock:
            if len(self._connections) == self._connections.maxlen:
                self._by_id.pop(self._connections[0].id, None)
            self._connections.append(log)
            self._by_id[conn_id] = log

    def event(self, conn_id: int, kind: str, detail: str = "") -> None:
        with self._lock:
            log = self._by_id.get(conn_id)
            if log is None:
                return
            if len(log.events) < MAX_EVENTS_PER_CONNECTION:
                log.events.append(Event(self._clock(), kind, detail))
            else:
                log.events_dropped += 1

    def set_outcome(self, conn_id: int, outcome: str) -> None:
        """The first notable outcome wins: a cut connection that then closes stays 'cut'."""
        with self._lock:
            log = self._by_id.get(conn_id)
            if log is not None and log.outcome in ("open", "closed"):
                log.outcome = outcome

    def close_connection(self, conn_id: int) -> None:
        with self._lock:
            log = self._by_id.get(conn_id)
            if log is not None and log.closed_at is None:
                log.closed_at = self._clock()
                if log.outcome == "open":
                    log.outcome = "closed"

    def connections(self) -> list[ConnectionLog]:
        with self._lock:
            return [dataclasses.replace(c, events=list(c.events)) for c in self._connections]

    def proxy_events(self) -> list[Event]:
        with self._lock:
            return list(self._proxy_events)
