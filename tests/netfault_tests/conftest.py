"""Fixtures for the fault proxy's own tests: a real HTTP target on 127.0.0.1 that records requests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.netfault_tests.target_server import TargetServer


@pytest.fixture
def target() -> Iterator[TargetServer]:
    server = TargetServer().start()
    yield server
    server.close()
