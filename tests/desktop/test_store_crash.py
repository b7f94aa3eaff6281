"""A process saving in a loop, killed with SIGKILL at random moments, many times.

After every kill the store must open, and every submission must be whole (row, search entry, envelope,
outbox entry, audit entry, sealed blobs in place) or absent; every code the process printed (the user
was told "saved") must be there; serials and ``device_seq`` never repeat and have no gaps.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.store import Store
from desktop.store.audit import verify_chain
from shared.crypto import ed25519_public_from_text, sha256_hex
from shared.protocol import Envelope
from shared.submission import open_submission, verify_envelope
from tests.desktop.test_store_support import PASSPHRASE, institution, open_backend  # noqa: F401 - fixture

ITERATIONS = 14

CHILD = r"""
import sys
from pathlib import Path
from desktop.ops.backend import LocalBackend
from desktop.ops.api import AttachmentInput, NewSubmission
from tests.desktop.test_store_support import PASSPHRASE, complaint_answers

home, scratch = Path(sys.argv[1]), Path(sys.argv[2])
backend = LocalBackend.open(home, PASSPHRASE)
print("ready", flush=True)
n = 0
while True:
    n += 1
    files = ()
    if n % 2:
        path = scratch / f"scan-{n}.pdf"
        path.write_bytes(b"%PDF-1.4\n" + str(n).encode() * 200)
        files = (AttachmentInput("adjuntos", path, "application/pdf", path.name),)
    new = NewSubmission("libro-reclamaciones", 1, complaint_answers(f"Persona{n}", f"4{n:07d}"), files)
    print(backend.save_submission(new).row.tracking_code, flush=True)
"""


def run_and_kill(home, scratch, rng: random.Random) -> list[str]:
    """Start the saving process, kill it at a random moment, return the codes it reported saved."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(home), str(scratch)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=Path.cwd(),
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.strip())
            ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rng.random() < 0.25:
        time.sleep(rng.uniform(0.1, 1.2))  # sometimes while it starts, opens, or recovers
    else:
        assert ready.wait(30), "the saving process never became ready"
        time.sleep(rng.uniform(0.0, 0.35))
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    reader.join(10)
    return [line for line in lines if line and line != "ready"]


def check_whole(home, institution, told: list[str]) -> list[str]:  # noqa: F811 - fixture name
    """Open the store after a kill and check every invariant; returns the codes stored."""
    store = Store.open_with_passphrase(home, PASSPHRASE, grace_seconds=0)
    try:

        def read(db):
            return {
                "rows": db.execute(
                    "SELECT id, tracking_code, tracking_serial, device_seq, envelope "
                    "FROM submissions ORDER BY seq"
                ).fetchall(),
                "outbox": {r[0] for r in db.execute("SELECT submission_id FROM outbox")},
                "saved": [
                    r[0] for r in db.execute("SELECT subject FROM audit_log WHERE event = 'submission.saved'")
                ],
                "attachments": db.execute(
                    "SELECT submission_id, sealed_sha256 FROM submission_attachments"
                ).fetchall(),
                "counters": dict(db.execute("SELECT name, value FROM counters").fetchall()),
                "searchable": db.execute("SELECT count(*) FROM submission_search").fetchone()[0],
                "device": db.execute("SELECT device_public_key FROM identity").fetchone()[0],
                "chain": verify_chain(db),
            }

        found = store.read(read)
        rows = found["rows"]
        ids = {row[0] for row in rows}
        codes = [row[1] for row in rows]
        assert set(told) <= set(codes), "a code reported as saved is missing"
        n = len(rows)
        assert [row[2] for row in rows] == list(range(1, n + 1))  # serials: no repeat, no gap
        assert [row[3] for row in rows] == list(range(1, n + 1))  # device_seq likewise
        assert found["counters"] in ({}, {"tracking_serial": n, "device_seq": n})
        assert found["outbox"] == ids
        assert sorted(found["saved"]) == sorted(ids)
        assert found["searchable"] == n
        assert found["chain"].ok, found["chain"]
        assert {a[0] for a in found["attachments"]} <= ids
        for _, digest in found["attachments"]:
            final = store.blobs.final_path(digest)
            assert final.exists()
            assert sha256_hex(final.read_bytes()) == digest
        referenced = {a[1] for a in found["attachments"]}
        on_disk = {p.name for p in store.blobs.root.rglob("*") if p.is_file()}
        assert on_disk == referenced  # no orphan, nothing left in incoming
        device = ed25519_public_from_text(found["device"])
        for row in rows[-3:]:
            envelope = Envelope.model_validate_json(row[4])
            verify_envelope(envelope, device)
            assert open_submission(envelope, institution.private).tracking_code == row[1]
        return codes
    finally:
        store.close()


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_each_submission_whole_or_absent(tmp_path, institution):  # noqa: F811
    home, scratch = tmp_path / "home", tmp_path / "scratch"
    scratch.mkdir()
    open_backend(home, institution).close()
    seed = int(os.environ.get("TAMBO_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    told_before: list[str] = []
    stored_before: list[str] = []
    for iteration in range(ITERATIONS):
        told = run_and_kill(home, scratch, rng)
        assert not set(told) & set(told_before), f"a tracking code was issued twice (seed {seed})"
        stored = check_whole(home, institution, told_before + told)
        assert stored[: len(stored_before)] == stored_before, f"iteration {iteration} (seed {seed})"
        told_before += told
        stored_before = stored
    # the loop really saved between the kills (how many depends on the machine's load)
    assert len(stored_before) >= 3
