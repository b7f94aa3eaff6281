"""The sync engine behind the kiosk: started once the store is open, told of every save, stopped on exit.

A kiosk shows no sync panel (citizens have nothing to do with it; staff use the clerk app or ``tambo
sync``), but it needs the engine as much as the counter does: what citizens file and the survey must
leave, and the statuses and messages the status lookup shows must come down. After a sync that
brought changes, the kiosk re-reads its catalog and device facts for the next citizen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from desktop.sync.progress import SyncReport
from desktop.sync.service import SyncService
from desktop.ui.kiosk.window import KioskWindow
from desktop.ui.sync.bridge import SyncBridge

log = logging.getLogger(__name__)


class KioskSync(QObject):
    """``service_factory(backend)`` makes the :class:`SyncService` (tests pass engine options)."""

    def __init__(
        self,
        window: KioskWindow,
        server_url: str | None = None,
        service_factory: Callable[[Any], SyncService] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.factory = service_factory or (lambda backend: SyncService(backend, server_url))
        self.service: SyncService | None = None
        self.bridge: SyncBridge | None = None
        window.kiosk_did_become_ready.connect(self.start)
        window.submission_did_save.connect(self._saved)

    def start(self) -> None:
        """The store is open (at start-up, or after staff unlocked it): the first sync begins now."""
        backend = self.window.context.backend
        if self.service is not None or backend is None:
            return
        self.service = self.factory(backend)
        self.bridge = SyncBridge(self.service, self)
        self.bridge.sync_did_finish.connect(self._finished)
        self.service.start()
        log.info("kiosk sync started")

    def _saved(self, _detail: object) -> None:
        if self.service is not None:
            self.service.notify_saved()

    def _finished(self, report: SyncReport | None) -> None:
        if report is not None and report.pulled_changes:
            self.window.refresh_from_store()

    def stop(self) -> None:
        if self.bridge is not None:
            self.bridge.detach()
        if self.service is not None:
            self.service.stop()
