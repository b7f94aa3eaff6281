"""The sync engine: one background thread that syncs when it should, one run at a time.

Triggers: the engine's start, every save (:meth:`SyncEngine.notify_saved`), a timer (every
``interval`` seconds while the server answers), "Sincronizar ahora" (:meth:`SyncEngine.sync_now`), and
connectivity coming back. Connectivity is learnt by trying, never by asking the operating system
(which says "connected" behind a captive portal and "offline" on links that work): every run starts
with the cheap ``/ping``; while it fails, attempts are spaced by exponential backoff with jitter
(:mod:`desktop.sync.backoff`), never earlier than a server's ``Retry-After``, and the first one that
succeeds is "connectivity back" and syncs everything at once.

A save or a timer tick while a run is going is not lost: it sets the trigger again, and the loop runs
once more after the current run. Saves while the server is unreachable wait for the backoff (a clerk
saving all day offline must not make the device hammer a dead link); "Sincronizar ahora" does not.

Listeners get :class:`SyncEvent` objects on the engine's thread (the UI re-posts them to its own
thread); :meth:`status` returns the latest :class:`SyncStatus` from any thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Literal

from desktop.store import Store, identity, settings, syncing
from desktop.sync.backoff import Backoff
from desktop.sync.client import ServerClient, normalise_server_url
from desktop.sync.errors import ServerRefusal, TransientError
from desktop.sync.progress import HealthOutcome, Progress, SyncReport
from desktop.sync.run import SyncRun
from desktop.sync.uploads import ChunkSizer
from shared import errors
from shared.errors import TamboError

log = logging.getLogger(__name__)

Connection = Literal["unknown", "online", "offline", "revoked", "not_enrolled", "no_server", "refused"]
Trigger = Literal["start", "save", "timer", "manual", "enrolled"]

#: Seconds between syncs while the server answers (statuses and messages come down this often).
DEFAULT_INTERVAL = 120.0
#: After a refusal that a person must fix (unknown device, bad signature), wait this long to try again.
REFUSED_RETRY_SECONDS = 1800.0
#: Triggers that skip the backoff: a person asked, or something changed that may fix the cause.
_EAGER: frozenset[str] = frozenset({"start", "manual", "enrolled"})


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the indicator shows: connection, queue, last success, what is happening now."""

    connection: Connection = "unknown"
    running: bool = False
    pending: int = 0
    rejected: int = 0
    last_success_at: datetime | None = None
    last_attempt_at: datetime | None = None
    next_attempt_at: datetime | None = None
    error_code: str | None = None
    #: the problem in Spanish, and in English for an interface in English (:func:`error_text`)
    error_message: str | None = None
    error_message_en: str | None = None
    progress: Progress | None = None
    server_url: str | None = None
    health_problem: str | None = None


@dataclass(frozen=True, slots=True)
class SyncEvent:
    kind: Literal["status", "progress", "finished"]
    status: SyncStatus
    progress: Progress | None = None
    report: SyncReport | None = None


Listener = Callable[[SyncEvent], None]


def health_problem(health: HealthOutcome | None, lang: str = "es") -> str | None:
    """What sync health found that someone must look at: days that still differ, an audit chain that
    changed on the server (see :mod:`desktop.sync.health`); None when all is well."""
    if health is None:
        return None
    problems = []
    if health.audit_changed_at is not None:
        problems.append(
            errors.message(errors.SYNC_AUDIT_CHAIN_CHANGED, lang, position=health.audit_changed_at)
        )
    if health.still_mismatched:
        problems.append(
            errors.message(
                errors.SYNC_HEALTH_MISMATCH,
                lang,
                days=len(health.still_mismatched),
                problem=", ".join(health.still_mismatched),
            )
        )
    return " ".join(problems) or None


