"""Fixtures for the server tests: real SQLite files, a real PostgreSQL database per test worker, a real
HTTP server on 127.0.0.1 in a thread, and devices that sign their requests like the desktop will."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from shared.crypto import b64e
from shared.forms import demo_catalog_dir
from sync_server.app import create_app
from sync_server.config import Settings
from sync_server.context import Server
from sync_server.ops import admin
from sync_server.storage import Database, migrate, open_database
from sync_server.storage.schema import metadata
from tests.sync_server.device_client import DeviceClient, enroll_new_device
from tests.sync_server.serving import serve_app

POSTGRES_ENV = "TAMBO_TEST_POSTGRES_URL"
MASTER_KEY = b64e(bytes(range(32)))


def postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set: run through scripts/test.sh, which starts PostgreSQL")
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating every time would cost more)."""
    path = tmp_path_factory.mktemp("template") / "tambo.sqlite3"
    db = open_database(f"sqlite:///{path}")
    migrate.upgrade(db)
    db.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> Iterator[str]:
    """A database of its own for this test worker of this test run, migrated once.

    The name is unique (process id, worker, random part): several people and their own runs of the
    whole suite share one PostgreSQL server, two runs must never truncate each other's tables, and the
    conftest files of other test folders that import this fixture get an instance (and a database) of
    their own. Databases left by runs whose process is gone (killed) are dropped on the way. (The random
    part starts with a letter, so older copies of this code, which took the last part as the pid,
    never mistake it for a dead process.)
    """
    admin_url = sa.make_url(postgres_admin_url())
    name = f"tambo_test_{os.getpid()}_{worker_id}_r{secrets.token_hex(4)}".replace("-", "_")
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for (stale,) in conn.execute(
            sa.text("SELECT datname FROM pg_database WHERE datname LIKE 'tambo_test_%'")
        ):
            if not _process_alive(_owner_pid(stale)):
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    db = open_database(url, pool_size=2)
    migrate.upgrade(db)
    db.dispose()
    yield url
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _owner_pid(name: str) -> str:
    """The process that made a test database: ``tambo_test_<pid>_...`` (or, from older runs,
    ``tambo_test_<worker>_<pid>``)."""
    parts = name.split("_")
    return parts[2] if len(parts) > 3 and parts[2].isdigit() else parts[-1]


def _process_alive(pid_text: str) -> bool:
    if not pid_text.isdigit():
        return True  # not one of ours: leave it alone
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def truncate_postgres(url: str) -> None:
    db = open_database(url, pool_size=1)
    tables = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    with db.write() as conn:
        conn.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """SQLite unless the test asks for ``backend`` (then both) or is marked ``postgres``."""
    name = request.getfixturevalue("backend") if "backend" in request.fixturenames else "sqlite"
    if request.node.get_closest_marker("postgres"):
        name = "postgresql"
    if name == "postgresql":
        url = request.getfixturevalue("postgres_url")
        truncate_postgres(url)
        return url
    path = tmp_path / "tambo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        home=tmp_path / "home", database_url=database_url, master_key=MASTER_KEY, public_url="http://t"
    )


@pytest.fixture
def server(settings: Settings) -> Iterator[Server]:
    opened = Server.open(settings)
    yield opened
    opened.close()


@pytest.fixture
def db(server: Server) -> Database:
    return server.db


@dataclass
class LiveServer:
    url: str
    server: Server
    settings: Settings

    def device(self, institution_id: str = "muni-demo", name: str = "Mesa 1") -> DeviceClient:
        """A device enrolled in ``institution_id`` through the real enrollment route."""
        return enroll_new_device(self.url, self.server, institution_id, name)


@pytest.fixture
def live_server(settings: Settings) -> Iterator[LiveServer]:
    """The real app behind a real (threaded) HTTP server on 127.0.0.1, with one demo institution."""
    app = create_app(settings)
    context: Server = app.extensions["tambo"]
    admin.create_institution(context, "muni-demo", "Municipalidad de Prueba", actor="test")
    admin.load_catalog(
        context, "muni-demo", admin.read_definitions(sorted(demo_catalog_dir().glob("*.json"))), actor="test"
    )
    with serve_app(app) as url:
        yield LiveServer(url, context, settings)


@pytest.fixture
def second_institution(live_server: LiveServer) -> Callable[[], DeviceClient]:
    admin.create_institution(live_server.server, "muni-otra", "Otra Municipalidad", actor="test")
    admin.load_catalog(
        live_server.server,
        "muni-otra",
        admin.read_definitions(sorted(demo_catalog_dir().glob("*.json"))),
        actor="test",
    )
    return lambda: live_server.device("muni-otra", "Mesa otra")
