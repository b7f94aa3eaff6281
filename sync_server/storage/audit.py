"""The server's audit log: append-only, one hash chain per institution, verifiable by a command.

Each entry's hash covers its own fields and the previous entry's hash, so changing, removing or
reordering a row breaks every link after it. ``tambo-server audit verify`` recomputes the chain and
reports the first entry that does not match, and prints the head hash: an operator who writes that
hash down (or mails it to the regional office) can later prove that nothing before it was rewritten,
even by someone able to recompute the whole chain.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from shared.crypto import canonical_json, sha256_hex
from sync_server.storage.schema import audit_log

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """What happened, by whom, to what; ``details`` must be JSON (no floats: they print differently)."""

    actor: str
    action: str
    subject: str
    details: Mapping[str, Any] = field(default_factory=dict)
    #: the details already as canonical JSON text (entries waiting in ``pending_audit`` keep them so)
    details_text: str | None = None
    #: when it happened, if not when it is appended (entries linked later by ``journal.flush_pending``)
    at: datetime | None = None


def audit_details(record: AuditRecord) -> str:
    """The details of an entry as the canonical JSON text that its hash covers."""
    if record.details_text is not None:
        return record.details_text
    return canonical_json(dict(record.details)).decode("utf-8")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    institution_id: str
    position: int
    at: datetime
    actor: str
    action: str
    subject: str
    details: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of checking one institution's chain: ``broken_at`` is None when it holds."""

    institution_id: str
    entries: int
    head_hash: str
    broken_at: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def entry_hash(
    prev_hash: str,
    institution_id: str,
    position: int,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    details: str,
) -> str:
    material = {
        "prev": prev_hash,
        "institution": institution_id,
        "position": position,
        "at": at.isoformat(),
        "actor": actor,
        "action": action,
        "subject": subject,
        "details": details,
    }
    return sha256_hex(canonical_json(material))


def append_entries(
    conn: Connection, institution_id: str, records: Sequence[AuditRecord], at: datetime
) -> None:
    """Link ``records`` after the institution's last entry. The caller holds the journal lock."""
    position, prev = chain_head(conn, institution_id)
    rows = []
    for record in records:
        position += 1
        details = audit_details(record)
        when = (record.at or at).astimezone(UTC)  # the hash must match the UTC value read back
        digest = entry_hash(
            prev, institution_id, position, when, record.actor, record.action, record.subject, details
        )
        rows.append(
            {
                "institution_id": institution_id,
                "position": position,
                "at": when,
                "actor": record.actor,
                "action": record.action,
                "subject": record.subject,
                "details": details,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    conn.execute(insert(audit_log), rows)


def chain_head(conn: Connection, institution_id: str) -> tuple[int, str]:
    """The institution's last entry as ``(position, hash)``; ``(0, GENESIS_HASH)`` while it has none."""
    last = conn.execute(
        select(audit_log.c.position, audit_log.c.hash)
        .where(audit_log.c.institution_id == institution_id)
        .order_by(audit_log.c.position.desc())
        .limit(1)
    ).first()
    return (last.position, last.hash) if last else (0, GENESIS_HASH)


def hash_at(conn: Connection, institution_id: str, position: int) -> str | None:
    """The hash of the institution's entry at ``position`` (the genesis hash at 0); None if there is none."""
    if position == 0:
        return GENESIS_HASH
    return conn.execute(
        select(audit_log.c.hash).where(
            audit_log.c.institution_id == institution_id, audit_log.c.position == position
        )
    ).scalar_one_or_none()


def iter_entries(conn: Connection, institution_id: str, batch: int = 1000) -> Iterator[AuditEntry]:
    """Every entry of one institution in chain order, read in batches (the log can be long)."""
    after = 0
    while True:
        rows = conn.execute(
            select(audit_log)
            .where(audit_log.c.institution_id == institution_id, audit_log.c.position > after)
            .order_by(audit_log.c.position)
            .limit(batch)
        ).all()
        for row in rows:
            yield AuditEntry(
                row.institution_id,
                row.position,
                row.at,
                row.actor,
                row.action,
                row.subject,
                row.details,
                row.prev_hash,
                row.hash,
            )
        if len(rows) < batch:
            return
        after = rows[-1].position


def verify_chain(conn: Connection, institution_id: str) -> ChainReport:
    """Recompute the chain of one institution; stop at the first entry that does not match."""
    prev, expected_position, count = GENESIS_HASH, 1, 0
    for entry in iter_entries(conn, institution_id):
        problem = ""
        if entry.position != expected_position:
            problem = f"falta la entrada {expected_position}"
        elif entry.prev_hash != prev:
            problem = "no enlaza con la anterior"
        elif entry.hash != entry_hash(
            entry.prev_hash,
            entry.institution_id,
            entry.position,
            entry.at,
            entry.actor,
            entry.action,
            entry.subject,
            entry.details,
        ):
            problem = "su contenido cambió"
        if problem:
            return ChainReport(institution_id, count, prev, broken_at=expected_position, problem=problem)
        prev, expected_position, count = entry.hash, expected_position + 1, count + 1
    return ChainReport(institution_id, count, prev)
