"""The server process killed with SIGKILL in the middle of pushes and uploads, then restarted.

Nothing acknowledged may be lost, nothing may be half-written, and the device's retry must end with
exactly one copy of each submission. (The sync engine's own fault tests drive this from the client.)
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest
import requests

from shared.protocol import headers
from tests.sync_server.device_client import DeviceClient, enroll_with_ticket
from tests.sync_server.processes import ServerProcess

pytestmark = pytest.mark.slow


def count(home: Path, table: str) -> int:
    with sqlite3.connect(f"file:{home / 'tambo.sqlite3'}?mode=ro", uri=True, timeout=10) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def orphans(conn: sqlite3.Connection, *, pending_allowed: bool) -> int:
    """Submissions missing their first status, their audit entry or the change for their device."""
    audit = "SELECT subject FROM audit_log WHERE action = 'submission.receive'"
    changes = "SELECT body FROM changes WHERE kind = 'status'"
    if pending_allowed:
        audit += " UNION ALL SELECT subject FROM pending_audit WHERE action = 'submission.receive'"
        changes += " UNION ALL SELECT body FROM pending_changes WHERE kind = 'status'"
    return conn.execute(
        "SELECT count(*) FROM submissions s WHERE NOT EXISTS "
        "(SELECT 1 FROM status_events e WHERE e.submission_id = s.id) "
        f"OR s.id NOT IN ({audit}) "
        f"OR NOT EXISTS (SELECT 1 FROM ({changes}) c WHERE c.body LIKE '%' || s.id || '%')"
    ).fetchone()[0]


def push_in_background(device: DeviceClient, batches: list[list]) -> threading.Thread:
    def run() -> None:
        for batch in batches:
            try:
                device.push([s.envelope for s in batch])
            except requests.RequestException:
                return  # the server died under us, as intended

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_sigkill_mid_push_loses_nothing_and_the_retry_leaves_one_copy(tmp_path: Path) -> None:
    process = ServerProcess(tmp_path / "home").start()
    try:
        device = enroll_with_ticket(process.url, process.home / "demo-ticket.json")
        batches = [[device.seal() for _ in range(40)] for _ in range(12)]
        total = sum(len(b) for b in batches)
        pusher = push_in_background(device, batches)
        wait_until(lambda: count(process.home, "submissions") > 0)
        process.kill()
        pusher.join(30)
        stored_at_kill = count(process.home, "submissions")
        assert 0 < stored_at_kill < total, "the kill should land in the middle of the pushes"

        with sqlite3.connect(process.home / "tambo.sqlite3") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            # Every stored submission is whole: row, status, change and audit entry (in the logs, or
            # still pending if the kill came between its commit and the end of its push).
            assert orphans(conn, pending_allowed=True) == 0

        process.start()
        for batch in batches:  # the device retries everything it has no ack for (here: all of it)
            results = device.push([s.envelope for s in batch]).json()["results"]
            assert {r["status"] for r in results} <= {"accepted", "duplicate"}
        assert count(process.home, "submissions") == total
        assert count(process.home, "status_events") == total
        with sqlite3.connect(process.home / "tambo.sqlite3") as conn:
            ids = [row[0] for row in conn.execute("SELECT id FROM submissions")]
        assert sorted(ids) == sorted(s.envelope.id for batch in batches for s in batch)
        verified = process.run_cli("audit", "verify")
        assert verified.returncode == 0, verified.stderr
        with sqlite3.connect(process.home / "tambo.sqlite3") as conn:
            assert orphans(conn, pending_allowed=False) == 0  # the retry's pushes placed everything
            assert conn.execute("SELECT count(*) FROM pending_changes").fetchone()[0] == 0
        changes, _ = device.pull_all()
        received = {c["submission_id"] for c in changes if c["kind"] == "status"}
        assert received == {s.envelope.id for batch in batches for s in batch}
    finally:
        process.kill()


def test_sigkill_mid_upload_resumes_from_a_good_offset(tmp_path: Path) -> None:
    process = ServerProcess(tmp_path / "home").start()
    try:
        device = enroll_with_ticket(process.url, process.home / "demo-ticket.json")
        blob = os.urandom(12 * 1024 * 1024)
        sha = hashlib.sha256(blob).hexdigest()
        chunk = 512 * 1024
        device.announce(blob)

        def upload() -> None:
            offset = 0
            try:
                while offset < len(blob):
                    response = device.append(sha, offset, blob[offset : offset + chunk])
                    offset = int(response.headers[headers.UPLOAD_OFFSET])
            except requests.RequestException:
                return

        uploader = threading.Thread(target=upload, daemon=True)
        uploader.start()
        wait_until(lambda: count(process.home, "uploads") and _offset(process.home) >= 2 * chunk)
        process.kill()
        uploader.join(30)

        process.start()
        offset = int(device.upload_offset(sha).headers[headers.UPLOAD_OFFSET])
        assert offset % chunk == 0  # only whole, verified chunks count
        assert 0 < offset < len(blob)
        while offset < len(blob):
            response = device.append(sha, offset, blob[offset : offset + chunk])
            assert response.status_code == 204, response.text
            offset = int(response.headers[headers.UPLOAD_OFFSET])
        stored = next((process.home / "attachments" / "blobs").rglob(sha))
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    finally:
        process.kill()


def _offset(home: Path) -> int:
    with sqlite3.connect(f"file:{home / 'tambo.sqlite3'}?mode=ro", uri=True, timeout=10) as conn:
        row = conn.execute("SELECT upload_offset FROM uploads").fetchone()
    return row[0] if row else 0
