"""A submission as a case the console works on: who handles it (unit, assignee), when it closed, its
due date, and the case log (assignments, forwarding, internal notes).

Status changes, messages and documents live in :mod:`sync_server.storage.workflow`, which also sends
them to the capturing device; what is here stays inside the institution (an internal note or who the
case is assigned to is nobody's business at the counter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from sync_server.storage.audit import AuditRecord
from sync_server.storage.console_schema import case_log
from sync_server.storage.journal import record
from sync_server.storage.schema import documents, submissions
from sync_server.storage.workflow import Document

ASSIGN = "assign"
NOTE = "note"
_UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class CaseState:
    unit_code: str | None
    assignee_id: int | None
    closed_at: datetime | None


@dataclass(frozen=True, slots=True)
class DeadlineExtension:
    """The one extension of a case's deadline (migration 0009)."""

    at: datetime
    original_due_date: date | None
    extended_due_date: date
    reason: str


@dataclass(frozen=True, slots=True)
class CaseLogEntry:
    kind: str
    at: datetime
    actor: str
    unit_code: str | None
    assignee_id: int | None
    body: str | None


def case_state(conn: Connection, institution_id: str, submission_id: str) -> CaseState | None:
    row = conn.execute(
        select(submissions.c.unit_code, submissions.c.assignee_id, submissions.c.closed_at).where(
            submissions.c.institution_id == institution_id, submissions.c.id == submission_id
        )
    ).first()
    return CaseState(row.unit_code, row.assignee_id, row.closed_at) if row else None


def deadline_extension(conn: Connection, institution_id: str, submission_id: str) -> DeadlineExtension | None:
    """When, from which date, to which date and why the case's deadline was extended; None if never."""
    row = conn.execute(
        select(
            submissions.c.deadline_extended_at,
            submissions.c.original_due_date,
            submissions.c.extended_due_date,
            submissions.c.deadline_extension_reason,
        ).where(submissions.c.institution_id == institution_id, submissions.c.id == submission_id)
    ).first()
    if row is None or row.deadline_extended_at is None:
        return None
    return DeadlineExtension(
        row.deadline_extended_at, row.original_due_date, row.extended_due_date, row.deadline_extension_reason
    )


def update_case(
    conn: Connection,
    institution_id: str,
    submission_id: str,
    *,
    unit_code: str | None = _UNSET,
    assignee_id: int | None = _UNSET,
    closed_at: datetime | None = _UNSET,
    due_date: date | None = _UNSET,
) -> None:
    """Set the given case columns (the others are left as they are)."""
    given = {"unit_code": unit_code, "assignee_id": assignee_id, "closed_at": closed_at, "due_date": due_date}
    values = {name: value for name, value in given.items() if value is not _UNSET}
    if values:
        conn.execute(
            update(submissions)
            .where(submissions.c.institution_id == institution_id, submissions.c.id == submission_id)
            .values(**values)
        )


def log_case(
    conn: Connection,
    institution_id: str,
    submission_id: str,
    kind: str,
    *,
    actor: str,
    now: datetime,
    unit_code: str | None = None,
    assignee_id: int | None = None,
    body: str | None = None,
) -> None:
    """One entry of the case's route, with its audit entry (the note's text stays out of the audit)."""
    conn.execute(
        insert(case_log).values(
            institution_id=institution_id,
            submission_id=submission_id,
            kind=kind,
            at=now,
            actor=actor,
            unit_code=unit_code,
            assignee_id=assignee_id,
            body=body,
        )
    )
    details = {"unit": unit_code, "assignee_id": assignee_id} if kind == ASSIGN else {}
    record(conn, institution_id, audit=[AuditRecord(actor, f"case.{kind}", submission_id, details)], at=now)


def case_log_entries(conn: Connection, institution_id: str, submission_id: str) -> list[CaseLogEntry]:
    rows = conn.execute(
        select(case_log)
        .where(case_log.c.institution_id == institution_id, case_log.c.submission_id == submission_id)
        .order_by(case_log.c.id)
    )
    return [CaseLogEntry(r.kind, r.at, r.actor, r.unit_code, r.assignee_id, r.body) for r in rows]


def list_documents(conn: Connection, institution_id: str, submission_id: str) -> list[Document]:
    rows = conn.execute(
        select(documents)
        .where(documents.c.institution_id == institution_id, documents.c.submission_id == submission_id)
        .order_by(documents.c.created_at, documents.c.id)
    )
    return [
        Document(
            r.id,
            r.institution_id,
            r.submission_id,
            r.name,
            r.media_type,
            r.sha256,
            r.size,
            r.created_at,
            r.actor,
        )
        for r in rows
    ]
