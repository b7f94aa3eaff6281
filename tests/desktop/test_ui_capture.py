"""A whole capture at the counter, typed and clicked on the real widgets (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QRadioButton

from desktop.ui.clerk_window import ClerkWindow
from desktop.ui.tasks import ops_in_flight
from tests.desktop.test_ui_support import VALID_DNI, make_backend, reopen_backend, tiny_pdf, tiny_png


@pytest.fixture
def backend(tmp_path):
    return make_backend(tmp_path)


def open_window(qtbot, backend) -> ClerkWindow:
    window = ClerkWindow(backend, "Ana Torres")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.chooser.list.count() > 0)
    return window


def settle(qtbot) -> None:
    qtbot.waitUntil(lambda: ops_in_flight() == 0)
    QApplication.processEvents()


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def radio(row, text: str) -> QRadioButton:
    return next(b for _, b in row.editor.buttons if b.text().startswith(text))


@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")
def test_whole_capture_by_keyboard_and_mouse(qtbot, backend, tmp_path, artifacts_dir, monkeypatch):
    window = open_window(qtbot, backend)

    # choose the service by typing in the search box, then Enter on the list
    type_into(qtbot, window.chooser.search, "solicitud gener")
    visible = [window.chooser.list.item(i) for i in range(window.chooser.list.count())]
    assert [i.text() for i in visible if not i.isHidden()] == ["Solicitud general (mesa de partes)"]
    assert "Gratuito" in window.chooser.details.toPlainText()
    assert "Requisitos" in window.chooser.details.toPlainText()
    window.grab().save(str(artifacts_dir / "ui-01-chooser.png"))
    qtbot.keyClick(window.chooser.search, Qt.Key.Key_Return)
    assert window.chooser.list.hasFocus()
    qtbot.keyClick(window.chooser.list, Qt.Key.Key_Return)
    page = window.capture
    assert page is not None
    assert page.service.id == "solicitud-general"
    form = page.form_view

    # a wrong DNI: the error appears next to the field once the clerk leaves it
    dni = form.row("dni")
    type_into(qtbot, dni.editor.edit, "1234")
    assert dni.error.isHidden()
    qtbot.keyClick(dni.editor.edit, Qt.Key.Key_Tab)
    assert dni.error.isVisibleTo(window)
    assert dni.error.text().startswith("⚠ DNI inválido")
    assert "DNI inválido" in dni.editor.edit.accessibleDescription()
    assert form.row("nombres").editor.edit.hasFocus()  # Tab moved on, in document order

    # relevance: RUC hides the DNI and the personal names, shows RUC and razón social
    qtbot.mouseClick(radio(form.row("tipo_documento"), "RUC"), Qt.MouseButton.LeftButton)
    assert not form.row("dni").isVisibleTo(window)
    assert not form.row("nombres").isVisibleTo(window)
    assert form.row("ruc").isVisibleTo(window)
    assert form.row("razon_social").isVisibleTo(window)
    qtbot.mouseClick(radio(form.row("tipo_documento"), "DNI"), Qt.MouseButton.LeftButton)
    assert form.row("dni").isVisibleTo(window)
    assert not form.row("ruc").isVisibleTo(window)

    # "Revisar" too early shows every error; screenshot the form with errors
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.capture_holder
    assert form.row("asunto").error.text() == "⚠ Este dato es obligatorio."
    assert "folios" in page.pages_error.text()
    assert "por corregir" in page.status.text()
    qtbot.wait(50)
    window.grab().save(str(artifacts_dir / "ui-02-form-errors.png"))

    # fill everything by keyboard; Enter in a one-line field moves on
    dni.editor.edit.clear()
    type_into(qtbot, dni.editor.edit, VALID_DNI)
    qtbot.keyClick(dni.editor.edit, Qt.Key.Key_Return)
    assert dni.error.isHidden()
    assert form.row("nombres").editor.edit.hasFocus(), (
        QApplication.focusWidget(),
        QApplication.focusWidget().accessibleName(),
    )
    qtbot.keyClicks(form.row("nombres").editor.edit, "Rosa")
    qtbot.keyClick(form.row("nombres").editor.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.row("apellidos").editor.edit, "Quispe Mamani")
    qtbot.keyClick(form.row("apellidos").editor.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.row("domicilio").editor.edit, "Jr. Los Andes 123")
    qtbot.keyClick(form.row("domicilio").editor.edit, Qt.Key.Key_Tab)
    department, province, district = form.row("distrito").editor.combos
    assert department.hasFocus()
    qtbot.keyClicks(department, "Puno")
    assert department.currentText() == "Puno"
    qtbot.keyClick(department, Qt.Key.Key_Tab)
    qtbot.keyClicks(province, "Puno")
    qtbot.keyClick(province, Qt.Key.Key_Tab)
    qtbot.keyClicks(district, "Puno")
    assert form.answers()["distrito"] == "210101"
    qtbot.keyClick(district, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.row("correo").editor.edit, "rosa.quispe@example.pe")
    qtbot.keyClick(form.row("correo").editor.edit, Qt.Key.Key_Tab)
    qtbot.keyClick(form.row("celular").editor.edit, Qt.Key.Key_Tab)
    office = form.row("oficina_destino").editor.combo
    assert office.hasFocus()
    qtbot.keyClicks(office, "Registro")
    assert office.currentData() == "registro-civil"
    qtbot.keyClick(office, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.row("asunto").editor.edit, "Copia de partida")
    qtbot.keyClick(form.row("asunto").editor.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.row("pedido").editor.edit, "Solicito copia certificada de mi partida de nacimiento.")
    qtbot.keyClick(form.row("pedido").editor.edit, Qt.Key.Key_Tab)
    attachments = form.row("adjuntos").editor
    assert attachments.add_button.hasFocus()

    # attach: through the file picker (button), by drag and drop, and a refused type
    scan = tiny_pdf(tmp_path / "carta.pdf")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(scan)], "")))
    qtbot.keyClick(attachments.add_button, Qt.Key.Key_Space)
    photo = tiny_png(tmp_path / "foto.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    attachments.dragEnterEvent(enter)
    assert enter.isAccepted()
    attachments.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, buttons, modifiers))
    notes = tmp_path / "notas.txt"
    notes.write_text("hola")
    attachments.add_files([notes])
    assert "Tipo de archivo no permitido (text/plain)" in form.row("adjuntos").error.text()
    qtbot.waitUntil(lambda: not attachments.hashing)
    assert [item["name"] for item in form.answers()["adjuntos"]] == ["carta.pdf", "foto.png"]
    assert {item["media_type"] for item in form.answers()["adjuntos"]} == {"application/pdf", "image/png"}

    # folios and a missing requirement become the observation
    page.pages.setFocus()
    page.pages.selectAll()
    qtbot.keyClicks(page.pages, "3")
    assert page.pages.value() == 3
    first_requirement = page.requirement_boxes[0][1]
    qtbot.mouseClick(
        first_requirement, Qt.MouseButton.LeftButton, pos=QPoint(5, first_requirement.height() // 2)
    )
    assert page.observations().startswith("Falta: Documento de identidad")

    # review: readable labels, not stored values
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.review
    text = window.review.text()
    for expected in (
        "Rosa",
        "Quispe Mamani",
        "Registro Civil",
        "Puno / Puno / Puno",
        "carta.pdf",
        "foto.png",
        "Falta: Documento de identidad",
        "Ana Torres",
    ):
        assert expected in text
    assert "registro-civil" not in text
    assert "210101" not in text
    window.grab().save(str(artifacts_dir / "ui-03-review.png"))

    # save off the UI thread (keyboard: the save button has the focus), then the receipt
    assert window.review.save_button.hasFocus()
    qtbot.keyClick(window.review.save_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.receipt)
    detail = window.last_detail
    assert detail is not None
    assert detail.answers["dni"] == VALID_DNI
    assert detail.receipt.pages == 3
    assert detail.row.tracking_code in window.receipt.title.text()
    pdf = window.receipt.view.save_pdf(tmp_path / "cargo.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    settle(qtbot)
    window.grab().save(str(artifacts_dir / "ui-04-receipt.png"))

    # the list shows the new row; search by DNI and by code; open it
    window.tabs.setCurrentWidget(window.list_view)
    model = window.list_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.cells[0][0] == detail.row.tracking_code
    assert model.cells[0][5] == "Pendiente"
    type_into(qtbot, window.list_view.search, "99999999")
    qtbot.keyClick(window.list_view.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not model.loading)
    assert model.rowCount() == 0
    window.list_view.search.clear()
    type_into(qtbot, window.list_view.search, VALID_DNI)
    qtbot.keyClick(window.list_view.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not model.loading)
    settle(qtbot)
    window.grab().save(str(artifacts_dir / "ui-05-list.png"))
    window.list_view.open_index(model.index(0, 0))
    qtbot.waitUntil(lambda: bool(window.list_view.dialogs))
    dialog = window.list_view.dialogs[-1]
    assert "Quispe Mamani" in dialog.answers.toPlainText()
    reprint = dialog.receipt.save_pdf(tmp_path / "reimpresion.pdf", "thermal")
    assert reprint.read_bytes().startswith(b"%PDF")


def test_draft_survives_a_restart(qtbot, backend, tmp_path):
    window = open_window(qtbot, backend)
    window.chooser.select("libro-reclamaciones")
    window.chooser.start()
    form = window.capture.form_view
    with qtbot.waitSignal(window.draft_did_save, timeout=10_000):
        type_into(qtbot, form.row("nombres").editor.edit, "Juan")
    window.close()

    again = open_window(qtbot, reopen_backend(backend, tmp_path))
    qtbot.waitUntil(lambda: again.chooser.drafts.count() == 1)
    assert "Libro de reclamaciones" in again.chooser.drafts.item(0).text()
    qtbot.mouseClick(again.chooser.resume_button, Qt.MouseButton.LeftButton)
    assert again.capture.form_view.row("nombres").editor.value() == "Juan"
    assert again.capture.form_view.answers()["tipo_documento"] == "dni"


def test_saving_deletes_the_draft(qtbot, backend):
    window = open_window(qtbot, backend)
    window.chooser.select("libro-reclamaciones")
    window.chooser.start()
    page = window.capture
    form = page.form_view
    form.set_answers(
        {
            "tipo_documento": "dni",
            "dni": VALID_DNI,
            "nombres": "Juan",
            "apellidos": "Pérez",
            "celular": "987654321",
            "oficina": "rentas",
            "fecha_hecho": "2026-01-05",
            "descripcion": "Me atendieron tarde y sin explicaciones claras.",
            "pedido": "Una disculpa.",
        }
    )
    with qtbot.waitSignal(window.draft_did_save, timeout=10_000):
        page.notes.setPlainText("Entregó sus documentos en sobre cerrado.")
    assert [d.id for d in backend.drafts()] == [page.draft_id]
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.review, form.result.errors
    qtbot.mouseClick(window.review.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.last_detail is not None)
    assert backend.drafts() == []
    assert "sobre cerrado" in window.last_detail.receipt.observations
