"""One sync run: connect, register, push, pull, check; with retries inside the run.

Phases, in order:

1. **connecting**: ``GET /ping`` (no database, no signature). It proves the server is reachable before
   anything heavy is sent and tells the device the server's clock (so requests are signed with a
   corrected timestamp even when the device's clock is hours off).
2. **registering**: a device provisioned from a ticket sends its code with its key, once.
3. **uploading / pushing**: the outbox (:mod:`desktop.sync.push`).
4. **pulling**: status changes, messages, documents, catalog, settings (:mod:`desktop.sync.pull`).
5. **checking**: sync health (:mod:`desktop.sync.health`).

A transient failure in phases 3-5 (a cut, a 5xx) is retried inside the run after a short jittered
wait; the counter of failures starts again whenever the run made progress (an ack, a chunk, a page),
so a link that cuts every minute still finishes, while a dead one ends the run after a few tries and
leaves the next attempt to the engine's longer backoff. A refusal (revoked device, bad signature...)
ends the run at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from desktop.store import Store, settings, syncing
from desktop.sync.backoff import Backoff
from desktop.sync.client import ServerClient
from desktop.sync.enrollment import register_pending
from desktop.sync.errors import TransientError
from desktop.sync.health import FULL_CHECK_HOURS, check_health
from desktop.sync.progress import HealthOutcome, Phase, Progress, ProgressSink, SyncReport, ignore_progress
from desktop.sync.pull import pull_all
from desktop.sync.push import BATCH_ITEMS, Pusher
from desktop.sync.uploads import ChunkSizer

log = logging.getLogger(__name__)

#: sync_state key: when sync health last compared every day with the server
HEALTH_FULL_AT = "health_full_at"
#: Failures in a row, without progress, after which a run gives up (the engine tries again later).
MAX_FAILURES = 5


class SyncRun:
    """Runs the phases once. ``sleep(seconds)`` waits and returns False when the run must stop."""

    def __init__(
        self,
        store: Store,
        client: ServerClient,
        *,
        progress: ProgressSink = ignore_progress,
        sleep: Callable[[float], bool],
        backoff: Backoff | None = None,
        max_failures: int = MAX_FAILURES,
        sizer: ChunkSizer | None = None,
        check: bool = True,
        batch_items: int = BATCH_ITEMS,
    ) -> None:
        self.store, self.client = store, client
        self.sink = progress
        self.sleep = sleep
        self.backoff = backoff or Backoff(base=0.5, cap=20.0)
        self.max_failures = max_failures
        self.check = check
        self.report = SyncReport(started_at=datetime.now(UTC))
        self.pusher = Pusher(
            store, client, self.report, sizer=sizer, on_progress=self._pushing, batch_items=batch_items
        )
        self._phase: Phase = "connecting"

    # --- progress -----------------------------------------------------------------------------------
    def _emit(self, phase: Phase, **values: int) -> None:
        self._phase = phase
        c = self.pusher.counters
        self.sink(
            Progress(
                phase,
                items_done=c.items_done,
                items_total=c.items_total,
                bytes_done=c.bytes_done,
                bytes_total=c.bytes_total,
                file_done=c.file_done,
                file_total=c.file_total,
                changes=self.report.pulled_changes,
                **values,
            )
        )

    def _pushing(self, phase: str) -> None:
        self._emit("uploading" if phase == "uploading" else "pushing")

    def _marker(self) -> tuple[int, ...]:
        r, c = self.report, self.pusher.counters
        return (r.accepted, r.duplicates, r.rejected, c.bytes_done, r.pulled_changes, len(c.uploaded))

    # --- the run ------------------------------------------------------------------------------------
    def run(self) -> SyncReport:
        report = self.report
        try:
            self._emit("connecting")
            self.client.ping()
            report.reached_server = True
            self._emit("registering")
            register_pending(self.store, self.client)
            totals = self.store.read(syncing.totals)
            self.pusher.counters.items_total = totals.pending
            self.pusher.counters.bytes_total = totals.upload_bytes
            self._emit("pushing")
            self._retrying(self.pusher.push_pending)
            self._emit("pulling")
            self._retrying(
                lambda: pull_all(self.store, self.client, report, lambda _n: self._emit("pulling"))
            )
            if self.check:
                self._emit("checking")
                report.health = self._retrying(self._check)
            now = datetime.now(UTC).isoformat()
            self.store.write(lambda db: settings.set_state(db, settings.LAST_SYNC_AT, now))
            report.complete = True
        except Exception as exc:
            report.error = exc
            if not isinstance(exc, TransientError):
                log.info("sync run stopped: %s", exc)
        finally:
            try:
                after = self.store.read(syncing.totals)
                report.pending_after, report.rejected_after = after.pending, after.rejected
            except Exception:  # the store closed under us (the app is quitting)
                log.debug("could not count the queue after the run", exc_info=True)
            report.finished_at = datetime.now(UTC)
            self._emit("done")
        return report

    def _check(self) -> HealthOutcome:
        """Sync health: every day once a day, the recent days at every other sync."""
        now = datetime.now(UTC)
        last_full = self.store.read(lambda db: settings.get_state(db, HEALTH_FULL_AT))
        full = last_full is None or now - datetime.fromisoformat(last_full) > timedelta(
            hours=FULL_CHECK_HOURS
        )
        outcome = check_health(self.store, self.client, self.pusher, today=now.date(), full=full)
        if full:
            self.store.write(lambda db: settings.set_state(db, HEALTH_FULL_AT, now.isoformat()))
        return outcome

    def _retrying(self, step: Callable[[], object]) -> object:
        failures = 0
        while True:
            before = self._marker()
            try:
                return step()
            except TransientError as exc:
                failures = 1 if self._marker() != before else failures + 1
                self.report.retries += 1
                if failures >= self.max_failures:
                    raise
                if failures == 1:
                    self.backoff.reset()
                log.info("sync step failed (%s), retrying", exc.code)
                if not self.sleep(self.backoff.delay(exc.retry_after)):
                    raise
