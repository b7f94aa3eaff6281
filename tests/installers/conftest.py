"""Fixtures for the deployment tests: the server tests' live server, plus empty databases to restore into.

The live server (and its SQLite template or per-worker PostgreSQL database) comes from
``tests/sync_server/conftest.py``. A restore drops every table of its target, so targets are never
that shared database: each is a new SQLite file or a PostgreSQL database of its own, with a unique
name, dropped after the test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.sync_server import conftest as server_fixtures
from tests.sync_server.conftest import postgres_admin_url

# the server tests' fixtures, shared with this folder: a live server on SQLite or PostgreSQL
backend = server_fixtures.backend
database_url = server_fixtures.database_url
live_server = server_fixtures.live_server
postgres_url = server_fixtures.postgres_url
settings = server_fixtures.settings
sqlite_template = server_fixtures.sqlite_template

TARGET_PREFIX = "tambo_restore_"


@pytest.fixture
def empty_database(backend: str, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Make empty databases of this test's backend (a URL each); PostgreSQL ones are dropped afterwards."""
    made: list[str] = []
    engine = None

    def make() -> str:
        nonlocal engine
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / f'target-{uuid.uuid4().hex[:8]}.sqlite3'}"
        admin_url = sa.make_url(postgres_admin_url())
        if engine is None:
            engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
            _drop_leftovers(engine)
        name = f"{TARGET_PREFIX}{os.getpid()}_{uuid.uuid4().hex[:10]}"
        with engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return admin_url.set(database=name).render_as_string(hide_password=False)

    yield make
    if engine is not None:
        with engine.connect() as conn:
            for name in made:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def _drop_leftovers(engine: sa.Engine) -> None:
    """Targets of a run that was killed (its process is gone) are dropped on the way."""
    with engine.connect() as conn:
        names = conn.execute(
            sa.text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": f"{TARGET_PREFIX}%"}
        ).scalars()
        for name in list(names):
            pid = name[len(TARGET_PREFIX) :].split("_", 1)[0]
            if not server_fixtures._process_alive(pid):
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
