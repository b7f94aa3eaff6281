"""Helpers for the sync engine tests: a real encrypted device enrolled with a real server, one sync run,
and the check every fault test ends with (the server holds exactly what the device saved, once,
byte-identical after opening, attachments hash-identical). No tests here."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.ops.api import AttachmentInput, NewSubmission, SubmissionDetail
from desktop.ops.backend import LocalBackend
from desktop.store import identity, outbox, syncing
from desktop.sync.backoff import Backoff
from desktop.sync.engine import SyncEngine
from desktop.sync.enrollment import enroll_with_code
from desktop.sync.progress import SyncReport
from shared.crypto import sha256_hex
from shared.protocol import Envelope
from shared.submission import open_attachment, open_submission
from sync_server.context import Server
from sync_server.ops.enrollment import issue_device
from sync_server.storage.institutions import require_institution
from sync_server.storage.submissions import iter_submissions
from tests.desktop.test_store_support import CHEAP_KDF, PASSPHRASE, complaint_answers

INSTITUTION = "muni-demo"


@dataclass
class Desk:
    """One desktop device: its encrypted store and what the test saved on it (files by field order)."""

    home: Path
    backend: LocalBackend
    files: dict[str, bytes] = field(default_factory=dict)  # plaintext sha256 -> original bytes
    saved: list[str] = field(default_factory=list)  # tracking codes
    serial: int = 0

    @classmethod
    def open(cls, home: Path) -> Desk:
        return cls(home, LocalBackend.open(home, PASSPHRASE, kdf=CHEAP_KDF))

    def close(self) -> None:
        self.backend.close()

    def save(self, *, files: int = 0, file_size: int = 20_000, name: str = "Rosa") -> SubmissionDetail:
        """A valid complaint (demo "libro de reclamaciones"), with ``files`` PDF attachments."""
        self.serial += 1
        attachments = []
        for index in range(files):
            path = self.home.parent / f"adjunto-{self.serial}-{index}.pdf"
            body = (
                f"%PDF-1.4\n{self.serial}-{index}\n".encode() + bytes(range(256)) * (file_size // 256 + 1)
            )[:file_size]
            path.write_bytes(body)
            self.files[sha256_hex(body)] = body
            attachments.append(AttachmentInput("adjuntos", path, "application/pdf", path.name))
        answers = complaint_answers(nombres=f"{name} {self.serial}")
        detail = self.backend.save_submission(
            NewSubmission("libro-reclamaciones", 1, answers, tuple(attachments), received_by="Ana Torres")
        )
        self.saved.append(detail.row.tracking_code)
        return detail

    def counts(self) -> dict[str, int]:
        return self.backend.store.read(outbox.counts)

    def problems(self) -> list[syncing.ProblemItem]:
        return self.backend.store.read(syncing.problem_items)


def enroll_desk(home: Path, url: str, server: Server, name: str = "Mesa 1") -> Desk:
    """A new device enrolled through the real ``POST /enroll`` with a code from ``device add``."""
    desk = Desk.open(home)
    issued = issue_device(server, INSTITUTION, name, actor="test")
    enroll_with_code(desk.backend, url, issued.code, device_name=name)
    return desk


def quick_backoff() -> Backoff:
    return Backoff(base=0.05, cap=0.5)


def make_engine(desk: Desk, url: str | None, **options: Any) -> SyncEngine:
    """An engine whose in-run retries are fast (tests do not wait for production backoffs)."""
    run_options = {"backoff": quick_backoff(), **options.pop("run_options", {})}
    sizer = options.pop("sizer", None)
    engine = SyncEngine(
        desk.backend.store,
        server_url=url,
        backoff=options.pop("backoff", quick_backoff()),
        timeout=options.pop("timeout", (3.0, 10.0)),
        run_options=run_options,
        **options,
    )
    if sizer is not None:
        engine.sizer = sizer
    return engine


def sync_once(desk: Desk, url: str | None, **options: Any) -> SyncReport:
    engine = make_engine(desk, url, **options)
    try:
        return engine.run_once()
    finally:
        engine.stop()


def sync_until_done(desk: Desk, url: str, attempts: int = 8, **options: Any) -> SyncReport:
    """Run syncs until one completes (a flaky link may need several); the last report."""
    report = None
    for _ in range(attempts):
        report = sync_once(desk, url, **options)
        if report.complete and report.pending_after == 0:
            return report
    assert report is not None
    raise AssertionError(f"no complete sync after {attempts} runs: {report.error!r}")


@contextmanager
def background(fn: Callable[[], Any]) -> Iterator[threading.Thread]:
    thread = threading.Thread(target=fn, daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        thread.join(60)


def assert_server_holds_exactly(server: Server, desk: Desk, expect: int | None = None) -> None:
    """The server holds each submission the device saved (and nothing else from it), once;
    opened, each payload equals the device's byte for byte; each attachment hashes as saved."""
    local = desk.backend.store.read(
        lambda db: db.execute("SELECT id, tracking_code, envelope FROM submissions ORDER BY seq").fetchall()
    )
    device = desk.backend.store.read(identity.load_identity)
    with server.db.read() as conn:
        institution = require_institution(conn, device.institution_id or "")
        stored = [r for r in iter_submissions(conn, institution.id) if r.device_id == device.device_id]
    private = server.keyring.private_key(institution.private_key_wrapped)
    by_id = {record.id: record for record in stored}
    assert len(by_id) == len(stored), "a submission is stored twice"
    local_ids = {row[0] for row in local}
    missing, extra = sorted(local_ids - set(by_id))[:5], sorted(set(by_id) - local_ids)[:5]
    assert not missing, f"the server lacks {missing} (has {len(by_id)}, device saved {len(local)})"
    assert not extra, f"the server has {extra} that the device never saved"
    if expect is not None:
        assert len(local) == expect
    codes = [record.tracking_code for record in stored]
    assert len(set(codes)) == len(codes)
    for submission_id, code, envelope_json in local:
        mine = Envelope.model_validate_json(envelope_json)
        theirs = Envelope.model_validate(json.loads(by_id[submission_id].envelope))
        assert theirs.tracking_code == code
        payload = open_submission(theirs, private)
        assert payload.to_bytes() == open_submission(mine, private).to_bytes()
        for meta in payload.attachments:
            path = server.blobs.path(meta.sealed_sha256)
            assert path is not None, f"attachment {meta.sealed_sha256} missing on the server"
            sealed = path.read_bytes()
            assert sha256_hex(sealed) == meta.sealed_sha256
            plain = open_attachment(sealed, meta, submission_id, private)
            if desk.files:
                assert desk.files[meta.sha256] == plain
