"""FaultProxy: a TCP proxy on 127.0.0.1 that behaves like a bad mobile network, driven from tests.

    with FaultProxy(server_port, profile="edge", seed=7, bandwidth_scale=20) as proxy:
        client = SyncClient(proxy.url)
        proxy.drop_response(match=b"POST /api/v1/push")
        ...
        assert proxy.stats().responses_dropped == 1, proxy.report()

The proxy runs an asyncio loop in its own thread. Every control method may be called from any other
thread, takes effect before it returns, and gives up with TimeoutError instead of hanging.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import socket
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from tests.netfault.listener import LinkState, Listener
from tests.netfault.loop_thread import LoopThread
from tests.netfault.network import Network
from tests.netfault.profiles import OFFLINE_MODES, Flapping, NetworkProfile, OfflineMode, get_profile
from tests.netfault.relay import Relay
from tests.netfault.rules import CutMode, FaultRule, PendingCut
from tests.netfault.schedules import Schedule, flap_forever, tick_forever
from tests.netfault.shaping import Direction
from tests.netfault.stats import ConnectionLog, Counters, Event, EventLog, ProxyStats

T = TypeVar("T")

LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
CONTROL_TIMEOUT_S = 10.0


def _loopback(host: str) -> str:
    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"netfault only proxies to and listens on 127.0.0.1, not {host!r}")
    return "127.0.0.1"


class FaultProxy:
    """A fault-injecting TCP proxy from ``127.0.0.1:<port>`` to ``127.0.0.1:<target_port>``.

    ``time_scale`` multiplies schedule periods (flapping, ``cut_every``) and nothing else;
    ``bandwidth_scale`` multiplies both rate caps. Latency, jitter, loss stalls and spikes are
    never scaled: they are what a request's timing is made of. ``seed`` makes every loss, reset,
    spike and jitter decision reproducible (one is chosen and reported when not given).
    """

    def __init__(
        self,
        target_port: int,
        profile: str | NetworkProfile = "perfect",
        *,
        target_host: str = "127.0.0.1",
        listen_host: str = "127.0.0.1",
        listen_port: int = 0,
        seed: int | None = None,
        time_scale: float = 1.0,
        bandwidth_scale: float = 1.0,
    ) -> None:
        if time_scale <= 0 or bandwidth_scale <= 0:
            raise ValueError("time_scale and bandwidth_scale must be positive")
        self._target = (_loopback(target_host), int(target_port))
        self._listen = (_loopback(listen_host), int(listen_port))
        self._initial_profile = get_profile(profile)
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
        self.time_scale = time_scale
        self.bandwidth_scale = bandwidth_scale
        self._counters = Counters()
        self._runner: LoopThread | None = None
        self._net: Network | None = None
        self._listener: Listener | None = None
        self._log: EventLog | None = None
        self._relay_tasks: set[asyncio.Task[None]] = set()
        self._schedules: list[Schedule] = []
        self._flapping: asyncio.Task[None] | None = None
        self._profile_flapping: Flapping | None = None  # the running schedule came from the profile
        self._conn_ids = itertools.count(1)
        self._closed = False
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        if self._runner is not None:
            raise RuntimeError("this FaultProxy was already started")
        self._runner = LoopThread()
        loop = self._runner.loop
        started = loop.time()
        self._log = EventLog(lambda: loop.time() - started)
        self._net = Network(
            loop=loop,
            target=self._target,
            profile=self._initial_profile,
            seed=self.seed,
            time_scale=self.time_scale,
            bandwidth_scale=self.bandwidth_scale,
            counters=self._counters,
            log=self._log,
        )
        self._listener = Listener(loop, *self._listen, on_client=self._on_client, log=self._log)
        try:
            self.port = self._listener.bind()
        except OSError:
            self._closed = True
            self._runner.stop(CONTROL_TIMEOUT_S)
            raise
        loop.set_exception_handler(self._on_loop_exception)
        self._runner.start(name=f"netfault-{self.port}")
        self._call(self._begin)
        return self

    def close(self, timeout: float = CONTROL_TIMEOUT_S) -> None:
        """Stop listening, cut every connection, stop the loop and join its thread."""
        if self._closed or self._runner is None:
            self._closed = True
            return
        self._closed = True
        try:
            self._call(self._shutdown, timeout=timeout)
        finally:
            self._runner.stop(timeout)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    @property
    def target(self) -> tuple[str, int]:
        return self._target

    # -- shaping ---------------------------------------------------------------------------------

    @property
    def profile(self) -> NetworkProfile:
        return self._network().profile

    def set_profile(self, profile: str | NetworkProfile) -> NetworkProfile:
        """Switch profile now, for new and open connections.

        A profile's own flapping schedule starts with it (and is left running, not restarted, by
        ``update_profile``); it stops when a profile without one replaces it. A schedule started
        with ``flap()`` is not the profile's and is left alone.
        """
        chosen = get_profile(profile)

        async def apply() -> None:
            self._network().set_profile(chosen)
            self._event("profile", chosen.summary())
            if chosen.flapping is not None and chosen.flapping != self._profile_flapping:
                await self._start_flapping(chosen.flapping, start_up=True)
                self._profile_flapping = chosen.flapping
            elif chosen.flapping is None and self._profile_flapping is not None:
                await self._stop_flapping()
                await self._set_link("up", "profile without flapping")

        self._call(apply)
        return chosen

    def update_profile(self, **changes: Any) -> NetworkProfile:
        """Change some figures of the current profile, e.g. ``update_profile(up_kbps=50, loss=0)``."""
        return self.set_profile(self.profile.with_changes(**changes))

    def set_target(self, port: int, host: str = "127.0.0.1") -> None:
        """Send new connections to another port (a restarted server); open ones keep theirs."""
        target = (_loopback(host), int(port))

        async def apply() -> None:
            self._target = target
            self._network().target = target
            self._event("target", f"{target[0]}:{target[1]}")

        self._call(apply)

    # -- faults ----------------------------------------------------------------------------------

    def cut_after(
        self,
        after_bytes: int,
        direction: Direction = "up",
        *,
        match: bytes | None = None,
        mode: CutMode = "reset",
        times: int | None = 1,
    ) -> FaultRule:
        """Cut a connection once ``after_bytes`` bytes went ``direction`` (counted from ``match``)."""
        return self._add_rule(FaultRule("cut", direction, after_bytes, match, mode, times))

    def drop_response(
        self,
        *,
        match: bytes | None = None,
        keep_bytes: int = 0,
        mode: CutMode = "reset",
        times: int | None = 1,
    ) -> FaultRule:
        """Lost ack: let the request through, then cut as the response starts (after ``keep_bytes``)."""
        return self._add_rule(FaultRule("drop_response", "down", keep_bytes, match, mode, times))

    def cut_every(self, period_s: float, *, mode: CutMode = "reset") -> Schedule:
        """Cut every open connection every ``period_s`` seconds (times time_scale)."""
        if period_s <= 0:
            raise ValueError("period_s must be positive")

        interval = period_s * self.time_scale
        schedule = Schedule(f"cut every {period_s:g}s ({interval:g}s scaled), {mode}", self._loop_())

        async def cut_now() -> None:
            schedule.ticks += 1
            await self._cut_open_connections(mode, "schedule")

        async def begin() -> Schedule:
            schedule.task = self._loop_().create_task(tick_forever(interval, cut_now))
            self._schedules.append(schedule)
            self._event("schedule", schedule.description)
            return schedule

        return self._call(begin)

    def cut_all(self, mode: CutMode = "reset") -> int:
        """Cut every open connection now; returns how many."""

        async def apply() -> int:
            return await self._cut_open_connections(mode, "schedule")

        return self._call(apply)

    def clear_faults(self) -> None:
        """Cancel every cut/drop rule and cut schedule (the profile and link state stay)."""

        async def apply() -> None:
            for rule in self._network().rules:
                rule.cancel()
            for schedule in self._schedules:
                schedule.cancel()
            self._schedules.clear()
            self._event("faults-cleared")

        self._call(apply)

    # -- link state ------------------------------------------------------------------------------

    @property
    def link_state(self) -> LinkState:
        return self._listener_().state

    def go_offline(self, mode: OfflineMode = "refuse") -> None:
        """Take the link down (and stop any flapping). See listener.py for what each mode does."""
        if mode not in OFFLINE_MODES:
            raise ValueError(f"mode must be one of {OFFLINE_MODES}, not {mode!r}")

        async def apply() -> None:
            await self._stop_flapping()
            await self._set_link(mode, "go_offline")

        self._call(apply)

    def go_online(self) -> None:
        """Bring the link back (and stop any flapping)."""

        async def apply() -> None:
            await self._stop_flapping()
            await self._set_link("up", "go_online")

        self._call(apply)

    def flap(
        self, up_s: float, down_s: float, *, mode: OfflineMode = "refuse", start_up: bool = True
    ) -> None:
        """Alternate up ``up_s`` / down ``down_s`` seconds (times time_scale) until stopped."""
        flapping = Flapping(up_s, down_s, mode)

        async def apply() -> None:
            await self._start_flapping(flapping, start_up)

        self._call(apply)

    def stop_flapping(self) -> None:
        """Stop the schedule and leave the link up."""

        async def apply() -> None:
            await self._stop_flapping()
            await self._set_link("up", "stop_flapping")

        self._call(apply)

    # -- observation -----------------------------------------------------------------------------

    def stats(self) -> ProxyStats:
        return self._counters.snapshot()

    def connection_logs(self) -> list[ConnectionLog]:
        return self._log.connections() if self._log else []

    def proxy_events(self) -> list[Event]:
        return self._log.proxy_events() if self._log else []

    def report(self, last_connections: int = 20) -> str:
        """Everything a failing test should print: profile, seed, counters, timeline, connections."""
        stats = self.stats()
        lines = [
            f"netfault proxy 127.0.0.1:{self.port} -> {self._target[0]}:{self._target[1]}"
            f" (seed={self.seed}, time_scale={self.time_scale:g}, bandwidth_scale={self.bandwidth_scale:g})",
            f"profile {self._net.profile.summary() if self._net else self._initial_profile.summary()}",
            "counters: " + ", ".join(f"{k}={v:g}" for k, v in stats.as_dict().items() if v),
            "timeline:",
            *(f"  {e}" for e in self.proxy_events()),
        ]
        for log in self.connection_logs()[-last_connections:]:
            lines.append(log.format())
        return "\n".join(lines)

    def wait_for(
        self, condition: Callable[[ProxyStats], bool], timeout: float = CONTROL_TIMEOUT_S
    ) -> ProxyStats:
        """Poll the counters until ``condition(stats)`` holds; TimeoutError (with the report) if not."""
        deadline = time.monotonic() + timeout
        while True:
            stats = self.stats()
            if condition(stats):
                return stats
            if time.monotonic() > deadline:
                raise TimeoutError(f"condition not met within {timeout}s\n{self.report()}")
            time.sleep(0.01)

    # -- inside the loop -------------------------------------------------------------------------

    async def _begin(self) -> None:
        self._listener_().start()
        self._event("start", self._network().profile.summary())
        flapping = self._network().profile.flapping
        if flapping is not None:
            await self._start_flapping(flapping, start_up=True)
            self._profile_flapping = flapping

    async def _shutdown(self) -> None:
        await self._stop_flapping()
        for schedule in self._schedules:
            if schedule.task is not None:
                schedule.task.cancel()
        await self._listener_().close()
        tasks = list(self._relay_tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for _ in range(3):  # let transports run their connection_lost callbacks and close sockets
            await asyncio.sleep(0)
        self._event("stop")

    def _on_client(self, sock: socket.socket) -> None:
        relay = Relay(self._network(), next(self._conn_ids), sock)
        task = self._loop_().create_task(relay.run())
        self._relay_tasks.add(task)
        task.add_done_callback(self._relay_tasks.discard)

    def _add_rule(self, rule: FaultRule) -> FaultRule:
        async def apply() -> FaultRule:
            self._network().add_rule(rule)
            self._event("rule", rule.describe())
            return rule

        return self._call(apply)

    async def _cut_open_connections(self, mode: CutMode, reason: str) -> int:
        relays = list(self._network().relays.values())
        cut = PendingCut(offset=0, mode=mode, reason=reason)
        await asyncio.gather(*(relay.execute_cut(cut, None) for relay in relays))
        self._event("cut-all", f"{len(relays)} connection(s), {mode} ({reason})")
        return len(relays)

    async def _set_link(self, state: LinkState, reason: str) -> None:
        net, listener = self._network(), self._listener_()
        if state == listener.state:
            return
        self._event(f"link-{state}", reason)
        if state == "blackhole":
            net.link_up.clear()
        await listener.set_state(state)
        if state == "refuse":  # before the link flag is raised, so paused connections move no byte
            await self._cut_open_connections("reset", "offline")
        if state != "blackhole":
            net.link_up.set()

    async def _start_flapping(self, flapping: Flapping, start_up: bool) -> None:
        await self._stop_flapping()
        self._event("flapping", f"up {flapping.up_s:g}s / down {flapping.down_s:g}s x{self.time_scale:g}")
        self._flapping = self._loop_().create_task(
            flap_forever(flapping, self.time_scale, start_up, lambda s: self._set_link(s, "flapping"))
        )

    async def _stop_flapping(self) -> None:
        self._profile_flapping = None
        if self._flapping is not None:
            self._flapping.cancel()
            await asyncio.gather(self._flapping, return_exceptions=True)
            self._flapping = None
            self._event("flapping-stopped")

    def _event(self, kind: str, detail: str = "") -> None:
        if self._log is not None:
            self._log.proxy_event(kind, detail)

    def _on_loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        self._event("loop-error", str(context.get("exception") or context.get("message")))

    # -- plumbing --------------------------------------------------------------------------------

    def _call(self, fn: Callable[[], Coroutine[Any, Any, T]], timeout: float = CONTROL_TIMEOUT_S) -> T:
        """Run a coroutine in the proxy's loop and wait for it, from any other thread."""
        if self._runner is None:
            raise RuntimeError("FaultProxy is not started (use start() or a with block)")
        if self._closed and fn != self._shutdown:
            raise RuntimeError("this FaultProxy is closed")
        return self._runner.call(fn, timeout)

    def _loop_(self) -> asyncio.AbstractEventLoop:
        if self._runner is None:
            raise RuntimeError("FaultProxy is not started (use start() or a with block)")
        return self._runner.loop

    def _network(self) -> Network:
        if self._net is None:
            raise RuntimeError("FaultProxy is not started (use start() or a with block)")
        return self._net

    def _listener_(self) -> Listener:
        if self._listener is None:
            raise RuntimeError("FaultProxy is not started (use start() or a with block)")
        return self._listener
