"""Helpers for the deployment tests (no tests here): settings for a data folder, pushes with files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sync_server.app import create_app
from sync_server.config import Settings
from tests.sync_server.conftest import MASTER_KEY
from tests.sync_server.device_client import DeviceClient
from tests.sync_server.serving import serve_app


def settings_for(home: Path, url: str, master_key: str = MASTER_KEY) -> Settings:
    return Settings(home=home, database_url=url, master_key=master_key, public_url="http://t")


def push_with_files(device: DeviceClient, count: int, tag: str = "") -> list[str]:
    """``count`` accepted submissions, each with one sealed PDF uploaded first; their ids."""
    ids = []
    for n in range(count):
        sealed = device.seal(files=[(f"%PDF-1.4 escaneo {tag}{n}".encode(), "application/pdf", "dni.pdf")])
        for blob in sealed.blobs.values():
            device.upload(blob)
        [result] = device.push([sealed.envelope]).json()["results"]
        assert result["status"] == "accepted", result
        ids.append(sealed.envelope.id)
    return ids


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The real app on ``settings`` behind a threaded HTTP server on 127.0.0.1; its base URL."""
    with serve_app(create_app(settings)) as url:
        yield url
