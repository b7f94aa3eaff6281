"""Helpers for the deployment tests (no tests here): settings for a data folder, pushes with files."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

from sync_server.app import create_app
from sync_server.config import Settings
from tests.sync_server.conftest import MASTER_KEY
from tests.sync_server.device_client import DeviceClient


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
    app = create_app(settings)
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, name="restored-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{http.server_port}"
    finally:
        http.shutdown()
        thread.join(10)
        app.extensions["tambo"].close()
