"""Helpers for the coordinator tests: a relay's upload, counts on the server, a person at the console.
No tests here."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import requests

from desktop.bundles.upload import UploadResult, relay_client, upload_bundle
from sync_server.context import Server
from sync_server.storage.submissions import iter_submissions
from sync_server.storage.users import add_user
from tests.sync.support import INSTITUTION, Desk
from tests.sync_server.console.web_client import csrf_of

PASSWORD = "clave-segura-123"


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


def add_console_users(server: Server) -> None:
    """A coordinator (``coord``) and an auditor (``auditor``) of the test institution."""
    with server.db.write() as conn:
        for login, role in (("coord", "coordinator"), ("auditor", "auditor")):
            add_user(conn, INSTITUTION, login, PASSWORD, role=role, actor="test", now=datetime.now(UTC))


class Browser:
    """A person at the console over real HTTP: cookies, the login form, the session's CSRF token."""

    def __init__(self, url: str, login: str) -> None:
        self.url, self.session = url, requests.Session()
        page = self.session.get(f"{url}/web/login", timeout=30)
        answer = self.session.post(
            f"{url}/web/login",
            data={
                "institution": INSTITUTION,
                "login": login,
                "password": PASSWORD,
                "csrf_token": csrf_of(page.text),
            },
            timeout=30,
        )
        assert answer.ok, answer.text[:300]
        self.csrf = csrf_of(answer.text)

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.url + path, timeout=30)

    def upload(self, name: str, data: bytes) -> requests.Response:
        return self.session.post(
            f"{self.url}/web/devices/bundles",
            data={"csrf_token": self.csrf},
            files={"bundle": (name, data, "application/octet-stream")},
            timeout=60,
        )
