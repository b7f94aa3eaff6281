"""Start-up of ``tambo --coordinator``: the same unlocking as the clerk window, then the coordinator's."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.bundles.coordinator import CoordinatorService
from desktop.i18n import install_for_app
from desktop.ui import excepthook
from desktop.ui.app import EXIT_LOCKED, data_home, open_backend, open_unattended, store_exists
from desktop.ui.coordinator_window import CoordinatorWindow
from desktop.ui.unlock_dialog import UnlockDialog
from shared.errors import TamboError


def run_coordinator(server_url: str | None, *, self_test: bool = False) -> int:
    """The coordinator window until it closes (``self_test``: quit once it is up, never prompt)."""
    logging.basicConfig(level=logging.INFO)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Tambo")
    excepthook.install()
    install_for_app()
    home = data_home()
    passphrase = os.environ.get("TAMBO_PASSPHRASE")
    try:
        backend = open_backend(home, passphrase) if passphrase else open_unattended(home)
    except TamboError as exc:
        print(f"tambo: {exc.message()}", file=sys.stderr)
        if not self_test:
            QMessageBox.critical(None, "Tambo", exc.message())
        return EXIT_LOCKED
    if backend is None:
        if self_test:
            print("Autoprueba: falta la clave (TAMBO_PASSPHRASE) para abrir los datos.", file=sys.stderr)
            return EXIT_LOCKED
        dialog = UnlockDialog(lambda secret: open_backend(home, secret), first_use=not store_exists(home))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 1
        backend = dialog.backend
    window = CoordinatorWindow(CoordinatorService(backend, server_url))
    window.show()
    if self_test:
        QTimer.singleShot(
            0, lambda: (print(f"{window.windowTitle()}: ventana lista", flush=True), app.quit())
        )
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(30_000)  # a forward or an export still on its way
        backend.close()
