"""Sync health: the server's per-day digests of a device's submissions, and the days that differ.

It also answers for the audit chain: the device sends the last audit head it saw, the server says
whether its chain still holds that hash at that position and shows its head now (devices are the
chain's witnesses: see docs/server.md, "Audit log").
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import Connection

from shared.protocol import AuditHead, AuditWitness, DayDigest, HealthRequest, HealthResponse, day_digest
from sync_server.context import Server
from sync_server.ops.auth import AuthContext
from sync_server.storage.audit import chain_head, hash_at
from sync_server.storage.bundles import record_clock_skew
from sync_server.storage.devices import record_device_report
from sync_server.storage.journal import flush_pending
from sync_server.storage.submissions import day_digests

LOG = logging.getLogger("tambo.server")


def compare_days(
    server: Server, auth: AuthContext, request: HealthRequest, now: datetime | None = None
) -> HealthResponse:
    now = now or datetime.now(UTC)
    asked = {day.day: day for day in request.days}
    with server.db.write() as conn:
        held = day_digests(conn, auth.institution.id, auth.device_id, asked)
        record_device_report(
            conn,
            auth.device_id,
            now=now,
            pending_count=request.pending_count,
            app_version=request.app_version,
        )
        if request.clock_skew_seconds is not None:
            record_clock_skew(conn, auth.institution.id, auth.device_id, request.clock_skew_seconds, now)
    with server.db.write() as conn:  # link the entries still waiting for their place, as audit verify
        flush_pending(conn, auth.institution.id)
        head, witness = witness_audit(conn, auth.institution.id, request.audit_seen)
    if witness == "mismatch" and request.audit_seen is not None:
        LOG.error(
            "audit chain of institution %s no longer holds the entry device %s saw at position %d "
            "(rewritten or truncated in the database)",
            auth.institution.id,
            auth.device_id,
            request.audit_seen.position,
        )
    days = [DayDigest(day=day, count=count, digest=digest) for day, (count, digest) in sorted(held.items())]
    mismatched = sorted(
        day for day, theirs in asked.items() if (theirs.count, theirs.digest) != held.get(day, (0, _EMPTY))
    )
    return HealthResponse(days=days, mismatched_days=mismatched, audit_head=head, audit_witness=witness)


def witness_audit(
    conn: Connection, institution_id: str, seen: AuditHead | None
) -> tuple[AuditHead, AuditWitness]:
    """The institution's audit head now, and whether its chain still holds ``seen`` (a device's last
    head): ``mismatch`` when that position has another hash or no longer exists."""
    position, digest = chain_head(conn, institution_id)
    head = AuditHead(position=position, hash=digest)
    if seen is None:
        return head, "unknown"
    return head, "ok" if hash_at(conn, institution_id, seen.position) == seen.hash else "mismatch"


_EMPTY = day_digest([])
