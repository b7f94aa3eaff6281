"""Fixtures for the coordinator tests: the real server on 127.0.0.1, a kiosk at a site with no link,
and a relay device (the coordinator's laptop), both with real encrypted stores enrolled over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.coordinators.support import add_console_users
from tests.sync.support import Desk, enroll_desk
from tests.sync_server.conftest import (  # noqa: F401 - fixtures reused as they are
    database_url,
    live_server,
    postgres_url,
    settings,
    sqlite_template,
)


@pytest.fixture
def kiosk(live_server, tmp_path: Path) -> Iterator[Desk]:  # noqa: F811 - fixture
    """The device at the site: enrolled once (when the coordinator installed it), offline since."""
    opened = enroll_desk(tmp_path / "kiosk", live_server.url, live_server.server, "Quiosco Ccochaccasa")
    yield opened
    opened.close()


@pytest.fixture
def relay(live_server, tmp_path: Path) -> Iterator[Desk]:  # noqa: F811 - fixture
    """The coordinator's laptop: an enrolled device of its own, which only carries what others wrote."""
    opened = enroll_desk(tmp_path / "relay", live_server.url, live_server.server, "Laptop coordinadora")
    yield opened
    opened.close()


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """The USB stick the coordinator carries."""
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def people(live_server):  # noqa: F811 - fixture
    """The live server with a coordinator and an auditor who can log in to the console."""
    add_console_users(live_server.server)
    return live_server
