"""Running backend calls off the UI thread, the way Anki's ``CollectionOp``/``QueryOp`` do.

The UI thread never waits on the database: a widget hands a plain callable to :func:`run_op`, which
runs it on the global ``QThreadPool`` and delivers the result (or the exception) back on the UI
thread through a queued signal. A failure that nobody handles becomes a Spanish message box built
from ``TamboError.message()``, so a clerk always reads the same words for the same error code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from shared.errors import TamboError

log = logging.getLogger(__name__)

#: How long an operation may run before a progress dialog appears (short ones never flash one).
PROGRESS_DELAY_MS = 400

_running: set[Op] = set()


def user_message(exc: BaseException) -> str:
    """The sentence to show a person for ``exc``: the stable Spanish message when there is one."""
    if isinstance(exc, TamboError):
        return exc.message()
    return QCoreApplication.translate(
        "tasks", "Ocurrió un error inesperado. Se guardó el detalle en el registro; intente de nuevo."
    )


def show_failure(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A non-blocking warning box (``open()``, not ``exec()``) so tests and timers keep running."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("tasks", "No se pudo completar"))
    box.setText(user_message(exc))
    box.setAccessibleName(box.windowTitle())
    box.open()
    return box


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], op: Op) -> None:
        super().__init__()
        self.fn, self.op = fn, op

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:
            if not isinstance(exc, TamboError):
                log.exception("background operation failed")
            self.op.op_did_fail.emit(exc)
        else:
            self.op.op_did_succeed.emit(result)


class Op(QObject):
    """One background call in flight; lives on the UI thread, so its slots run there."""

    op_did_succeed = Signal(object)
    op_did_fail = Signal(object)
    op_did_finish = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        progress_label: str | None,
    ) -> None:
        super().__init__()
        self.parent_widget = parent
        self.on_success, self.on_failure = on_success, on_failure
        self.progress: QProgressDialog | None = None
        self.done = False
        self.op_did_succeed.connect(self._succeeded)
        self.op_did_fail.connect(self._failed)
        if progress_label:
            QTimer.singleShot(PROGRESS_DELAY_MS, lambda: self._show_progress(progress_label))

    def _show_progress(self, label: str) -> None:
        if self.done:
            return
        self.progress = QProgressDialog(label, "", 0, 0, self.parent_widget)
        self.progress.setCancelButton(None)
        self.progress.setWindowTitle(QCoreApplication.translate("tasks", "Trabajando…"))
        self.progress.setMinimumDuration(0)
        self.progress.show()

    def _finish(self) -> None:
        self.done = True
        if self.progress is not None:
            self.progress.close()
        _running.discard(self)
        self.op_did_finish.emit()

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        self._finish()
        if self.on_success is not None:
            self.on_success(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if self.on_failure is not None:
            self.on_failure(exc)
        else:
            show_failure(self.parent_widget, exc)


def run_op(
    parent: QWidget | None,
    fn: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    progress_label: str | None = None,
) -> Op:
    """Run ``fn()`` on the thread pool; call ``on_success(result)`` or ``on_failure(exc)`` on the UI thread.

    Without ``on_failure`` the error is shown in a message box. ``progress_label`` shows a busy
    dialog when the call takes longer than :data:`PROGRESS_DELAY_MS`.
    """
    op = Op(parent, on_success, on_failure, progress_label)
    _running.add(op)
    QThreadPool.globalInstance().start(_Runnable(fn, op))
    return op


def ops_in_flight() -> int:
    """How many operations have not yet delivered their result (tests wait for zero)."""
    return len(_running)
