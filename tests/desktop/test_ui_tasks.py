"""Background operations deliver on the UI thread; failures become Spanish messages, never crashes."""

from __future__ import annotations

import sys
import threading

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.ui import excepthook
from desktop.ui.tasks import ops_in_flight, run_op, user_message
from shared import errors
from shared.errors import TamboError


def test_success_arrives_on_the_ui_thread_with_the_result(qtbot):
    ui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"], seen["callback"] = value, threading.get_ident()

    run_op(None, work, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["worker"] != ui_thread  # ran off the UI thread
    assert seen["callback"] == ui_thread  # delivered back on it
    assert ops_in_flight() == 0


def test_failure_goes_to_the_handler_with_the_exception(qtbot):
    failures: list[BaseException] = []

    def work() -> None:
        raise TamboError(errors.STORAGE_DISK_FULL)

    run_op(None, work, lambda _v: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert failures[0].code == errors.STORAGE_DISK_FULL


def test_unhandled_failure_shows_the_spanish_message(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def work() -> None:
        raise TamboError(errors.CRYPTO_WRONG_PASSPHRASE)

    run_op(parent, work)
    qtbot.waitUntil(lambda: bool(parent.findChildren(QMessageBox)))
    box = parent.findChildren(QMessageBox)[0]
    assert box.text() == errors.message(errors.CRYPTO_WRONG_PASSPHRASE, "es")
    assert box.isVisible()


def test_unexpected_errors_get_a_generic_message_not_a_traceback():
    message = user_message(ZeroDivisionError("division by zero"))
    assert "inesperado" in message
    assert "division" not in message


def test_exception_hook_logs_and_shows_a_dialog(qtbot, caplog):
    bridge = excepthook.install()
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        qtbot.waitUntil(lambda: bridge.last_box is not None and bridge.last_box.isVisible())
        assert "inesperado" in bridge.last_box.text()
        assert any("unhandled exception" in r.message for r in caplog.records)
        assert QApplication.instance() is not None  # still running
    finally:
        bridge.last_box.close() if bridge.last_box else None
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__
