"""``tambo --kiosk`` as it starts on a kiosk PC: full screen without window chrome, on the welcome
screen, the store open without anyone typing; and the kiosk settings read from the environment, where
a mistyped value is named in the log and never stops the kiosk."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.kiosk import KioskSettings, startup
from desktop.ui.kiosk.staff_pin import PinStore
from tests.desktop.test_kiosk_support import KIOSK_PIN, settle
from tests.desktop.test_store_support import PASSPHRASE
from tests.desktop.test_ui_support import make_backend


@pytest.fixture
def kiosk_home(tmp_path: Path) -> Path:
    """An enrolled store with a staff PIN, as staff leave a kiosk PC; ``tambo`` opens it from disk."""
    backend = make_backend(tmp_path)
    PinStore(backend).save(KIOSK_PIN)
    backend.close()
    return tmp_path / "tambo-home"


def test_tambo_kiosk_opens_full_screen_without_chrome_on_the_welcome_screen(
    qtbot, kiosk_home, monkeypatch, tmp_path
):
    monkeypatch.setenv("TAMBO_HOME", str(kiosk_home))
    monkeypatch.setenv("TAMBO_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("TAMBO_KIOSK_PRINTER", "none")
    monkeypatch.setenv("TAMBO_KIOSK_MEDIA", "none")
    monkeypatch.setattr(startup.excepthook, "install", lambda: None)
    opened = []
    real_window = startup.kiosk_window

    def recording_window(*args, **kwargs):
        window = real_window(*args, **kwargs)
        opened.append(window)
        qtbot.addWidget(window, before_close_func=lambda kiosk: setattr(kiosk, "exit_allowed", True))
        return window

    def event_loop(*_args) -> int:
        """What the event loop shows the person in front of the kiosk, then staff leave by the menu."""
        (window,) = opened
        qtbot.waitUntil(lambda: window.ready, timeout=20_000)
        settle(qtbot)
        assert window.isFullScreen()
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.stack.currentWidget() is window.welcome
        assert window.context.backend.store.unlocked_by == "passphrase-1"
        assert not window.close()  # Alt+F4 does nothing
        with qtbot.waitSignal(window.kiosk_did_exit, timeout=20_000):
            window.exit_kiosk()  # what "Salir del modo quiosco" does after the PIN
        return 0

    monkeypatch.setattr(startup, "kiosk_window", recording_window)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert startup.run_kiosk() == 0
    (window,) = opened
    assert window.context.backend.store.closed  # closed when the event loop ended
    assert not window.isVisible()


def test_kiosk_settings_come_from_the_environment():
    settings = KioskSettings.from_env(
        {
            "TAMBO_KIOSK_LANG": "qu",
            "TAMBO_KIOSK_IDLE_SECONDS": "45",
            "TAMBO_KIOSK_COUNTDOWN_SECONDS": "15",
            "TAMBO_KIOSK_PRINTER": "pdf:/srv/cargos",
            "TAMBO_KIOSK_MEDIA": "/media/usb:/mnt/usb",
            "TAMBO_KIOSK_NAME": "Hall principal",
        }
    )
    assert settings == KioskSettings(
        default_lang="qu",
        idle_seconds=45.0,
        countdown_seconds=15,
        printer="pdf:/srv/cargos",
        media_roots=(Path("/media/usb"), Path("/mnt/usb")),
        kiosk_name="Hall principal",
    )
    assert KioskSettings.from_env({"TAMBO_KIOSK_MEDIA": "none"}).roots() == ()
    assert KioskSettings.from_env({}) == KioskSettings()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TAMBO_KIOSK_LANG", "fr"),
        ("TAMBO_KIOSK_IDLE_SECONDS", "noventa"),
        ("TAMBO_KIOSK_IDLE_SECONDS", "-5"),
        ("TAMBO_KIOSK_COUNTDOWN_SECONDS", "0"),
        ("TAMBO_KIOSK_COUNTDOWN_SECONDS", "nan"),
    ],
)
def test_a_mistyped_kiosk_setting_is_named_in_the_log_and_the_default_used(caplog, name, value):
    with caplog.at_level(logging.WARNING, logger="desktop.ui.kiosk.settings"):
        settings = KioskSettings.from_env({name: value})
    assert settings == KioskSettings()
    assert name in caplog.text
    assert value in caplog.text
