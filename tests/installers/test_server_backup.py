"""``tambo-server backup`` / ``restore`` on SQLite and PostgreSQL, against a live server with real data.

Data goes in through the real device API (signed pushes, sealed attachments uploaded in chunks); a
backup is restored into an empty database of its own, and the same device then keeps syncing with the
restored server. Damaged or foreign backups are refused before anything changes.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from shared import errors
from shared.crypto import b64e
from shared.errors import TamboError
from sync_server.context import Server
from sync_server.maintenance import dumps
from sync_server.maintenance.backup import list_backups, make_backup
from sync_server.maintenance.backup_format import ATTACHMENTS, MANIFEST, Manifest, blob_path, iter_blobs
from sync_server.maintenance.restore import restore_backup
from sync_server.ops import admin
from sync_server.storage import open_database
from tests.installers.support import push_with_files, serving, settings_for
from tests.sync_server.conftest import LiveServer

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL


def exported(server: Server) -> list[dict]:
    out = io.StringIO()
    admin.export_submissions(server, "muni-demo", out)
    return sorted((json.loads(line) for line in out.getvalue().splitlines()), key=lambda row: row["id"])


def tables_of(url: str) -> list[str]:
    db = open_database(url, pool_size=1)
    try:
        return dumps.existing_tables(db)
    finally:
        db.dispose()


def test_a_restored_server_holds_everything_and_the_same_device_keeps_syncing(
    live_server: LiveServer, empty_database: Callable[[], str], tmp_path: Path
) -> None:
    device = live_server.device()
    push_with_files(device, 3)
    result = make_backup(live_server.server, tmp_path / "copias")
    manifest = Manifest.read(result.path)
    assert manifest.table_counts["submissions"] == 3
    assert result.files == len(manifest.blobs) == 3
    assert manifest.schema_revision is not None

    target = settings_for(tmp_path / "nuevo", empty_database())
    restored = restore_backup(target, result.path)
    assert (restored.files_copied, restored.files_present, restored.safety_copy) == (3, 0, None)
    assert not restored.needs_upgrade
    copy = Server.open(target)
    try:
        assert exported(copy) == exported(live_server.server)
    finally:
        copy.close()

    with serving(target) as url:  # the device does not know its server was restored
        device.base_url = url
        push_with_files(device, 1, tag="después")
        changes, _cursor = device.pull_all()
    assert changes
    after = Server.open(target)
    try:
        assert len(exported(after)) == 4
    finally:
        after.close()


def test_a_damaged_or_foreign_backup_is_refused_before_anything_changes(
    live_server: LiveServer, empty_database: Callable[[], str], tmp_path: Path
) -> None:
    push_with_files(live_server.device(), 1)
    backup = make_backup(live_server.server, tmp_path / "copias").path
    target = settings_for(tmp_path / "nuevo", empty_database())
    manifest_text = (backup / MANIFEST).read_text()

    def refused(code: str, match: str = "", **settings_changes: str) -> None:
        with pytest.raises(TamboError) as caught:
            restore_backup(target.with_values(settings_changes) if settings_changes else target, backup)
        assert caught.value.code == code
        assert match in caught.value.message()
        assert tables_of(target.effective_database_url) == []
        assert not any(iter_blobs(target.attachments_dir / "blobs"))

    [(sha256, _size)] = Manifest.read(backup).blobs
    attachment = blob_path(backup / ATTACHMENTS, sha256)
    original = attachment.read_bytes()
    attachment.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    refused(errors.BACKUP_INVALID, "dañado")
    attachment.write_bytes(original)

    database = backup / Manifest.read(backup).database_file
    whole = database.read_bytes()
    database.write_bytes(whole[:-100])
    refused(errors.BACKUP_INVALID, "debería medir")
    database.write_bytes(whole)
    (backup / MANIFEST).unlink()
    refused(errors.BACKUP_INVALID, "falta manifest.json")

    def manifest_with(**changes: str) -> None:
        (backup / MANIFEST).write_text(json.dumps({**json.loads(manifest_text), **changes}))

    manifest_with()
    refused(errors.BACKUP_MASTER_KEY_MISMATCH, "No se cambió nada", master_key=b64e(bytes(32)))
    manifest_with(schema_revision="9999")
    refused(errors.BACKUP_SCHEMA_UNKNOWN)
    manifest_with(dialect="postgresql" if "sqlite" in target.effective_database_url else "sqlite")
    refused(errors.BACKUP_INVALID, "cambiar de motor")


def test_replacing_data_needs_replace_and_keeps_a_safety_copy(
    live_server: LiveServer, empty_database: Callable[[], str], tmp_path: Path
) -> None:
    device = live_server.device()
    push_with_files(device, 2)
    first = make_backup(live_server.server, tmp_path / "copias").path
    target = settings_for(tmp_path / "nuevo", empty_database())
    restore_backup(target, first)
    push_with_files(device, 1, tag="tarde")
    second = make_backup(live_server.server, tmp_path / "copias").path

    with pytest.raises(TamboError) as caught:
        restore_backup(target, second)
    assert caught.value.code == errors.BACKUP_TARGET_NOT_EMPTY
    replaced = restore_backup(target, second, replace=True)
    assert replaced.safety_copy is not None
    assert replaced.safety_copy.stat().st_size > 0
    assert replaced.safety_copy.stat().st_mode & 0o077 == 0
    assert (replaced.files_copied, replaced.files_present) == (1, 2)
    copy = Server.open(target)
    try:
        assert len(exported(copy)) == 3
    finally:
        copy.close()
    if target.effective_database_url.startswith("sqlite"):  # the safety copy is the database as it was
        assert dumps.sqlite_file_counts(replaced.safety_copy)["submissions"] == 2


def test_nightly_backups_link_unchanged_files_and_keep_only_the_newest(
    live_server: LiveServer, tmp_path: Path
) -> None:
    device = live_server.device()
    push_with_files(device, 2)
    folder = tmp_path / "copias"
    first = make_backup(live_server.server, folder)
    push_with_files(device, 1, tag="noche")
    second = make_backup(live_server.server, folder)
    assert (first.files, first.linked) == (2, 0)
    assert (second.files, second.linked) == (3, 2)
    for sha256, _size in Manifest.read(first.path).blobs:
        old, new = blob_path(first.path / ATTACHMENTS, sha256), blob_path(second.path / ATTACHMENTS, sha256)
        assert old.stat().st_ino == new.stat().st_ino
    third = make_backup(live_server.server, folder, keep=2)
    assert third.removed == (first.path,)
    assert list_backups(folder) == [second.path, third.path]
    assert folder.stat().st_mode & 0o077 == 0


def test_a_damaged_attachment_in_the_store_stops_the_backup(live_server: LiveServer, tmp_path: Path) -> None:
    push_with_files(live_server.device(), 1)
    [(_sha256, stored)] = list(iter_blobs(live_server.settings.attachments_dir / "blobs"))
    stored.write_bytes(b"bit rot")
    with pytest.raises(TamboError) as caught:
        make_backup(live_server.server, tmp_path / "copias")
    assert caught.value.code == errors.BACKUP_BLOB_DAMAGED
    assert list_backups(tmp_path / "copias") == []
    assert list((tmp_path / "copias").glob(".tambo-backup-*")) == []


def test_a_backup_taken_while_devices_push_restores_whole(
    live_server: LiveServer, empty_database: Callable[[], str], tmp_path: Path
) -> None:
    device = live_server.device()
    push_with_files(device, 1)
    stop = threading.Event()
    pushed: list[str] = []
    failures: list[BaseException] = []

    def keep_pushing() -> None:
        try:
            while not stop.is_set():
                pushed.extend(push_with_files(device, 1, tag=f"{len(pushed)}-"))
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)

    pusher = threading.Thread(target=keep_pushing)
    pusher.start()
    try:
        backups = [make_backup(live_server.server, tmp_path / "copias") for _ in range(2)]
    finally:
        stop.set()
        pusher.join(60)
    assert not failures
    for backup in backups:  # restore checks that every file a row refers to is there
        target = settings_for(tmp_path / backup.path.name, empty_database())
        restored = restore_backup(target, backup.path)
        assert restored.manifest.table_counts["submissions"] >= 1
