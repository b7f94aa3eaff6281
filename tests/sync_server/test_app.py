"""The server skeleton: app factory, health, catalog, JSON errors, and the real WSGI server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from shared import errors
from sync_server.app import create_app
from sync_server.config import Settings


@pytest.fixture
def client(tmp_path: Path):
    return create_app(Settings(home=tmp_path)).test_client()


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"


def test_catalog_serves_the_demo_services(client):
    services = client.get("/api/v1/catalog").json["services"]
    ids = {s["id"] for s in services}
    assert {"solicitud-general", "acceso-informacion-publica", "libro-reclamaciones"} <= ids
    assert len(services) >= 9


def test_unknown_route_gets_the_standard_error_shape(client):
    response = client.get("/api/v1/nada")
    assert response.status_code == 404
    assert response.json["error"]["code"] == errors.REQUEST_NOT_FOUND
    assert response.json["error"]["message"] == "No encontrado."


def test_settings_file_and_environment(tmp_path: Path):
    (tmp_path / "server.toml").write_text('max_request_bytes = 1000\ndatabase_url = "sqlite:///x.db"\n')
    settings = Settings.load({"TAMBO_SERVER_HOME": str(tmp_path), "TAMBO_MAX_REQUEST_BYTES": "2000"})
    assert settings.max_request_bytes == 2000  # environment wins over the file
    assert settings.effective_database_url == "sqlite:///x.db"
    assert Settings.load({"TAMBO_SERVER_HOME": str(tmp_path / "otro")}).effective_database_url.endswith(
        "otro/tambo.sqlite3"
    )


def test_unknown_setting_in_file_is_refused(tmp_path: Path):
    (tmp_path / "server.toml").write_text("max_requst_bytes = 1\n")
    with pytest.raises(ValueError, match="max_requst_bytes"):
        Settings.load({"TAMBO_SERVER_HOME": str(tmp_path)})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_run_command_serves_with_waitress(tmp_path: Path):
    port = free_port()
    env = {"TAMBO_SERVER_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    server = subprocess.Popen(
        [sys.executable, "-m", "sync_server.cli", "run", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except requests.ConnectionError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert response.json()["status"] == "ok"
        assert response.headers["Server"] == "tambo"  # waitress ident, not Werkzeug's dev server
    finally:
        server.kill()
        server.wait()


def test_desktop_home_variable_does_not_move_the_server(tmp_path: Path):
    settings = Settings.load(
        {"TAMBO_SERVER_HOME": str(tmp_path / "server"), "TAMBO_HOME": str(tmp_path / "desk")}
    )
    assert settings.home == tmp_path / "server"
