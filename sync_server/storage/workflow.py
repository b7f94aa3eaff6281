"""What officials do to a submission: change its status, write to the applicant, attach the final
document. The console calls these; each change goes to the device that captured the submission
through the change log, so the clerk or kiosk can answer a citizen offline with the last known state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, insert, select, update

from shared import errors, statuses
from shared.errors import TamboError
from shared.ids import new_ulid
from shared.protocol import DocumentChange, MessageChange, StatusChange
from sync_server.storage.audit import AuditRecord
from sync_server.storage.journal import ChangeRecord, record
from sync_server.storage.schema import documents, messages, status_events, submissions
from sync_server.storage.submissions import SubmissionRecord, get_submission


@dataclass(frozen=True, slots=True)
class StatusEvent:
    submission_id: str
    status: str
    at: datetime
    note_public: str | None
    note_internal: str | None
    actor: str


@dataclass(frozen=True, slots=True)
class Message:
    id: str
    submission_id: str
    from_unit: str
    body: str
    at: datetime
    actor: str


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    institution_id: str
    submission_id: str
    name: str
    media_type: str
    sha256: str
    size: int
    created_at: datetime
    actor: str


def _require(conn: Connection, institution_id: str, submission_id: str) -> SubmissionRecord:
    found = get_submission(conn, institution_id, submission_id)
    if found is None:
        raise TamboError(errors.SUBMISSION_NOT_FOUND, params={"submission": submission_id})
    return found


def _status_event(
    conn: Connection,
    submission: SubmissionRecord,
    status: str,
    due_date: date | None,
    note_public: str | None,
    note_internal: str | None,
    *,
    actor: str,
    now: datetime,
) -> StatusChange:
    """The route's event for a status given (or confirmed) now, and the change that tells the capturing
    device, with the due date it has from now on."""
    conn.execute(
        insert(status_events).values(
            institution_id=submission.institution_id,
            submission_id=submission.id,
            status=status,
            at=now,
            note_public=note_public,
            note_internal=note_internal,
            actor=actor,
        )
    )
    return StatusChange(
        submission_id=submission.id,
        tracking_code=submission.tracking_code,
        status=status,
        at=now,
        note_public=note_public,
        due_date=due_date,
    )


def change_status(
    conn: Connection,
    institution_id: str,
    submission_id: str,
    target: str,
    *,
    actor: str,
    now: datetime,
    note_public: str | None = None,
    note_internal: str | None = None,
) -> StatusEvent:
    """Move a submission along the workflow of :mod:`shared.statuses` (refused when not allowed)."""
    submission = _require(conn, institution_id, submission_id)
    if not statuses.can_move(submission.status, target):
        raise TamboError(
            errors.SUBMISSION_STATUS_TRANSITION, params={"current": submission.status, "target": target}
        )
    moved = conn.execute(
        update(submissions)
        .where(submissions.c.id == submission_id, submissions.c.status == submission.status)
        .values(status=target, status_at=now)
    ).rowcount
    if moved != 1:  # someone else moved it meanwhile: judge again from the new status
        raise TamboError(errors.SUBMISSION_STATUS_TRANSITION, params={"current": "?", "target": target})
    change = _status_event(
        conn, submission, target, submission.due_date, note_public, note_internal, actor=actor, now=now
    )
    record(
        conn,
        institution_id,
        changes_to_send=[ChangeRecord(submission.device_id, change)],
        audit=[
            AuditRecord(actor, "submission.status", submission_id, {"from": submission.status, "to": target})
        ],
        at=now,
    )
    return StatusEvent(submission_id, target, now, note_public, note_internal, actor)


def extend_due_date(
    conn: Connection,
    institution_id: str,
    submission_id: str,
    new_due_date: date,
    *,
    reason: str,
    note_public: str,
    message: str,
    from_unit: str,
    actor: str,
    now: datetime,
) -> bool:
    """Extend the deadline once: the new due date; an event of the current status with ``note_public``
    for the route; the status (carrying the new due date) and ``message`` (signed by ``from_unit``,
    for the kiosk's status lookup, which shows messages) to the capturing device; an audit entry.

    False, changing nothing, when it was extended meanwhile or its status or due date changed (the
    caller judges again); the rules themselves are in :mod:`sync_server.ops.deadlines`.
    """
    submission = _require(conn, institution_id, submission_id)
    extended = conn.execute(
        update(submissions)
        .where(
            submissions.c.institution_id == institution_id,
            submissions.c.id == submission_id,
            submissions.c.deadline_extended_at.is_(None),
            submissions.c.status == submission.status,
            submissions.c.due_date == submission.due_date,
        )
        .values(
            due_date=new_due_date,
            deadline_extended_at=now,
            original_due_date=submission.due_date,
            extended_due_date=new_due_date,
            deadline_extension_reason=reason,
        )
    ).rowcount
    if extended != 1:
        return False
    status = _status_event(
        conn, submission, submission.status, new_due_date, note_public, None, actor=actor, now=now
    )
    sent, letter = _insert_message(conn, institution_id, submission_id, message, from_unit, actor, now)
    details = {
        "from": submission.due_date.isoformat() if submission.due_date else None,
        "to": new_due_date.isoformat(),
        "message_id": sent.id,
    }
    record(
        conn,
        institution_id,
        changes_to_send=[
            ChangeRecord(submission.device_id, status),
            ChangeRecord(submission.device_id, letter),
        ],
        audit=[AuditRecord(actor, "submission.deadline_extended", submission_id, details)],
        at=now,
    )
    return True


def add_message(
    conn: Connection,
    institution_id: str,
    submission_id: str,
    body: str,
    *,
    from_unit: str,
    actor: str,
    now: datetime,
) -> Message:
    """A message from an office to the applicant, delivered to the capturing device."""
    submission = _require(conn, institution_id, submission_id)
    message, change = _insert_message(conn, institution_id, submission_id, body, from_unit, actor, now)
    record(
        conn,
        institution_id,
        changes_to_send=[ChangeRecord(submission.device_id, change)],
        audit=[AuditRecord(actor, "submission.message", submission_id, {"message_id": message.id})],
        at=now,
    )
    return message


def _insert_message(
    conn: Connection,
    institution_id: str,
    submission_id: str,
    body: str,
    from_unit: str,
    actor: str,
    now: datetime,
) -> tuple[Message, MessageChange]:
    message = Message(new_ulid(), submission_id, from_unit, body, now, actor)
    conn.execute(
        insert(messages).values(
            id=message.id,
            institution_id=institution_id,
            submission_id=submission_id,
            from_unit=from_unit,
            body=body,
            at=now,
            actor=actor,
        )
    )
    change = MessageChange(
        submission_id=submission_id, message_id=message.id, body=body, at=now, from_unit=from_unit
    )
    return message, change


def attach_document(
    conn: Connection,
    institution_id: str,
    submission_id: str,
    *,
    name: str,
    media_type: str,
    sha256: str,
    size: int,
    actor: str,
    now: datetime,
) -> Document:
    """Record a final document whose bytes are already in the blob store (see ``ops.documents``)."""
    submission = _require(conn, institution_id, submission_id)
    document = Document(new_ulid(), institution_id, submission_id, name, media_type, sha256, size, now, actor)
    conn.execute(
        insert(documents).values(
            id=document.id,
            institution_id=institution_id,
            submission_id=submission_id,
            name=name,
            media_type=media_type,
            sha256=sha256,
            size=size,
            created_at=now,
            actor=actor,
        )
    )
    change = DocumentChange(
        submission_id=submission_id,
        document_id=document.id,
        name=name,
        media_type=media_type,
        sha256=sha256,
        size=size,
    )
    record(
        conn,
        institution_id,
        changes_to_send=[ChangeRecord(submission.device_id, change)],
        audit=[
            AuditRecord(
                actor, "submission.document", submission_id, {"document_id": document.id, "sha256": sha256}
            )
        ],
        at=now,
    )
    return document


def get_document(conn: Connection, institution_id: str, document_id: str) -> tuple[Document, str] | None:
    """A document of the institution and the device that captured its submission."""
    row = conn.execute(
        select(documents, submissions.c.device_id.label("captured_by"))
        .join(submissions, submissions.c.id == documents.c.submission_id)
        .where(documents.c.institution_id == institution_id, documents.c.id == document_id)
    ).first()
    if row is None:
        return None
    document = Document(
        row.id,
        row.institution_id,
        row.submission_id,
        row.name,
        row.media_type,
        row.sha256,
        row.size,
        row.created_at,
        row.actor,
    )
    return document, row.captured_by


def status_history(conn: Connection, institution_id: str, submission_id: str) -> list[StatusEvent]:
    rows = conn.execute(
        select(status_events)
        .where(
            status_events.c.institution_id == institution_id, status_events.c.submission_id == submission_id
        )
        .order_by(status_events.c.id)
    )
    return [
        StatusEvent(r.submission_id, r.status, r.at, r.note_public, r.note_internal, r.actor) for r in rows
    ]


def list_messages(conn: Connection, institution_id: str, submission_id: str) -> list[Message]:
    rows = conn.execute(
        select(messages)
        .where(messages.c.institution_id == institution_id, messages.c.submission_id == submission_id)
        .order_by(messages.c.at, messages.c.id)
    )
    return [Message(r.id, r.submission_id, r.from_unit, r.body, r.at, r.actor) for r in rows]
