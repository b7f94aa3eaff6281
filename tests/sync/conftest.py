"""Fixtures for the sync engine tests: the real server (in a thread, from the server tests' fixtures)
and desktop devices enrolled with it through the real HTTP interface."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.support import Desk, enroll_desk
from tests.sync_server.conftest import (  # noqa: F401 - fixtures reused as they are
    database_url,
    live_server,
    postgres_url,
    settings,
    sqlite_template,
)


@pytest.fixture
def desk(live_server, tmp_path: Path) -> Iterator[Desk]:  # noqa: F811 - fixture
    """A device enrolled with the live server (with a one-time code, as `tambo enroll --code`)."""
    opened = enroll_desk(tmp_path / "desk", live_server.url, live_server.server)
    yield opened
    opened.close()
