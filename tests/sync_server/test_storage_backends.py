"""The storage contract on each backend (see storage_contract.py)."""

from __future__ import annotations

import pytest

from tests.sync_server.storage_contract import StorageContract


class TestSQLiteStorage(StorageContract):
    pass


@pytest.mark.postgres
class TestPostgreSQLStorage(StorageContract):
    pass
