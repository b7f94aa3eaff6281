"""What an institution's devices and auditors see happen, appended in commit order.

Two logs must follow commit order: the change log that devices pull with a cursor, and the audit
chain (each entry hashes the previous one). On PostgreSQL a sequence number is taken at insert time
but becomes visible at commit, so a transaction that commits late could show a reader seq 11 before
seq 10 exists, and a device whose cursor passed 11 would never see 10. We therefore serialise the
*end* of every transaction that appends to an institution's logs: :func:`record` takes a
per-institution advisory lock (held until commit), then inserts. Within one institution, seq order is
then commit order, and the audit chain links to the true previous entry. Different institutions never
wait for each other. On SQLite, ``BEGIN IMMEDIATE`` already serialises every writer.

The lock is held only for the last few statements and the commit; pushes append a whole batch at once
(see :mod:`sync_server.sync.push`), so the serialised part costs one commit per batch, not per item.
Measured alternatives are in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import BaseModel
from sqlalchemy import Connection, insert, or_, select, text

from sync_server.storage.audit import AuditRecord, append_entries
from sync_server.storage.schema import changes

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
) -> None:
    """Append changes and audit entries for one institution. Call it LAST in the transaction: the lock
    it takes is held until commit, and everything after it lengthens the serialised part."""
    if not changes_to_send and not audit:
        return
    at = at or datetime.now(UTC)
    lock_institution_journal(conn, institution_id)
    if changes_to_send:
        conn.execute(
            insert(changes),
            [
                {
                    "institution_id": institution_id,
                    "device_id": item.device_id,
                    "kind": item.change.kind,  # type: ignore[attr-defined]
                    "body": item.body(),
                    "created_at": at,
                }
                for item in changes_to_send
            ],
        )
    if audit:
        append_entries(conn, institution_id, audit, at)


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
