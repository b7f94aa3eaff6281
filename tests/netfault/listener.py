"""The proxy's listening port: up, refusing, or black-holing new connections.

A client can tell a refused port from a dead link, so both are real kernel behaviour, not imitations:

- **refuse**: the listening socket is closed, so the kernel answers a SYN with a RST and ``connect()``
  fails at once with ECONNREFUSED. A second socket bound to the same port (with SO_REUSEADDR, never
  listening) keeps the port ours meanwhile, so nothing else on the machine can take it.
- **blackhole**: the backlog is cut to 0 and one throw-away connection fills the accept queue; from
  then on Linux silently drops every SYN, so ``connect()`` hangs and times out exactly as on a dead
  link. When the link returns, the backlog is restored and a client still retrying its SYN connects
  at its next retransmission (1 s, 3 s, 7 s ... on Linux).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Callable
from typing import Literal

from tests.netfault.stats import EventLog

LinkState = Literal["up", "refuse", "blackhole"]
LINK_STATES: tuple[LinkState, ...] = ("up", "refuse", "blackhole")

BACKLOG = 128
#: A loopback connect completes in microseconds; one that takes this long met a full accept queue.
PROBE_CONNECT_TIMEOUT_S = 0.2
MAX_FILLERS = 8


def _bound_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


class Listener:
    """Accepts client sockets and hands them to ``on_client`` while the link is up."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        host: str,
        port: int,
        on_client: Callable[[socket.socket], None],
        log: EventLog,
    ) -> None:
        self._loop = loop
        self._host = host
        self._requested_port = port
        self._on_client = on_client
        self._log = log
        self._placeholder: socket.socket | None = None
        self._sock: socket.socket | None = None
        self._fillers: list[socket.socket] = []
        self._accepting: asyncio.Task[None] | None = None
        self.port = 0
        self.state: LinkState = "up"

    def bind(self) -> int:
        """Reserve the port and listen (from the caller's thread, so bind errors surface there)."""
        self._placeholder = _bound_socket(self._host, self._requested_port)
        self.port = self._placeholder.getsockname()[1]
        try:
            self._sock = _bound_socket(self._host, self.port)
            self._sock.listen(BACKLOG)
        except OSError:
            self._placeholder.close()
            raise
        return self.port

    def start(self) -> None:
        """Begin accepting (in the loop's thread)."""
        self._accepting = self._loop.create_task(self._accept_loop())

    async def set_state(self, state: LinkState) -> None:
        if state == self.state:
            return
        await self._stop_accepting()
        if self.state == "blackhole":
            self._restore_backlog(keep_clients=state == "up")
        if state == "up":
            if self._sock is None:
                self._sock = _bound_socket(self._host, self.port)
            self._sock.listen(BACKLOG)
            self.start()
        elif state == "refuse":
            if self._sock is not None:
                self._sock.close()
                self._sock = None
        else:
            if self._sock is None:
                self._sock = _bound_socket(self._host, self.port)
            self._sock.listen(0)
            await self._fill_accept_queue()
        self.state = state

    async def close(self) -> None:
        await self._stop_accepting()
        for sock in [self._sock, self._placeholder, *self._fillers]:
            if sock is not None:
                sock.close()
        self._sock = self._placeholder = None
        self._fillers.clear()

    async def _accept_loop(self) -> None:
        assert self._sock is not None
        while True:
            try:
                client, _ = await self._loop.sock_accept(self._sock)
            except OSError as exc:  # e.g. EMFILE under load: say so, keep serving
                self._log.proxy_event("accept-error", repr(exc))
                await asyncio.sleep(0.05)
                continue
            self._on_client(client)

    async def _stop_accepting(self) -> None:
        if self._accepting is not None:
            self._accepting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._accepting
            self._accepting = None

    async def _fill_accept_queue(self) -> None:
        """Connect throw-away sockets until one hangs: the queue is then full and SYNs are dropped."""
        for _ in range(MAX_FILLERS):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            try:
                await asyncio.wait_for(
                    self._loop.sock_connect(filler, (self._host, self.port)), PROBE_CONNECT_TIMEOUT_S
                )
            except (TimeoutError, OSError):
                filler.close()
                return
            self._fillers.append(filler)
        self._log.proxy_event("blackhole-incomplete", "the accept queue did not fill; SYNs may get through")

    def _restore_backlog(self, keep_clients: bool) -> None:
        """Leave the black hole: accept what queued up, drop our fillers, keep real clients if up."""
        assert self._sock is not None
        self._sock.listen(BACKLOG)
        filler_ports = {f.getsockname()[1] for f in self._fillers}
        while True:
            try:
                client, peer = self._sock.accept()
            except (BlockingIOError, InterruptedError):
                break
            if peer[1] in filler_ports or not keep_clients:
                client.close()
            else:
                self._on_client(client)
        for filler in self._fillers:
            filler.close()
        self._fillers.clear()
