"""A file sent as a request body (a relay forwarding a bundle of hundreds of MB) is streamed from disk:
the client's memory does not grow with the file, the server receives every byte, and the signature
covers the file's hash."""

from __future__ import annotations

import hashlib
import os
import threading
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.sync.client import ServerClient
from shared import errors
from shared.errors import TamboError
from shared.protocol import headers

SIZE = 48 * 1024 * 1024


class _Sink(BaseHTTPRequestHandler):
    """Reads the body in blocks, remembers its length, hash and the signed headers; answers ``{}``."""

    received: ClassVar[list[dict[str, object]]] = []

    def do_POST(self) -> None:
        left = int(self.headers["Content-Length"])
        digest = hashlib.sha256()
        while left:
            block = self.rfile.read(min(left, 1 << 16))
            digest.update(block)
            left -= len(block)
        self.received.append(
            {
                "length": int(self.headers["Content-Length"]),
                "sha256": digest.hexdigest(),
                "signed": self.headers.get(headers.SIGNATURE) is not None,
            }
        )
        body = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def sink() -> Iterator[str]:
    _Sink.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)


def test_a_file_body_is_streamed_not_read_into_memory(sink, tmp_path: Path) -> None:
    big = tmp_path / "paquete.tambo"
    with big.open("wb") as out:
        for _ in range(SIZE // (1 << 20)):
            out.write(os.urandom(1 << 20))
    digest = hashlib.sha256(big.read_bytes()).hexdigest()
    client = ServerClient(sink, Ed25519PrivateKey.generate())
    tracemalloc.start()
    try:
        client.request(
            "POST", "/bundles", big, content_type="application/octet-stream", body_sha256_hex=digest
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert _Sink.received == [{"length": SIZE, "sha256": digest, "signed": True}]
    assert peak < SIZE / 8, f"{peak / 2**20:.1f} MiB held for a {SIZE / 2**20:.0f} MiB body"
    assert client.last_body_bytes == SIZE


def test_a_file_that_cannot_be_read_is_named_in_spanish(sink, tmp_path: Path) -> None:
    client = ServerClient(sink, Ed25519PrivateKey.generate())
    gone = tmp_path / "no-existe.tambo"
    with pytest.raises(TamboError) as caught:
        client.request("POST", "/bundles", gone, body_sha256_hex="0" * 64)
    assert caught.value.code == errors.INPUT_FILE_UNREADABLE
    assert "no-existe.tambo" in caught.value.message()
    with pytest.raises(ValueError, match="SHA-256"):  # the hash of a file body is the caller's: it is signed
        client.request("POST", "/bundles", gone)
