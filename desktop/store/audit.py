"""The device's audit chain: an append-only table where each entry carries the hash of the previous one.

Each entry's hash is SHA-256 over the canonical JSON of ``{seq, at, event, subject, data, prev}``, so
changing, removing or reordering any entry breaks every link after it, and :func:`verify_chain` names
the first broken one. Triggers refuse UPDATE and DELETE; someone holding the database key can drop the
triggers, which is what the chain is for: it makes that visible. (Cutting entries off the END cannot be
seen from the chain alone; the sync engine will report the head hash to the server, which anchors it.)

Entries name what happened and to which record, never personal data: the chain must stay readable to an
auditor who may not see the citizens' answers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.store.sqlcipher import Database
from shared.crypto import canonical_json, sha256_hex

GENESIS = "0" * 64


def entry_hash(seq: int, at: str, event: str, subject: str | None, data: Any, prev: str) -> str:
    document = {"seq": seq, "at": at, "event": event, "subject": subject, "data": data, "prev": prev}
    return sha256_hex(canonical_json(document))


def append(db: Database, event: str, subject: str | None = None, data: dict[str, Any] | None = None) -> str:
    """Append one entry inside the caller's transaction; returns its hash."""
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    payload = data or {}
    digest = entry_hash(seq, at, event, subject, payload, prev)
    db.execute(
        "INSERT INTO audit_log (seq, at, event, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [seq, at, event, subject, canonical_json(payload).decode("utf-8"), prev, digest],
    )
    return digest


@dataclass(frozen=True, slots=True)
class AuditReport:
    """``ok`` when every link holds; else ``broken_seq`` is the first entry that does not, and why."""

    entries: int
    head_hash: str
    broken_seq: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify_chain(db: Database) -> AuditReport:
    """Walk the whole chain in order and report the first broken link."""
    expected_seq, prev, count = 1, GENESIS, 0
    for seq, at, event, subject, data, prev_hash, digest in db.execute(
        "SELECT seq, at, event, subject, data, prev_hash, hash FROM audit_log ORDER BY seq"
    ):
        if seq != expected_seq:
            return AuditReport(count, prev, expected_seq, f"falta la entrada {expected_seq}")
        if prev_hash != prev:
            return AuditReport(count, prev, seq, "no enlaza con la entrada anterior")
        try:
            payload = json.loads(data)
        except ValueError:
            return AuditReport(count, prev, seq, "sus datos no se pueden leer")
        if entry_hash(seq, at, event, subject, payload, prev_hash) != digest:
            return AuditReport(count, prev, seq, "su contenido no coincide con su huella")
        expected_seq, prev, count = seq + 1, digest, count + 1
    return AuditReport(count, prev)


def entries_for(db: Database, subject: str) -> list[dict[str, Any]]:
    """The entries about one record (a submission's history), oldest first."""
    return [
        {"seq": seq, "at": at, "event": event, "data": json.loads(data)}
        for seq, at, event, data in db.execute(
            "SELECT seq, at, event, data FROM audit_log WHERE subject = ? ORDER BY seq", [subject]
        )
    ]
