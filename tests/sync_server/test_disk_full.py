"""The server's disk fills up: the device is told so (507 ``server.disk_full``: not its own disk, and
retried later), nothing is half-written, and once there is room again the same push is stored exactly once.

The database really runs out of room: SQLite's ``max_page_count`` caps the file at its current size on
every connection of the server's pool, as a full disk would."""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from shared import errors
from shared.protocol import headers
from sync_server import blobs
from sync_server.context import Server
from sync_server.storage.schema import audit_log, changes, pending_changes, submissions
from sync_server.storage.submissions import count_submissions
from tests.sync_server.device_client import valid_answers


@contextmanager
def database_file_full(server: Server) -> Iterator[None]:
    """Every connection (new ones too) may not grow the SQLite file by a single page."""
    engine = server.db.engine

    def cap(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", cap)
    engine.dispose()  # the pooled connections are opened again, capped
    try:
        yield
    finally:
        event.remove(engine, "connect", cap)
        engine.dispose()


def rows(server: Server) -> dict[str, int]:
    with server.db.read() as conn:
        return {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (submissions, changes, pending_changes, audit_log)
        }


def test_a_push_to_a_full_database_is_refused_whole_and_succeeds_later(live_server, caplog) -> None:
    device = live_server.device()
    envelopes = [device.seal(valid_answers(nombres=f"Persona {n}")).envelope for n in range(40)]
    before = rows(live_server.server)
    with database_file_full(live_server.server), caplog.at_level(logging.ERROR, logger="tambo.server"):
        refused = device.push(envelopes)
    assert refused.status_code == 507
    assert refused.json()["error"]["code"] == errors.SERVER_DISK_FULL
    assert "disk full" in caplog.text  # an operator has to act: logged as an error
    assert rows(live_server.server) == before  # not one row of the batch

    again = device.push(envelopes)
    assert again.status_code == 200
    assert [item["status"] for item in again.json()["results"]] == ["accepted"] * 40
    with live_server.server.db.read() as conn:
        assert count_submissions(conn, "muni-demo") == 40


def test_an_attachment_that_finds_the_disk_full_can_be_sent_again(live_server, monkeypatch) -> None:
    """The disk fills in the middle of a chunk (``os.write`` in the file store writes a little, then
    fails with ENOSPC: the disk is the border here): 507, the partial bytes are cut, and the upload
    resumes from the server's offset once there is room."""
    device = live_server.device()
    blob = b"%PDF-1.4 " + bytes(range(256)) * 400
    announced = device.announce(blob)
    assert announced.status_code == 201
    sha = announced.json()["sha256"]
    real_write = os.write
    room = {"left": 20_000}

    def filling_write(fd: int, data) -> int:  # type: ignore[no-untyped-def]
        if room["left"] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        done = real_write(fd, bytes(data[: room["left"]]))
        room["left"] -= done
        return done

    monkeypatch.setattr(blobs.os, "write", filling_write)
    failed = device.append(sha, 0, blob)
    assert failed.status_code == 507
    assert failed.json()["error"]["code"] == errors.SERVER_DISK_FULL
    monkeypatch.setattr(blobs.os, "write", real_write)  # room again
    offset = device.upload_offset(sha)
    assert offset.headers[headers.UPLOAD_OFFSET] == "0"  # the 20,000 bytes written were cut, not counted
    done = device.append(sha, 0, blob)
    assert done.status_code == 204
    assert done.headers[headers.UPLOAD_OFFSET] == str(len(blob))
    stored = live_server.server.blobs.path(sha)
    assert stored is not None
    assert stored.read_bytes() == blob


@pytest.fixture(autouse=True)
def _sqlite_only(database_url: str) -> None:
    assert database_url.startswith("sqlite")  # max_page_count is SQLite's
