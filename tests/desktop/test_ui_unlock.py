"""The passphrase prompt: first-use checks, a wrong passphrase told in Spanish, success."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.ui.tasks import run_op
from desktop.ui.unlock_dialog import UnlockDialog
from shared import errors
from shared.errors import TamboError


def opener(passphrase: str) -> str:
    if passphrase != "clave-correcta":
        raise TamboError(errors.CRYPTO_WRONG_PASSPHRASE)
    return "backend"


def test_first_use_requires_a_long_confirmed_passphrase(qtbot):
    dialog = UnlockDialog(opener, first_use=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "corta")
    dialog.try_open()
    assert "al menos 8" in dialog.error.text()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "clave-correcta")
    qtbot.keyClicks(dialog.confirm, "clave-distinta")
    dialog.try_open()
    assert "no coinciden" in dialog.error.text()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "clave-correcta")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_open()
    assert dialog.backend == "backend"


def test_wrong_passphrase_shows_the_stable_message_and_allows_retry(qtbot):
    dialog = UnlockDialog(opener, first_use=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "otra-clave")
    dialog.try_open()
    qtbot.waitUntil(dialog.isEnabled)
    assert dialog.error.text() == "⚠ " + errors.message(errors.CRYPTO_WRONG_PASSPHRASE)
    assert not dialog.confirm.isVisible()
    assert dialog.backend is None


def test_slow_operation_shows_progress_then_closes_it(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    done: list[int] = []
    op = run_op(parent, lambda: release.wait(5) and 7, done.append, progress_label="Guardando…")
    qtbot.waitUntil(lambda: op.progress is not None and op.progress.isVisible())
    assert op.progress.labelText() == "Guardando…"
    release.set()
    qtbot.waitUntil(lambda: done == [7])
    assert not op.progress.isVisible()
    assert isinstance(op.progress, QProgressDialog)
