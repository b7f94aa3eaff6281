"""Every kiosk screen at 1366x768 and 1920x1080, in Spanish and Quechua: saved as a screenshot for
review (``test-artifacts/kiosk-<lang>-<width>-<nn>-<screen>.png``), and checked on the spot: every
control a finger may need is on screen, at least 48x48 px, and has an accessible name that contains
its visible words (WCAG 2.5.3, for people who drive the kiosk by voice); the language and reading-aid
buttons are on every screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QPushButton, QWidget

from desktop.ui.kiosk import KioskSettings, KioskWindow
from desktop.ui.kiosk.question_screen import QuestionScreen
from desktop.ui.kiosk.theme import MIN_TARGET_PX
from desktop.ui.kiosk.widgets import spoken
from tests.desktop.test_kiosk_support import (
    SIZES,
    kiosk_backend,
    open_kiosk,
    settle,
    shot,
    tappable_controls,
    touch,
)
from tests.desktop.test_ui_support import VALID_DNI, save_complaint, tiny_png

backend = pytest.fixture(kiosk_backend, name="backend")

POSESION = {
    "dni": VALID_DNI,
    "nombres": "Rosa",
    "apellidos": "Quispe Mamani",
    "celular": "987654321",
    "ubicacion_predio": "Lote 4, sector alto",
    "centro_poblado": "Huancané",
    "distrito": "210101",
    "area_m2": "120.5",
    "anios_posesion": "12",
    "servicios": ["agua", "luz"],
    "declaracion_jurada": True,
}


def in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def words_of(text: str) -> list[str]:
    return [word.casefold() for word in re.findall(r"\w{2,}", text)]


def visible_words(control: QWidget) -> list[str]:
    """The words a button shows, without marks and symbols ("✓ A+ Letra grande" -> letra, grande)."""
    return words_of(spoken(control.text())) if isinstance(control, QAbstractButton) else []


def check_screen(window: KioskWindow) -> None:
    """Touch targets, accessible names, nothing cut off, and the reading aids always at hand."""
    problems = []
    frame = window.rect()
    for control in tappable_controls(window):
        name = QAccessible.queryAccessibleInterface(control).text(QAccessible.Text.Name)
        label = name or control.metaObject().className()
        if not name.strip():
            problems.append(f"no accessible name: {control.metaObject().className()} {control.objectName()}")
        if control.width() < MIN_TARGET_PX or control.height() < MIN_TARGET_PX:
            problems.append(f"too small ({control.width()}x{control.height()}): {label}")
        unsaid = [word for word in visible_words(control) if word not in words_of(name)]
        if unsaid:
            problems.append(f"the visible words {unsaid} are not in the accessible name {name!r}")
        if isinstance(control, QPushButton) and control.width() < control.sizeHint().width() - 2:
            problems.append(f"text cut ({control.width()} < {control.sizeHint().width()} px): {label}")
        if not in_scroll_area(control):
            corner = control.mapTo(window, control.rect().bottomRight())
            if not frame.contains(control.mapTo(window, control.rect().topLeft())) or not frame.contains(
                corner
            ):
                problems.append(f"outside the window: {label}")
    assert not problems, "\n".join(problems)
    bar = window.top_bar
    for aid in (*bar.language_buttons.values(), bar.large_text, bar.contrast):
        assert aid.isVisible()


def question(window: KioskWindow) -> QuestionScreen:
    screen = window.current_screen()
    assert isinstance(screen, QuestionScreen)
    return screen


def go_to(qtbot, screen: QuestionScreen, name: str) -> None:
    index = next(i for i, names in enumerate(screen.pages) if name in names)
    screen.show_page(index)
    screen.focus_first()
    settle(qtbot)


@pytest.mark.slow
@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("lang", ["es", "qu"])
def test_every_kiosk_screen_fits_and_is_saved_for_review(qtbot, backend, artifacts_dir, tmp_path, lang, size):
    complaint = save_complaint(backend, "Rosa", VALID_DNI)
    usb = tmp_path / "usb"
    usb.mkdir()
    sketch = tiny_png(usb / "croquis-terreno.png")
    tiny_png(usb / "titulo-comunal.png")
    settings = KioskSettings(printer=f"pdf:{tmp_path / 'printed'}", media_roots=(usb,))
    window = open_kiosk(qtbot, backend, SIZES[size], settings)
    touch(qtbot, window.top_bar.language_buttons[lang])
    saved: list[Path] = []

    def capture(name: str) -> None:
        settle(qtbot)
        saved.append(shot(window, artifacts_dir, f"{len(saved) + 1:02d}-{name}"))
        check_screen(window)

    capture("welcome")
    touch(qtbot, window.welcome.file_tile)
    capture("services")
    touch(qtbot, window.flow.services.tile("certificado-posesion"))
    capture("requirements")
    touch(qtbot, window.flow.info.start_button)
    screen = question(window)
    touch(qtbot, screen.form_view.row("dni").editor.edit)
    capture("question-keypad")
    screen.form_view.set_answers(POSESION)
    go_to(qtbot, screen, "nombres")
    touch(qtbot, screen.form_view.row("nombres").editor.edit)
    capture("question-keyboard")
    go_to(qtbot, screen, "distrito")
    capture("question-place")
    go_to(qtbot, screen, "servicios")
    capture("question-choices")
    go_to(qtbot, screen, "croquis")
    touch(qtbot, screen.next_button)  # required and empty: the error, in the citizen's language
    capture("question-error")
    touch(qtbot, screen.form_view.row("croquis").editor.add_button)
    qtbot.waitUntil(lambda: len(window.flow.files.file_buttons) == 2, timeout=20_000)
    capture("usb-files")
    touch(qtbot, window.flow.files.file_buttons[0])
    qtbot.waitUntil(lambda: not screen.form_view.hashing, timeout=20_000)
    assert screen.form_view.answers()["croquis"][0]["name"] == sketch.name
    go_to(qtbot, screen, "declaracion_jurada")
    capture("question-yes-no")
    touch(qtbot, screen.next_button)
    flow = window.flow
    assert window.current_screen() is flow.review, screen.form_view.validate().errors
    capture("review")
    touch(qtbot, flow.review.confirm_button)
    touch(qtbot, flow.consent.accept_box)
    capture("consent")
    touch(qtbot, flow.consent.save_button)
    qtbot.waitUntil(lambda: flow.receipt is not None and flow.receipt.last_print is not None, timeout=20_000)
    capture("receipt")
    touch(qtbot, flow.receipt.finish_button)
    touch(qtbot, flow.survey.form_view.row("calificacion").editor.buttons[3][1])
    capture("survey")
    window.wipe()
    touch(qtbot, window.top_bar.language_buttons[lang])

    touch(qtbot, window.welcome.status_tile)
    status = window.current_screen()
    touch(qtbot, status.code_edit)
    capture("status-keyboard")
    status.code_edit.setText(complaint.row.tracking_code)
    status.digits_edit.setText(VALID_DNI[-4:])
    touch(qtbot, status.lookup_button)
    capture("status-result")
    status.code_edit.setText(complaint.row.tracking_code.replace("B", "V", 1))
    touch(qtbot, status.lookup_button)
    capture("status-mistyped")

    window.wipe()
    touch(qtbot, window.top_bar.language_buttons[lang])
    touch(qtbot, window.welcome.file_tile)
    touch(qtbot, window.flow.services.tile("constancia-domiciliaria"))
    touch(qtbot, window.flow.info.start_button)
    window.overlay.start(window.settings.countdown_seconds)
    window.overlay.show_seconds(17)
    capture("countdown")
    window.overlay.hide()
    touch(qtbot, window.top_bar.large_text)
    capture("large-text")
    touch(qtbot, window.top_bar.contrast)
    capture("high-contrast")
    window.wipe()
    touch(qtbot, window.top_bar.language_buttons[lang])
    touch(qtbot, window.staff_button)
    capture("staff-pin")

    assert len(saved) == 21
    for path in saved:
        assert path.stat().st_size > 10_000  # a real picture, not an empty grab
