"""Status lookup at the kiosk, offline: a scanned or typed code plus the last 4 ID digits; the last
known status, messages and due date; a mistyped code caught with a helpful message; no probing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from desktop.store import pulled
from desktop.ui.kiosk.service_text import date_text
from desktop.ui.kiosk.status_screen import FREE_MISSES, StatusScreen
from shared.protocol import MessageChange, StatusChange
from shared.statuses import status_label
from tests.desktop.test_kiosk_support import (
    kiosk_backend,
    open_kiosk,
    settle,
    touch,
    type_on_screen,
    wait_for_focus,
)
from tests.desktop.test_ui_support import VALID_DNI, save_complaint

backend = pytest.fixture(kiosk_backend, name="backend")


def status_screen(window) -> StatusScreen:
    screen = window.current_screen()
    assert isinstance(screen, StatusScreen), screen
    return screen


def pull_status(backend, detail, status: str, message: str | None = None) -> None:
    """What the sync engine stores when a pull brings the official's change (the real store path)."""
    changes = [
        StatusChange(
            submission_id=detail.row.id,
            tracking_code=detail.row.tracking_code,
            status=status,
            at=datetime(2026, 1, 8, 15, 30, tzinfo=UTC),
        )
    ]
    if message:
        changes.append(
            MessageChange(
                submission_id=detail.row.id,
                message_id="msg-1",
                body=message,
                at=datetime(2026, 1, 8, 15, 31, tzinfo=UTC),
                from_unit="Responsable del Libro de Reclamaciones",
            )
        )
    backend.store.write(lambda db: pulled.apply_pulled_page(db, changes, "cursor-1"))


def swap_adjacent(code: str) -> str:
    """The code with the first two different neighbouring symbols swapped (the commonest slip)."""
    chars = list(code)
    index = next(i for i in range(len(chars) - 1) if "-" not in chars[i : i + 2] and chars[i] != chars[i + 1])
    chars[index], chars[index + 1] = chars[index + 1], chars[index]
    return "".join(chars)


def test_a_scanned_code_and_the_id_digits_show_the_last_known_status(qtbot, backend):
    detail = save_complaint(backend, "Rosa", VALID_DNI)
    code = detail.row.tracking_code
    window = open_kiosk(qtbot, backend)

    # a keyboard-wedge QR reader "types" the code and Enter on the welcome screen, into whatever
    # has the focus, key after key
    wait_for_focus(qtbot, window, window.welcome.file_tile)
    for char in code:
        qtbot.keyClick(window.focusWidget(), char)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    screen = status_screen(window)
    assert screen.code_edit.text() == code
    wait_for_focus(qtbot, window, screen.digits_edit)
    assert window.dock.currentWidget() is window.dock.keypad
    type_on_screen(qtbot, window, VALID_DNI[-4:])
    touch(qtbot, window.dock.keypad.enter)
    settle(qtbot)
    assert screen.result_box.isVisible()
    shown = "\n".join(w.text() for w in screen.result_box.findChildren(type(screen.title)))
    assert "registrado en este quiosco" in shown
    assert "aún no se ha enviado" in shown  # pending sync, said plainly
    assert "Presentado el" in shown
    assert "todavía no se ha sincronizado" in screen.sync_line.text()

    # the office observed it and wrote to the citizen; the kiosk pulled that
    pull_status(backend, detail, "observed", "Falta la copia del recibo. Tráigala hasta el viernes.")
    touch(qtbot, screen.lookup_button)
    settle(qtbot)
    shown = "\n".join(w.text() for w in screen.result_box.findChildren(type(screen.title)))
    assert "Estado: Observado" in shown
    assert "2 días hábiles" in shown  # the plain-language explanation
    assert "Falta la copia del recibo" in shown
    assert "Responsable del Libro de Reclamaciones" in shown
    assert f"Fecha límite de respuesta: {date_text(detail.row.due_date)}" in shown
    assert "Información al" in shown

    # resolved: the last known status, and no deadline any more
    pull_status(backend, detail, "resolved")
    touch(qtbot, screen.lookup_button)
    settle(qtbot)
    shown = "\n".join(w.text() for w in screen.result_box.findChildren(type(screen.title)))
    assert f"Estado: {status_label('resolved', 'es')}" in shown
    assert "Fecha límite" not in shown
    assert "Falta la copia del recibo" in shown  # the message stays addressed to the citizen
    screen.refresh_device()
    settle(qtbot)
    assert screen.sync_line.text().startswith("Última sincronización: ")

    # "Nueva consulta" clears everything of this lookup
    touch(qtbot, screen.again_button)
    assert screen.code_edit.text() == ""
    assert screen.digits_edit.text() == ""
    assert not screen.result_box.isVisible()


