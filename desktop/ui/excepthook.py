"""A global exception hook: an unexpected error is logged and shown, and the app keeps running.

Without it, PySide6 prints the traceback and carries on silently (or, in some builds, aborts); a
clerk at the counter would see nothing or lose the form. With it the clerk reads a Spanish sentence
and the detail goes to the log for the support staff.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.ui.tasks import user_message

log = logging.getLogger("tambo.crash")


class _Bridge(QObject):
    """Carries exceptions raised on other threads to the UI thread before showing them."""

    exception_did_occur = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.exception_did_occur.connect(self.show, Qt.ConnectionType.QueuedConnection)
        self.last_box: QMessageBox | None = None

    @Slot(object)
    def show(self, exc: BaseException) -> None:
        if QApplication.instance() is None:
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("excepthook", "Error inesperado"))
        box.setText(user_message(exc))
        box.setAccessibleName(box.windowTitle())
        box.open()
        self.last_box = box


_bridge: _Bridge | None = None


def handle_exception(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log the traceback and tell the person, instead of letting the process die."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    log.error("unhandled exception", exc_info=(kind, exc, tb))
    if _bridge is not None:
        _bridge.exception_did_occur.emit(exc)


def install() -> _Bridge:
    """Install the hook for the UI thread and for Python threads; returns the bridge (for tests)."""
    global _bridge
    if _bridge is None:
        _bridge = _Bridge()
    sys.excepthook = handle_exception
    threading.excepthook = lambda args: handle_exception(args.exc_type, args.exc_value, args.exc_traceback)  # type: ignore[arg-type]
    return _bridge
