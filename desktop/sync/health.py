"""Sync health: at the end of a sync, device and server compare what the server acknowledged.

For each UTC day of filing, the device sends how many of its submissions the server acknowledged and a
digest of their ids (:func:`shared.protocol.day_digest`); the server answers with its own and the days
that differ. A day that differs is repaired by pushing that day's submissions again: pushes are
idempotent, so what the server has comes back ``duplicate`` and what it lacks (a database restored
from an old backup, a bug) is stored. If a day still differs after that, the mismatch is reported
(the coordinator must look) with both counts.

Reading every acknowledged id costs a pass over the whole local list (100,000 rows on a busy counter),
on the store's one thread. So a sync checks the last :data:`RECENT_DAYS` days, read newest first, and
a full check of every day runs once a day (:data:`FULL_CHECK_HOURS`).

The device is also a witness of the server's audit chain: it keeps the last audit head the server
showed it (``sync_state`` key :data:`AUDIT_SEEN`) and sends it with the first comparison. When the
server answers that its chain no longer holds that hash at that position (rewritten or truncated in
the database), the outcome says so and the device keeps the head it saw, so the problem shows at every
sync until an administrator acts. Only a head the server proved consistent with the stored one (or the
first one, when nothing was stored) replaces it.
"""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta

from desktop import __version__
from desktop.store import Store, audit, outbox, settings, syncing
from desktop.store.sqlcipher import Database
from desktop.sync.client import ServerClient
from desktop.sync.progress import HealthOutcome
from desktop.sync.push import Pusher
from shared.protocol import AuditHead, DayDigest, HealthRequest, HealthResponse, day_digest
from shared.protocol.health import MAX_HEALTH_DAYS

log = logging.getLogger(__name__)

RECENT_DAYS = 7
FULL_CHECK_HOURS = 24
#: sync_state key: the last audit head of the server this device witnessed, as JSON {position, hash}
AUDIT_SEEN = "audit_seen"


def audit_seen(db: Database) -> AuditHead | None:
    raw = settings.get_state(db, AUDIT_SEEN)
    return AuditHead.model_validate_json(raw) if raw else None


def forget_audit_seen(db: Database) -> AuditHead | None:
    """Drop the witnessed head (an administrator's decision after a legitimate restore of the server):
    the next sync trusts the server's head again. Recorded in this device's own audit chain."""
    seen = audit_seen(db)
    if seen is not None:
        settings.delete_state(db, AUDIT_SEEN)
        audit.append(db, "sync.audit_head_forgotten", None, {"position": seen.position, "hash": seen.hash})
    return seen


def _witness(store: Store, seen: AuditHead | None, response: HealthResponse) -> int | None:
    """Keep the server's head if it is consistent with what this device saw; the position of the seen
    head the server's chain no longer holds, or None."""
    if response.audit_witness == "mismatch" and seen is not None:
        log.error("the server's audit chain no longer holds the entry this device saw at %d", seen.position)
        return seen.position
    head = response.audit_head
    trusted = response.audit_witness == "ok" or seen is None
    if head is not None and trusted and head != seen:
        value = json.dumps({"position": head.position, "hash": head.hash})
        store.write(lambda db: settings.set_state(db, AUDIT_SEEN, value))
    return None


def _digests(by_day: dict[date, list[str]], days: list[date]) -> list[DayDigest]:
    return [
        DayDigest(day=d, count=len(by_day.get(d, [])), digest=day_digest(by_day.get(d, []))) for d in days
    ]


def _ask(
    store: Store,
    client: ServerClient,
    days: list[date] | None,
    since: date | None,
    seen: AuditHead | None = None,
) -> tuple[HealthResponse, dict[date, int]]:
    by_day, pending = store.read(
        lambda db: (syncing.ids_by_day(db, since=since), outbox.counts(db)["pending"])
    )
    asked = sorted(by_day)[-MAX_HEALTH_DAYS:] if days is None else days
    request = HealthRequest(
        days=_digests(by_day, asked),
        pending_count=pending,
        app_version=__version__,
        clock_skew_seconds=round(-client.clock_offset),  # 0 within the client's tolerance (30 s)
        audit_seen=seen,
    )
    return client.health(request), {d: len(by_day.get(d, [])) for d in asked}


def check_health(
    store: Store, client: ServerClient, pusher: Pusher, *, today: date, full: bool = True
) -> HealthOutcome:
    """Compare (every day, or the recent ones), re-push the days that differ, compare those again."""
    since = None if full else today - timedelta(days=RECENT_DAYS)
    seen = store.read(audit_seen)
    response, counts = _ask(store, client, None, since, seen)
    outcome = HealthOutcome(days_checked=len(counts), full=full)
    outcome.audit_changed_at = _witness(store, seen, response)
    mismatched = sorted(response.mismatched_days)
    if not mismatched:
        return outcome
    outcome.mismatched_days = [d.isoformat() for d in mismatched]
    wanted, oldest = set(mismatched), mismatched[0]

    def items_of_days(db):  # type: ignore[no-untyped-def]
        by_day = syncing.ids_by_day(db, ("sent", "pending"), since=oldest)
        return syncing.items_by_id(db, [i for d in wanted for i in by_day.get(d, [])])

    items = store.read(items_of_days)
    pusher.push_items(items)
    outcome.repushed = len(items)
    again, counts = _ask(store, client, mismatched, oldest)
    server = {d.day: d.count for d in again.days}
    outcome.still_mismatched = [
        f"{d.isoformat()} (servidor {server.get(d, 0)}, equipo {counts.get(d, 0)})"
        for d in sorted(again.mismatched_days)
    ]
    return outcome
