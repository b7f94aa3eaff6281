"""A master key that does not open the institutions' keys (another installation's, or a backup restored
under another key) must stop the server, not turn every valid filing into a permanent rejection."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shared import errors
from shared.crypto import b64e
from shared.errors import TamboError
from sync_server.app import create_app
from sync_server.keys import InstitutionKeyring
from sync_server.storage.submissions import count_submissions
from tests.sync_server.device_client import valid_answers
from tests.sync_server.processes import ServerProcess


def test_the_app_refuses_to_start_with_another_master_key(live_server) -> None:
    other = live_server.settings.with_values({"master_key": b64e(os.urandom(32))})
    with pytest.raises(TamboError) as refused:
        create_app(other)
    assert refused.value.code == errors.SERVER_MASTER_KEY_WRONG
    assert "muni-demo" in refused.value.message()


def test_the_run_command_says_so_and_exits(tmp_path: Path) -> None:
    process = ServerProcess(tmp_path / "home")  # initialised with the demo institution
    process.env["TAMBO_MASTER_KEY"] = b64e(os.urandom(32))
    result = process.run_cli("run", "--port", "1")
    assert result.returncode != 0
    assert "clave maestra" in result.stderr
    assert "no abre la llave de la institución" in result.stderr


def test_a_push_the_key_cannot_open_fails_for_a_retry_and_rejects_nothing(live_server) -> None:
    """Should the key change under a running server: the answer is a server error (the device keeps the
    item and retries), never ``rejected`` (which sets a valid filing aside)."""
    device = live_server.device()
    envelope = device.seal(valid_answers()).envelope
    live_server.server.keyring = InstitutionKeyring(os.urandom(32))
    response = device.push([envelope])
    assert response.status_code == 500
    assert response.json()["error"]["code"] == errors.SERVER_MASTER_KEY_WRONG
    with live_server.server.db.read() as conn:
        assert count_submissions(conn, "muni-demo") == 0
