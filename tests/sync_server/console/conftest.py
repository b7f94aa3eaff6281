"""Fixtures for the console: a migrated database with the demo institution, its catalog and one user
per role (built once per test worker and copied for each test), the real app behind a real HTTP server
on 127.0.0.1, and a logged-in browser-like client (Flask's test client with cookies and CSRF)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from shared.forms import demo_catalog_dir
from sync_server.app import create_app
from sync_server.config import Settings
from sync_server.context import Server
from sync_server.ops import admin
from tests.sync_server.conftest import MASTER_KEY
from tests.sync_server.console.web_client import WebClient
from tests.sync_server.device_client import DeviceClient, enroll_new_device
from tests.sync_server.serving import serve_app

INSTITUTION = "muni-demo"
PASSWORD = "clave-segura-123"
#: login -> (role, units)
USERS = {
    "admin": ("admin", []),
    "rosa": ("official", ["tramite-documentario"]),
    "luis": ("official", ["registro-civil", "demuna"]),
    "coord": ("coordinator", []),
    "auditor": ("auditor", []),
}


def populate(
    server: Server, institution_id: str = INSTITUTION, name: str = "Municipalidad de Prueba"
) -> None:
    """An institution with the demo units and catalog, and one user of each role (password PASSWORD)."""
    from datetime import UTC, datetime

    from sync_server.storage.users import add_user

    admin.create_institution(server, institution_id, name, units=admin.demo_units(), actor="test")
    admin.load_catalog(
        server,
        institution_id,
        admin.read_definitions(sorted(demo_catalog_dir().glob("*.json"))),
        actor="test",
    )
    with server.db.write() as conn:
        for login, (role, units) in USERS.items():
            add_user(
                conn,
                institution_id,
                login,
                PASSWORD,
                role=role,
                units=units,
                actor="test",
                now=datetime.now(UTC),
            )


@pytest.fixture(scope="session")
def console_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("console-template")
    path = folder / "tambo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    settings = Settings(home=folder / "home", database_url=f"sqlite:///{path}", master_key=MASTER_KEY)
    server = Server.open(settings)
    try:
        populate(server)
    finally:
        server.close()
    return path


@dataclass
class Console:
    app: Flask
    url: str
    server: Server
    settings: Settings

    def client(self, login: str | None = None) -> WebClient:
        """A fresh cookie jar, logged in as ``login`` when given."""
        client = WebClient(self.app.test_client())
        if login:
            client.login(INSTITUTION, login, PASSWORD)
        return client

    def device(self, name: str = "Mesa 1") -> DeviceClient:
        return enroll_new_device(self.url, self.server, INSTITUTION, name)


def _serve(settings: Settings) -> Iterator[Console]:
    app = create_app(settings)
    context: Server = app.extensions["tambo"]
    with serve_app(app) as url:
        yield Console(app, url, context, settings)


@pytest.fixture
def console(tmp_path: Path, console_template: Path) -> Iterator[Console]:
    """The console on SQLite, with the demo institution and one user per role."""
    path = tmp_path / "tambo.sqlite3"
    shutil.copyfile(console_template, path)
    settings = Settings(
        home=tmp_path / "home", database_url=f"sqlite:///{path}", master_key=MASTER_KEY, public_url="http://t"
    )
    yield from _serve(settings)


@pytest.fixture
def console_pg(tmp_path: Path, postgres_url: str) -> Iterator[Console]:
    """The same on PostgreSQL (this worker's database, emptied first)."""
    from tests.sync_server.conftest import truncate_postgres

    truncate_postgres(postgres_url)
    settings = Settings(
        home=tmp_path / "home", database_url=postgres_url, master_key=MASTER_KEY, public_url="http://t"
    )
    server = Server.open(settings)
    try:
        populate(server)
    finally:
        server.close()
    yield from _serve(settings)
