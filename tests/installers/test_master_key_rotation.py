"""``tambo-server master-key rotate``: every institution key re-wrapped, devices unaffected, crash-safe."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from shared import errors
from shared.crypto import b64d
from shared.errors import TamboError
from shared.forms import demo_catalog_dir
from sync_server.config import Settings
from sync_server.context import Server
from sync_server.keys import create_master_key_file
from sync_server.maintenance import master_key
from sync_server.maintenance.backup import make_backup
from sync_server.maintenance.master_key import check_master_key, master_key_id, rotate_master_key
from sync_server.maintenance.restore import restore_backup
from sync_server.ops import admin
from sync_server.storage import Database, migrate
from sync_server.storage.audit import iter_entries, verify_chain
from sync_server.storage.schema import institutions
from tests.installers.support import push_with_files, serving, settings_for
from tests.sync_server.device_client import enroll_new_device

INSTITUTIONS = ("muni-demo", "muni-otra")
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])


@pytest.fixture
def file_mode(empty_database: Callable[[], str], tmp_path: Path) -> Settings:
    """A server whose master key is ``$home/master.key`` (as ``init`` makes it), with two institutions."""
    settings = Settings(home=tmp_path / "home", database_url=empty_database(), public_url="http://t")
    create_master_key_file(settings.master_key_file)
    server = Server.open(settings)
    try:
        migrate.upgrade(server.db)
        definitions = admin.read_definitions(sorted(demo_catalog_dir().glob("*.json")))
        for institution_id in INSTITUTIONS:
            admin.create_institution(server, institution_id, f"Municipalidad {institution_id}", actor="test")
            admin.load_catalog(server, institution_id, definitions, actor="test")
    finally:
        server.close()
    return settings


def key_in(path: Path) -> bytes:
    return b64d(path.read_text().strip())


@contextmanager
def database(settings: Settings) -> Iterator[Database]:
    server = Server.open(settings)
    try:
        yield server.db
    finally:
        server.close()


def rotate(settings: Settings, **options: Path) -> master_key.Rotation:
    with database(settings) as db:
        return rotate_master_key(settings, db, **options)


def check(settings: Settings) -> tuple[str, int]:
    with database(settings) as db:
        return check_master_key(settings, db)


def public_keys(settings: Settings) -> dict[str, str]:
    with database(settings) as db, db.read() as conn:
        return {
            row.id: row.public_key
            for row in conn.execute(select(institutions.c.id, institutions.c.public_key))
        }


def with_key_of(settings: Settings, path: Path) -> Settings:
    """``settings`` with the key in ``path`` given as TAMBO_MASTER_KEY."""
    return settings.with_values({"master_key": path.read_text().strip()})


def test_rotation_rewraps_every_institution_key_and_devices_notice_nothing(file_mode: Settings) -> None:
    old = key_in(file_mode.master_key_file)
    before = public_keys(file_mode)
    admin_server = Server.open(file_mode)
    with serving(file_mode) as url:
        device = enroll_new_device(url, admin_server, "muni-demo", "Mesa 1")
        push_with_files(device, 1)
    admin_server.close()

    rotation = rotate(file_mode)
    assert (rotation.rewrapped, rotation.already_done) == (2, 0)
    new = key_in(file_mode.master_key_file)
    assert new != old
    assert (rotation.old_id, rotation.new_id) == (master_key_id(old), master_key_id(new))
    assert rotation.retired_file is not None
    assert key_in(rotation.retired_file) == old
    for path in (file_mode.master_key_file, rotation.retired_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert public_keys(file_mode) == before  # what devices seal to did not change
    with pytest.raises(TamboError) as caught:
        check(with_key_of(file_mode, rotation.retired_file))
    assert caught.value.code == errors.SERVER_MASTER_KEY_WRONG

    with serving(file_mode) as url:  # a restarted server, same device, same institution key
        device.base_url = url
        push_with_files(device, 1, tag="después")
    server = Server.open(file_mode)
    try:
        with server.db.read() as conn:
            for institution_id in INSTITUTIONS:
                assert verify_chain(conn, institution_id).ok
                rotated = [e for e in iter_entries(conn, institution_id) if e.action == "master_key.rotate"]
                assert len(rotated) == 1
                assert rotation.new_id in rotated[0].details
    finally:
        server.close()


@sqlite_only
@pytest.mark.parametrize("cut", ["before the commit", "after the commit"])
def test_a_rotation_cut_short_is_finished_by_running_it_again(
    file_mode: Settings, monkeypatch: pytest.MonkeyPatch, cut: str
) -> None:
    old = key_in(file_mode.master_key_file)

    def power_cut(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("corte de luz")

    monkeypatch.setattr(master_key, "record" if cut == "before the commit" else "swap_key_files", power_cut)
    with pytest.raises(RuntimeError):
        rotate(file_mode)
    monkeypatch.undo()
    pending = file_mode.master_key_file.with_name("master.key.next")
    chosen = key_in(pending)
    assert key_in(file_mode.master_key_file) == old
    if cut == "after the commit":  # the database already needs the new key; the old one opens nothing
        with pytest.raises(TamboError):
            check(file_mode)
    else:
        assert check(file_mode) == (master_key_id(old), 2)

    again = rotate(file_mode)
    expected = (0, 2) if cut == "after the commit" else (2, 0)
    assert (again.rewrapped, again.already_done) == expected
    assert key_in(file_mode.master_key_file) == chosen
    assert not pending.exists()
    assert check(file_mode) == (master_key_id(chosen), 2)


@sqlite_only
def test_a_key_from_the_environment_goes_to_the_named_file(file_mode: Settings, tmp_path: Path) -> None:
    in_env = with_key_of(file_mode, file_mode.master_key_file)
    file_mode.master_key_file.unlink()  # the environment is the only place the key is
    with pytest.raises(TamboError) as caught:
        rotate(in_env)
    assert caught.value.code == errors.SERVER_MASTER_KEY_IN_ENVIRONMENT
    assert check(in_env)[1] == 2  # nothing changed

    new_file = tmp_path / "clave-nueva.key"
    rotation = rotate(in_env, new_key_file=new_file)
    assert (rotation.rewrapped, rotation.key_file, rotation.retired_file) == (2, new_file, None)
    assert stat.S_IMODE(new_file.stat().st_mode) == 0o600
    moved = with_key_of(in_env, new_file)
    assert check(moved) == (rotation.new_id, 2)
    finished = rotate(moved, new_key_file=new_file)  # run again: nothing to do
    assert (finished.rewrapped, finished.already_done) == (0, 2)


@sqlite_only
def test_a_backup_names_the_key_it_needs_and_restores_with_the_retired_one(
    file_mode: Settings, empty_database: Callable[[], str], tmp_path: Path
) -> None:
    server = Server.open(file_mode)
    backup = make_backup(server, tmp_path / "copias").path
    server.close()
    rotation = rotate(file_mode)
    target = with_key_of(settings_for(tmp_path / "nuevo", empty_database()), file_mode.master_key_file)
    with pytest.raises(TamboError) as caught:
        restore_backup(target, backup)
    assert caught.value.code == errors.BACKUP_MASTER_KEY_MISMATCH
    assert rotation.old_id in caught.value.message()
    assert rotation.retired_file is not None
    assert restore_backup(with_key_of(target, rotation.retired_file), backup).institutions == 2
