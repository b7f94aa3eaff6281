"""Storing one pushed submission in the caller's transaction: its row, its first status, its
attachments, and its pending change and audit entry (placed in the logs later by
``journal.flush_pending``).

This is the server's hottest write: a push runs it once per item, each in its own transaction. On
PostgreSQL the four inserts are one statement (data-modifying CTEs that insert the status, change and
audit rows only when the submission row was inserted), so an item costs one round trip between BEGIN
and COMMIT instead of four; on SQLite, in-process, they stay separate statements.

Idempotency is the submission's unique id: when a row with the same id (or tracking code) exists, the
result is None and nothing at all was written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Select, String, bindparam, insert, select
from sqlalchemy.dialects import postgresql

from sync_server.storage.audit import AuditRecord
from sync_server.storage.journal import ChangeRecord, change_row, pending_audit_row
from sync_server.storage.schema import pending_audit, pending_changes, status_events, submissions
from sync_server.storage.submissions import insert_attachments, insert_submission
from sync_server.storage.types import UTCDateTime


def store_received(
    conn: Connection,
    row: Mapping[str, Any],
    attachments: Sequence[Mapping[str, Any]],
    *,
    actor: str,
    change: ChangeRecord,
    audit: AuditRecord,
    at: datetime,
) -> int | None:
    """Insert the submission and what goes with it; its server seq, or None when it already exists."""
    institution_id = row["institution_id"]
    change_values = change_row(institution_id, change, at)
    audit_values = pending_audit_row(institution_id, audit, at)
    if conn.dialect.name != "postgresql":
        seq = insert_submission(conn, row, attachments, actor=actor)
        if seq is not None:
            conn.execute(insert(pending_changes), change_values)
            conn.execute(insert(pending_audit), audit_values)
        return seq
    params: dict[str, Any] = {f"s_{name}": value for name, value in row.items()}
    params.update({"e_actor": actor})
    params.update({f"c_{name}": change_values[name] for name in _CHANGE_COLUMNS})
    params.update({f"a_{name}": audit_values[name] for name in _AUDIT_COLUMNS})
    seq = conn.execute(_postgres_statement(tuple(row)), params).scalar_one_or_none()
    if seq is not None and attachments:
        insert_attachments(conn, row, attachments)
    return seq


_CHANGE_COLUMNS = ("device_id", "kind", "body", "created_at")
_AUDIT_COLUMNS = ("at", "actor", "action", "subject", "details")


@cache
def _postgres_statement(columns: tuple[str, ...]) -> Select[Any]:
    """``WITH stored AS (INSERT ... ON CONFLICT DO NOTHING RETURNING ...), event AS (INSERT ... SELECT
    FROM stored), ... SELECT seq FROM stored``, built once per column set and cached by SQLAlchemy."""
    stored = (
        postgresql.insert(submissions)
        .values({name: bindparam(f"s_{name}", type_=submissions.c[name].type) for name in columns})
        .on_conflict_do_nothing()
        .returning(submissions.c.seq, submissions.c.id, submissions.c.institution_id, submissions.c.status)
        .cte("stored")
    )
    event = (
        insert(status_events)
        .from_select(
            ["institution_id", "submission_id", "status", "at", "actor"],
            select(
                stored.c.institution_id,
                stored.c.id,
                stored.c.status,
                bindparam("s_status_at", type_=UTCDateTime),
                bindparam("e_actor", type_=String),
            ),
        )
        .cte("event")
    )
    change = (
        insert(pending_changes)
        .from_select(
            ["institution_id", *_CHANGE_COLUMNS],
            select(
                stored.c.institution_id,
                *(bindparam(f"c_{name}", type_=pending_changes.c[name].type) for name in _CHANGE_COLUMNS),
            ),
        )
        .cte("change")
    )
    audit = (
        insert(pending_audit)
        .from_select(
            ["institution_id", *_AUDIT_COLUMNS],
            select(
                stored.c.institution_id,
                *(bindparam(f"a_{name}", type_=pending_audit.c[name].type) for name in _AUDIT_COLUMNS),
            ),
        )
        .cte("audit")
    )
    return select(stored.c.seq).add_cte(event, change, audit)
