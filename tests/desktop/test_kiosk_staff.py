"""The staff side of the kiosk: unlocking after boot, the PIN (set once, checked, rate-limited,
changed), leaving kiosk mode only with it, and the unattended start through the OS keystore."""

from __future__ import annotations

import pytest

from desktop.ui.kiosk import KioskSettings
from desktop.ui.kiosk.staff_pin import PinStore, hash_pin, verify_pin
from desktop.ui.kiosk.staff_screens import PinScreen, StaffMenuScreen, UnlockScreen
from desktop.ui.kiosk.startup import kiosk_window
from tests.desktop.test_kiosk_support import (
    KIOSK_PIN,
    kiosk_backend,
    open_kiosk,
    settle,
    show_kiosk,
    touch,
    type_on_screen,
)
from tests.desktop.test_store_support import PASSPHRASE, memory_keyring, no_keyring  # noqa: F401 - fixtures

backend = pytest.fixture(kiosk_backend, name="backend")


def enter_pin(qtbot, window, screen: PinScreen, pin: str, confirm: str | None = None) -> None:
    touch(qtbot, screen.pin)
    type_on_screen(qtbot, window, pin)
    if confirm is not None:
        touch(qtbot, screen.confirm)
        type_on_screen(qtbot, window, confirm)
    touch(qtbot, screen.ok_button)
    settle(qtbot)


def test_the_pin_hash_is_argon2id_and_checks_only_the_right_pin():
    hashed = hash_pin("2468")
    assert hashed.startswith("$argon2id$")
    assert "2468" not in hashed
    assert verify_pin(hashed, "2468")
    assert not verify_pin(hashed, "2469")
    assert not verify_pin(None, "2468")
    assert not verify_pin("not a hash", "2468")
    with pytest.raises(ValueError, match="4 to 8 digits"):
        hash_pin("12a4")


def test_first_start_asks_staff_for_a_pin_then_it_guards_the_exit(qtbot, backend):
    window = kiosk_window_without_pin(qtbot, backend)
    screen = window.current_screen()
    assert isinstance(screen, PinScreen)
    assert screen.mode == "set"
    assert not screen.cancel_button.isVisible()  # a kiosk cannot serve citizens without a PIN
    assert not window.staff_button.isVisible()

    enter_pin(qtbot, window, screen, "12", "12")
    assert "de 4 a 8 dígitos" in screen.error.text()
    enter_pin(qtbot, window, screen, "2468", "2469")
    assert "no coinciden" in screen.error.text()
    enter_pin(qtbot, window, screen, KIOSK_PIN, KIOSK_PIN)
    assert window.stack.currentWidget() is window.welcome
    assert backend.kiosk_pin_hash().startswith("$argon2id$")  # kept in the encrypted store

    # Alt+F4 and the like do nothing
    assert not window.close()
    assert window.isVisible()

    # a wrong PIN, then the lock-out after repeated tries
    window.pin_limiter.free, window.pin_limiter.lockout_seconds = 2, 30
    touch(qtbot, window.staff_button)
    screen = window.current_screen()
    assert isinstance(screen, PinScreen)
    assert screen.mode == "check"
    enter_pin(qtbot, window, screen, "1111")
    assert "PIN incorrecto" in screen.error.text()
    enter_pin(qtbot, window, screen, "2222")
    enter_pin(qtbot, window, screen, KIOSK_PIN)
    assert "Demasiados intentos" in screen.error.text()  # even the right one must wait
    assert isinstance(window.current_screen(), PinScreen)

    # once the wait is over: the staff menu, a new PIN, and out
    window.pin_limiter.locked_until = 0
    enter_pin(qtbot, window, screen, KIOSK_PIN)
    menu = window.current_screen()
    assert isinstance(menu, StaffMenuScreen)
    touch(qtbot, menu.change_button)
    screen = window.current_screen()
    enter_pin(qtbot, window, screen, "97531", "97531")
    assert isinstance(window.current_screen(), StaffMenuScreen)
    assert PinStore(backend).check("97531")
    assert not PinStore(backend).check(KIOSK_PIN)
    with qtbot.waitSignal(window.kiosk_did_exit, timeout=20_000):
        touch(qtbot, window.current_screen().exit_button)
    assert not window.isVisible()


def test_cancelling_the_pin_returns_to_the_welcome_screen(qtbot, backend):
    window = open_kiosk(qtbot, backend)
    touch(qtbot, window.staff_button)
    screen = window.current_screen()
    touch(qtbot, screen.cancel_button)
    assert window.stack.currentWidget() is window.welcome
    assert window.staff == []


def kiosk_window_without_pin(qtbot, backend):
    from desktop.ui.kiosk import KioskWindow

    window = KioskWindow(backend, KioskSettings(printer="none"))
    show_kiosk(qtbot, window)
    qtbot.waitUntil(lambda: window.ready, timeout=20_000)
    settle(qtbot)
    return window


def test_without_a_keystore_slot_staff_unlock_once_on_screen(qtbot, tmp_path, no_keyring):  # noqa: F811
    from tests.desktop.test_ui_support import make_backend

    home_backend = make_backend(tmp_path)
    PinStore(home_backend).save(KIOSK_PIN)
    home_backend.close()
    window = kiosk_window(tmp_path / "tambo-home", KioskSettings(printer="none"))
    show_kiosk(qtbot, window)
    screen = window.current_screen()
    assert isinstance(screen, UnlockScreen)
    assert not screen.first_use
    touch(qtbot, screen.secret)
    assert window.dock.currentWidget() is window.dock.keyboard  # the kiosk may have no keyboard
    type_on_screen(qtbot, window, "equivocada")
    touch(qtbot, screen.open_button)
    settle(qtbot)
    assert screen.error.text().startswith("⚠")
    assert not window.ready
    screen.secret.setText(PASSPHRASE)
    touch(qtbot, screen.open_button)
    qtbot.waitUntil(lambda: window.ready, timeout=20_000)
    settle(qtbot)
    assert window.stack.currentWidget() is window.welcome
    assert window.context.device.provisioned
    window.context.backend.close()


def test_with_a_keystore_slot_the_kiosk_starts_unattended(qtbot, tmp_path, memory_keyring):  # noqa: F811
    from tests.desktop.test_ui_support import make_backend

    home_backend = make_backend(tmp_path)
    home_backend.add_keyring_slot()
    PinStore(home_backend).save(KIOSK_PIN)
    home_backend.close()
    window = kiosk_window(tmp_path / "tambo-home", KioskSettings(printer="none"))
    show_kiosk(qtbot, window)
    qtbot.waitUntil(lambda: window.ready, timeout=20_000)
    assert window.stack.currentWidget() is window.welcome  # nobody had to type anything
    window.context.backend.close()


def test_tambo_kiosk_without_a_display_says_so(monkeypatch, capsys):
    from desktop import cli

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli.sys, "platform", "linux")
    assert cli.build_parser().parse_args(["--kiosk"]).kiosk
    assert cli.main(["--kiosk"]) == cli.EXIT_NO_DISPLAY
    assert "No hay pantalla" in capsys.readouterr().err
