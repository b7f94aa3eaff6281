"""Application start-up: the QApplication, the exception hook, unlocking the store, the clerk window."""

from __future__ import annotations

import getpass
import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from desktop.i18n import install_for_app
from desktop.ops.home import data_home
from desktop.ui import excepthook
from desktop.ui.clerk_window import ClerkWindow
from desktop.ui.sync import start_sync
from desktop.ui.tasks import run_op
from desktop.ui.unlock_dialog import UnlockDialog
from shared.errors import TamboError

__all__ = ["clerk_name", "data_home", "open_backend", "run_app", "store_exists"]
log = logging.getLogger(__name__)
EXIT_LOCKED = 4


def clerk_name() -> str:
    """Who receives the filings at this session (printed on the receipt)."""
    return os.environ.get("TAMBO_CLERK") or getpass.getuser()


def store_exists(home: Path) -> bool:
    from desktop.ops.backend import store_exists as exists

    return exists(home)


def open_backend(home: Path, passphrase: str) -> Any:
    """The real backend over the encrypted store in ``home`` (created on first use)."""
    from desktop.ops.backend import LocalBackend

    return LocalBackend.open(home, passphrase)


def open_unattended(home: Path) -> Any | None:
    """The backend through the OS keystore slot (an unattended kiosk), or None to ask the passphrase."""
    from desktop.ops.backend import LocalBackend, has_keyring_slot
    from desktop.store.os_keyring import keyring_available

    if not (has_keyring_slot(home) and keyring_available()):
        return None
    try:
        return LocalBackend.open_with_keyring(home)
    except TamboError as exc:
        log.warning("the OS keystore did not open the store: %s", exc.code)
        return None


def show_not_provisioned(window: ClerkWindow, backend: Any) -> None:
    """A permanent notice while the device has no institution: saving is refused until it has one."""

    def shown(info: Any) -> None:
        if info.provisioned:
            return
        notice = QLabel(
            window.tr(
                "⚠ Equipo sin registrar: no se pueden guardar solicitudes. Regístrelo con «tambo enroll»."
            )
        )
        notice.setAccessibleName(notice.text())
        window.statusBar().addPermanentWidget(notice)

    run_op(window, backend.device_info, shown)


def run_app(server_url: str | None, *, self_test: bool = False) -> int:
    """The clerk window until it closes. ``self_test`` (``tambo --self-test``, for installers and their
    smoke tests) quits as soon as the window is up, printing its title, and never prompts."""
    logging.basicConfig(level=logging.INFO)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Tambo")
    app.setOrganizationName("Tambo")
    excepthook.install()
    lang = install_for_app()  # TAMBO_LANG: es (default), qu or en
    home = data_home()
    passphrase = os.environ.get("TAMBO_PASSPHRASE")
    backend = None
    if passphrase:
        try:
            backend = open_backend(home, passphrase)
        except TamboError as exc:
            print(f"tambo: {exc.message()}", file=sys.stderr)
            if not self_test:
                QMessageBox.critical(None, "Tambo", exc.message())
            return EXIT_LOCKED
    else:
        backend = open_unattended(home)
    if backend is None and self_test:
        print("Autoprueba: falta la clave (TAMBO_PASSPHRASE) para abrir los datos.", file=sys.stderr)
        return EXIT_LOCKED
    if backend is None:
        dialog = UnlockDialog(lambda secret: open_backend(home, secret), first_use=not store_exists(home))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 1
        backend = dialog.backend
    window = ClerkWindow(backend, clerk_name(), lang=lang, server_url=server_url)
    show_not_provisioned(window, backend)
    sync = None if self_test else start_sync(window, backend, server_url)  # first sync starts now
    window.show()
    if self_test:
        QTimer.singleShot(
            0, lambda: (print(f"{window.windowTitle()}: ventana lista", flush=True), app.quit())
        )
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)  # a last draft save still on its way
        if sync is not None:
            sync.stop()
        backend.close()
