"""What the sync engine reads from the store and the acks it writes back (inside store transactions).

:mod:`desktop.store.outbox` holds the per-item state changes; this module adds what a whole sync run
needs: the pending queue in pages (by save order, so a run that restarts after a cut resumes where it
was without skipping anything), the attachments still to upload, applying a batch of acks in one
transaction, the per-day sets of acknowledged ids for the sync health check, and the items a person
must look at (rejected, or failing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from desktop.store import outbox
from desktop.store.sqlcipher import Database


@dataclass(frozen=True, slots=True)
class QueuedAttachment:
    sealed_sha256: str
    sealed_size: int
    media_type: str
    uploaded: bool


@dataclass(frozen=True, slots=True)
class QueuedItem:
    """One submission to push: its signed envelope as stored (JSON) and its sealed attachments."""

    seq: int
    submission_id: str
    tracking_code: str
    envelope: str
    attachments: tuple[QueuedAttachment, ...]


@dataclass(frozen=True, slots=True)
class Ack:
    """What to record for one pushed item. ``kind``: sent (accepted/duplicate), rejected, or retry."""

    submission_id: str
    kind: Literal["sent", "rejected", "retry"]
    server_seq: int | None = None
    duplicate: bool = False
    code: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ProblemItem:
    """A submission a person should look at: refused by the server, or failing to go."""

    submission_id: str
    tracking_code: str
    service_title: str
    applicant_name: str
    state: str
    code: str | None
    reason: str | None
    attempts: int
    last_attempt_at: str | None


def _attachments(db: Database, ids: Sequence[str]) -> dict[str, list[QueuedAttachment]]:
    found: dict[str, list[QueuedAttachment]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" * len(part))
        for submission_id, sha, size, media_type, uploaded_at in db.execute(
            "SELECT submission_id, sealed_sha256, sealed_size, media_type, uploaded_at "
            f"FROM submission_attachments WHERE submission_id IN ({marks}) ORDER BY submission_id, position",
            list(part),
        ):
            found[submission_id].append(QueuedAttachment(sha, size, media_type, uploaded_at is not None))
    return found


def _items(db: Database, rows: list[tuple[int, str, str, str]]) -> list[QueuedItem]:
    attachments = _attachments(db, [row[1] for row in rows])
    return [
        QueuedItem(seq, sid, code, envelope, tuple(attachments.get(sid, ())))
        for seq, sid, code, envelope in rows
    ]


def queue_page(db: Database, after_seq: int, limit: int) -> list[QueuedItem]:
    """Pending submissions saved after ``after_seq`` (the local save order), oldest first."""
    # CROSS JOIN keeps the outbox's partial index of pending rows as the outer loop: otherwise SQLite
    # may walk every submission after ``after_seq`` (100,000 sent ones) looking for the few pending.
    rows = db.execute(
        "SELECT s.seq, s.id, s.tracking_code, s.envelope FROM outbox o CROSS JOIN submissions s "
        "ON s.id = o.submission_id WHERE o.state = 'pending' AND s.seq > ? ORDER BY s.seq LIMIT ?",
        [after_seq, limit],
    ).fetchall()
    return _items(db, rows)


def items_by_id(db: Database, submission_ids: Iterable[str]) -> list[QueuedItem]:
    """Those submissions (any outbox state), in save order: for re-pushing what the server lacks."""
    ids = list(submission_ids)
    rows: list[tuple[int, str, str, str]] = []
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" * len(part))
        rows += db.execute(
            f"SELECT seq, id, tracking_code, envelope FROM submissions WHERE id IN ({marks})", part
        ).fetchall()
    return _items(db, sorted(rows))


@dataclass(frozen=True, slots=True)
class QueueTotals:
    pending: int
    rejected: int
    sent: int
    upload_bytes: int  # sealed attachment bytes of pending submissions not yet uploaded


def totals(db: Database) -> QueueTotals:
    counts = outbox.counts(db)
    (upload_bytes,) = db.execute(
        "SELECT coalesce(sum(a.sealed_size), 0) FROM submission_attachments a JOIN outbox o "
        "ON o.submission_id = a.submission_id WHERE o.state = 'pending' AND a.uploaded_at IS NULL"
    ).fetchone()
    return QueueTotals(counts["pending"], counts["rejected"], counts["sent"], int(upload_bytes))


def apply_acks(db: Database, acks: Iterable[Ack]) -> None:
    """Record a batch of acks (one transaction for the batch: the caller's ``Store.write``)."""
    for ack in acks:
        if ack.kind == "sent":
            outbox.mark_sent(db, ack.submission_id, ack.server_seq, duplicate=ack.duplicate)
        elif ack.kind == "rejected":
            state = db.execute(
                "SELECT state FROM outbox WHERE submission_id = ?", [ack.submission_id]
            ).fetchone()
            if state is not None and state[0] != "sent":  # a server that has it never takes it back
                outbox.mark_rejected(db, ack.submission_id, ack.code or "", ack.reason)
        else:
            outbox.record_attempt(db, ack.submission_id, ack.reason)


def utc_day(filed_at: str) -> date:
    """The day the health check files a submission under: the UTC date of its envelope's created_at."""
    return datetime.fromisoformat(filed_at).astimezone(UTC).date()


#: Walking back from the newest submission, how many days older than ``since`` to read before
#: stopping: saves are in time order except when a device clock was corrected.
SINCE_SLACK_DAYS = 2


def ids_by_day(
    db: Database, states: Sequence[str] = ("sent",), since: date | None = None
) -> dict[date, list[str]]:
    """Submission ids by UTC day of filing, for the outbox states given; with ``since``, only days
    from that one on, read newest first and stopping soon after (cheap on 100,000 rows)."""
    days: dict[date, list[str]] = defaultdict(list)
    if since is None:
        marks = ",".join("?" * len(states))
        for submission_id, filed_at in db.execute(
            "SELECT s.id, s.filed_at FROM submissions s JOIN outbox o ON o.submission_id = s.id "
            f"WHERE o.state IN ({marks})",
            list(states),
        ):
            days[utc_day(filed_at)].append(submission_id)
        return dict(days)
    wanted = set(states)
    for submission_id, filed_at, state in db.execute(
        "SELECT s.id, s.filed_at, o.state FROM submissions s CROSS JOIN outbox o "
        "ON o.submission_id = s.id ORDER BY s.seq DESC"
    ):
        day = utc_day(filed_at)
        if (since - day).days > SINCE_SLACK_DAYS:
            break
        if day >= since and state in wanted:
            days[day].append(submission_id)
    return dict(days)


def problem_items(db: Database, limit: int = 200) -> list[ProblemItem]:
    """Rejected submissions and pending ones whose last attempt failed, newest first."""
    rows = db.execute(
        "SELECT s.id, s.tracking_code, s.service_title, s.applicant_name, o.state, o.reason_code, "
        "coalesce(o.reason, o.last_error), o.attempts, o.last_attempt_at FROM outbox o JOIN submissions s "
        "ON s.id = o.submission_id WHERE o.state = 'rejected' OR (o.state = 'pending' AND "
        "o.last_error IS NOT NULL) ORDER BY s.seq DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [ProblemItem(*row) for row in rows]


def clear_errors(db: Database, submission_ids: Iterable[str]) -> None:
    """Forget the last error of pending items that have now gone through a step (e.g. uploaded)."""
    for submission_id in submission_ids:
        db.execute(
            "UPDATE outbox SET last_error = NULL WHERE submission_id = ? AND state = 'pending'",
            [submission_id],
        )
