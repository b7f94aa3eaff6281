"""Submissions as the server stores them: answers opened for the console, the signed envelope kept
verbatim for audit, and the searchable columns (applicant, status, dates).

Idempotency: the submission id (the device's ULID) is unique server-wide. Inserting is
``ON CONFLICT DO NOTHING``: of two workers pushing the same id at once, the database lets one insert
and tells the other nothing was inserted, and the push then answers ``duplicate`` or ``conflict`` by
comparing envelope hashes. There is no check-then-insert window.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from shared.protocol import day_digest
from sync_server.storage.schema import status_events, submission_attachments, submissions
from sync_server.storage.upsert import insert_ignoring_conflicts

_INSERT_ATTACHMENT = insert(submission_attachments)
_INSERT_STATUS_EVENT = insert(status_events)


@dataclass(frozen=True, slots=True)
class StoredIdentity:
    """What a repeated push is compared with."""

    seq: int
    institution_id: str
    envelope_sha256: str


@dataclass(frozen=True, slots=True)
class SubmissionRecord:
    seq: int
    id: str
    institution_id: str
    device_id: str
    pushed_by: str
    service_id: str
    form_version: int
    tracking_code: str
    created_at: datetime
    official_date: date
    due_date: date | None
    received_at: datetime
    status: str
    status_at: datetime
    applicant_name: str | None
    applicant_id: str | None
    answers: Mapping[str, Any]
    details: Mapping[str, Any]
    envelope: str
    envelope_sha256: str


def insert_submission(
    conn: Connection,
    row: Mapping[str, Any],
    attachments: Sequence[Mapping[str, Any]] = (),
    *,
    actor: str,
) -> int | None:
    """Insert a new submission with its attachments and its first status event; its server seq, or
    None when a row with the same id (or tracking code) already exists."""
    # Values go as parameters of a statement that never changes, so SQLAlchemy compiles it once per
    # process (``.values(**row)`` would rebuild and re-key it for every item: a third of a push's CPU).
    statement = insert_ignoring_conflicts(conn, submissions).returning(submissions.c.seq)
    seq = conn.execute(statement, dict(row)).scalar_one_or_none()
    if seq is None:
        return None
    insert_attachments(conn, row, attachments)
    conn.execute(
        _INSERT_STATUS_EVENT,
        {
            "institution_id": row["institution_id"],
            "submission_id": row["id"],
            "status": row["status"],
            "at": row["status_at"],
            "actor": actor,
        },
    )
    return seq


def insert_attachments(
    conn: Connection, row: Mapping[str, Any], attachments: Sequence[Mapping[str, Any]]
) -> None:
    """The attachments of a submission just inserted (``row``)."""
    if attachments:
        conn.execute(
            _INSERT_ATTACHMENT,
            [
                {**item, "submission_id": row["id"], "institution_id": row["institution_id"]}
                for item in attachments
            ],
        )


def stored_identities(conn: Connection, submission_ids: Iterable[str]) -> dict[str, StoredIdentity]:
    """For the ids already stored (in any institution), what a repeated push is compared with."""
    ids = list(set(submission_ids))
    found: dict[str, StoredIdentity] = {}
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(
                submissions.c.id,
                submissions.c.seq,
                submissions.c.institution_id,
                submissions.c.envelope_sha256,
            ).where(submissions.c.id.in_(ids[start : start + 500]))
        )
        for row in rows:
            found[row.id] = StoredIdentity(row.seq, row.institution_id, row.envelope_sha256)
    return found


def _record(row: Any) -> SubmissionRecord:
    return SubmissionRecord(**{name: getattr(row, name) for name in SubmissionRecord.__slots__})


def get_submission(conn: Connection, institution_id: str, submission_id: str) -> SubmissionRecord | None:
    row = conn.execute(
        select(submissions).where(
            submissions.c.institution_id == institution_id, submissions.c.id == submission_id
        )
    ).first()
    return _record(row) if row else None


def iter_submissions(conn: Connection, institution_id: str, batch: int = 500) -> Iterator[SubmissionRecord]:
    """Every submission of the institution in server order, read in batches (for exports)."""
    after = 0
    while True:
        rows = conn.execute(
            select(submissions)
            .where(submissions.c.institution_id == institution_id, submissions.c.seq > after)
            .order_by(submissions.c.seq)
            .limit(batch)
        ).all()
        yield from (_record(row) for row in rows)
        if len(rows) < batch:
            return
        after = rows[-1].seq


def count_submissions(conn: Connection, institution_id: str) -> int:
    query = (
        select(func.count()).select_from(submissions).where(submissions.c.institution_id == institution_id)
    )
    return conn.execute(query).scalar_one()


def day_digests(
    conn: Connection, institution_id: str, device_id: str, days: Iterable[date]
) -> dict[date, tuple[int, str]]:
    """For each day, how many submissions of the device the server holds and their digest.

    The day of a submission is the UTC date of its envelope's ``created_at`` (see
    :mod:`shared.protocol.health`); days without submissions are left out.
    """
    wanted = sorted(set(days))
    if not wanted:
        return {}
    rows = conn.execute(
        select(submissions.c.created_day, submissions.c.id).where(
            submissions.c.institution_id == institution_id,
            submissions.c.device_id == device_id,
            submissions.c.created_day.in_(wanted),
        )
    )
    by_day: dict[date, list[str]] = {}
    for row in rows:
        by_day.setdefault(row.created_day, []).append(row.id)
    return {day: (len(ids), day_digest(ids)) for day, ids in by_day.items()}
