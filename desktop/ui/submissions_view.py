"""The local list (search, paging) and the window that shows one saved submission."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.ops.api import DesktopBackend, SubmissionDetail
from desktop.ui.form import review_lines
from desktop.ui.form.review import lines_html
from desktop.ui.models.submissions_table_model import SubmissionsTableModel, sync_text
from desktop.ui.receipt_view import ReceiptView
from desktop.ui.tasks import run_op

SEARCH_DELAY_MS = 300


class SubmissionsView(QWidget):
    """Search box over the table of submissions saved on this device."""

    submission_did_open = Signal(object)  # SubmissionDetail

    def __init__(self, backend: DesktopBackend, lang: str = "es", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend, self.lang = backend, lang
        self.model = SubmissionsTableModel(backend)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Buscar por N.º de registro, DNI o nombre"))
        self.search.setAccessibleName(self.tr("Buscar solicitudes"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Solicitudes registradas en este equipo"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.open_button = QPushButton(self.tr("Ver / reimprimir"))
        self.open_button.setAccessibleName(self.tr("Ver la solicitud elegida y reimprimir su cargo"))
        self.count_label = QLabel()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.table.activated.connect(self.open_index)  # double-click or Enter, as the platform does it
        self.open_button.clicked.connect(lambda: self.open_index(self.table.currentIndex()))
        self.model.rows_did_load.connect(self._loaded)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.dialogs: list[SubmissionDialog] = []
        self.total: int | None = None

    def run_search(self) -> None:
        self.timer.stop()
        self.refresh()

    def refresh(self) -> None:
        text = self.search.text()
        self.model.set_query(text)
        run_op(self, lambda: self.backend.count(text), self._counted)

    def _counted(self, total: int) -> None:
        self.total = total
        self._loaded()

    def _loaded(self) -> None:
        total = "…" if self.total is None else str(self.total)
        self.count_label.setText(
            self.tr("{0} solicitud(es); mostrando {1}.").format(total, self.model.rowCount())
        )
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.row_at(index)
        run_op(
            self,
            lambda: self.backend.submission(row.id),
            self.show_detail,
            progress_label=self.tr("Abriendo…"),
        )

    def show_detail(self, detail: SubmissionDetail) -> None:
        dialog = SubmissionDialog(detail, self.lang, self)
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.show()
        self.submission_did_open.emit(detail)


class SubmissionDialog(QDialog):
    """One saved submission: its answers, sync state and history, and its receipt (reprint)."""

    def __init__(self, detail: SubmissionDetail, lang: str = "es", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        row = detail.row
        self.setWindowTitle(self.tr("Solicitud {0}").format(row.tracking_code))
        header = QLabel(
            f"<b>{escape(row.tracking_code)}</b> — {escape(row.service_title)}<br>"
            + escape(
                self.tr("Sincronización: {0} · Estado: {1}").format(sync_text(row), row.last_status or "—")
            )
        )
        header.setWordWrap(True)
        self.answers = QTextBrowser()
        self.answers.setAccessibleName(self.tr("Datos de la solicitud"))
        history = [
            (str(item.get("at", "")), str(item.get("status", item.get("event", ""))))
            for item in detail.history
        ]
        self.answers.setHtml(lines_html(review_lines(detail.service.form, detail.answers, lang), history))
        self.receipt = ReceiptView(detail.receipt)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.answers, self.tr("Datos"))
        self.tabs.addTab(self.receipt, self.tr("Cargo (reimprimir)"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.resize(720, 760)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
