"""The form renderer on its own: every field type, repeats, relevance, errors, keyboard and names."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QGroupBox, QLabel, QRadioButton

from desktop.ui.form import FormView, review_lines
from desktop.ui.form.attachment_editor import AttachmentEditor
from desktop.ui.form.editors import CheckboxesEditor, ChoiceButtonsEditor, ComboEditor, DateEditor, LineEditor
from desktop.ui.form.ubigeo_editor import UbigeoEditor
from desktop.ui.tasks import ops_in_flight
from shared.forms import demo_catalog_dir, load_service, load_services
from tests.desktop.test_ui_support import VALID_DNI, tiny_pdf


def demo(service_id: str):
    return next(s for s in load_services(demo_catalog_dir()) if s.id == service_id)


def custom_service():
    """A small form with a repeat that may grow, a calculation and relevance inside the repeat."""
    raw = json.loads((demo_catalog_dir() / "encuesta-satisfaccion.json").read_text(encoding="utf-8"))
    raw["id"] = "prueba-hijos"
    raw["form"] = {
        "version": 3,
        "fields": [
            {"name": "tiene_hijos", "type": "yes_no", "label": {"es": "¿Tiene hijos?"}, "required": True},
            {
                "name": "hijos",
                "type": "repeat",
                "label": {"es": "Hijo"},
                "relevant": "${tiene_hijos} = true()",
                "min_repeat": 1,
                "max_repeat": 3,
                "fields": [
                    {
                        "name": "hijo_nombre",
                        "type": "text",
                        "label": {"es": "Nombre del hijo"},
                        "required": True,
                    },
                    {"name": "hijo_edad", "type": "integer", "label": {"es": "Edad"}, "min": 0, "max": 17},
                    {
                        "name": "hijo_colegio",
                        "type": "text",
                        "label": {"es": "Colegio"},
                        "relevant": "${hijo_edad} >= 6",
                    },
                ],
            },
            {
                "name": "total_hijos",
                "type": "integer",
                "label": {"es": "Total"},
                "calculation": "count(${hijo_nombre})",
            },
        ],
    }
    return load_service(raw)


def make_view(qtbot, form) -> FormView:
    view = FormView(form)
    qtbot.addWidget(view)
    view.resize(800, 900)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    return view


def test_every_field_type_gets_its_widget(qtbot, artifacts_dir):
    posesion = make_view(qtbot, demo("certificado-posesion").form)
    assert isinstance(posesion.row("dni").editor, LineEditor)
    assert isinstance(posesion.row("distrito").editor, UbigeoEditor)
    assert isinstance(posesion.row("servicios").editor, CheckboxesEditor)
    assert isinstance(posesion.row("declaracion_jurada").editor, ChoiceButtonsEditor)
    assert isinstance(posesion.row("croquis").editor, AttachmentEditor)
    note = posesion.row("aviso_inspeccion")
    assert note.editor is None
    assert isinstance(note.label, QLabel)
    assert note.label.text()
    matrimonio = make_view(qtbot, demo("matrimonio-civil").form)
    assert isinstance(matrimonio.row("c1_fecha_certificado_medico").editor, DateEditor)
    assert matrimonio.row("c1_fecha_certificado_medico").editor.edit.calendarPopup()
    boxes = [b.title() for b in matrimonio.findChildren(QGroupBox)]
    assert boxes == ["Contrayente 1", "Contrayente 2", "Testigos (n.º 1)", "Testigos (n.º 2)"]
    libro = make_view(qtbot, demo("libro-reclamaciones").form)
    assert isinstance(libro.row("oficina").editor, ComboEditor)  # appearance: dropdown
    assert isinstance(libro.row("tipo_documento").editor, ChoiceButtonsEditor)
    matrimonio.reveal_errors()
    matrimonio.ensureWidgetVisible(matrimonio.repeat("testigos"))
    qtbot.wait(20)
    matrimonio.grab().save(str(artifacts_dir / "ui-06-form-group-repeat.png"))
    posesion.ensureWidgetVisible(posesion.row("declaracion_jurada"))
    qtbot.wait(20)
    posesion.grab().save(str(artifacts_dir / "ui-07-form-choices.png"))


def test_values_come_back_in_the_validator_shape(qtbot):
    view = make_view(qtbot, demo("certificado-posesion").form)
    view.row("area_m2").editor.edit.setText("120,5")
    view.row("anios_posesion").editor.edit.setText("12")
    boxes = view.row("servicios").editor.boxes
    boxes[0][1].setChecked(True)
    boxes[2][1].setChecked(True)
    view.row("declaracion_jurada").editor.buttons[0][1].setChecked(True)
    view.row("distrito").editor.set_value("080101")
    answers = view.answers()
    assert answers["area_m2"] == "120,5"
    assert answers["servicios"] == [boxes[0][0], boxes[2][0]]
    assert answers["declaracion_jurada"] is True
    assert answers["distrito"] == "080101"
    assert [c.currentText() for c in view.row("distrito").editor.combos] == ["Cusco", "Cusco", "Cusco"]
    cleaned = view.validate().cleaned
    assert cleaned["area_m2"] == 120.5
    assert cleaned["anios_posesion"] == 12
    text = {line.label: line.text for line in review_lines(view.form, cleaned)}
    assert text["Distrito"] == "Cusco / Cusco / Cusco"
    assert text[view.row("declaracion_jurada").label.text().rstrip(" *")] == "Sí"
    assert boxes[0][1].text() in text[view.row("servicios").label.text().rstrip(" *")]


def test_out_of_range_and_constraint_errors_show_after_touch(qtbot):
    view = make_view(qtbot, demo("certificado-posesion").form)
    years = view.row("anios_posesion")
    years.editor.edit.setFocus()
    qtbot.keyClicks(years.editor.edit, "150")
    assert years.error.isHidden()  # not touched yet
    qtbot.keyClick(years.editor.edit, Qt.Key.Key_Tab)
    assert years.error.text() == "⚠ El valor debe estar entre 0 y 100."
    view.row("declaracion_jurada").editor.buttons[1][1].setChecked(True)  # "No" breaks ". = true()"
    assert view.row("declaracion_jurada").error.isVisibleTo(view)


def test_repeat_add_remove_relevance_and_calculation(qtbot):
    view = make_view(qtbot, custom_service().form)
    repeat = view.repeat("hijos")
    assert not repeat.isVisibleTo(view)  # hidden until "Sí"
    view.row("tiene_hijos").editor.buttons[0][1].setChecked(True)
    assert repeat.isVisibleTo(view)
    assert len(repeat.instances) == 1
    assert not repeat.remove_buttons[0].isEnabled()  # min_repeat 1
    qtbot.mouseClick(repeat.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(repeat.add_button, Qt.MouseButton.LeftButton)
    assert len(repeat.instances) == 3
    assert not repeat.add_button.isEnabled()
    for index, name in enumerate(["Ana", "Luis", "Eva"]):
        view.row(f"hijos[{index}].hijo_nombre").editor.edit.setText(name)
    view.row("hijos[1].hijo_edad").editor.edit.setText("8")
    assert view.row("hijos[1].hijo_colegio").isVisibleTo(view)
    assert not view.row("hijos[0].hijo_colegio").isVisibleTo(view)
    assert view.row("total_hijos").editor.edit.text() == "3"
    qtbot.mouseClick(repeat.remove_buttons[0], Qt.MouseButton.LeftButton)
    assert [i["hijo_nombre"] for i in view.answers()["hijos"]] == ["Luis", "Eva"]
    assert view.row("hijos[0].hijo_colegio").isVisibleTo(view)  # Luis (8) moved to index 0
    assert view.row("total_hijos").editor.edit.text() == "2"
    view.row("hijos[1].hijo_edad").editor.edit.setText("30")
    assert not view.reveal_errors()
    assert "entre 0 y 17" in view.row("hijos[1].hijo_edad").error.text()
    lines = review_lines(view.form, view.validate().cleaned)
    assert [line.label for line in lines if line.heading] == ["Hijo (n.º 1)", "Hijo (n.º 2)"]


def test_tab_order_follows_the_document_also_through_new_instances(qtbot):
    view = make_view(qtbot, custom_service().form)
    view.row("tiene_hijos").editor.buttons[0][1].setChecked(True)
    view.repeat("hijos").add_button.click()
    first = view.row("hijos[0].hijo_nombre").editor.edit
    first.setFocus()
    order = [QApplication.focusWidget()]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[:3] == [
        first,
        view.row("hijos[0].hijo_edad").editor.edit,
        view.repeat("hijos").remove_buttons[0],
    ]
    assert order[2].text() == "Quitar: Hijo (n.º 1)"
    assert order[3] is view.row("hijos[1].hijo_nombre").editor.edit, order


def test_every_control_has_an_accessible_name_and_required_is_spoken(qtbot):
    for service in load_services(demo_catalog_dir()):
        view = make_view(qtbot, service.form)
        for row in view.root.rows():
            if row.editor is None:
                continue
            for control in row.editor.controls():
                assert control.accessibleName(), (service.id, row.path)
            if row.field.required is True:
                assert row.label.text().endswith(" *")
                assert "(obligatorio)" in row.editor.controls()[0].accessibleName()
            if row.field.hint:
                assert row.editor.controls()[0].toolTip()


def test_date_today_button_and_clear(qtbot):
    view = make_view(qtbot, demo("libro-reclamaciones").form)
    row = view.row("fecha_hecho")
    assert row.editor.value() is None
    qtbot.mouseClick(row.editor.today_button, Qt.MouseButton.LeftButton)
    assert row.editor.value() == date.today().isoformat()
    row.editor.edit.setDate(QDate.currentDate().addDays(3))
    view.reveal_errors()
    assert row.error.text() == "⚠ La fecha no puede ser posterior a hoy."
    qtbot.mouseClick(row.editor.clear_button, Qt.MouseButton.LeftButton)
    assert row.editor.value() is None
    assert row.error.text() == "⚠ Este dato es obligatorio."


def test_attachment_size_and_count_are_checked_before_accepting(qtbot, tmp_path):
    view = make_view(qtbot, demo("libro-reclamaciones").form)  # PDF/JPG/PNG, 20 MB, at most 5
    row = view.row("adjuntos")
    big = tmp_path / "escaneo.pdf"
    tiny_pdf(big)
    with big.open("r+b") as handle:
        handle.truncate(21 * 1024 * 1024)
    refused = row.editor.add_files([big])
    assert refused == ["escaneo.pdf: El archivo pesa 21.0 MB; el máximo es 20 MB."]
    assert "pesa 21.0 MB" in row.error.text()
    files = [tiny_pdf(tmp_path / f"doc{i}.pdf") for i in range(6)]
    refused = row.editor.add_files(files)
    assert refused == ["doc5.pdf: Adjunte como máximo 5 archivos."]
    qtbot.waitUntil(lambda: ops_in_flight() == 0 and not row.editor.hashing)
    assert len(view.answers()["adjuntos"]) == 5
    assert len(view.attachment_inputs()) == 5
    row.editor.list.setCurrentRow(0)
    row.editor.remove_button.click()
    assert [a.name for a in view.attachment_inputs()] == [f"doc{i}.pdf" for i in range(1, 5)]


@pytest.mark.parametrize(("lang", "expected"), [("es", "Nombres"), ("qu", "Sutiyki"), ("en", "Given names")])
def test_labels_follow_the_chosen_language(qtbot, lang, expected):
    view = FormView(demo("libro-reclamaciones").form, lang)
    qtbot.addWidget(view)
    assert view.row("nombres").label.text() == expected + " *"


def test_select_one_with_few_choices_is_radio_and_many_is_combo(qtbot):
    view = make_view(qtbot, demo("solicitud-general").form)
    assert view.row("tipo_documento").editor.findChildren(QRadioButton)
    assert view.row("oficina_destino").editor.findChildren(QComboBox)
    assert not view.row("oficina_destino").editor.findChildren(QCheckBox)
    view.row("dni").editor.edit.setText(VALID_DNI)
    assert view.answers()["dni"] == VALID_DNI
