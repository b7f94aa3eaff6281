"""The outbox: one row per saved submission until the server has it (the sync engine's push queue).

A submission enters the outbox in its save transaction (``pending``). The sync engine pushes pending
envelopes, records each attempt (a network error stays ``pending``, with the error and the attempt
count for backoff), and applies the server's small acks: ``accepted`` and ``duplicate`` make it
``sent`` (the server committed it); ``rejected`` keeps it on the device, visible, with the server's
stable reason code and message, never silently dropped. Every state change is in the audit chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.store import audit
from desktop.store.sqlcipher import Database
from shared import errors
from shared.errors import TamboError
from shared.submission import AttachmentMeta


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class OutboxItem:
    submission_id: str
    envelope: str  # the signed envelope, JSON
    attempts: int
    last_error: str | None
    attachments: tuple[AttachmentMeta, ...]


def enqueue(db: Database, submission_id: str) -> None:
    db.execute("INSERT INTO outbox (submission_id, created_at) VALUES (?, ?)", [submission_id, _now()])


def pending(db: Database, limit: int = 100) -> list[OutboxItem]:
    """The oldest pending submissions, with their envelopes and attachments (to upload first)."""
    from desktop.store.submissions import attachments_of

    rows = db.execute(
        "SELECT o.submission_id, s.envelope, o.attempts, o.last_error FROM outbox o "
        "JOIN submissions s ON s.id = o.submission_id WHERE o.state = 'pending' "
        "ORDER BY o.created_at, s.seq LIMIT ?",
        [limit],
    ).fetchall()
    return [OutboxItem(*row, attachments=attachments_of(db, row[0])) for row in rows]


def counts(db: Database) -> dict[str, int]:
    found = {"pending": 0, "sent": 0, "rejected": 0}
    found.update(dict(db.execute("SELECT state, count(*) FROM outbox GROUP BY state")))
    return found


def _require(db: Database, submission_id: str) -> str:
    row = db.execute("SELECT state FROM outbox WHERE submission_id = ?", [submission_id]).fetchone()
    if row is None:
        raise TamboError(errors.REQUEST_NOT_FOUND, details={"submission_id": submission_id})
    return str(row[0])


def record_attempt(db: Database, submission_id: str, error: str | None) -> None:
    """A push attempt that got no ack for this item (network error, server unavailable)."""
    _require(db, submission_id)
    db.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ? "
        "WHERE submission_id = ?",
        [error, _now(), submission_id],
    )


def mark_sent(db: Database, submission_id: str, server_seq: int | None, *, duplicate: bool = False) -> None:
    """The server acknowledged (accepted or duplicate): the submission leaves the queue."""
    if _require(db, submission_id) == "sent":
        return
    now = _now()
    db.execute(
        "UPDATE outbox SET state = 'sent', server_seq = ?, sent_at = ?, last_error = NULL, "
        "attempts = attempts + 1, last_attempt_at = ? WHERE submission_id = ?",
        [server_seq, now, now, submission_id],
    )
    audit.append(db, "submission.sent", submission_id, {"server_seq": server_seq, "duplicate": duplicate})


def mark_rejected(db: Database, submission_id: str, reason_code: str, reason: str | None = None) -> None:
    """The server refused it for a reason a person must act on; it stays here, visible."""
    _require(db, submission_id)
    now = _now()
    db.execute(
        "UPDATE outbox SET state = 'rejected', reason_code = ?, reason = ?, attempts = attempts + 1, "
        "last_attempt_at = ? WHERE submission_id = ?",
        [reason_code, reason or errors.message(reason_code), now, submission_id],
    )
    audit.append(db, "submission.rejected", submission_id, {"reason_code": reason_code})


def mark_attachment_uploaded(db: Database, sealed_sha256: str) -> None:
    db.execute(
        "UPDATE submission_attachments SET uploaded_at = coalesce(uploaded_at, ?) WHERE sealed_sha256 = ?",
        [_now(), sealed_sha256],
    )
