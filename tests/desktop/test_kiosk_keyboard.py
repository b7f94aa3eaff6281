"""Typing at the kiosk: the on-screen keyboard (Ñ, accents, the apostrophe of Quechua, capitals), the
keypad and its "ABC" key, and full operation from a hardware keyboard (Tab, Enter, Space, Esc)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui.kiosk.question_screen import QuestionScreen
from desktop.ui.kiosk.speech import speech_available
from tests.desktop.test_kiosk_support import (
    kiosk_backend,
    open_kiosk,
    settle,
    touch,
    type_into_list,
    type_on_screen,
    wait_for_focus,
)
from tests.desktop.test_ui_support import VALID_DNI

backend = pytest.fixture(kiosk_backend, name="backend")


def start(qtbot, window, service_id: str) -> QuestionScreen:
    touch(qtbot, window.welcome.file_tile)
    touch(qtbot, window.flow.services.tile(service_id))
    touch(qtbot, window.flow.info.start_button)
    screen = window.current_screen()
    assert isinstance(screen, QuestionScreen)
    return screen


def test_the_on_screen_keyboard_types_spanish_and_quechua(qtbot, backend):
    window = open_kiosk(qtbot, backend)
    screen = start(qtbot, window, "constancia-domiciliaria")
    screen.form_view.set_answers({"dni": VALID_DNI})
    touch(qtbot, screen.next_button)
    edit = screen.form_view.row("nombres").editor.edit
    touch(qtbot, edit)
    keyboard = window.dock.keyboard
    assert window.dock.currentWidget() is keyboard
    type_on_screen(qtbot, window, "Ñusta K'anchay")  # a capital only for the letter after ⇧
    assert edit.text() == "Ñusta K'anchay"
    assert not keyboard.shift_key.isChecked()
    for accented in "áéíóúü":
        touch(qtbot, next(k for c, k in keyboard.char_keys if c == accented))
    assert edit.text().endswith("áéíóúü")
    touch(qtbot, keyboard.backspace)
    touch(qtbot, keyboard.left)
    touch(qtbot, keyboard.left)
    touch(qtbot, next(k for c, k in keyboard.char_keys if c == "x"))
    assert edit.text().endswith("áéíxóú")
    for key in (keyboard.backspace, keyboard.space, keyboard.enter, keyboard.shift_key):
        assert key.focusPolicy() == Qt.FocusPolicy.NoFocus  # the field keeps the focus
        assert key.accessibleName()
    touch(qtbot, keyboard.enter)  # "Listo" on the only field of the screen: the next question
    assert screen.progress_label.text().startswith("Pregunta 3 de")


def test_the_keypad_has_an_abc_key_for_documents_with_letters(qtbot, backend):
    window = open_kiosk(qtbot, backend)
    screen = start(qtbot, window, "libro-reclamaciones")
    carne = next(
        b for _, b in screen.form_view.row("tipo_documento").editor.buttons if "extranjer" in b.text()
    )
    touch(qtbot, carne)
    touch(qtbot, screen.next_button)
    edit = screen.form_view.row("ce").editor.edit
    touch(qtbot, edit)
    if window.dock.currentWidget() is window.dock.keypad:
        touch(qtbot, window.dock.keypad.letters)
    assert window.dock.currentWidget() is window.dock.keyboard
    type_on_screen(qtbot, window, "X12345678")
    assert edit.text() == "X12345678"


def test_the_keypad_shows_only_the_keys_a_field_can_take(qtbot, backend):
    window = open_kiosk(qtbot, backend)
    keypad = window.dock.keypad
    screen = start(qtbot, window, "certificado-posesion")
    touch(qtbot, screen.form_view.row("dni").editor.edit)
    assert window.dock.currentWidget() is keypad
    assert not keypad.point.isVisible()  # a DNI has no decimals
    assert keypad.letters.isVisible()  # but may end in its check letter

    index = next(i for i, names in enumerate(screen.pages) if "area_m2" in names)
    screen.show_page(index)
    touch(qtbot, screen.form_view.row("area_m2").editor.edit)
    assert window.dock.currentWidget() is keypad
    assert keypad.point.isVisible()  # square metres may have decimals
    window.wipe()

    touch(qtbot, window.staff_button)  # the staff PIN: digits only
    touch(qtbot, window.current_screen().pin)
    assert window.dock.currentWidget() is keypad
    assert not keypad.point.isVisible()
    assert not keypad.letters.isVisible()


def tab_to(qtbot, window, target, limit: int = 25) -> None:
    """Press Tab until ``target`` has the focus (what a keyboard user does)."""
    for _ in range(limit):
        if window.focusWidget() is target:
            return
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName()!r}")


def test_everything_works_from_a_hardware_keyboard(qtbot, backend, tmp_path):
    from desktop.ui.kiosk import KioskSettings

    window = open_kiosk(qtbot, backend, settings=KioskSettings(printer=f"pdf:{tmp_path}"))
    welcome = window.welcome
    wait_for_focus(qtbot, window, welcome.file_tile)
    qtbot.keyClick(welcome.file_tile, Qt.Key.Key_Tab)
    wait_for_focus(qtbot, window, welcome.status_tile)
    qtbot.keyClick(welcome.status_tile, Qt.Key.Key_Backtab)
    wait_for_focus(qtbot, window, welcome.file_tile)
    qtbot.keyClick(welcome.file_tile, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.flow is not None and window.flow.services is not None)
    flow = window.flow
    tab_to(qtbot, window, flow.services.tile("constancia-domiciliaria"))
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: flow.info is not None)
    wait_for_focus(qtbot, window, flow.info.start_button)
    qtbot.keyClick(flow.info.start_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.questions is not None)

    screen = flow.questions
    for name, text in (
        ("dni", VALID_DNI),
        ("nombres", "Juana"),
        ("apellidos", "Mamani"),
        ("domicilio", "Jr. Lima 5"),
    ):
        edit = screen.form_view.row(name).editor.edit
        wait_for_focus(qtbot, window, edit)
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)  # Enter in the last field of a screen: next question
    for combo in screen.form_view.row("distrito").editor.combos:
        tab_to(qtbot, window, combo)
        type_into_list(qtbot, combo, "Puno")
    tab_to(qtbot, window, screen.next_button)
    qtbot.keyClick(screen.next_button, Qt.Key.Key_Return)
    for name, text in (("referencia", "Frente al mercado"), ("celular", "987654321")):
        edit = screen.form_view.row(name).editor.edit
        wait_for_focus(qtbot, window, edit)
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    first_purpose = screen.form_view.row("finalidad").editor.buttons[0][1]
    wait_for_focus(qtbot, window, first_purpose)
    qtbot.keyClick(first_purpose, Qt.Key.Key_Space)
    tab_to(qtbot, window, screen.next_button)
    qtbot.keyClick(screen.next_button, Qt.Key.Key_Return)

    def on_review() -> None:
        assert flow.review is not None, screen.form_view.validate().errors
        assert window.current_screen() is flow.review

    qtbot.waitUntil(on_review)
    review = flow.review
    wait_for_focus(qtbot, window, review.confirm_button)
    qtbot.keyClick(review.confirm_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.consent is not None)
    consent = flow.consent
    wait_for_focus(qtbot, window, consent.accept_box)
    qtbot.keyClick(consent.accept_box, Qt.Key.Key_Space)
    assert consent.accept_box.isChecked()
    qtbot.keyClick(consent.accept_box, Qt.Key.Key_Tab)
    wait_for_focus(qtbot, window, consent.save_button)
    qtbot.keyClick(consent.save_button, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: flow.receipt is not None and window.current_screen() is flow.receipt, timeout=20_000
    )
    settle(qtbot)
    wait_for_focus(qtbot, window, flow.receipt.finish_button)
    qtbot.keyClick(flow.receipt.finish_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.survey is not None and window.current_screen() is flow.survey)
    tab_to(qtbot, window, flow.survey.skip_button)
    with qtbot.waitSignal(window.session_did_wipe, timeout=20_000):
        qtbot.keyClick(flow.survey.skip_button, Qt.Key.Key_Space)
    assert backend.count() == 1


def test_read_aloud_appears_only_where_the_platform_can_speak(qtbot, backend):
    window = open_kiosk(qtbot, backend)
    screen = start(qtbot, window, "constancia-domiciliaria")
    assert screen.read_button.isVisible() == (speech_available() and window.speaker.can_speak("es"))
