"""What the windows (clerk, kiosk) ask of sync: the engine's status, "sync now", the items with
problems, and enrolling the device from the settings screen.

Every method may block on the store or the network, so widgets call them through ``run_op`` (off the
UI thread) and learn of changes through :meth:`SyncService.subscribe` (events arrive on the engine's
thread; ``desktop.ui.sync_bridge`` re-posts them to the UI thread).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.ops.api import DeviceInfo
from desktop.ops.backend import LocalBackend
from desktop.store import syncing
from desktop.store.syncing import ProblemItem
from desktop.sync.client import normalise_server_url
from desktop.sync.engine import SyncEngine, SyncEvent, SyncStatus
from desktop.sync.enrollment import enroll_with_code


class SyncService:
    def __init__(self, backend: LocalBackend, server_url: str | None = None, **engine_options: Any) -> None:
        self.backend = backend
        self.engine = SyncEngine(backend.store, server_url=server_url, **engine_options)

    def start(self) -> None:
        """Start the engine's thread; its first run begins at once (the "start" trigger)."""
        self.engine.start()

    def stop(self, timeout: float = 5.0) -> None:
        self.engine.stop(timeout)

    def status(self) -> SyncStatus:
        return self.engine.status()

    def subscribe(self, listener: Callable[[SyncEvent], None]) -> Callable[[], None]:
        return self.engine.subscribe(listener)

    def sync_now(self) -> None:
        self.engine.sync_now()

    def notify_saved(self) -> None:
        self.engine.notify_saved()

    def problems(self, limit: int = 200) -> list[ProblemItem]:
        """Rejected items and items that keep failing, newest first, with the reason in Spanish."""
        return self.backend.store.read(lambda db: syncing.problem_items(db, limit))

    def refresh(self) -> SyncStatus:
        return self.engine.refresh_counts()

    def enroll_with_code(
        self, server_url: str, code: str, device_name: str | None = None, office: str | None = None
    ) -> DeviceInfo:
        """Register with ``code`` at ``server_url`` (needs the network), then sync at once."""
        enroll_with_code(self.backend, server_url, code, device_name=device_name or None)
        self.engine.explicit_url = normalise_server_url(server_url)
        return self._enrolled(office)

    def enroll_with_ticket(self, path: Path, office: str | None = None) -> DeviceInfo:
        """Provision from an enrollment file (offline); the first sync registers the device."""
        self.backend.enroll(path)
        return self._enrolled(office)

    def _enrolled(self, office: str | None) -> DeviceInfo:
        if office:
            self.backend.set_office(office)
        self.engine.refresh_counts()
        self.engine.trigger("enrolled")
        return self.backend.device_info()
