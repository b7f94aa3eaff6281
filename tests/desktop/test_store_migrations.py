"""Numbered migrations recorded in the database; the one store thread; explicit transactions."""

from __future__ import annotations

import threading

import pytest

from desktop.store import Store
from desktop.store.migrations import MIGRATIONS, Migrations
from desktop.store.sqlcipher import connect
from desktop.store.writer import StoreThread, transaction
from shared import errors
from shared.errors import TamboError
from tests.desktop.test_store_support import CHEAP_KDF, PASSPHRASE


@pytest.fixture
def store(tmp_path):
    store = Store.create(tmp_path / "home", PASSPHRASE, kdf=CHEAP_KDF)
    yield store
    store.close()


def applied(store: Store) -> list[tuple[int, str]]:
    return store.read(lambda db: db.execute("SELECT number, name FROM schema_migrations").fetchall())


def test_migrations_are_recorded_and_not_applied_twice(store, tmp_path):
    assert applied(store) == [(m.number, m.name) for m in MIGRATIONS.all]
    assert store.call(MIGRATIONS.apply) == []
    store.close()
    again = Store.open_with_passphrase(tmp_path / "home", PASSPHRASE)
    assert applied(again) == [(m.number, m.name) for m in MIGRATIONS.all]
    again.close()


def test_a_new_migration_runs_once_with_its_record(store):
    extra = Migrations("test_migrations")
    calls: list[int] = []

    @extra(1, "notes table")
    def notes(db):
        calls.append(1)
        db.execute("CREATE TABLE test_notes (id INTEGER PRIMARY KEY)")

    assert store.call(extra.apply) == [1]
    assert store.call(extra.apply) == []
    assert calls == [1]
    with pytest.raises(ValueError, match="already used"):
        extra(1, "the same number again")(notes)


def test_a_failing_migration_leaves_no_trace(store):
    broken = Migrations("test_migrations")

    @broken(1, "half done")
    def half(db):
        db.execute("CREATE TABLE test_half (id INTEGER PRIMARY KEY)")
        raise RuntimeError("disk unplugged")

    with pytest.raises(RuntimeError):
        store.call(broken.apply)
    assert not store.read(lambda db: db["test_half"].exists())
    assert store.call(broken.applied) == []


def test_a_database_from_a_newer_app_is_refused(store, tmp_path):
    newer = MIGRATIONS.latest + 1
    store.write(
        lambda db: db.execute(
            "INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, 'from the future', 'x')",
            [newer],
        )
    )
    store.close()
    with pytest.raises(TamboError) as caught:
        Store.open_with_passphrase(tmp_path / "home", PASSPHRASE)
    assert caught.value.code == errors.STORE_TOO_NEW


def test_every_call_runs_on_the_one_store_thread(store):
    seen: set[str] = set()
    lock = threading.Lock()

    def note(db):
        with lock:
            seen.add(threading.current_thread().name)
        return db.execute("SELECT count(*) FROM catalog").fetchone()[0]

    results: list[int] = []
    workers = [threading.Thread(target=lambda: results.append(store.read(note))) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert results == [10] * 8
    assert seen == {"tambo-store"}


def test_write_commits_on_return_and_rolls_back_on_error(store):
    store.call(lambda db: db.execute("CREATE TABLE test_rows (n INTEGER)"))
    store.write(lambda db: db.execute("INSERT INTO test_rows VALUES (1)"))

    def fails(db):
        db.execute("INSERT INTO test_rows VALUES (2)")
        raise ValueError("validation failed after the insert")

    with pytest.raises(ValueError, match="after the insert"):
        store.write(fails)
    assert store.read(lambda db: db.execute("SELECT n FROM test_rows").fetchall()) == [(1,)]
    assert not store.call(lambda db: db.conn.in_transaction)


def test_transactions_do_not_nest_and_a_closed_store_refuses_calls(store):
    def nested(db):
        with transaction(db):
            pass

    with pytest.raises(RuntimeError, match="already open"):
        store.write(nested)
    with pytest.raises(RuntimeError, match="wait for itself"):
        store.call(lambda db: store.call(lambda inner: None))
    store.close()
    with pytest.raises(RuntimeError, match="closed"):
        store.read(lambda db: None)


def test_a_failed_connect_is_reported_by_the_constructor(tmp_path):
    bad = tmp_path / "not-a-database"
    bad.write_bytes(b"plain text, not SQLCipher" * 200)
    with pytest.raises(TamboError) as caught:
        StoreThread(lambda: connect(bad, b"\x01" * 32))
    assert caught.value.code == errors.STORE_DAMAGED
