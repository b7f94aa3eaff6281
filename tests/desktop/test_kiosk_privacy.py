"""Privacy between citizens: the idle countdown, the wipe, and nothing of the previous person left
in any widget (shown, hidden, or on the "back" path), no drafts, and language and reading aids reset."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from desktop.ui.kiosk import KioskSettings
from tests.desktop.test_kiosk_support import (
    all_texts,
    kiosk_backend,
    open_kiosk,
    purge_deleted,
    settle,
    touch,
    type_into_list,
)

backend = pytest.fixture(kiosk_backend, name="backend")

SECRET_DNI = "41234567"
TRACES = (SECRET_DNI, "Teodora", "Callasaya", "Jr. Secreto 999", "Frente a la posta", "912345678")


def fill_constancia(qtbot, window) -> None:
    """A citizen half-way through: several screens answered, then back two screens (the back path)."""
    touch(qtbot, window.welcome.file_tile)
    flow = window.flow
    touch(qtbot, flow.services.tile("constancia-domiciliaria"))
    touch(qtbot, flow.info.start_button)
    screen = flow.questions
    for name, text in (
        ("dni", SECRET_DNI),
        ("nombres", "Teodora"),
        ("apellidos", "Callasaya"),
        ("domicilio", "Jr. Secreto 999"),
    ):
        edit = screen.form_view.row(name).editor.edit
        edit.setFocus()
        qtbot.keyClicks(edit, text)  # real key events: the citizen is active
        touch(qtbot, screen.next_button)
    department, province, district = screen.form_view.row("distrito").editor.combos
    for combo in (department, province, district):
        combo.setFocus()
        type_into_list(qtbot, combo, "Puno")
    touch(qtbot, screen.next_button)
    referencia = screen.form_view.row("referencia").editor.edit
    referencia.setFocus()
    qtbot.keyClicks(referencia, "Frente a la posta")
    touch(qtbot, screen.next_button)
    celular = screen.form_view.row("celular").editor.edit
    celular.setFocus()
    qtbot.keyClicks(celular, "912345678")
    QGuiApplication.clipboard().setText("Teodora Callasaya")  # copied with a hardware keyboard
    touch(qtbot, screen.back_button)
    touch(qtbot, screen.back_button)
    assert screen.form_view.answers()["dni"] == SECRET_DNI


def test_idle_countdown_any_touch_cancels_then_the_session_is_wiped(qtbot, backend):
    window = open_kiosk(qtbot, backend, settings=KioskSettings(idle_seconds=600, countdown_seconds=20))
    fill_constancia(qtbot, window)
    touch(qtbot, window.top_bar.language_buttons["qu"])
    touch(qtbot, window.top_bar.large_text)
    touch(qtbot, window.top_bar.contrast)
    large_base = window.context.theme.base_px
    assert window.context.theme.high_contrast

    # the citizen stops touching: "¿Sigue ahí?" with the seconds left, in numbers and words.
    # The times are shortened only around the moments under test, so that a busy test machine
    # (slow typing above, a slow touch below) cannot start or end a countdown too early.
    idle = window.idle
    idle.idle_timer.setInterval(100)
    with qtbot.waitSignal(idle.countdown_did_start, timeout=10_000):
        idle.poke()
    idle.idle_timer.setInterval(600_000)
    assert window.overlay.isVisible()
    left = window.overlay.seconds.text()
    assert 1 <= int(left) <= 20
    assert left in window.overlay.seconds.accessibleName()
    assert window.overlay.bar.value() == int(left)
    touch(qtbot, window.overlay.stay_button)  # any touch cancels
    assert not window.overlay.isVisible()
    assert not idle.counting
    assert window.flow is not None
    assert window.flow.questions.form_view.answers()["nombres"] == "Teodora"

    # then nobody comes back: the countdown runs out and the session is wiped
    idle.idle_timer.setInterval(100)
    idle.tick_timer.setInterval(10)
    with qtbot.waitSignal(window.session_did_wipe, timeout=20_000):
        idle.poke()
    settle(qtbot)
    purge_deleted()
    assert window.flow is None
    assert window.stack.currentWidget() is window.welcome
    assert not window.overlay.isVisible()
    assert not window.dock.isVisible()
    assert window.context.lang == "es"
    assert not window.context.theme.large_text
    assert not window.context.theme.high_contrast
    assert window.context.theme.base_px < large_base
    assert window.top_bar.language_buttons["es"].isChecked()
    assert QGuiApplication.clipboard().text() == ""
    everything = all_texts()
    for trace in TRACES:
        assert trace not in everything, trace
    assert backend.drafts() == []
    assert backend.count() == 0

    # a new citizen starting the same procedure finds every screen empty
    touch(qtbot, window.welcome.file_tile)
    touch(qtbot, window.flow.services.tile("constancia-domiciliaria"))
    touch(qtbot, window.flow.info.start_button)
    assert window.flow.questions.form_view.answers() == {}
    assert window.flow.questions.progress_label.text().startswith("Pregunta 1 de")


def test_the_wipe_after_the_receipt_leaves_nothing_either(qtbot, backend, tmp_path):
    window = open_kiosk(qtbot, backend, settings=KioskSettings(printer=f"pdf:{tmp_path}"))
    touch(qtbot, window.welcome.file_tile)
    flow = window.flow
    touch(qtbot, flow.services.tile("libro-reclamaciones"))
    touch(qtbot, flow.info.start_button)
    flow.questions.form_view.set_answers(
        {
            "tipo_documento": "dni",
            "dni": SECRET_DNI,
            "nombres": "Teodora",
            "apellidos": "Callasaya",
            "celular": "912345678",
            "oficina": "rentas",
            "fecha_hecho": "2026-01-05",
            "descripcion": "Jr. Secreto 999: me cobraron dos veces.",
            "pedido": "Frente a la posta devuelvan el cobro.",
        }
    )
    while flow.review is None or window.current_screen() is not flow.review:
        touch(qtbot, flow.questions.next_button)
    touch(qtbot, flow.review.confirm_button)
    touch(qtbot, flow.consent.accept_box)
    touch(qtbot, flow.consent.save_button)
    qtbot.waitUntil(lambda: flow.receipt is not None and flow.receipt.detail is not None, timeout=20_000)
    code = flow.receipt.detail.row.tracking_code
    assert flow.questions is None  # the answers left the screens as soon as they were saved
    touch(qtbot, flow.receipt.finish_button)
    with qtbot.waitSignal(window.session_did_wipe, timeout=20_000):
        touch(qtbot, flow.survey.skip_button)
    purge_deleted()
    everything = all_texts()
    for trace in (*TRACES, code):
        assert trace not in everything, trace
    assert backend.count() == 1  # saved, not listed: the kiosk shows no list of submissions
    assert backend.drafts() == []


def test_terminar_asks_once_more_in_place_then_wipes(qtbot, backend):
    window = open_kiosk(qtbot, backend)
    fill_constancia(qtbot, window)
    end = window.top_bar.end_button
    window.end_timer.setInterval(600_000)  # "touch again within 5 s", however slow the test machine
    touch(qtbot, end)
    assert window.flow is not None
    assert "otra vez" in end.text()
    with qtbot.waitSignal(window.session_did_wipe, timeout=20_000):
        touch(qtbot, end)
    purge_deleted()
    assert "Teodora" not in all_texts()
    assert not end.isVisible()  # no "Terminar" on the welcome screen


def test_a_changed_language_alone_goes_back_to_the_default_when_left(qtbot, backend):
    window = open_kiosk(qtbot, backend, settings=KioskSettings(idle_seconds=600, countdown_seconds=5))
    touch(qtbot, window.top_bar.language_buttons["en"])
    assert window.context.lang == "en"
    assert window.idle.armed
    window.idle.idle_timer.setInterval(100)
    with qtbot.waitSignal(window.session_did_wipe, timeout=20_000):
        window.idle.poke()
    assert window.context.lang == "es"
    assert not window.overlay.isVisible()  # nothing private on screen: no countdown needed
    assert window.top_bar.language_buttons["es"].isChecked()
