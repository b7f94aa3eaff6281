"""The local list: paging through backend.search off the UI thread, search, sync states, opening one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ops.api import SubmissionRow
from desktop.ui.models.submissions_table_model import SubmissionsTableModel, row_cells
from desktop.ui.submissions_view import SubmissionsView
from tests.desktop.test_ui_support import make_backend, save_complaint


def double_click(widget: QWidget, pos: QPointF) -> None:
    """A real press/release/double-click sequence (QTest.mouseDClick sends no double-click event here)."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, buttons in (
        (QEvent.Type.MouseButtonPress, left),
        (QEvent.Type.MouseButtonRelease, none),
        (QEvent.Type.MouseButtonDblClick, left),
        (QEvent.Type.MouseButtonRelease, none),
    ):
        event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), left, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)


@pytest.fixture
def backend(tmp_path):
    backend = make_backend(tmp_path)
    for index, name in enumerate(["Ana", "Beto", "Carla", "Dario", "Elena"]):
        save_complaint(backend, name, f"4{index:07d}")
    return backend


def test_model_pages_with_fetch_more(qtbot, backend):
    model = SubmissionsTableModel(backend, page_size=2)
    model.set_query("")
    qtbot.waitUntil(lambda: model.rowCount() == 2 and not model.loading)
    assert model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # one page at a time
    qtbot.waitUntil(lambda: model.rowCount() == 4 and not model.loading)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 5 and not model.loading)
    assert not model.canFetchMore()
    assert model.exhausted
    codes = [model.data(model.index(row, 0)) for row in range(5)]
    assert len(set(codes)) == 5
    assert {model.row_at(model.index(r, 0)).applicant_name.split()[0] for r in range(5)} == {
        "Ana",
        "Beto",
        "Carla",
        "Dario",
        "Elena",
    }


def test_a_new_search_drops_late_pages_of_the_old_one(qtbot, backend):
    model = SubmissionsTableModel(backend, page_size=2)
    model.set_query("")
    model.set_query("Carla")  # before the first page arrives
    qtbot.waitUntil(lambda: not model.loading)
    qtbot.wait(100)
    assert [model.row_at(model.index(r, 0)).applicant_name.split()[0] for r in range(model.rowCount())] == [
        "Carla"
    ]


def test_sync_states_read_in_spanish():
    base = SubmissionRow(
        "01J",
        "7K3Q-00001-A",
        "s",
        "Solicitud general",
        "Rosa Quispe",
        "45781236",
        datetime(2026, 11, 23, 15, 0, tzinfo=UTC),
        date(2026, 12, 7),
        "pending",
        None,
        None,
    )
    assert row_cells(base)[5] == "Pendiente"
    assert row_cells(base)[2] == "Rosa Quispe (45781236)"
    assert row_cells(base)[4] == "07/12/2026"
    sent = replace(base, sync_state="sent", last_status="En evaluación")
    assert row_cells(sent)[5:] == ("Enviado", "En evaluación")
    rejected = replace(base, sync_state="rejected", sync_error="Trámite desconocido en el servidor")
    assert row_cells(rejected)[5] == "Rechazado: Trámite desconocido en el servidor"


def test_search_box_finds_by_code_dni_and_name_and_opens_by_double_click(qtbot, backend):
    view = SubmissionsView(backend)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 5 and view.total == 5)
    assert "5 solicitud(es)" in view.count_label.text()
    code = view.model.rows[2].tracking_code
    for text, expected in ((code, code), ("40000003", None), ("elena", None)):
        view.search.clear()
        qtbot.keyClicks(view.search, text)
        qtbot.waitUntil(
            lambda t=text: view.model.query == t and view.model.rowCount() == 1 and not view.model.loading,
            timeout=3000,
        )
        if expected:
            assert view.model.rows[0].tracking_code == expected
    assert view.model.rows[0].applicant_name.startswith("Elena")
    double_click(view.table.viewport(), QPointF(view.table.visualRect(view.model.index(0, 0)).center()))
    qtbot.waitUntil(lambda: bool(view.dialogs))
    qtbot.wait(50)
    assert len(view.dialogs) == 1
    dialog = view.dialogs[-1]
    assert dialog.detail.row.tracking_code == view.model.rows[0].tracking_code
    assert "Elena" in dialog.answers.toPlainText()
    assert dialog.tabs.tabText(1) == "Cargo (reimprimir)"


def test_enter_on_a_row_opens_it(qtbot, backend):
    view = SubmissionsView(backend)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    view.table.setFocus()
    view.table.selectRow(1)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(view.dialogs))
    assert view.dialogs[-1].detail.row.id == view.model.rows[1].id
