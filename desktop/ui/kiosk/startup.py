"""``tambo --kiosk``: the kiosk from boot, unattended where the store allows it, with its sync engine.

The store opens through its OS-keystore slot when it has one (``desktop.ui.app.open_unattended``), so a
kiosk that reboots after a power cut comes back by itself; otherwise the kiosk window starts on the
staff unlock screen, asks the staff passphrase once, and serves citizens until the next boot.
``TAMBO_PASSPHRASE`` also works, as for the clerk (development and demos).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop.ui import excepthook
from desktop.ui.kiosk.settings import KioskSettings
from desktop.ui.kiosk.syncing import KioskSync
from desktop.ui.kiosk.window import KioskWindow
from shared.errors import TamboError

log = logging.getLogger(__name__)


def kiosk_window(home: Path, settings: KioskSettings, passphrase: str | None = None) -> KioskWindow:
    """The kiosk on the store in ``home``: open at once (``passphrase``, else the OS keystore slot), or
    starting on the staff unlock screen."""
    from desktop.ui.app import open_backend, open_unattended, store_exists

    backend = None
    if passphrase:
        try:
            backend = open_backend(home, passphrase)
        except TamboError as exc:  # a wrong TAMBO_PASSPHRASE: the staff unlocks on screen instead
            log.warning("TAMBO_PASSPHRASE did not open the store: %s", exc.code)
    if backend is None:
        backend = open_unattended(home)
    if backend is not None:
        return KioskWindow(backend, settings)
    return KioskWindow(
        None, settings, opener=lambda secret: open_backend(home, secret), first_use=not store_exists(home)
    )


def run_kiosk(server_url: str | None = None, settings: KioskSettings | None = None) -> int:
    """Open the kiosk full screen, without window chrome; returns when the staff leaves kiosk mode."""
    from desktop.ui.app import data_home

    logging.basicConfig(level=logging.INFO)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Tambo")
    app.setOrganizationName("Tambo")
    app.setStyle("Fusion")
    excepthook.install()
    window = kiosk_window(
        data_home(), settings or KioskSettings.from_env(), os.environ.get("TAMBO_PASSPHRASE")
    )
    sync = KioskSync(window, server_url)  # starts when the store is open
    window.setWindowFlags(window.windowFlags() | Qt.WindowType.FramelessWindowHint)
    window.showFullScreen()
    window.kiosk_did_exit.connect(app.quit)
    try:
        return app.exec()
    finally:
        sync.stop()
        QThreadPool.globalInstance().waitForDone(10_000)  # a save or lookup still on its way
        if window.context.backend is not None:
            window.context.backend.close()
