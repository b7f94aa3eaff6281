"""``tambo`` with a display: how start-up unlocks the store (passphrase, OS keystore, dialog)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop.ui import app as app_module
from desktop.ui.clerk_window import ClerkWindow
from desktop.ui.tasks import ops_in_flight
from shared import errors
from tests.desktop.test_store_support import (
    PASSPHRASE,
    institution,  # noqa: F401 - fixture
    memory_keyring,  # noqa: F401 - fixture
    open_backend,
)


@pytest.fixture
def started(monkeypatch, qtbot):
    """Run ``run_app`` without entering the event loop; collect the windows it opened."""
    windows: list[ClerkWindow] = []

    class RecordingWindow(ClerkWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            windows.append(self)

    monkeypatch.setattr(app_module, "ClerkWindow", RecordingWindow)
    monkeypatch.setattr(app_module.excepthook, "install", lambda: None)
    monkeypatch.setattr(
        QApplication, "exec", lambda *_args: qtbot.waitUntil(lambda: ops_in_flight() == 0) or 0
    )
    yield windows
    for window in windows:
        window.close()
        window.deleteLater()


def test_tambo_passphrase_opens_the_store_and_warns_while_not_enrolled(started, tmp_path, monkeypatch):
    home = tmp_path / "home"
    open_backend(home).close()
    monkeypatch.setenv("TAMBO_HOME", str(home))
    monkeypatch.setenv("TAMBO_PASSPHRASE", PASSPHRASE)
    assert app_module.run_app(None) == 0
    (window,) = started
    notices = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert any("Equipo sin registrar" in text for text in notices)
    assert window.backend.store.closed  # closed when the event loop ended


def test_an_enrolled_device_shows_no_warning(started, tmp_path, monkeypatch, institution):  # noqa: F811
    home = tmp_path / "home"
    open_backend(home, institution).close()
    monkeypatch.setenv("TAMBO_HOME", str(home))
    monkeypatch.setenv("TAMBO_PASSPHRASE", PASSPHRASE)
    assert app_module.run_app(None) == 0
    (window,) = started
    assert not any("sin registrar" in label.text() for label in window.statusBar().findChildren(QLabel))


def test_a_wrong_tambo_passphrase_is_told_and_no_window_opens(started, tmp_path, monkeypatch):
    home = tmp_path / "home"
    open_backend(home).close()
    monkeypatch.setenv("TAMBO_HOME", str(home))
    monkeypatch.setenv("TAMBO_PASSPHRASE", "no-es-la-clave")
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    assert app_module.run_app(None) == app_module.EXIT_LOCKED
    assert shown == [errors.message(errors.CRYPTO_WRONG_PASSPHRASE)]
    assert started == []


def test_an_unattended_kiosk_opens_through_the_os_keystore(started, tmp_path, monkeypatch, memory_keyring):  # noqa: F811
    home = tmp_path / "home"
    backend = open_backend(home)
    backend.add_keyring_slot()
    backend.close()
    monkeypatch.setenv("TAMBO_HOME", str(home))
    monkeypatch.delenv("TAMBO_PASSPHRASE", raising=False)
    assert app_module.run_app(None) == 0
    (window,) = started
    assert window.backend.store.unlocked_by == "keyring-1"


def test_without_a_usable_keystore_the_unlock_dialog_asks(started, tmp_path, monkeypatch, memory_keyring):  # noqa: F811
    home = tmp_path / "home"
    backend = open_backend(home)
    backend.add_keyring_slot()
    backend.close()
    memory_keyring.secrets.clear()  # the keystore forgot Tambo's secret
    asked: list[bool] = []

    class AnsweringDialog(app_module.UnlockDialog):
        def exec(self) -> int:
            asked.append(self.first_use)
            self.backend = self.opener(PASSPHRASE)
            return int(self.DialogCode.Accepted)

    monkeypatch.setattr(app_module, "UnlockDialog", AnsweringDialog)
    monkeypatch.setenv("TAMBO_HOME", str(home))
    monkeypatch.delenv("TAMBO_PASSPHRASE", raising=False)
    assert app_module.run_app(None) == 0
    assert asked == [False]
    assert started[0].backend.store.unlocked_by == "passphrase-1"


def test_first_use_asks_for_a_new_passphrase_and_creates_the_store(started, tmp_path, monkeypatch):
    home = tmp_path / "nuevo"
    asked: list[bool] = []

    class AnsweringDialog(app_module.UnlockDialog):
        def exec(self) -> int:
            asked.append(self.first_use)
            self.backend = self.opener("clave-nueva-del-equipo")
            return int(self.DialogCode.Accepted)

    monkeypatch.setattr(app_module, "UnlockDialog", AnsweringDialog)
    monkeypatch.setenv("TAMBO_HOME", str(home))
    monkeypatch.delenv("TAMBO_PASSPHRASE", raising=False)
    assert app_module.run_app(None) == 0
    assert asked == [True]
    assert app_module.store_exists(home)
    again = app_module.open_backend(home, "clave-nueva-del-equipo")  # the passphrase chosen opens it
    assert again.device_info().device_id.startswith("dev_")
    again.close()
