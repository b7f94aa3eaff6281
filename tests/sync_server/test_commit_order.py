"""The pull cursor follows commit order on PostgreSQL: a change that commits late is never skipped.

A sequence number is taken when a row is inserted but becomes visible at commit; without care, a
reader can see seq 11 before seq 10 commits and move its cursor past 10 forever. The journal lock
(see ``sync_server.storage.journal``) makes a second appender wait until the first one commits. The
second test removes the lock and shows the skip it prevents, so the first test is known to be able
to fail. The last two do the same for pushes, which append without the lock and are placed in the log
by a flush.
"""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from shared.protocol import PullRequest, SettingsChange
from sync_server.context import Server
from sync_server.ops import admin, pull
from sync_server.ops.auth import AuthContext
from sync_server.storage import journal
from sync_server.storage.devices import Device
from sync_server.storage.institutions import get_institution
from sync_server.storage.schema import pending_changes

pytestmark = pytest.mark.postgres


@pytest.fixture
def reader(server: Server) -> AuthContext:
    admin.create_institution(server, "muni-x", "Municipalidad X", actor="test")
    with server.db.read() as conn:
        institution = get_institution(conn, "muni-x")
    device = Device(1, "muni-x", "Mesa", "K7M2", "dev_aaaaaaaaaaaaaaaa", "k", "active", None, None)  # type: ignore[arg-type]
    return AuthContext(device, institution, 1)


def keys_after(server: Server, reader: AuthContext, cursor: str | None) -> tuple[list[str], str]:
    page = pull.pull(server, reader, PullRequest(cursor=cursor))
    return [c["key"] for c in page["changes"]], page["cursor"]  # type: ignore[index]


def append_in_thread(server: Server, key: str) -> threading.Thread:
    def run() -> None:
        with server.db.write() as conn:
            journal.record(
                conn, "muni-x", changes_to_send=[journal.ChangeRecord(None, SettingsChange(key=key))]
            )

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_late_commit_is_not_skipped(server: Server, reader: AuthContext) -> None:
    _, cursor = keys_after(server, reader, None)
    with server.db.engine.connect() as t1:
        t1.begin()
        journal.record(t1, "muni-x", changes_to_send=[journal.ChangeRecord(None, SettingsChange(key="t1"))])
        t2 = append_in_thread(server, "t2")  # starts after t1 appended: its seq will be larger
        time.sleep(0.5)
        assert t2.is_alive(), "the second appender must wait for the first to commit"
        seen, cursor_during = keys_after(server, reader, cursor)
        assert seen == []
        assert cursor_during == cursor
        t1.commit()
    t2.join(10)
    assert not t2.is_alive()
    seen, _ = keys_after(server, reader, cursor)
    assert seen == ["t1", "t2"]


def test_without_the_lock_a_late_commit_would_be_skipped(
    server: Server, reader: AuthContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "lock_institution_journal", lambda conn, institution_id: None)
    _, cursor = keys_after(server, reader, None)
    with server.db.engine.connect() as t1:
        t1.begin()
        journal.record(t1, "muni-x", changes_to_send=[journal.ChangeRecord(None, SettingsChange(key="t1"))])
        append_in_thread(server, "t2").join(10)  # commits at once, with a larger seq
        seen, cursor = keys_after(server, reader, cursor)
        assert seen == ["t2"]
        t1.commit()
    seen, _ = keys_after(server, reader, cursor)
    assert seen == []  # t1 committed behind the reader's cursor: lost to this device forever


def append_deferred(conn, key: str) -> None:
    journal.record(
        conn, "muni-x", changes_to_send=[journal.ChangeRecord(None, SettingsChange(key=key))], deferred=True
    )


def test_a_push_that_commits_late_is_placed_after_what_the_reader_already_saw(
    server: Server, reader: AuthContext
) -> None:
    """Pushes append without the lock (each item is its own transaction); the flush places what has
    committed, so a push that commits after a reader moved on still reaches it, later in the log."""
    _, cursor = keys_after(server, reader, None)
    with server.db.engine.connect() as t1:
        t1.begin()
        append_deferred(t1, "t1")  # written first, committed last
        with server.db.write() as t2:
            append_deferred(t2, "t2")  # neither waits for t1: no lock is held until commit
        seen, cursor = keys_after(server, reader, cursor)  # the pull flushes what has committed
        assert seen == ["t2"]
        t1.commit()
    seen, cursor = keys_after(server, reader, cursor)
    assert seen == ["t1"]
    assert keys_after(server, reader, cursor)[0] == []


def test_pending_rows_are_not_in_commit_order_by_themselves(server: Server, reader: AuthContext) -> None:
    """Why the flush exists: the ids of pending rows follow insert order, not commit order, so a
    reader taking them as the log would put t1 (committed last) before t2 and skip it."""
    with server.db.engine.connect() as t1:
        t1.begin()
        append_deferred(t1, "t1")
        with server.db.write() as t2:
            append_deferred(t2, "t2")
        with server.db.read() as conn:
            visible = conn.execute(sa.select(pending_changes.c.id)).scalars().all()
        t1.commit()
    with server.db.read() as conn:
        rows = conn.execute(sa.select(pending_changes.c.id, pending_changes.c.body)).all()
    first_committed = {row.id for row in rows if '"t2"' in row.body}
    assert visible == sorted(first_committed)
    assert max(first_committed) > min(row.id for row in rows if '"t1"' in row.body)
