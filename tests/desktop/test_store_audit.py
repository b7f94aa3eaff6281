"""The device audit chain: append-only, and tampering through a raw SQLCipher connection is found."""

from __future__ import annotations

import itertools
import json

import pytest
import sqlcipher3

from desktop.store import DB_FILE, Store
from desktop.store.audit import GENESIS, entry_hash, verify_chain
from tests.desktop.test_store_support import (
    PASSPHRASE,
    backend,  # noqa: F401 - fixture
    institution,  # noqa: F401 - fixture
    save_complaint,
)


def raw_connection(store: Store) -> sqlcipher3.dbapi2.Connection:
    """What someone holding the key could do, outside the app: a bare connection, no triggers honoured."""
    conn = sqlcipher3.dbapi2.connect(str(store.home / DB_FILE), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{store._key.hex()}'\"")
    return conn


@pytest.fixture
def saved(backend):  # noqa: F811 - fixture
    for name, dni in (("Ana", "40000001"), ("Beto", "40000002"), ("Ciro", "40000003")):
        save_complaint(backend, name, dni)
    return backend


def entries(store: Store) -> list[tuple]:
    return store.read(
        lambda db: db.execute("SELECT seq, event, subject, data FROM audit_log ORDER BY seq").fetchall()
    )


def test_the_chain_links_every_entry_to_the_one_before(saved):
    report = saved.verify_audit()
    assert report.ok
    rows = saved.store.read(
        lambda db: db.execute(
            "SELECT seq, at, event, subject, data, prev_hash, hash FROM audit_log"
        ).fetchall()
    )
    assert rows[0][5] == GENESIS
    for previous, current in itertools.pairwise(rows):
        assert current[5] == previous[6]
    assert report.head_hash == rows[-1][6]
    assert [r[2] for r in rows].count("submission.saved") == 3
    last = rows[-1]
    assert entry_hash(last[0], last[1], last[2], last[3], json.loads(last[4]), last[5]) == last[6]


def test_the_app_cannot_change_or_delete_entries(saved):
    for statement in (
        "UPDATE audit_log SET event = 'x' WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 2",
    ):
        with pytest.raises(Exception, match="append-only"):
            saved.store.write(lambda db, sql=statement: db.execute(sql))
    assert saved.verify_audit().ok


def test_an_altered_entry_is_reported_as_the_first_broken_link(saved):
    target = next(seq for seq, event, _, _ in entries(saved.store) if event == "submission.saved")
    conn = raw_connection(saved.store)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET data = replace(data, 'AB12', 'ZZ99') WHERE seq = ?", [target])
    conn.close()
    report = saved.verify_audit()
    assert not report.ok
    assert report.broken_seq == target
    assert "huella" in report.problem
    assert report.entries == target - 1


def test_a_removed_entry_is_reported(saved):
    conn = raw_connection(saved.store)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = 3")
    conn.close()
    report = saved.verify_audit()
    assert (report.broken_seq, report.problem) == (3, "falta la entrada 3")


def test_a_rewritten_entry_with_a_fresh_hash_breaks_the_next_link(saved):
    rows = saved.store.read(
        lambda db: db.execute(
            "SELECT seq, at, event, subject, data, prev_hash FROM audit_log WHERE seq = 4"
        ).fetchone()
    )
    seq, at, event, subject, _data, prev = rows
    forged = entry_hash(seq, at, event, subject, {"forged": True}, prev)
    conn = raw_connection(saved.store)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET data = '{\"forged\":true}', hash = ? WHERE seq = 4", [forged])
    conn.close()
    report = saved.verify_audit()
    assert report.broken_seq == 5
    assert report.problem == "no enlaza con la entrada anterior"


def test_the_chain_survives_reopening(saved):
    head = saved.verify_audit().head_hash
    home = saved.store.home
    saved.close()
    again = Store.open_with_passphrase(home, PASSPHRASE)
    try:
        events = [event for _, event, _, _ in entries(again)]
        assert events[-1] == "store.unlocked"
        report = again.read(verify_chain)
        assert report.ok
        assert report.head_hash != head  # the unlock itself was recorded
    finally:
        again.close()
