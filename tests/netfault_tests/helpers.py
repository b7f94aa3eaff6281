"""Raw-socket clients: they show exactly which bytes arrived and which error ended a connection."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def raw_exchange(port: int, request: bytes, timeout: float = 5.0) -> tuple[bytes, OSError | None]:
    """Send ``request`` on a fresh connection and read until EOF or an error; returns (bytes, error)."""
    received = bytearray()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(request)
            while chunk := sock.recv(65536):
                received += chunk
        except OSError as exc:
            return bytes(received), exc
    return bytes(received), None


def get_request(path: str, port: int, keep_alive: bool = False) -> bytes:
    connection = "keep-alive" if keep_alive else "close"
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: {connection}\r\n\r\n".encode()


def post_request(path: str, port: int, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    start = time.monotonic()
    result = fn()
    return time.monotonic() - start, result


def body_of(response: bytes) -> bytes:
    return response.partition(b"\r\n\r\n")[2]