class SyncEngine:
    def __init__(
        self,
        store: Store,
        *,
        server_url: str | None = None,
        interval: float = DEFAULT_INTERVAL,
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.time,
        timeout: tuple[float, float] | None = None,
        run_options: dict[str, object] | None = None,
    ) -> None:
        self.store = store
        self.explicit_url = normalise_server_url(server_url) if server_url else None
        self.interval = interval
        self.backoff = backoff or Backoff(base=5.0, cap=300.0)
        self.clock = clock
        self.timeout = timeout
        self.run_options = dict(run_options or {})
        self.sizer = ChunkSizer()
        self._client: ServerClient | None = None
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()  # one sync at a time, whoever starts it
        self._wake = threading.Condition(self._lock)
        self._triggers: set[str] = set()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._status = SyncStatus(server_url=self.explicit_url)
        self._next_due: float | None = None
        self._not_before = 0.0
        #: the last run failed: saves wait for the next attempt the backoff scheduled
        self._backing_off = False
        self.last_report: SyncReport | None = None

    # --- listeners and status -----------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def _publish(self, event_kind: str, **changes: object) -> SyncStatus:
        progress = changes.get("progress") if event_kind == "progress" else None
        report = changes.pop("report", None)
        with self._lock:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]
            status, listeners = self._status, list(self._listeners)
        event = SyncEvent(event_kind, status, progress, report)  # type: ignore[arg-type]
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("a sync listener failed")
        return status

    def refresh_counts(self) -> SyncStatus:
        """Read the queue counts and the last sync time from the store (after a save, at start)."""
        totals, last_sync, device, revoked = self.store.read(
            lambda db: (
                syncing.totals(db),
                settings.last_sync_at(db),
                identity.load_identity(db),
                settings.get_setting(db, settings.REVOKED),
            )
        )
        changes: dict[str, object] = {
            "pending": totals.pending,
            "rejected": totals.rejected,
            "last_success_at": last_sync,
            "server_url": self.explicit_url or device.server_url,
        }
        current = self.status().connection
        if not device.provisioned:
            changes["connection"] = "not_enrolled"
        elif revoked:
            changes["connection"] = "revoked"
            changes["error_code"] = errors.DEVICE_REVOKED
            changes["error_message"] = errors.message(errors.DEVICE_REVOKED)
            changes["error_message_en"] = errors.message(errors.DEVICE_REVOKED, "en")
        elif current in ("not_enrolled", "no_server"):
            changes["connection"] = "unknown"
        return self._publish("status", **changes)

    # --- the thread ---------------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="tambo-sync", daemon=True)
        self._thread.start()
        self.trigger("start")

    def stop(self, timeout: float = 10.0) -> None:
        with self._lock:
            self._stopping = True
            self._wake.notify_all()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        if self._client is not None:
            self._client.close()

    @property
    def stopping(self) -> bool:
        return self._stopping

    def trigger(self, reason: Trigger) -> None:
        with self._lock:
            self._triggers.add(reason)
            self._wake.notify_all()

    def notify_saved(self) -> None:
        """A submission was saved: count it now, push it as soon as the link allows."""
        self.trigger("save")

    def sync_now(self) -> None:
        self.trigger("manual")

    def _sleep(self, seconds: float) -> bool:
        """Wait (interruptible by stop); False when the engine is stopping."""
        with self._lock:
            self._wake.wait_for(lambda: self._stopping, timeout=max(0.0, seconds))
            return not self._stopping

    def _next_trigger(self) -> str | None:
        """Block until something should run; the reason, or None when stopping."""
        with self._lock:
            while not self._stopping:
                now = self.clock()
                eager = self._triggers & _EAGER
                if eager:
                    self._triggers.clear()
                    return sorted(eager)[0]
                due = self._next_due is not None and now >= self._next_due
                if self._triggers and not self._backing_off and now >= self._not_before:
                    reason = sorted(self._triggers)[0]
                    self._triggers.clear()
                    return reason
                if due and now >= self._not_before:
                    reason = sorted(self._triggers)[0] if self._triggers else "timer"
                    self._triggers.clear()
                    return reason
                waits = [t - now for t in (self._next_due, self._not_before) if t is not None and t > now]
                self._wake.wait(timeout=min(waits) if waits else None)
            return None

    def _loop(self) -> None:
        while True:
            reason = self._next_trigger()
            if reason is None:
                return
            try:
                if reason == "save":
                    self.refresh_counts()
                self.run_once(reason)
            except Exception:  # never let the thread die: the next trigger tries again
                log.exception("sync engine loop failed")
                self._schedule(self.backoff.delay())

    # --- one run ------------------------------------------------------------------------------------
    @property
    def client(self) -> ServerClient | None:
        """The HTTP client of the last run (its ``wire`` counters), None before the first."""
        return self._client

    def _client_for(self, device: identity.Identity) -> ServerClient | None:
        url = self.explicit_url or (normalise_server_url(device.server_url) if device.server_url else None)
        if url is None:
            return None
        client = self._client
        if client is None or client.base_url != url or client.device_id != device.device_id:
            if client is not None:
                client.close()
            options = {"timeout": self.timeout} if self.timeout else {}
            client = self._client = ServerClient(url, device.device_key, clock=self.clock, **options)  # type: ignore[arg-type]
        return client

    def run_once(self, reason: str = "manual") -> SyncReport:
        """Sync now, on the calling thread (waits if another run is going). Used by ``tambo sync``."""
        with self._run_lock:
            return self._run(reason)

    def _run(self, reason: str) -> SyncReport:
        status = self.refresh_counts()
        started = datetime.now(UTC)
        if status.connection == "not_enrolled":
            self._schedule(None)
            return SyncReport(
                started_at=started, finished_at=started, error=TamboError(errors.DEVICE_NOT_PROVISIONED)
            )
        device = self.store.read(identity.load_identity)
        client = self._client_for(device)
        if client is None:
            self._publish(
                "status",
                connection="no_server",
                error_code=errors.SYNC_NO_SERVER,
                error_message=errors.message(errors.SYNC_NO_SERVER),
                error_message_en=errors.message(errors.SYNC_NO_SERVER, "en"),
            )
            self._schedule(None)
            return SyncReport(
                started_at=started, finished_at=started, error=TamboError(errors.SYNC_NO_SERVER)
            )
        log.info("sync started (%s)", reason)
        self._publish(
            "status",
            running=True,
            last_attempt_at=started,
            progress=None,
            error_code=None,
            error_message=None,
            error_message_en=None,
        )
        options = {"check": True, **self.run_options}
        run = SyncRun(
            self.store,
            client,
            progress=lambda p: self._publish("progress", progress=p),
            sleep=self._sleep,
            sizer=self.sizer,
            **options,  # type: ignore[arg-type]
        )
        report = run.run()
        self.last_report = report
        self._finished(report)
        return report

    def _finished(self, report: SyncReport) -> None:
        error = report.error
        changes: dict[str, object] = {"running": False, "pending": report.pending_after}
        changes["rejected"] = report.rejected_after
        changes["health_problem"] = health_problem(report.health)
        retry_after: float | None = None
        self._backing_off = error is not None
        if error is None:
            self.backoff.reset()
            changes.update(connection="online", error_code=None, error_message=None, error_message_en=None)
            changes["last_success_at"] = report.finished_at
            self._not_before = 0.0
            self._schedule(self.interval)
        else:
            code = error.code if isinstance(error, TamboError) else errors.SERVER_INTERNAL
            message = error.message() if isinstance(error, TamboError) else str(error)
            english = error.message("en") if isinstance(error, TamboError) else message
            changes.update(error_code=code, error_message=message, error_message_en=english)
            if isinstance(error, TransientError):
                offline = code == errors.SYNC_OFFLINE
                changes["connection"] = "offline" if offline or not report.reached_server else "online"
                retry_after = error.retry_after
                delay = self.backoff.delay(retry_after)
                if retry_after:
                    self._not_before = self.clock() + retry_after
                self._schedule(delay)
            elif isinstance(error, ServerRefusal):
                if code == errors.DEVICE_REVOKED:
                    changes["connection"] = "revoked"
                    self.store.write(
                        lambda db: settings.set_setting(db, settings.REVOKED, True, source="server")
                    )
                    self._schedule(None)
                else:
                    changes["connection"] = "refused"
                    self._schedule(REFUSED_RETRY_SECONDS)
            else:  # the device's own trouble (disk full...): try again later, it may clear
                changes["connection"] = "online" if report.reached_server else "offline"
                self._schedule(self.backoff.delay())
        changes["next_attempt_at"] = (
            datetime.now(UTC) + timedelta(seconds=self._next_due - self.clock()) if self._next_due else None
        )
        self._publish("finished", report=report, progress=None, **changes)
        log.info(
            "sync finished: %s sent, %s rejected, %s pulled, error %s",
            report.sent,
            report.rejected,
            report.pulled_changes,
            changes.get("error_code"),
        )

    def _schedule(self, delay: float | None) -> None:
        with self._lock:
            self._next_due = None if delay is None else self.clock() + delay
            self._wake.notify_all()
