"""One connection through the proxy: two pipes, up (client -> target) and down (target -> client).

Each pipe has a pump (read a slice, decide its fate, pace it onto the link) and a delivery task
(wait until the slice's arrival time, write it). Arrival times never decrease, so bytes never
reorder; reading stops while the link is busy, so a sender feels the cap as backpressure the way
it would on a real slow link, instead of the proxy swallowing a whole upload into memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import socket
import struct
import termios
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from tests.netfault.rules import CutMode, FaultRule, PendingCut, RuleTracker
from tests.netfault.shaping import Direction, LinkClock, LinkParams, SegmentFates, one_way_delay, seeded_rng

if TYPE_CHECKING:
    from tests.netfault.network import Network

READ_LIMIT = 64 * 1024
CONNECT_TIMEOUT_S = 5.0
FLUSH_BEFORE_RESET_S = 0.5
WATCH_INTERVAL_S = 0.25
MIN_QUEUE_BYTES = 256 * 1024
UNCAPPED_QUEUE_BYTES = 4 * 1024 * 1024
_PEER_CLOSED_STATES = {7, 8}  # TCP_CLOSE (after a reset), TCP_CLOSE_WAIT (after a FIN)

#: What each kind of cut counts as, and the outcome its connection log shows.
_CUT_ACCOUNTING = {
    "cut": ("connections_cut", "cut"),
    "schedule": ("connections_cut", "cut"),
    "drop_response": ("responses_dropped", "dropped-response"),
    "reset": ("connections_reset", "reset"),
    "offline": ("connections_killed_offline", "offline"),
}


@dataclass
class _Item:
    due: float
    data: bytes
    action: Literal["eof", "peer-reset", "cut"] | None = None
    cut: PendingCut | None = None


class Pipe:
    """One direction of a connection."""

    def __init__(
        self,
        relay: Relay,
        direction: Direction,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        link_free_at: float,
    ) -> None:
        self.relay = relay
        self.net = relay.net
        self.direction = direction
        self.reader = reader
        self.writer = writer
        self.offset = 0  # bytes read from the source so far
        self._fates = SegmentFates(seeded_rng(self.net.seed, relay.id, direction, "fate"))
        self._jitter = seeded_rng(self.net.seed, relay.id, direction, "jitter")
        self._clock = LinkClock(link_free_at)
        self._last_due = 0.0
        self._items: deque[_Item] = deque()
        self._queued = 0
        self._ready = asyncio.Event()
        self._space = asyncio.Event()

    @property
    def source(self) -> str:
        return "client" if self.direction == "up" else "target"

    @property
    def sink(self) -> str:
        return "target" if self.direction == "up" else "client"

    async def pump(self) -> None:
        loop = self.net.loop
        while True:
            await self.relay.flowing()
            link = self.net.links[self.direction]
            await self._wait_for_space(link)
            try:
                data = await self.reader.read(link.slice_bytes())
            except OSError as exc:
                self.relay.event(f"{self.source}-reset", f"{self.direction}: {exc}")
                self._push(_Item(self._due(loop.time(), link, spike=False), b"", "peer-reset"))
                return
            now = loop.time()
            link = self.net.links[self.direction]  # the profile may have changed while read() waited
            if not data:
                self._push(_Item(self._due(now, link, spike=False), b"", "eof"))
                return
            self.net.counters.add(f"bytes_{self.direction}_offered", len(data))
            start, end = self.offset, self.offset + len(data)
            self.offset = end
            cut = self.relay.decide_cut(self.direction, data, start, end)
            cut, spike = self._apply_fates(now, link, start, cut.offset if cut else end, cut)
            payload = data[: (cut.offset if cut else end) - start]
            finish = self._clock.send(now, len(payload), link.rate_bps)
            self._push(_Item(self._due(finish, link, spike), payload, "cut" if cut else None, cut))
            if cut:
                return
            if finish > now:
                await asyncio.sleep(finish - now)

    def _apply_fates(
        self, now: float, link: LinkParams, start: int, limit: int, cut: PendingCut | None
    ) -> tuple[PendingCut | None, bool]:
        """Losses stall the link, a spike delays this slice, a random reset cuts before its segment."""
        spike = False
        for fate in self._fates.touched(start, limit, link):
            if fate.reset:
                if cut is not None and cut.rule is not None:
                    cut.rule.fired -= 1  # the network got there first; the rule stays for later
                return PendingCut(offset=fate.offset, mode="reset", reason="reset"), spike
            if fate.lost:
                self._clock.stall(now, link.stall_s)
                self.net.counters.add("stalls")
                self.net.counters.add("stall_seconds", link.stall_s)
                self.relay.event("stall", f"{self.direction} segment {fate.index} lost, {link.stall_s:.3f}s")
            if fate.spike:
                spike = True
                self.net.counters.add("spikes")
                self.relay.event(
                    "spike", f"{self.direction} segment {fate.index}, {link.spike_one_way_s:.3f}s"
                )
        return cut, spike

    def _due(self, sent_at: float, link: LinkParams, spike: bool) -> float:
        self._last_due = max(sent_at + one_way_delay(link, self._jitter, spike), self._last_due)
        return self._last_due

    async def deliver(self) -> None:
        loop = self.net.loop
        while True:
            item = await self._pop()
            if item.due > loop.time():
                await asyncio.sleep(item.due - loop.time())
            await self.relay.flowing()
            if item.data:
                try:
                    self.writer.write(item.data)
                    await self.writer.drain()
                except OSError as exc:
                    self.relay.event(f"{self.sink}-gone", f"{self.direction}: {exc}")
                    await self.relay.terminate("reset", f"{self.sink}-reset")
                    return
                self.net.counters.add(f"bytes_{self.direction}_delivered", len(item.data))
            if item.action == "eof":
                self.relay.event("eof", f"{self.source} finished sending ({self.offset} bytes)")
                with contextlib.suppress(OSError):
                    if self.writer.can_write_eof() and not self.writer.transport.is_closing():
                        self.writer.write_eof()
                self.relay.direction_finished(self.direction)
                return
            if item.action == "peer-reset":
                await self.relay.terminate("reset", f"{self.source}-reset")
                return
            if item.action == "cut" and item.cut is not None:
                await self.relay.execute_cut(item.cut, self.direction)
                return

    def discard(self) -> None:
        """Bytes in flight are lost (the connection hangs)."""
        self._items.clear()
        self._queued = 0
        self._space.set()

    def _push(self, item: _Item) -> None:
        self._items.append(item)
        self._queued += len(item.data)
        self._ready.set()

    async def _pop(self) -> _Item:
        while not self._items:
            self._ready.clear()
            await self._ready.wait()
        item = self._items.popleft()
        self._queued -= len(item.data)
        self._space.set()
        return item

    async def _wait_for_space(self, link: LinkParams) -> None:
        """Bound the bytes in flight to what the link can hold, so memory stays small."""
        if link.rate_bps is None:
            limit = UNCAPPED_QUEUE_BYTES
        else:
            longest = link.one_way_s + link.jitter_s + link.spike_one_way_s + link.stall_s + 1.0
            limit = max(MIN_QUEUE_BYTES, int(link.rate_bps * longest))
        while self._queued > limit:
            self._space.clear()
            await self._space.wait()


class Relay:
    """A client connection, its target connection, and what the network does between them."""

    def __init__(self, net: Network, conn_id: int, client_sock: socket.socket) -> None:
        self.net = net
        self.id = conn_id
        self.hung = False
        self.tracker = RuleTracker()
        self.up: Pipe | None = None
        self.down: Pipe | None = None
        self._client_sock = client_sock
        self._writers: list[asyncio.StreamWriter] = []
        self._client_writer: asyncio.StreamWriter | None = None
        self._finished = asyncio.Event()
        self._terminating = False
        self._eof: set[Direction] = set()

    def event(self, kind: str, detail: str = "") -> None:
        self.net.log.event(self.id, kind, detail)

    def offsets(self) -> dict[Direction, int]:
        return {"up": self.up.offset if self.up else 0, "down": self.down.offset if self.down else 0}

    def arm(self, rule: FaultRule) -> None:
        self.tracker.arm(rule, self.offsets())

    def decide_cut(self, direction: Direction, data: bytes, start: int, end: int) -> PendingCut | None:
        rules = self.net.active_rules()
        if direction == "up":
            for rule in self.tracker.scan_upstream(rules, data, start, self.offsets()["down"]):
                self.event("rule-armed", rule.describe())
        return self.tracker.first_cut(rules, direction, start, end)

    async def run(self) -> None:
        net = self.net
        # asyncio only disables Nagle on sockets whose proto is IPPROTO_TCP; accepted ones report 0,
        # and Nagle plus delayed ACKs would add 40 ms to every small write the proxy forwards.
        with contextlib.suppress(OSError):
            self._client_sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        host, port = self._client_sock.getpeername()[:2]
        net.log.open_connection(self.id, f"{host}:{port}")
        net.counters.add("connections_opened")
        net.relays[self.id] = self
        opened = net.loop.time()
        tasks: list[asyncio.Task[None]] = []
        try:
            try:
                client_reader, client_writer = await asyncio.open_connection(
                    sock=self._client_sock, limit=READ_LIMIT
                )
            except OSError as exc:
                self._client_sock.close()
                self.event("client-gone", repr(exc))
                return
            self._client_writer = client_writer
            self._writers.append(client_writer)
            try:
                target_reader, target_writer = await asyncio.wait_for(
                    asyncio.open_connection(*net.target, limit=READ_LIMIT), CONNECT_TIMEOUT_S
                )
            except (OSError, TimeoutError) as exc:
                net.counters.add("target_unreachable")
                net.log.set_outcome(self.id, "target-unreachable")
                self.event("target-unreachable", f"{net.target[0]}:{net.target[1]}: {exc!r}")
                _abort_with_reset(client_writer)
                return
            self._writers.append(target_writer)
            self.event("target-connected", f"{net.target[0]}:{net.target[1]}")
            handshake_until = opened + net.links["up"].handshake_s
            self.up = Pipe(self, "up", client_reader, target_writer, link_free_at=handshake_until)
            self.down = Pipe(self, "down", target_reader, client_writer, link_free_at=0.0)
            for rule in net.active_rules():
                self.arm(rule)
            # The jobs' coroutines are made inside their tasks: a task cancelled before it starts
            # (the proxy closing at once) then leaves no coroutine that was never awaited.
            jobs = [self.up.pump, self.up.deliver, self.down.pump, self.down.deliver, self._watch]
            tasks = [asyncio.create_task(self._guard(job)) for job in jobs]
            await self._finished.wait()
        except asyncio.CancelledError:
            # The proxy is closing: drop every socket now, even one still flushing a graceful close.
            for writer in self._writers:
                writer.transport.abort()
            raise
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for writer in self._writers:
                if not writer.transport.is_closing():
                    writer.transport.abort()
            net.relays.pop(self.id, None)
            net.counters.add("connections_closed")
            net.log.close_connection(self.id)

    async def _guard(self, job: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """A bug in the proxy resets the connection and says so, rather than hanging it silently."""
        try:
            await job()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.event("proxy-error", repr(exc))
            await self.terminate("reset", "proxy-error")

    async def flowing(self) -> None:
        """Return when bytes may move: never for a hung connection, after the link returns if down."""
        while True:
            if self.hung:
                await asyncio.Event().wait()
            elif not self.net.link_up.is_set():
                await self.net.link_up.wait()
            else:
                return

    async def _watch(self) -> None:
        """While nothing can flow, notice a client that gave up, so its sockets are released."""
        while True:
            await asyncio.sleep(WATCH_INTERVAL_S)
            stuck = self.hung or not self.net.link_up.is_set()
            if stuck and self._client_writer is not None and _peer_closed(self._client_writer):
                self.event("client-gave-up", "the client closed while nothing could flow")
                await self.terminate("close", "client-gave-up")
                return

    def direction_finished(self, direction: Direction) -> None:
        self._eof.add(direction)
        if len(self._eof) == 2 and not self._terminating:
            self._terminating = True
            for writer in self._writers:
                writer.close()
            self._finished.set()

    async def execute_cut(self, cut: PendingCut, direction: Direction | None) -> None:
        """Count and log a cut, then carry it out."""
        if self._terminating or self._finished.is_set():
            return
        counter, outcome = _CUT_ACCOUNTING[cut.reason]
        self.net.counters.add(counter)
        if cut.mode == "hang":
            self.net.counters.add("connections_hung")
        where = f"{direction} at byte {cut.offset}" if direction else "now"
        rule = f" [{cut.rule.describe()}]" if cut.rule else ""
        self.event(cut.reason, f"{where}, {cut.mode}{rule}")
        await self.terminate(cut.mode, outcome)

    async def terminate(self, mode: CutMode, outcome: str) -> None:
        """End (or hang) the connection on both sides."""
        if self._terminating or self._finished.is_set():
            return
        self.net.log.set_outcome(self.id, outcome)
        if mode == "hang":
            if not self.hung:
                self.hung = True
                for pipe in (self.up, self.down):
                    if pipe is not None:
                        pipe.discard()
            return
        self._terminating = True
        if mode == "close":
            for writer in self._writers:
                writer.close()
        else:
            await self._flush_before_reset()
            for writer in self._writers:
                _abort_with_reset(writer)
        self._finished.set()

    async def _flush_before_reset(self) -> None:
        """Let bytes already delivered reach the peer's kernel; a reset would discard unsent ones."""
        loop = self.net.loop
        deadline = loop.time() + FLUSH_BEFORE_RESET_S
        for writer in self._writers:
            while loop.time() < deadline and not writer.transport.is_closing():
                if writer.transport.get_write_buffer_size() == 0 and _unacknowledged(writer) == 0:
                    break
                await asyncio.sleep(0.005)


def _abort_with_reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP RST (SO_LINGER 0), which a client sees as 'connection reset by peer'."""
    sock = writer.get_extra_info("socket")
    if sock is not None and not writer.transport.is_closing():
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def _unacknowledged(writer: asyncio.StreamWriter) -> int:
    sock = writer.get_extra_info("socket")
    try:
        return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]
    except (OSError, AttributeError):
        return 0


def _peer_closed(writer: asyncio.StreamWriter) -> bool:
    if writer.transport.is_closing():
        return True
    sock = writer.get_extra_info("socket")
    try:
        return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)[0] in _PEER_CLOSED_STATES
    except (OSError, AttributeError):
        return True
