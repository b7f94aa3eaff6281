"""Upgrading a server while devices keep syncing: old databases are brought forward with Alembic after
a restore, and a server that speaks a newer protocol too still serves the devices of this release."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import insert

from shared import errors
from shared.errors import TamboError
from shared.forms import demo_catalog_dir
from sync_server.context import Server
from sync_server.keys import InstitutionKeyMaterial, load_master_key
from sync_server.maintenance.backup import make_backup
from sync_server.maintenance.restore import restore_backup
from sync_server.ops import admin
from sync_server.storage import migrate
from sync_server.storage.schema import institutions
from tests.installers.support import push_with_files, serving, settings_for
from tests.sync_server.conftest import LiveServer
from tests.sync_server.device_client import enroll_new_device

OLD_INSTITUTION = "muni-antigua"


def test_a_backup_of_the_oldest_schema_restores_upgrades_and_serves_devices(
    empty_database: Callable[[], str], tmp_path: Path
) -> None:
    base = ScriptDirectory.from_config(migrate.alembic_config()).get_base()
    assert isinstance(base, str)
    old = settings_for(tmp_path / "viejo", empty_database())
    server = Server.open(old)
    try:
        migrate.upgrade(server.db, base)
        key = InstitutionKeyMaterial(load_master_key(old))
        with server.db.write() as conn:  # an institution as the first schema stored it
            conn.execute(
                insert(institutions).values(
                    id=OLD_INSTITUTION,
                    name="Municipalidad Antigua",
                    public_key=key.public_key,
                    key_id=key.key_id,
                    private_key_wrapped=key.private_key_wrapped,
                    units=[],
                    calendar={},
                    created_at=datetime.now(UTC),
                )
            )
        backup = make_backup(server, tmp_path / "copias").path
    finally:
        server.close()

    target = settings_for(tmp_path / "nuevo", empty_database())
    restored = restore_backup(target, backup)
    assert restored.manifest.schema_revision == base
    assert restored.institutions == 1
    assert restored.needs_upgrade == (base != migrate.head_revision())
    upgraded = Server.open(target)
    try:
        if restored.needs_upgrade:  # the server refuses to serve it as it is: `tambo-server db upgrade`
            with pytest.raises(TamboError) as caught:
                migrate.check_schema(upgraded.db)
            assert caught.value.code == errors.SERVER_SCHEMA_OUTDATED
        migrate.upgrade(upgraded.db)
        migrate.check_schema(upgraded.db)
        definitions = admin.read_definitions(sorted(demo_catalog_dir().glob("*.json")))
        admin.load_catalog(upgraded, OLD_INSTITUTION, definitions, actor="test")
        with serving(target) as url:
            device = enroll_new_device(url, upgraded, OLD_INSTITUTION, "Mesa 1")
            push_with_files(device, 1)
    finally:
        upgraded.close()


def test_a_server_that_also_speaks_a_newer_protocol_keeps_serving_this_release(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sync_server.api.v1 import devices
    from sync_server.ops import auth

    monkeypatch.setattr(auth, "SUPPORTED_VERSIONS", frozenset({1, 2}))  # a later server release
    monkeypatch.setattr(devices, "SUPPORTED_VERSIONS", frozenset({1, 2}))
    device = live_server.device()
    ping = device.session.get(f"{live_server.url}/api/v1/ping", timeout=10).json()
    assert ping["supported"] == [1, 2]  # what a device checks before it syncs
    push_with_files(device, 1)  # a device of this release speaks 1, and is served

    too_new = device.request("POST", "/pull", b'{"v": 1, "limit": 10}', protocol="3")
    assert too_new.status_code == 400
    error = too_new.json()["error"]
    assert error["code"] == errors.PROTOCOL_UNSUPPORTED_VERSION
    assert error["details"]["supported"] == [1, 2]
