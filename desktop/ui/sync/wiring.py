"""Putting sync on the clerk window: the indicator, a "Sincronización" menu, saves that trigger a sync,
and the list and the chooser refreshed when a sync brought something down."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from desktop.sync.progress import SyncReport
from desktop.sync.service import SyncService
from desktop.ui.sync.bridge import SyncBridge
from desktop.ui.sync.enroll_dialog import EnrollDialog
from desktop.ui.sync.indicator import SyncIndicator
from desktop.ui.sync.panel import SyncPanel
from desktop.ui.tasks import run_op

# The indicator's "hoy 14:32" is redrawn this often, so it turns into "ayer" on its own.
REDRAW_MS = 60_000


@dataclass
class SyncUi:
    """What ``attach_sync`` added to a window (tests drive these)."""

    service: SyncService
    bridge: SyncBridge
    indicator: SyncIndicator
    panel: SyncPanel
    timer: QTimer
    enroll_dialog: EnrollDialog | None = None

    def open_panel(self) -> SyncPanel:
        self.panel.show_status(self.service.status())
        self.panel.reload_problems()
        self.panel.show()
        self.panel.raise_()
        return self.panel

    def open_enrollment(self) -> EnrollDialog:
        status = self.service.status()
        dialog = EnrollDialog(self.service, status.server_url, self.panel.parentWidget())
        dialog.device_was_enrolled.connect(
            lambda _info: self.bridge.status_did_change.emit(self.service.status())
        )
        self.enroll_dialog = dialog
        dialog.open()
        return dialog

    def stop(self) -> None:
        self.timer.stop()
        self.bridge.detach()
        self.service.stop()


def attach_sync(window: QMainWindow, service: SyncService) -> SyncUi:
    bridge = SyncBridge(service, window)
    indicator = SyncIndicator()
    window.statusBar().addPermanentWidget(indicator)
    panel = SyncPanel(service, window)
    timer = QTimer(window)
    timer.setInterval(REDRAW_MS)
    ui = SyncUi(service, bridge, indicator, panel, timer)

    bridge.status_did_change.connect(indicator.show_status)
    bridge.status_did_change.connect(panel.show_status)
    bridge.progress_did_change.connect(panel.show_progress)
    bridge.sync_did_finish.connect(lambda report: _after_sync(window, ui, report))
    indicator.panel_was_requested.connect(ui.open_panel)
    panel.enroll_was_requested.connect(ui.open_enrollment)
    timer.timeout.connect(lambda: indicator.show_status(service.status()))
    timer.start()

    menu = window.menuBar().addMenu(QCoreApplication.translate("sync", "&Sincronización"))
    sync_now = QAction(QCoreApplication.translate("sync", "Sincronizar &ahora"), window)
    sync_now.setShortcut(QKeySequence("F5"))
    sync_now.triggered.connect(service.sync_now)
    show_panel = QAction(QCoreApplication.translate("sync", "&Ver sincronización…"), window)
    show_panel.triggered.connect(ui.open_panel)
    enroll = QAction(QCoreApplication.translate("sync", "&Registrar equipo…"), window)
    enroll.triggered.connect(ui.open_enrollment)
    menu.addActions([sync_now, show_panel, enroll])

    saved = getattr(window, "submissions_did_change", None)
    if saved is not None:
        saved.connect(service.notify_saved)
    run_op(window, service.refresh, indicator.show_status, lambda _exc: None)
    return ui


def _after_sync(window: QObject, ui: SyncUi, report: SyncReport | None) -> None:
    """Show what came down: sync states and statuses in the list, new catalog versions in the chooser."""
    if ui.panel.isVisible():
        ui.panel.reload_problems()
    if report is None or not (report.sent or report.rejected or report.pulled_changes):
        return
    list_view = getattr(window, "list_view", None)
    if list_view is not None:
        list_view.refresh()
    chooser = getattr(window, "chooser", None)
    backend = getattr(window, "backend", None)
    if report.pulled_changes and chooser is not None and backend is not None:
        run_op(window, lambda: backend.services("counter"), chooser.set_services, lambda _exc: None)


def start_sync(window: QMainWindow, backend, server_url: str | None) -> SyncUi:  # type: ignore[no-untyped-def]
    """The engine for this window's store, attached and started (its first run begins now)."""
    ui = attach_sync(window, SyncService(backend, server_url))
    ui.service.start()
    return ui