def test_a_mistyped_code_is_caught_with_a_helpful_message(qtbot, backend):
    detail = save_complaint(backend, "Rosa", VALID_DNI)
    code = detail.row.tracking_code  # "AB12-....": the test institution's prefix has a B
    window = open_kiosk(qtbot, backend)
    touch(qtbot, window.welcome.status_tile)
    screen = status_screen(window)

    # two neighbours swapped: the check character catches it, and the fix is one touch away
    swapped = swap_adjacent(code)
    assert swapped != code
    screen.code_edit.setText(swapped)
    screen.digits_edit.setText(VALID_DNI[-4:])
    touch(qtbot, screen.lookup_button)
    assert "El código no es válido" in screen.error.text()
    assert not screen.result_box.isVisible()
    suggestion = next(b for b in screen.suggestion_buttons if code in b.text())
    touch(qtbot, suggestion)
    settle(qtbot)
    assert screen.code_edit.text() == code
    assert screen.result_box.isVisible()

    # a V where a B was (they sound alike in Spanish): which character, and the likely code
    screen.clear()
    screen.code_edit.setText(code.replace("B", "V", 1))
    screen.digits_edit.setText(VALID_DNI[-4:])
    touch(qtbot, screen.lookup_button)
    assert "«V» en la posición 2" in screen.error.text()
    assert "quizá quiso escribir «B»" in screen.error.text()
    assert any(code in b.text() for b in screen.suggestion_buttons)

    # too short: the expected form
    screen.clear()
    screen.code_edit.setText(code[:6])
    touch(qtbot, screen.lookup_button)
    assert "XXXX-XXXXX-X" in screen.error.text()


def test_wrong_digits_and_unknown_codes_read_the_same_and_misses_slow_the_kiosk(qtbot, backend):
    detail = save_complaint(backend, "Rosa", VALID_DNI)
    other = save_complaint(backend, "Juan", "40000009")
    window = open_kiosk(qtbot, backend)
    touch(qtbot, window.welcome.status_tile)
    screen = status_screen(window)

    screen.code_edit.setText(detail.row.tracking_code)
    screen.digits_edit.setText("9999")
    touch(qtbot, screen.lookup_button)
    settle(qtbot)
    wrong_digits = screen.error.text()
    assert "No encontramos un trámite" in wrong_digits
    assert not screen.result_box.isVisible()

    unknown = other.row.tracking_code  # exists, but the digits are Rosa's
    screen.code_edit.setText(unknown)
    screen.digits_edit.setText(VALID_DNI[-4:])
    touch(qtbot, screen.lookup_button)
    settle(qtbot)
    assert screen.error.text() == wrong_digits

    for _ in range(FREE_MISSES - 2):
        touch(qtbot, screen.lookup_button)
        settle(qtbot)
    assert len(window.lookup_limiter.misses) == FREE_MISSES
    screen.code_edit.setText(detail.row.tracking_code)  # even the right answer must wait now
    touch(qtbot, screen.lookup_button)
    assert "Demasiados intentos" in screen.error.text()
    assert not screen.result_box.isVisible()

    # the limit outlives the citizen session (walking away does not reset it)
    window.wipe()
    touch(qtbot, window.welcome.status_tile)
    screen = status_screen(window)
    screen.code_edit.setText(detail.row.tracking_code)
    screen.digits_edit.setText(VALID_DNI[-4:])
    touch(qtbot, screen.lookup_button)
    assert "Demasiados intentos" in screen.error.text()
