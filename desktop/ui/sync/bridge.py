"""Engine events, which arrive on the sync thread, re-posted as Qt signals on the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.sync.engine import SyncEvent


class SyncBridge(QObject):
    """Lives on the UI thread; a signal emitted from another thread reaches its slots there (queued)."""

    status_did_change = Signal(object)  # SyncStatus
    progress_did_change = Signal(object)  # Progress
    sync_did_finish = Signal(object)  # SyncReport

    def __init__(self, service, parent: QObject | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.service = service
        self._unsubscribe = service.subscribe(self._on_event)

    def _on_event(self, event: SyncEvent) -> None:
        if event.kind == "progress" and event.progress is not None:
            self.progress_did_change.emit(event.progress)
        self.status_did_change.emit(event.status)
        if event.kind == "finished":
            self.sync_did_finish.emit(event.report)

    def detach(self) -> None:
        self._unsubscribe()
