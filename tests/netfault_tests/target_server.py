"""A tiny real HTTP/1.1 server on 127.0.0.1 that records what reached it, even a body cut short.

Routes:
    GET  /bytes/<n>    n bytes of a repeating 0..255 pattern (so reordering or loss would show)
    GET  /slow/<ms>    waits, then answers "ok"
    GET  /reset        resets the connection instead of answering (an abrupt server)
    POST /upload       reads the body (Content-Length) and answers how many bytes arrived
    anything else      "ok"
"""

from __future__ import annotations

import http.server
import socket
import struct
import threading
import time
from dataclasses import dataclass

HANDLER_TIMEOUT_S = 10


def pattern(n: int) -> bytes:
    return (bytes(range(256)) * (n // 256 + 1))[:n]


@dataclass(frozen=True)
class Received:
    """One request as the server saw it. ``header_bytes`` counts the request line and headers."""

    method: str
    path: str
    header_bytes: int
    expected_body: int
    body_bytes: int
    complete: bool
    error: str | None


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = HANDLER_TIMEOUT_S
    disable_nagle_algorithm = True  # headers and body are separate writes; Nagle would add 40 ms
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _header_bytes(self) -> int:
        return len(self.raw_requestline) + sum(len(k) + len(v) + 4 for k, v in self.headers.items()) + 2

    def _answer(self, body: bytes, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.record(Received("GET", self.path, self._header_bytes(), 0, 0, True, None))
        if self.path.startswith("/bytes/"):
            self._answer(pattern(int(self.path.rsplit("/", 1)[1])))
        elif self.path.startswith("/slow/"):
            time.sleep(int(self.path.rsplit("/", 1)[1]) / 1000)
            self._answer(b"ok")
        elif self.path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
        else:
            self._answer(b"ok")

    def do_POST(self) -> None:
        expected = int(self.headers.get("Content-Length", "0"))
        received, error = 0, None
        try:
            while received < expected:
                chunk = self.rfile.read1(min(65536, expected - received))
                if not chunk:
                    error = "eof"
                    break
                received += len(chunk)
        except OSError as exc:
            error = repr(exc)
        complete = received == expected
        self.server.record(
            Received("POST", self.path, self._header_bytes(), expected, received, complete, error)
        )
        if complete:
            self._answer(f"received {received}".encode())
        else:
            self.close_connection = True


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[Received] = []
        self._lock = threading.Condition()

    def record(self, item: Received) -> None:
        with self._lock:
            self.received.append(item)
            self._lock.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Received]:
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.received) >= count, timeout):
                raise TimeoutError(f"the target saw {len(self.received)} requests, expected {count}")
            return list(self.received)

    def handle_error(self, request: object, client_address: object) -> None:
        """Broken connections are the point of these tests; they are recorded, not printed."""


class TargetServer:
    """Start/stop wrapper: ``port``, ``url``, ``received``, ``wait_for(n)``."""

    def __init__(self) -> None:
        self._server = _Server()
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"target-{self.port}"
        )

    def start(self) -> TargetServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    @property
    def received(self) -> list[Received]:
        return list(self._server.received)

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Received]:
        return self._server.wait_for(count, timeout)
