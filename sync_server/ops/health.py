"""Sync health: the server's per-day digests of a device's submissions, and the days that differ."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.protocol import DayDigest, HealthRequest, HealthResponse, day_digest
from sync_server.context import Server
from sync_server.ops.auth import AuthContext
from sync_server.storage.bundles import record_clock_skew
from sync_server.storage.devices import record_device_report
from sync_server.storage.submissions import day_digests


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
    days = [DayDigest(day=day, count=count, digest=digest) for day, (count, digest) in sorted(held.items())]
    mismatched = sorted(
        day for day, theirs in asked.items() if (theirs.count, theirs.digest) != held.get(day, (0, _EMPTY))
    )
    return HealthResponse(days=days, mismatched_days=mismatched)


_EMPTY = day_digest([])
