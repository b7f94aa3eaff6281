"""The pull cursor follows commit order on PostgreSQL: a change that commits late is never skipped.

A sequence number is taken when a row is inserted but becomes visible at commit; without care, a
reader can see seq 11 before seq 10 commits and move its cursor past 10 forever. The journal lock
(see ``sync_server.storage.journal``) makes a second appender wait until the first one commits. The
second test removes the lock and shows the skip it prevents, so the first test is known to be able
to fail.
"""

from __future__ import annotations

import threading
import time

import pytest

from shared.protocol import PullRequest, SettingsChange
from sync_server.context import Server
from sync_server.ops import admin, pull
from sync_server.ops.auth import AuthContext
from sync_server.storage import journal
from sync_server.storage.devices import Device
from sync_server.storage.institutions import get_institution

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
