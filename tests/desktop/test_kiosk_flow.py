"""A whole citizen visit at the kiosk, by touch: welcome, tiles, requirements, one question per
screen (keypad for the DNI, keyboard for names, a file from a USB memory), a language switch in the
middle, review and a change, the data-protection notice, the printed cargo, the survey, and then
nothing of the citizen left anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QRadioButton

from desktop.ui.kiosk import KioskSettings
from desktop.ui.kiosk.question_screen import QuestionScreen
from tests.desktop.test_kiosk_support import (
    all_texts,
    kiosk_backend,
    open_kiosk,
    purge_deleted,
    touch,
    type_into_list,
    type_on_screen,
)
from tests.desktop.test_ui_support import VALID_DNI, tiny_png

SERVICE = "certificado-posesion"
backend = pytest.fixture(kiosk_backend, name="backend")


def current_question(window) -> QuestionScreen:
    screen = window.current_screen()
    assert isinstance(screen, QuestionScreen), screen
    return screen


def answer_and_next(qtbot, window, name: str, text: str) -> None:
    """Focus the field of this screen, type on the on-screen keys, touch "Siguiente"."""
    screen = current_question(window)
    row = screen.form_view.row(name)
    assert row.isVisibleTo(screen), f"{name} is not on this screen"
    touch(qtbot, row.editor.edit)
    type_on_screen(qtbot, window, text)
    touch(qtbot, screen.next_button)


def test_a_citizen_files_by_touch_and_leaves_nothing_behind(qtbot, backend, tmp_path: Path):
    usb = tmp_path / "usb" / "MI-USB"
    usb.mkdir(parents=True)
    tiny_png(usb / "croquis-terreno.png")
    (usb / "notas.txt").write_text("no es un documento aceptado")
    printed = tmp_path / "impresora"
    settings = KioskSettings(printer=f"pdf:{printed}", media_roots=(tmp_path / "usb",))
    window = open_kiosk(qtbot, backend, settings=settings)

    # welcome -> tiles -> what the procedure needs
    touch(qtbot, window.welcome.file_tile)
    flow = window.flow
    assert flow is not None
    touch(qtbot, flow.services.tile(SERVICE))
    info = flow.info
    assert window.current_screen() is info
    assert "S/ 30.00" in info.facts.text()
    assert "Copia de su DNI" in info.requirements.accessibleDescription() or info.requirements.text()
    assert info.attachments_note.isVisibleTo(info)
    touch(qtbot, info.start_button)

    # one question per screen, with its progress; the DNI gets the numeric keypad
    screen = current_question(window)
    assert screen.progress_label.text().startswith("Pregunta 1 de ")
    dni = screen.form_view.row("dni")
    touch(qtbot, dni.editor.edit)
    assert window.dock.isVisible()
    assert window.dock.currentWidget() is window.dock.keypad
    type_on_screen(qtbot, window, "1234")
    touch(qtbot, screen.next_button)  # a wrong DNI stays, with the error in words
    assert screen.page == 0
    assert dni.error.isVisibleTo(screen)
    assert dni.error.text().startswith("⚠ DNI inválido")
    dni.editor.edit.clear()
    type_on_screen(qtbot, window, VALID_DNI)
    touch(qtbot, window.dock.keypad.enter)  # "Listo" on the last field of a screen moves on
    assert screen.progress_label.text().startswith("Pregunta 2 de ")

    # the keyboard for names (Ñ, accents and capitals by touch)
    nombres = screen.form_view.row("nombres")
    touch(qtbot, nombres.editor.edit)
    assert window.dock.currentWidget() is window.dock.keyboard
    type_on_screen(qtbot, window, "Rosa Ñusta")
    assert nombres.editor.value() == "Rosa Ñusta"
    touch(qtbot, screen.next_button)

    # switching to Quechua mid-form keeps every answer and the place in the form
    touch(qtbot, window.top_bar.language_buttons["qu"])
    screen = current_question(window)
    assert window.context.lang == "qu"
    assert screen.form_view.row("apellidos").label.text().startswith("Ayllu sutiyki")
    assert screen.form_view.answers()["nombres"] == "Rosa Ñusta"
    assert screen.form_view.answers()["dni"] == VALID_DNI
    assert "3" in screen.progress_label.text()
    assert window.footer_note.text()  # the unverified-translation note
    touch(qtbot, window.top_bar.language_buttons["es"])
    screen = current_question(window)
    assert screen.form_view.row("apellidos").label.text().startswith("Apellidos")
    assert window.footer_note.text() == ""

    answer_and_next(qtbot, window, "apellidos", "Quispe")
    answer_and_next(qtbot, window, "celular", "987654321")
    answer_and_next(qtbot, window, "ubicacion_predio", "Lote 4 sector alto")
    answer_and_next(qtbot, window, "centro_poblado", "Huancane")
    department, province, district = screen.form_view.row("distrito").editor.combos
    for combo, name in ((department, "Puno"), (province, "Puno"), (district, "Puno")):
        combo.setFocus()
        type_into_list(qtbot, combo, name)  # a hardware keyboard works too
    assert screen.form_view.answers()["distrito"] == "210101"
    touch(qtbot, screen.next_button)
    answer_and_next(qtbot, window, "area_m2", "120.5")
    answer_and_next(qtbot, window, "anios_posesion", "12")
    boxes = screen.form_view.row("servicios").editor.boxes
    water = next(box for _, box in boxes if box.text() == "Agua potable")
    assert isinstance(water, QCheckBox)
    touch(qtbot, water)
    touch(qtbot, screen.next_button)

    # the sketch comes from the citizen's USB memory, never from a file dialog
    croquis = screen.form_view.row("croquis").editor
    touch(qtbot, croquis.add_button)
    files = flow.files
    assert window.current_screen() is files
    qtbot.waitUntil(lambda: bool(files.file_buttons), timeout=20_000)
    offered = [b.text().split()[0] for b in files.file_buttons]
    assert offered == ["croquis-terreno.png"]  # the .txt is not a type the field accepts
    touch(qtbot, files.file_buttons[0])
    assert window.current_screen() is screen
    qtbot.waitUntil(lambda: not croquis.hashing, timeout=20_000)
    assert [f["name"] for f in screen.form_view.answers()["croquis"]] == ["croquis-terreno.png"]
    touch(qtbot, screen.next_button)
    touch(qtbot, screen.next_button)  # the optional proofs
    yes = next(b for _, b in screen.form_view.row("declaracion_jurada").editor.buttons if b.text() == "Sí")
    assert isinstance(yes, QRadioButton)
    touch(qtbot, yes)
    assert "Pregunta" in screen.progress_label.text()
    touch(qtbot, screen.next_button)

    # review, a change, back to the review
    review = flow.review
    assert window.current_screen() is review
    text = review.text()
    expected_lines = (
        "Rosa Ñusta",
        "Quispe",
        "Puno / Puno / Puno",
        "Agua potable",
        "croquis-terreno.png",
        "Sí",
    )
    for expected in expected_lines:
        assert expected in text, expected
    change = next(b for name, b in review.change_buttons if name == "nombres")
    touch(qtbot, change)
    screen = current_question(window)
    assert screen.returning_to_review
    screen.form_view.row("nombres").editor.edit.clear()
    touch(qtbot, screen.form_view.row("nombres").editor.edit)
    type_on_screen(qtbot, window, "Rosa")
    touch(qtbot, screen.next_button)
    assert window.current_screen() is review
    assert "Rosa Ñusta" not in review.text()
    assert "Rosa" in review.text()
    touch(qtbot, review.confirm_button)

    # the data-protection notice must be accepted before anything is saved
    consent = flow.consent
    assert not consent.save_button.isEnabled()
    assert backend.count() == 0
    assert backend.drafts() == []  # the kiosk keeps no drafts: nothing is stored before consent
    touch(qtbot, consent.accept_box)
    touch(qtbot, consent.save_button)
    qtbot.waitUntil(
        lambda: flow.receipt is not None and window.current_screen() is flow.receipt, timeout=20_000
    )
    receipt = flow.receipt
    detail = flow.saved
    assert detail.row.tracking_code == receipt.code.text()
    assert detail.answers["dni"] == VALID_DNI
    saved = backend.submission(detail.row.tracking_code)
    assert saved.receipt.attachments == ("croquis-terreno.png",)
    qtbot.waitUntil(lambda: receipt.last_print is not None, timeout=20_000)
    assert receipt.last_print.ok
    pdf = Path(receipt.last_print.detail)
    assert pdf.parent == printed
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Retire su cargo" in receipt.print_status.text()

    # the survey, offered once, skippable; sent here
    touch(qtbot, receipt.finish_button)
    survey = flow.survey
    assert window.current_screen() is survey
    assert not survey.form_view.row("servicio").isVisibleTo(survey)  # already known
    faces = survey.form_view.row("calificacion").editor
    touch(qtbot, faces.buttons[4][1])
    assert faces.value() == "5"
    assert faces.buttons[4][1].text().startswith("✓")
    with qtbot.waitSignal(window.session_did_wipe, timeout=20_000):
        touch(qtbot, survey.send_button)
    assert backend.count() == 2
    answers = [backend.submission(r.tracking_code) for r in backend.search()]
    rating = next(a for a in answers if a.service.id == "encuesta-satisfaccion")
    assert rating.answers["calificacion"] == "5"
    assert rating.answers["servicio"] == SERVICE

    # back at the welcome screen: nothing of Rosa anywhere, shown or hidden
    assert window.stack.currentWidget() is window.welcome
    purge_deleted()
    everything = all_texts()
    for trace in (VALID_DNI, "Quispe", "Rosa", "croquis-terreno", detail.row.tracking_code, "987654321"):
        assert trace not in everything, trace
    assert window.flow is None


def test_escape_and_back_walk_the_flow_backwards(qtbot, backend):
    window = open_kiosk(qtbot, backend)
    touch(qtbot, window.welcome.file_tile)
    touch(qtbot, window.flow.services.tile("constancia-domiciliaria"))
    touch(qtbot, window.flow.info.start_button)
    screen = current_question(window)
    qtbot.keyClick(screen.form_view.row("dni").editor.edit, Qt.Key.Key_Escape)
    assert window.current_screen() is window.flow.info
    qtbot.keyClick(window.flow.info.start_button, Qt.Key.Key_Escape)
    assert window.current_screen() is window.flow.services
    qtbot.keyClick(window.flow.services, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.welcome
    assert window.flow is None
