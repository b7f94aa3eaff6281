"""Helpers for the coordinator tests: a relay's upload, counts on the server. No tests here."""

from __future__ import annotations

from pathlib import Path

from desktop.bundles.upload import UploadResult, relay_client, upload_bundle
from sync_server.context import Server
from sync_server.storage.submissions import iter_submissions
from tests.sync.support import INSTITUTION, Desk


def relay_upload(relay: Desk, url: str, bundle: Path) -> UploadResult:
    """The relay device uploads ``bundle`` and keeps the acknowledgement beside it (as the CLI does)."""
    client = relay_client(relay.backend.store, url, timeout=(5.0, 30.0))
    try:
        return upload_bundle(client, bundle)
    finally:
        client.close()


def server_ids(server: Server, device_id: str) -> list[str]:
    with server.db.read() as conn:
        return [r.id for r in iter_submissions(conn, INSTITUTION) if r.device_id == device_id]


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))
