"""Storing a push's checked submissions in the caller's transaction: their rows, first statuses,
attachments, and pending changes and audit entries (placed in the logs later by
``journal.flush_pending``).

This is the server's hottest write, so it is a handful of multi-row statements per batch rather than
several statements per item: the submission rows in one ``INSERT ... ON CONFLICT DO NOTHING RETURNING
id, seq`` (SQLAlchemy's "insertmanyvalues" sends them as one multi-row statement on both backends),
then the status events, attachments, pending changes and audit entries of the rows that were really
inserted. Per submission that is a few microseconds of SQL instead of half a millisecond of round
trips and statement overhead (docs/PERFORMANCE.md).

Idempotency is the submission's unique id: a row whose id (or tracking code) is already stored is
skipped by the database, not by a check-then-insert, and nothing else is written for it; the caller
learns which ids were new from the returned mapping. Rows go in id order, so two transactions storing
overlapping batches on PostgreSQL take their row locks in the same order and cannot deadlock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert

from sync_server.storage.audit import AuditRecord
from sync_server.storage.journal import ChangeRecord, change_row, pending_audit_row
from sync_server.storage.schema import (
    pending_audit,
    pending_changes,
    status_events,
    submission_attachments,
    submissions,
)
from sync_server.storage.upsert import insert_ignoring_conflicts


@dataclass(frozen=True, slots=True)
class Received:
    """One checked submission and everything that is stored with it."""

    row: Mapping[str, Any]
    attachments: Sequence[Mapping[str, Any]]
    change: ChangeRecord
    audit: AuditRecord


@dataclass(frozen=True, slots=True)
class Inserted:
    """A submission row this call inserted: its server seq and the hash of the envelope stored."""

    seq: int
    envelope_sha256: str


def store_received(
    conn: Connection, items: Sequence[Received], *, actor: str, at: datetime
) -> dict[str, Inserted]:
    """Insert the submissions that are not stored yet, with what goes with each; what was inserted, by
    id (an id missing from it was already there, or its tracking code was taken). An id that comes
    twice is inserted once; only the item whose envelope was stored gets its status, change and audit
    entry (the database says which: ``RETURNING``)."""
    if not items:
        return {}
    ordered = sorted(items, key=lambda item: item.row["id"])
    statement = insert_ignoring_conflicts(conn, submissions).returning(
        submissions.c.id, submissions.c.seq, submissions.c.envelope_sha256
    )
    rows = [dict(item.row) for item in ordered]
    inserted = {row.id: Inserted(row.seq, row.envelope_sha256) for row in conn.execute(statement, rows)}
    new: list[Received] = []
    for item in ordered:
        found = inserted.get(item.row["id"])
        stored_this = found is not None and item.row["envelope_sha256"] == found.envelope_sha256
        if stored_this and (not new or new[-1].row["id"] != item.row["id"]):  # the same envelope twice: once
            new.append(item)
    if not new:
        return inserted
    conn.execute(
        insert(status_events),
        [
            {
                "institution_id": item.row["institution_id"],
                "submission_id": item.row["id"],
                "status": item.row["status"],
                "at": item.row["status_at"],
                "actor": actor,
            }
            for item in new
        ],
    )
    attachments = [
        {**attachment, "submission_id": item.row["id"], "institution_id": item.row["institution_id"]}
        for item in new
        for attachment in item.attachments
    ]
    if attachments:
        conn.execute(insert(submission_attachments), attachments)
    conn.execute(
        insert(pending_changes), [change_row(item.row["institution_id"], item.change, at) for item in new]
    )
    conn.execute(
        insert(pending_audit), [pending_audit_row(item.row["institution_id"], item.audit, at) for item in new]
    )
    return inserted
