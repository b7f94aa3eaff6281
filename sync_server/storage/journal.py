"""What an institution's devices and auditors see happen, appended in commit order.

Two logs must follow commit order: the change log that devices pull with a cursor, and the audit
chain (each entry hashes the previous one). On PostgreSQL a sequence number is taken at insert time
but becomes visible at commit, so a transaction that commits late could show a reader seq 11 before
seq 10 exists, and a device whose cursor passed 11 would never see 10. Appends to an institution's
logs are therefore serialised until commit by a per-institution advisory lock; within one institution
seq order is then commit order, and the audit chain links to the true previous entry. Different
institutions never wait for each other. On SQLite, ``BEGIN IMMEDIATE`` already serialises every writer.

There are two ways in:

* :func:`record` (officials, administrators, enrollment): takes the lock and appends in the caller's
  transaction. Rare writes; holding the lock until their commit costs nothing.
* ``record(..., deferred=True)`` (pushes): many devices push at once. If each push held the lock until
  its commit, an institution's pushes would commit one fsync at a time and PostgreSQL could never
  group them. So a push writes its changes and audit entries to ``pending_changes`` /
  ``pending_audit`` without any lock, and after its items :func:`flush_pending` moves every committed
  pending row into the logs in one short serialised transaction. A row whose transaction commits
  after a flush began is simply taken by the next flush, with a later seq: still commit order,
  nothing skipped. Pulls flush first (so a reader sees every committed change), and so does
  ``tambo-server audit verify``; a crash between a push's commit and its flush leaves pending rows
  that the next flush takes.

Pending audit entries are linked into the chain within milliseconds (the end of the same push); until
then they are ordinary rows, which is the window that tamper evidence does not cover.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import BaseModel
from sqlalchemy import Connection, delete, insert, or_, select, text

from sync_server.storage.audit import AuditRecord, append_entries, audit_details
from sync_server.storage.schema import changes, pending_audit, pending_changes

_LOCK_NAMESPACE = b"tambo-journal:"


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    """A change for one device (``device_id``) or for every device of the institution (None)."""

    device_id: str | None
    change: BaseModel

    def body(self) -> str:
        return json.dumps(self.change.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def journal_lock_key(institution_id: str) -> int:
    """A signed 64-bit advisory lock key for an institution (a collision only makes two wait together)."""
    digest = hashlib.sha256(_LOCK_NAMESPACE + institution_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_institution_journal(conn: Connection, institution_id: str) -> None:
    """Serialise the rest of this transaction with every other one appending to this institution."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": journal_lock_key(institution_id)})


def record(
    conn: Connection,
    institution_id: str,
    *,
    changes_to_send: Sequence[ChangeRecord] = (),
    audit: Sequence[AuditRecord] = (),
    at: datetime | None = None,
    deferred: bool = False,
) -> None:
    """Append changes and audit entries for one institution.

    By default, call it LAST in the transaction: the lock it takes is held until commit, and everything
    after it lengthens the serialised part. With ``deferred`` the rows go to the pending tables without
    a lock; the caller runs :func:`flush_pending` after its commit (see the module's docstring).
    """
    if not changes_to_send and not audit:
        return
    at = at or datetime.now(UTC)
    change_rows = [change_row(institution_id, item, at) for item in changes_to_send]
    if deferred:
        if change_rows:
            conn.execute(insert(pending_changes), change_rows)
        if audit:
            conn.execute(
                insert(pending_audit), [pending_audit_row(institution_id, item, at) for item in audit]
            )
        return
    lock_institution_journal(conn, institution_id)
    if change_rows:
        conn.execute(insert(changes), change_rows)
    if audit:
        append_entries(conn, institution_id, audit, at)


def change_row(institution_id: str, item: ChangeRecord, at: datetime) -> dict[str, object]:
    """The columns of a change, the same in ``changes`` and ``pending_changes``."""
    return {
        "institution_id": institution_id,
        "device_id": item.device_id,
        "kind": item.change.kind,  # type: ignore[attr-defined]
        "body": item.body(),
        "created_at": at,
    }


def pending_audit_row(institution_id: str, item: AuditRecord, at: datetime) -> dict[str, object]:
    return {
        "institution_id": institution_id,
        "at": item.at or at,
        "actor": item.actor,
        "action": item.action,
        "subject": item.subject,
        "details": audit_details(item),
    }


def has_pending(conn: Connection, institution_id: str) -> bool:
    """Whether some committed change of the institution still waits for its place in the log."""
    found = conn.execute(
        select(pending_changes.c.id).where(pending_changes.c.institution_id == institution_id).limit(1)
    ).first()
    return found is not None


def flush_pending(conn: Connection, institution_id: str, batch: int = 2000) -> int:
    """Move the institution's committed pending changes and audit entries into the logs, in the order
    they were written; how many rows moved. Call it in a write transaction of its own (the journal lock
    is held until its commit)."""
    lock_institution_journal(conn, institution_id)
    moved = 0
    while True:
        rows = conn.execute(
            select(pending_changes)
            .where(pending_changes.c.institution_id == institution_id)
            .order_by(pending_changes.c.id)
            .limit(batch)
        ).all()
        if rows:
            conn.execute(
                insert(changes),
                [
                    {
                        "institution_id": institution_id,
                        "device_id": row.device_id,
                        "kind": row.kind,
                        "body": row.body,
                        "created_at": row.created_at,
                    }
                    for row in rows
                ],
            )
            conn.execute(delete(pending_changes).where(pending_changes.c.id.in_([row.id for row in rows])))
        entries = conn.execute(
            select(pending_audit)
            .where(pending_audit.c.institution_id == institution_id)
            .order_by(pending_audit.c.id)
            .limit(batch)
        ).all()
        if entries:
            append_entries(
                conn,
                institution_id,
                [
                    AuditRecord(row.actor, row.action, row.subject, details_text=row.details, at=row.at)
                    for row in entries
                ],
                entries[0].at,
            )
            conn.execute(delete(pending_audit).where(pending_audit.c.id.in_([row.id for row in entries])))
        moved += len(rows) + len(entries)
        if len(rows) < batch and len(entries) < batch:
            return moved


@dataclass(frozen=True, slots=True)
class StoredChange:
    seq: int
    device_id: str | None
    kind: str
    body: str


def read_changes(
    conn: Connection, institution_id: str, device_id: str, after_seq: int, limit: int
) -> list[StoredChange]:
    """The changes for one device (its own and the institution-wide ones) after ``after_seq``, in seq
    order, at most ``limit``. Because appends are serialised per institution until commit, no change
    with a smaller seq can become visible after this read."""
    rows = conn.execute(
        select(changes.c.seq, changes.c.device_id, changes.c.kind, changes.c.body)
        .where(
            changes.c.institution_id == institution_id,
            changes.c.seq > after_seq,
            or_(changes.c.device_id.is_(None), changes.c.device_id == device_id),
        )
        .order_by(changes.c.seq)
        .limit(limit)
    )
    return [StoredChange(row.seq, row.device_id, row.kind, row.body) for row in rows]
